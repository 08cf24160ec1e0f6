"""Record kinds, and how a record's kind is told from its content."""

from __future__ import annotations

import enum
from pathlib import PurePath
from typing import Any


class RecordKind(enum.StrEnum):
    NOMINEE = "nominee"
    SCREENING = "screening"
    MERGED = "merged"
    APP = "app"


KIND_DESCRIPTIONS = {
    RecordKind.NOMINEE: "DPGA registry nominee record (nominees/, archive/, excluded-nominees/)",
    RecordKind.SCREENING: "DPGA registry screening record (digitalpublicgoods/)",
    RecordKind.MERGED: "merged record: a project file (publicgoods.json/.yaml) or a DPGA API v0 "
    "record",
    RecordKind.APP: "DPGA app API record (/api/dpgs)",
}

PROJECT_FILE_NAMES = ("publicgoods.json", "publicgoods.yaml", "publicgoods.yml")

_NOMINEE_MARKERS = frozenset({"description", "license", "SDGs", "type", "stage"})
SCREENING_BLOCKS_KEYS = frozenset(
    {
        "clearOwnership",
        "platformIndependence",
        "documentation",
        "NonPII",
        "privacy",
        "standards",
        "doNoHarm",
        "locations",
    }
)
_EXTENSION_MARKERS = frozenset({"stewardship", "businessModel", "interoperability", "community"})
_APP_MARKERS = frozenset({"openlicenses", "sdgs", "categories"})

# fragments of a ``$schema`` value and the kind they name
_SCHEMA_HINTS = (
    ("screening-schema", RecordKind.SCREENING),
    ("nominee-schema", RecordKind.NOMINEE),
    ("merged-record", RecordKind.MERGED),
    ("app-record", RecordKind.APP),
)


def parse_kind(text: str) -> RecordKind:
    try:
        return RecordKind(text)
    except ValueError:
        names = ", ".join(k.value for k in RecordKind)
        raise ValueError(f"unknown record kind {text!r} (expected one of: {names})") from None


def detect_kind(data: Any, path: str | None = None) -> RecordKind | None:
    """Tell a record's kind from ``$schema``, its file name, then its keys.

    Returns ``None`` when the content is not recognisably a DPG record.
    """
    if not isinstance(data, dict):
        return None
    declared = data.get("$schema")
    if isinstance(declared, str):
        for fragment, kind in _SCHEMA_HINTS:
            if fragment in declared:
                return kind
    keys = data.keys()
    if not _APP_MARKERS.isdisjoint(keys):
        return RecordKind.APP
    nominee = not _NOMINEE_MARKERS.isdisjoint(keys)
    screening = not SCREENING_BLOCKS_KEYS.isdisjoint(keys)
    extension = not _EXTENSION_MARKERS.isdisjoint(keys)
    if (
        path is not None
        and PurePath(path).name.lower() in PROJECT_FILE_NAMES
        and (nominee or screening or extension)
    ):
        return RecordKind.MERGED
    if nominee:
        return RecordKind.MERGED if (screening or extension or "id" in keys) else RecordKind.NOMINEE
    if screening:
        return RecordKind.MERGED if extension else RecordKind.SCREENING
    if extension:
        return RecordKind.MERGED
    return None
