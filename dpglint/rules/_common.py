"""Small helpers the rule modules share: reading answers, finding URLs, walking the
fields of a record whatever its kind, and the few finding shapes several families
share (an unmet answer, a "Yes" without its evidence). Rules decide what to report."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dpglint.kinds import RecordKind
from dpglint.loader import pointer_join
from dpglint.rules.core import shorten

if TYPE_CHECKING:
    from dpglint.engine import Record, Reporter
    from dpglint.model import Finding

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
_CANONICAL_ANSWERS = {a.lower(): a for a in ANSWERS}


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


def field_name(path: str) -> str:
    """The name a field path ends in ("standards/standardsList" -> "standardsList")."""
    return path.rsplit("/", 1)[-1]


def answer(data: Any, path: str) -> str | None:
    """A Yes/No/Unknown answer at ``path``: ``None`` when absent or empty, else the value
    with surrounding space removed (other values are returned as written)."""
    value = get(data, path)
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip()


def canonical_answer(data: Any, path: str) -> str | None:
    """The Yes/No/Unknown answer at ``path`` in its canonical spelling (" yes" -> "Yes"),
    or ``None`` when absent, not a string or not one of the three answers (the schema
    rules report those)."""
    value = get(data, path)
    if not isinstance(value, str):
        return None
    return _CANONICAL_ANSWERS.get(value.strip().lower())


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


def text_of(value: Any) -> str | None:
    """The string without surrounding space, or None when it says nothing."""
    return value.strip() if isinstance(value, str) and has_text(value) else None


def blank_state(value: Any) -> str | None:
    """How a string or list that says nothing reads in a message ("is empty", "is only
    the placeholder 'n/a'", "is an empty list", "holds only empty strings"), or ``None``
    for a value it does not word (``None``, other types, a list with other items): the
    caller words those, as its family does."""
    if isinstance(value, str):
        return "is empty" if not value.strip() else f"is only the placeholder {shorten(value)}"
    if isinstance(value, list):
        if not value:
            return "is an empty list"
        if all(isinstance(v, str) and not v.strip() for v in value):
            return "holds only an empty string" if len(value) == 1 else "holds only empty strings"
        if len(value) == 1 and is_placeholder(value[0]):
            return f"holds only the placeholder {shorten(value[0])}"
    return None


def record_types(data: Any) -> list[str]:
    """The record's ``type`` values (software, data, content, standard, aimodel)."""
    types = data.get("type") if isinstance(data, dict) else None
    return [t for t in types if isinstance(t, str)] if isinstance(types, list) else []


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


def organizations(
    data: Any, *, of_type: str | None = None, lone_object: bool = False
) -> list[tuple[str, dict[str, Any]]]:
    """``(pointer, organization)`` for every organization object of the record (only
    those whose org_type is ``of_type``, when given). With ``lone_object``, one object
    written where the list belongs counts as one organization; without, it counts as
    none."""
    entries = data.get("organizations") if isinstance(data, dict) else None
    if lone_object and isinstance(entries, dict):
        found = [("/organizations", entries)]
    elif isinstance(entries, list):
        found = [
            (pointer_join("/organizations", i), e)
            for i, e in enumerate(entries)
            if isinstance(e, dict)
        ]
    else:
        return []
    return [(p, o) for p, o in found if of_type is None or org_type(o) == of_type]


def org_type(org: dict[str, Any]) -> str | None:
    """An organization's org_type, stripped and in lower case ("owner", "funder"…)."""
    value = org.get("org_type")
    return value.strip().lower() if isinstance(value, str) else None


def org_name(org: dict[str, Any]) -> str | None:
    """An organization's name without surrounding space, or None when it says nothing."""
    return text_of(org.get("name"))


def name_key(name: str) -> str:
    """A name compared loosely: case, spaces and punctuation do not count."""
    return re.sub(r"[\W_]+", "", name.casefold())


def example(record: Record, key: str, value: Any) -> str:
    """``key: value`` as it would be written in this record's own syntax (for hints)."""
    text = json.dumps(value, ensure_ascii=False)
    return f'"{key}": {text}' if record.document.format == "json" else f"{key}: {text}"


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


# ------------------------------------------------------------------ finding shapes


def unmet_answer(
    record: Record,
    report: Reporter,
    path: str,
    requirements: Mapping[str, str],
    *,
    hint: str,
    name: str | None = None,
    as_written: bool = False,
) -> Iterator[Finding]:
    """One finding at ``path`` when its answer (canonically spelled) is a key of
    ``requirements``: "<name> is '<answer>': <requirements[answer]>". ``name`` defaults
    to the field's own name; ``as_written`` quotes the answer as the record spells it
    ("no") rather than canonically ("No")."""
    given = canonical_answer(record.data, path)
    if given is None or given not in requirements:
        return
    shown = answer(record.data, path) if as_written else given
    message = f"{name or field_name(path)} is {shown!r}: {requirements[given]}"
    yield report(pointer(path), message, hint=hint)


def yes_without_evidence(
    record: Record,
    report: Reporter,
    answer_path: str,
    evidence_path: str,
    *,
    state: Callable[[Any, str], str],
    requirement: str,
    hint: str,
    lead: str | None = None,
    says_something: Callable[[Any], bool] = has_items,
) -> Iterator[Finding]:
    """One finding at ``evidence_path`` when the answer at ``answer_path`` is "Yes" but
    the evidence does not ``says_something``: "<lead> but <state>: <requirement>", where
    ``state(value, evidence field name)`` words the evidence and ``lead`` defaults to
    "<answer field name> is 'Yes'"."""
    if canonical_answer(record.data, answer_path) != "Yes":
        return
    value = get(record.data, evidence_path)
    if says_something(value):
        return
    lead = lead or f"{field_name(answer_path)} is 'Yes'"
    message = f"{lead} but {state(value, field_name(evidence_path))}: {requirement}"
    yield report(pointer(evidence_path), message, hint=hint)


@dataclass(frozen=True, slots=True)
class BlockGap:
    """Where a merged record's extension block (``stewardship``, ``businessModel``,
    ``community``) leaves one of its fields unsaid: the block itself when it is absent
    or not an object (``whole_block``), else the field."""

    block: str
    pointer: str  # "/block" or "/block/field"
    value: Any  # what stands there: the block's value, or the field's
    whole_block: bool

    @property
    def state(self) -> str:
        """How the gap reads in a message: "no stewardship block", "stewardship is not
        an object"; for a field, "is missing" or "says nothing ('n/a')"."""
        if not self.whole_block:
            return "is missing" if self.value is None else f"says nothing ({shorten(self.value)})"
        if self.value is None:
            return f"no {self.block} block"
        return f"{self.block} is not an object"


def block_field_gap(
    data: Any, block: str, field: str, says_something: Callable[[Any], bool]
) -> BlockGap | None:
    """The gap when ``block.field`` does not ``says_something`` (or the block is absent
    or not an object), or ``None`` when the field says something."""
    value = data.get(block) if isinstance(data, dict) else None
    if not isinstance(value, dict):
        return BlockGap(block, pointer(block), value, whole_block=True)
    current = value.get(field)
    if says_something(current):
        return None
    return BlockGap(block, pointer_join(pointer(block), field), current, whole_block=False)
