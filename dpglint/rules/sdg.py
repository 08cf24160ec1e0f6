"""SDG relevance rules (family G): indicator 1 asks for the MOST relevant SDGs and, for
each of them, a couple of sentences linking the solution to that SDG's targets."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dpglint.loader import pointer_join
from dpglint.rules import rule
from dpglint.rules._common import has_text
from dpglint.rules.core import shorten

if TYPE_CHECKING:
    from dpglint.engine import Record, Reporter
    from dpglint.model import Finding

#: the same evidence given for this many SDGs or more is generic evidence
REUSE_THRESHOLD = 3


@dataclass(frozen=True, slots=True)
class _Entry:
    pointer: str
    number: int | None  # None: absent or not an SDG number (the schema rules say so)
    data: dict[str, Any]

    @property
    def label(self) -> str:
        return f"SDG {self.number}" if self.number is not None else "this SDG entry"


def _sdg_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    return value if isinstance(value, int) and 1 <= value <= 17 else None


def _entries(data: Any) -> list[_Entry]:
    """The object entries of ``SDGs[]`` (other shapes are the schema rules' business)."""
    sdgs = data.get("SDGs") if isinstance(data, dict) else None
    if not isinstance(sdgs, list):
        return []
    return [
        _Entry(pointer_join("/SDGs", i), _sdg_number(e.get("SDGNumber")), e)
        for i, e in enumerate(sdgs)
        if isinstance(e, dict)
    ]


def _later_duplicates(entries: list[_Entry]) -> list[tuple[_Entry, _Entry]]:
    """``(duplicate, first)`` for every entry whose SDG number an earlier entry has."""
    first: dict[int, _Entry] = {}
    result = []
    for entry in entries:
        if entry.number is None:
            continue
        if entry.number in first:
            result.append((entry, first[entry.number]))
        else:
            first[entry.number] = entry
    return result


def _numbers(entries: list[_Entry]) -> str:
    labels = [str(e.number) if e.number is not None else "?" for e in entries]
    return ", ".join(labels)


@rule("G001")
def sdg_evidence_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    entries = _entries(record.data)
    duplicates = {id(dup) for dup, _ in _later_duplicates(entries)}  # G004 reports them
    for entry in entries:
        text, url = entry.data.get("evidenceText"), entry.data.get("evidenceURL")
        if id(entry) in duplicates or has_text(text) or has_text(url):
            continue
        given = [
            f"{name} is only {shorten(value.strip())}" if value.strip() else f"{name} is empty"
            for name, value in (("evidenceText", text), ("evidenceURL", url))
            if isinstance(value, str)
        ]
        state = "; ".join(given) if given else "neither evidenceText nor evidenceURL is given"
        yield report(
            entry.pointer,
            f"{entry.label} has no evidence ({state}): the Standard asks, for each SDG, how "
            "the solution advances that goal's targets",
            hint="add evidenceText: a sentence or two naming the SDG targets the solution "
            "advances and how (e.g. '3.8: patient records for 40 rural clinics'), and an "
            "evidenceURL that shows it",
        )


@rule("G002")
def sdg_list_too_long(record: Record, report: Reporter) -> Iterator[Finding]:
    entries = _entries(record.data)
    numbers = sorted({e.number for e in entries if e.number is not None})
    count = len(numbers) + sum(1 for e in entries if e.number is None)
    limit = record.options.max_sdgs
    if count <= limit:
        return
    listed = f" ({', '.join(map(str, numbers))})" if numbers else ""
    yield report(
        "/SDGs",
        f"{count} SDGs are listed{listed}, more than the limit of {limit}: the Standard "
        "asks for the MOST relevant SDGs, each with evidence at the level of its targets; "
        "DPGA reviewers pushed back on long lists",
        at_key=True,
        hint="keep the SDGs whose targets the solution directly advances and give evidence "
        "for each; if more are truly relevant, raise the limit in the configuration "
        "(limits: {max-sdgs: N})",
    )


def _text_key(value: Any) -> str | None:
    return " ".join(value.split()).casefold() if has_text(value) else None


def _url_key(value: Any) -> str | None:
    return value.strip().rstrip("/").casefold() if has_text(value) else None


def _groups(entries: list[_Entry], key: Any) -> dict[str, list[_Entry]]:
    groups: dict[str, list[_Entry]] = {}
    for entry in entries:
        value = key(entry)
        if value is not None:
            groups.setdefault(value, []).append(entry)
    return groups


@rule("G003")
def sdg_evidence_reused(record: Record, report: Reporter) -> Iterator[Finding]:
    """One finding per reused value, located at its first occurrence; the message lists
    every SDG that shares it. A shared evidenceURL counts only for the SDGs that have no
    evidenceText of their own (a common source page is fine when each SDG has its own
    sentences)."""
    entries = _entries(record.data)
    texts = _groups(entries, lambda e: _text_key(e.data.get("evidenceText")))
    urls = _groups(entries, lambda e: _url_key(e.data.get("evidenceURL")))

    def own_text(entry: _Entry) -> bool:
        key = _text_key(entry.data.get("evidenceText"))
        return key is not None and len(texts[key]) == 1

    covered: set[int] = set()
    for group in texts.values():
        if len(group) < REUSE_THRESHOLD:
            continue
        covered.update(id(e) for e in group)
        first = group[0]
        shared_url = {_url_key(e.data.get("evidenceURL")) for e in group}
        also = (
            " (with the same evidenceURL)"
            if len(shared_url) == 1 and None not in shared_url
            else ""
        )
        yield report(
            pointer_join(first.pointer, "evidenceText"),
            f"the same evidenceText{also} is given for {len(group)} SDGs ({_numbers(group)}): "
            f"{shorten(first.data['evidenceText'].strip())}; the same sentences cannot link "
            "the solution to each goal's own targets",
            hint="for each SDG, write what the solution does for that goal's targets "
            "(e.g. '16.9: legal identity for all'), or drop the SDGs it does not directly "
            "advance",
        )
    for group in urls.values():
        # SDGs whose only own evidence is this URL: no text, or text shared with another SDG
        generic = [e for e in group if id(e) not in covered and not own_text(e)]
        if len(generic) < REUSE_THRESHOLD:
            continue
        first = generic[0]
        yield report(
            pointer_join(first.pointer, "evidenceURL"),
            f"the same evidenceURL is the only evidence for {len(generic)} SDGs "
            f"({_numbers(generic)}): {shorten(first.data['evidenceURL'].strip(), 100)}; one page "
            "given for several goals is generic evidence, not a link to each goal's targets",
            hint="for each of these SDGs, add evidenceText naming the targets the solution "
            "advances, and link a page that shows it for that goal",
        )


@rule("G004")
def sdg_duplicate(record: Record, report: Reporter) -> Iterator[Finding]:
    for duplicate, first in _later_duplicates(_entries(record.data)):
        yield report(
            pointer_join(duplicate.pointer, "SDGNumber"),
            f"SDG {duplicate.number} is listed again (first at {first.pointer}): each SDG "
            "appears once, with all its evidence",
            hint="merge the evidence of both entries into the first one and delete this one",
        )
