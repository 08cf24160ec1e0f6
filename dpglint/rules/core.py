"""Parse and schema rules (family S): the file is readable, unambiguous, of a known
record kind, and valid against the schema of that kind."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from dpglint.kinds import KIND_DESCRIPTIONS
from dpglint.loader import pointer_join
from dpglint.rules import rule
from dpglint.schemas import is_valid_fast, validator_for_kind

if TYPE_CHECKING:
    from dpglint.engine import Record, Reporter
    from dpglint.model import Finding

_JSON_TYPES = {
    dict: "an object",
    list: "an array",
    str: "a string",
    bool: "a boolean",
    int: "a number",
    float: "a number",
    type(None): "null",
}


def shorten(value: Any, limit: int = 60) -> str:
    text = repr(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


@rule("S001", needs_record=False)
def parse_error(record: Record, report: Reporter) -> Iterator[Finding]:
    error = record.document.error
    if error is not None:
        yield report("", error.message, position=(error.line, error.column))


@rule("S002", needs_record=False)
def duplicate_key(record: Record, report: Reporter) -> Iterator[Finding]:
    for dup in record.document.duplicate_keys():
        yield report(
            pointer_join(dup.pointer, dup.key),
            f"key {dup.key!r} appears more than once in this object (first on line "
            f"{dup.first_line}); only the last value is used",
            position=(dup.line, dup.column),
        )


@rule("S003", needs_record=False)
def unknown_record_kind(record: Record, report: Reporter) -> Iterator[Finding]:
    if not record.document.ok or record.kind is not None:
        return
    data = record.data
    if not isinstance(data, dict):
        found = _JSON_TYPES.get(type(data), type(data).__name__)
        yield report("", f"the document is {found}, not an object: a DPG record is an object")
        return
    kinds = "; ".join(f"{k.value}: {d}" for k, d in KIND_DESCRIPTIONS.items())
    yield report(
        "",
        "not a DPG record: none of the keys of a nominee, screening, merged or app-API "
        "record is present",
        hint=f"check that this is the right file, or force a kind with --kind ({kinds})",
    )


# ---------------------------------------------------------------- S004 schema-violation


def _type_names(expected: Any) -> str:
    names = expected if isinstance(expected, list) else [expected]
    return " or ".join(str(n) for n in names)


_HOST_LIKE = re.compile(r"^[\w-]+(\.[\w-]+)+(/\S*)?$")


def _uri_hint(instance: Any) -> str:
    """What to write instead of a value that is not a URI."""
    from dpglint.rules._common import find_urls

    text = instance.strip() if isinstance(instance, str) else ""
    urls = find_urls(text)
    if len(urls) == 1:
        return f"write only the URL: {urls[0]}"
    if len(urls) > 1:
        return "write one URL per field; put the others where the record has room for them"
    if _HOST_LIKE.match(text):
        return f"write the full URL: https://{text}"
    return "write a full URL with its scheme, e.g. https://…"


def _describe_enum(instance: Any, allowed: list[Any]) -> tuple[str, str | None, bool, str | None]:
    options = [str(o) for o in allowed]
    if len(options) <= 8:
        hint = "use one of: " + ", ".join(options)
    else:
        close = difflib.get_close_matches(str(instance), options, n=3, cutoff=0.5)
        hint = (
            f"closest allowed values: {', '.join(close)}"
            if close
            else f"use one of the {len(options)} allowed values"
        )
    return f"{shorten(instance)} is not an allowed value", hint, False, None


def _describe(error: Any) -> tuple[str, str | None, bool, str | None]:
    """Message, hint, whether to point at a key, and the offending key for one error."""
    keyword = error.validator
    instance = error.instance
    value = error.validator_value
    if keyword == "required":
        missing = re.match(r"^'(.*)' is a required property$", error.message)
        name = missing.group(1) if missing else str(error.message)
        return f"missing required property {name!r}", f"add {name!r} to this object", False, name
    if keyword in ("additionalProperties", "unevaluatedProperties"):
        allowed = list((error.schema.get("properties") or {}).keys())
        patterns = [re.compile(p) for p in (error.schema.get("patternProperties") or {})]
        extras = (
            [k for k in instance if k not in allowed and not any(p.search(k) for p in patterns)]
            if isinstance(instance, dict)
            else []
        )
        if not extras:
            return error.message, None, False, None
        first = extras[0]
        names = ", ".join(repr(k) for k in extras)
        noun = "property" if len(extras) == 1 else "properties"
        close = difflib.get_close_matches(first, allowed, n=1)
        hint = (
            f"did you mean {close[0]!r}?"
            if close
            else (f"allowed here: {', '.join(allowed)}" if allowed else "remove it")
        )
        return f"unknown {noun} {names}", hint, True, first
    if keyword == "enum":
        return _describe_enum(instance, value)
    if keyword == "type":
        found = _JSON_TYPES.get(type(instance), type(instance).__name__)
        return f"expected {_type_names(value)}, found {found}", None, False, None
    if keyword == "format":
        uri_hint = _uri_hint(instance) if value == "uri" else None
        return f"{shorten(instance)} is not a valid {value}", uri_hint, False, None
    if keyword == "minItems":
        count = len(instance) if isinstance(instance, list) else 0
        noun = "item" if value == 1 else "items"
        return f"expected at least {value} {noun}, found {count}", None, False, None
    if keyword == "uniqueItems":
        return "the items of this array must be unique; some are repeated", None, False, None
    if keyword in ("anyOf", "oneOf") and error.context:
        enums = [e for e in error.context if e.validator == "enum" and not e.relative_path]
        if len(enums) == len(error.context):
            # several allowed lists for one value: describe them as one
            merged = [o for e in enums for o in e.validator_value]
            return _describe_enum(instance, merged)
        from jsonschema.exceptions import best_match

        return _describe(best_match(error.context))
    return shorten(error.message, 200), None, False, None


def _schema_errors(record: Record) -> list[tuple[str, Any]]:
    assert record.kind is not None
    if is_valid_fast(record.kind, record.data):
        return []  # valid: jsonschema, which explains errors, is not needed
    validator = validator_for_kind(record.kind)
    errors = sorted(
        validator.iter_errors(record.data),
        key=lambda e: ([str(p) for p in e.absolute_path], e.validator),
    )
    result = []
    for error in errors:
        pointer = ""
        for part in error.absolute_path:
            pointer = pointer_join(pointer, part)
        result.append((pointer, error))
    return result


def schema_errors(record: Record) -> list[tuple[str, Any]]:
    """``(pointer, jsonschema error)`` of every schema error of the record, computed
    once per record (S004 reports them; other rules leave those values alone)."""
    return record.cached("schema errors", _schema_errors)


@rule("S004")
def schema_violation(record: Record, report: Reporter) -> Iterator[Finding]:
    for pointer, error in schema_errors(record):
        message, hint, at_key, key = _describe(error)
        if key is not None:
            # a missing property is located at its parent mapping, an unknown one at its key
            yield report(
                pointer_join(pointer, key),
                message,
                hint=hint,
                at_key=at_key,
                position=None if at_key else record.document.locate(pointer),
            )
        else:
            yield report(pointer, message, hint=hint)


# ---------------------------------------------------------------- S005 indicator-unanswered

# screening block -> the indicators it answers, and an example to write
SCREENING_BLOCKS: dict[str, tuple[tuple[str, ...], str]] = {
    "clearOwnership": (("3",), '{"isOwnershipExplicit": "Yes", "copyrightURL": "https://…"}'),
    "platformIndependence": (("4",), '{"mandatoryDepsCreateMoreRestrictions": "No"}'),
    "documentation": (
        ("5",),
        '{"isDocumentationAvailable": "Yes", "documentationURL": ["https://…"]}',
    ),
    "NonPII": (("6",), '{"collectsNonPII": "Yes", "nonPIIAccessMechanism": "CSV and JSON export"}'),
    "privacy": (
        ("7",),
        '{"isPrivacyCompliant": "Yes", "privacyComplianceList": ["GDPR"], '
        '"adherenceSteps": ["https://…/privacy"]}',
    ),
    "standards": (
        ("8",),
        '{"supportStandards": "Yes", "standardsList": ["…"], '
        '"evidenceStandardSupport": ["https://…"], "implementBestPractices": "Yes", '
        '"bestPracticesList": ["…"]}',
    ),
    "doNoHarm": (
        ("9", "9a", "9b", "9c"),
        "preventHarm, dataPrivacySecurity, inappropriateIllegalContent and "
        "protectionFromHarassment answers",
    ),
}


@rule("S005")
def indicator_unanswered(record: Record, report: Reporter) -> Iterator[Finding]:
    data = record.data
    for block, (indicators, example) in SCREENING_BLOCKS.items():
        if block in data:
            continue
        cited = tuple(
            c for c in report.spec.citations if c.key in {f"standard-{n}" for n in indicators}
        )
        names = ", ".join(f"{c.label} ({c.title})" for c in cited)
        yield report(
            f"/{block}",
            f"no answer for DPG Standard {names}: the {block!r} block is absent",
            hint=f"add {block!r}: {example}",
            citations=cited,
            tags=tuple(f"standard:{n}" for n in indicators),
        )
