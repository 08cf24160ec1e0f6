"""Interoperability and platform independence rules (family I): the screening answers of
indicators 4 (platform independence), 6 (extracting non-PII data and content) and 8
(standards and best practices), and the ``interoperability`` block of a project file
(API specifications, conformance evidence for open standards)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from dpglint.loader import pointer_join
from dpglint.model import Severity
from dpglint.rules import rule
from dpglint.rules._common import (
    canonical_answer,
    field_name,
    get,
    has_text,
    pointer,
    record_types,
    text_of,
    unmet_answer,
    yes_without_evidence,
)
from dpglint.rules.core import shorten

if TYPE_CHECKING:
    from dpglint.engine import Record, Reporter
    from dpglint.model import Finding

_DEPS = "platformIndependence/mandatoryDepsCreateMoreRestrictions"
_INDEPENDENT = "platformIndependence/isSoftwarePltIndependent"
_INDEPENDENCE_DESC = "platformIndependence/pltIndependenceDesc"
_COLLECTS = "NonPII/collectsNonPII"
_CHECK_MECHANISM = "NonPII/checkNonPIIAccessMechanism"
_MECHANISM = "NonPII/nonPIIAccessMechanism"
_SUPPORT = "standards/supportStandards"
_STANDARDS = "standards/standardsList"
_EVIDENCE = "standards/evidenceStandardSupport"
_PRACTICES = "standards/implementBestPractices"
_PRACTICES_LIST = "standards/bestPracticesList"

# API description formats a record may name in its screening answers
_API_FORMATS = {
    name.lower(): name
    for name in ("OpenAPI", "Swagger", "AsyncAPI", "GraphQL", "gRPC", "WSDL", "RAML")
}
_API_FORMAT_PATTERN = re.compile(r"\b(" + "|".join(_API_FORMATS) + r")\b", re.IGNORECASE)


def _why_empty(value: Any, field: str) -> str:
    """How a field that says nothing is written: absent, empty, or a placeholder."""
    if value is None:
        return f"there is no {field}"
    if isinstance(value, str) and not value.strip():
        return f"{field} is empty"
    if isinstance(value, str):
        return f"{field} is only {shorten(value.strip())}"
    if isinstance(value, list):
        return f"{field} has no item with content"
    return f"{field} is {shorten(value)}, not text"


def _listed(value: Any, limit: int = 4) -> list[str]:
    """The items of a list answer that say something, shortened."""
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return [shorten(v.strip(), 40) for v in items if has_text(v)][:limit]


# ------------------------------------------------------------ indicator 4: platform


@rule("I001")
def closed_dependencies_without_alternatives(record: Record, report: Reporter) -> Iterator[Finding]:
    if canonical_answer(record.data, _INDEPENDENT) in ("No", "Unknown"):
        return  # I002 reports a negative or unknown independence answer
    yield from yes_without_evidence(
        record,
        report,
        _DEPS,
        _INDEPENDENCE_DESC,
        lead="mandatoryDepsCreateMoreRestrictions is 'Yes' (a mandatory dependency is more "
        "restrictive than the project's license)",
        state=_why_empty,
        says_something=has_text,
        requirement="the Standard asks for proof of independence from the closed component, "
        "or the open alternatives that replace it",
        hint="name each closed component and the open alternative that replaces it, and "
        "say how it is swapped in (configuration, adapter, interface)",
    )


@rule("I002")
def platform_independence_failing(record: Record, report: Reporter) -> Iterator[Finding]:
    data = record.data
    yield from unmet_answer(
        record,
        report,
        _DEPS,
        {
            "Unknown": "indicator 4 cannot be assessed until the project knows whether a "
            "mandatory dependency (library, service, hardware) is under terms more "
            "restrictive than its own license"
        },
        hint="review the licenses of the mandatory dependencies and answer Yes or No; "
        "if Yes, describe the open alternatives in pltIndependenceDesc",
    )
    independent = canonical_answer(data, _INDEPENDENT)
    if canonical_answer(data, _DEPS) != "Yes" or independent not in ("No", "Unknown"):
        return
    if independent == "No":
        message = (
            "a mandatory dependency is more restrictive than the project's license and "
            "isSoftwarePltIndependent is 'No': the open components cannot run without the "
            "closed one and no open alternative is offered, so indicator 4 is not met"
        )
    else:
        message = (
            "a mandatory dependency is more restrictive than the project's license and "
            "isSoftwarePltIndependent is 'Unknown': independence from the closed component "
            "is not demonstrated, as indicator 4 requires"
        )
    description = text_of(get(data, _INDEPENDENCE_DESC))
    if description is not None:
        message += f" (pltIndependenceDesc: {shorten(description)})"
    yield report(
        pointer(_INDEPENDENT),
        message,
        hint="make the closed component optional or replaceable by an open one, then "
        "answer Yes and describe the alternative in pltIndependenceDesc",
    )


# ------------------------------------------------------------ indicator 6: non-PII


@rule("I003")
def non_pii_export_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    requirement = (
        "the Standard asks how non-PII data and content are extracted or imported in a "
        "non-proprietary format"
    )
    if canonical_answer(record.data, _CHECK_MECHANISM) == "No":
        requirement += " (checkNonPIIAccessMechanism even says there is no such mechanism)"
    yield from yes_without_evidence(
        record,
        report,
        _COLLECTS,
        _MECHANISM,
        state=_why_empty,
        says_something=has_text,
        requirement=requirement,
        hint="describe the export/import mechanism and its formats, e.g. 'CSV and JSON "
        "export from the admin UI; REST API documented at <URL>'",
    )


@rule("I004")
def non_pii_unknown(record: Record, report: Reporter) -> Iterator[Finding]:
    yield from unmet_answer(
        record,
        report,
        _COLLECTS,
        {
            "Unknown": "indicator 6 cannot be assessed until the project says whether it "
            "collects or uses non-PII data or content"
        },
        hint="answer Yes (and describe how that data is exported in an open format) or No",
    )
    if canonical_answer(record.data, _COLLECTS) != "Yes":
        return
    yield from unmet_answer(
        record,
        report,
        _CHECK_MECHANISM,
        {
            "Unknown": "the project collects non-PII data or content but does not know "
            "whether it can be extracted in a non-proprietary format, which indicator 6 "
            "requires"
        },
        hint="check how the data leaves the system (CSV/JSON/XML export, an open API) "
        "and answer Yes with a description, or No",
    )


# ------------------------------------------------------------ indicator 8: standards


@rule("I005")
def standards_without_evidence(record: Record, report: Reporter) -> Iterator[Finding]:
    yield from yes_without_evidence(
        record,
        report,
        _SUPPORT,
        _STANDARDS,
        state=_why_empty,
        requirement="the Standard asks which open standards the project adheres to",
        hint="list the standards by name and version, e.g. 'FHIR R4', 'OpenID Connect "
        "1.0', 'WCAG 2.1 AA'",
    )
    named = _listed(get(record.data, _STANDARDS))
    claim = (
        f"naming standards ({', '.join(named)}) is a claim; " if named else "adherence is claimed; "
    )
    yield from yes_without_evidence(
        record,
        report,
        _SUPPORT,
        _EVIDENCE,
        state=_why_empty,
        requirement=f"{claim}the Standard asks for a demonstration of adherence",
        hint="link a validator result, an open test suite, a conformance report or "
        "certificate for each standard",
    )


@rule("I006")
def standards_not_adhered(record: Record, report: Reporter) -> Iterator[Finding]:
    """Indicator 8 asks for "standards, best practices and/or principles": it fails (an
    error on each negative answer) only when neither question is answered Yes. A single
    negative answer beside a Yes is reported, as information, only when its own list
    contradicts it."""
    data = record.data
    questions = (
        (_SUPPORT, _STANDARDS, "open standards", "standardsList", "link evidence"),
        (_PRACTICES, _PRACTICES_LIST, "best practices", "bestPracticesList", "show how"),
    )
    answers = {path: canonical_answer(data, path) for path, *_ in questions}
    failing = "Yes" not in answers.values()
    for path, list_path, what, list_name, evidence in questions:
        given = answers[path]
        if given not in ("No", "Unknown"):
            continue
        field = field_name(path)
        listed = _listed(get(data, list_path))
        if failing:
            state = "it is not known whether it does" if given == "Unknown" else "it does not"
            message = (
                f"{field} is {given!r}: indicator 8 requires adherence to relevant standards, "
                f"best practices and/or principles, and this answer says {state} for {what}"
            )
            if listed:
                message += f", although {list_name} names {', '.join(listed)}"
            hint = f"adopt and name the {what} that apply, then answer Yes and {evidence} it does"
            yield report(pointer(path), message, hint=hint)
        elif listed:
            yield report(
                pointer(path),
                f"{field} is {given!r} although {list_name} names {', '.join(listed)}: "
                "the answer and the list disagree (indicator 8 is met through the other "
                "question's Yes)",
                hint=f"if the project adheres to them, answer Yes and {evidence} it does; "
                "otherwise empty the list",
                severity=Severity.INFO,
            )


@rule("I007")
def best_practices_unlisted(record: Record, report: Reporter) -> Iterator[Finding]:
    yield from yes_without_evidence(
        record,
        report,
        _PRACTICES,
        _PRACTICES_LIST,
        state=_why_empty,
        requirement="the Standard asks which best practices and principles the project "
        "adheres to, with a demonstration",
        hint="list the practices or principles (e.g. the Principles for Digital "
        "Development, OWASP ASVS) and how the project follows them",
    )


# ------------------------------------------------------------ the interoperability block


def _api_mentions(data: Any) -> list[str]:
    """``"Swagger (in NonPII.nonPIIAccessMechanism)"`` for each API description format
    the record's screening answers name."""
    found: dict[str, str] = {}
    for path in (_STANDARDS, _EVIDENCE, _MECHANISM, _PRACTICES_LIST):
        value = get(data, path)
        texts = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        for text in texts:
            if isinstance(text, str):
                for match in _API_FORMAT_PATTERN.finditer(text):
                    name = _API_FORMATS[match.group(1).lower()]
                    found.setdefault(name, path.replace("/", "."))
    return [f"{name} (in {where})" for name, where in found.items()]


