"""Small helpers the rule modules share: reading answers, finding URLs, walking the
fields of a record whatever its kind. Nothing here reports; rules decide."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from dpglint.kinds import RecordKind
from dpglint.loader import pointer_join

# Values that fill a field without saying anything.
PLACEHOLDERS = frozenset(
    {
        "",
        "-",
        "--",
        "n/a",
        "na",
        "n.a.",
        "none",
        "null",
        "nil",
        "tbd",
        "todo",
        "tba",
        "not applicable",
        "unknown",
        "...",
        "…",
        "?",
        "xxx",
    }
)

URL_PATTERN = re.compile(r"https?://[^\s<>\"'\]\[)(,;]+", re.IGNORECASE)
_WHOLE_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)

ANSWERS = ("Yes", "No", "Unknown")


def get(data: Any, path: str) -> Any:
    """The value at a slash-separated ``path`` ("doNoHarm/preventHarm/x"), or None."""
    current = data
    for token in path.split("/"):
        if isinstance(current, dict):
            current = current.get(token)
        elif isinstance(current, list) and token.isdigit() and int(token) < len(current):
            current = current[int(token)]
        else:
            return None
    return current


def pointer(path: str) -> str:
    """The JSON pointer of a slash-separated field path ("a/b" -> "/a/b")."""
    return "/" + path if path else ""


def answer(data: Any, path: str) -> str | None:
    """A Yes/No/Unknown answer at ``path``: ``None`` when absent or empty, else the value
    with surrounding space removed (other values are returned as written)."""
    value = get(data, path)
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip()


def is_placeholder(value: Any) -> bool:
    return isinstance(value, str) and value.strip().lower() in PLACEHOLDERS


def has_text(value: Any) -> bool:
    """A string that says something (not empty, not a placeholder such as "n/a")."""
    return isinstance(value, str) and not is_placeholder(value)


def has_items(value: Any) -> bool:
    """A list with at least one item that says something (a bare string counts too)."""
    if isinstance(value, str):
        return has_text(value)
    if isinstance(value, list):
        return any(has_text(v) if isinstance(v, str) else v not in (None, {}, []) for v in value)
    return False


def is_url(value: Any) -> bool:
    """The whole string (ignoring surrounding space) is one http(s) URL."""
    return isinstance(value, str) and _WHOLE_URL.match(value.strip()) is not None


def find_urls(text: str) -> list[str]:
    return [m.group().rstrip(".") for m in URL_PATTERN.finditer(text)]


def record_types(data: Any) -> list[str]:
    """The record's ``type`` values (software, data, content, standard, aimodel)."""
    types = data.get("type") if isinstance(data, dict) else None
    return [t for t in types if isinstance(t, str)] if isinstance(types, list) else []


def has_nominee_fields(kind: RecordKind | None) -> bool:
    return kind in (RecordKind.NOMINEE, RecordKind.MERGED)


def has_screening_fields(kind: RecordKind | None) -> bool:
    return kind in (RecordKind.SCREENING, RecordKind.MERGED)


@dataclass(frozen=True, slots=True)
class LicenseEntry:
    """One declared license, whatever the record shape."""

    pointer: str  # of the entry
    id_pointer: str
    license_id: Any
    url_pointer: str
    url: Any


def licenses(data: Any, kind: RecordKind | None) -> Iterator[LicenseEntry]:
    """The declared licenses: ``license[]`` (nominee, merged) or ``openlicenses[]`` (app)."""
    if not isinstance(data, dict):
        return
    if kind is RecordKind.APP:
        field, id_key, url_key = "openlicenses", "openLicense", "openLicenseEvidenceURLs"
    else:
        field, id_key, url_key = "license", "spdx", "licenseURL"
    entries = data.get(field)
    if not isinstance(entries, list):
        return
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        base = pointer_join(pointer_join("", field), index)
        yield LicenseEntry(
            pointer=base,
            id_pointer=pointer_join(base, id_key),
            license_id=entry.get(id_key),
            url_pointer=pointer_join(base, url_key),
            url=entry.get(url_key),
        )


def organizations(data: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(pointer, organization)`` for every organization object of the record."""
    entries = data.get("organizations") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return
    for index, entry in enumerate(entries):
        if isinstance(entry, dict):
            yield pointer_join("/organizations", index), entry


def strings(data: Any, base: str = "") -> Iterator[tuple[str, str]]:
    """Every ``(pointer, string)`` in ``data``, depth first, in document order."""
    if isinstance(data, str):
        yield base, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, pointer_join(base, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings(value, pointer_join(base, index))


# The fields that hold URLs, per record kind, as pointer patterns ("*" = any array index).
URL_FIELDS: dict[RecordKind, tuple[str, ...]] = {
    RecordKind.NOMINEE: (
        "/website",
        "/license/*/licenseURL",
        "/SDGs/*/evidenceURL",
        "/repositories/*/url",
        "/organizations/*/website",
    ),
    RecordKind.SCREENING: (
        "/clearOwnership/copyrightURL",
        "/documentation/documentationURL/*",
        "/doNoHarm/inappropriateIllegalContent/policyGuidelinesDocumentationLink",
    ),
    RecordKind.MERGED: (
        "/website",
        "/license/*/licenseURL",
        "/SDGs/*/evidenceURL",
        "/repositories/*/url",
        "/organizations/*/website",
        "/clearOwnership/copyrightURL",
        "/documentation/documentationURL/*",
        "/doNoHarm/inappropriateIllegalContent/policyGuidelinesDocumentationLink",
        "/stewardship/steward/website",
        "/stewardship/fiscalHome/website",
        "/stewardship/governanceURL",
        "/stewardship/roadmapURL",
        "/businessModel/funders/*/website",
        "/businessModel/sustainabilityPlanURL",
        "/interoperability/openStandards/*/conformanceURL",
        "/interoperability/apiSpecs/*/url",
        "/community/contributingURL",
        "/community/codeOfConductURL",
        "/community/supportURL",
        "/community/deployments/*/url",
        "/community/localPartners/*/website",
    ),
    RecordKind.APP: (
        "/website",
        "/repositories/*/url",
        "/organizations/*/website",
        "/openlicenses/*/openLicenseEvidenceURLs",
    ),
}


def _expand(data: Any, tokens: list[str], base: str) -> Iterator[tuple[str, Any]]:
    if not tokens:
        yield base, data
        return
    head, rest = tokens[0], tokens[1:]
    if head == "*":
        if isinstance(data, list):
            for index, item in enumerate(data):
                yield from _expand(item, rest, pointer_join(base, index))
    elif isinstance(data, dict) and head in data:
        yield from _expand(data[head], rest, pointer_join(base, head))


def url_fields(data: Any, kind: RecordKind | None) -> Iterator[tuple[str, Any]]:
    """``(pointer, value)`` of every URL field present in the record, in document order
    of the patterns above."""
    if kind is None:
        return
    for pattern in URL_FIELDS[kind]:
        yield from _expand(data, pattern[1:].split("/"), "")
