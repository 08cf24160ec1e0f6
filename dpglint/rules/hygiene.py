"""(rules are being written)"""

from __future__ import annotations