@rule("I008")
def api_spec_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    data = record.data
    if "software" not in record_types(data):
        return
    specs = get(data, "interoperability/apiSpecs")
    if isinstance(specs, list) and any(
        isinstance(s, dict) and has_text(s.get("url")) for s in specs
    ):
        return
    message = (
        "no machine-readable API specification is declared (interoperability.apiSpecs): "
        "documented interfaces are what let other systems integrate with this software "
        "and reuse it as part of a DPI"
    )
    mentions = _api_mentions(data)
    if mentions:
        message += f"; the record's answers mention {', '.join(mentions)}: list that spec"
    yield report(
        "/interoperability/apiSpecs",
        message,
        hint="add interoperability.apiSpecs: [{format: openapi, url: <link to the spec>}] "
        "(or asyncapi, graphql, grpc, json-schema, wsdl); software that offers no API to "
        "other systems (an end-user app, a game) can add I008 to 'ignore' in .dpglint.yaml",
    )


@rule("I009")
def open_standard_without_conformance(record: Record, report: Reporter) -> Iterator[Finding]:
    entries = get(record.data, "interoperability/openStandards")
    if not isinstance(entries, list):
        return
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or has_text(entry.get("conformanceURL")):
            continue
        name = text_of(entry.get("name"))
        label = shorten(name) if name is not None else "this open standard"
        base = pointer_join("/interoperability/openStandards", index)
        yield report(
            pointer_join(base, "conformanceURL") if "conformanceURL" in entry else base,
            f"{label} is named without conformanceURL: a standard named is a claim; a "
            "validator result, a test suite or a certificate is evidence",
            hint="add conformanceURL linking the validator output, conformance test run or "
            "certificate for this standard",
        )
