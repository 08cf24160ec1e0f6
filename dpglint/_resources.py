"""Locate the data that ships with dpglint: ``schemas/`` and ``rules/``.

In a wheel they live inside the package (``dpglint/_data/``); in a checkout or an
editable install they are the top-level folders of the repository.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """Return the directory of bundled data ``name`` (``"schemas"`` or ``"rules"``)."""
    installed = _PACKAGE_DIR / "_data" / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE_DIR.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"dpglint data folder {name!r} is missing from this installation")
