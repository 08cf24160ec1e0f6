from __future__ import annotations

from dpglint.cli import main

main()
