"""SARIF 2.1.0 output for code scanning: one run, every catalogue rule in ``rules[]``,
one result per finding (waived findings as accepted external suppressions), and the
readiness summary under ``runs[0].properties.readiness``."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from dpglint import __version__
from dpglint.catalogue import RuleSpec, load_catalogue
from dpglint.formatters import FormatOptions
from dpglint.model import Citation, Finding, Report, Severity

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://pypi.org/project/dpglint/"
#: ``docs/rules.md`` on the default branch; a rule's anchor is ``#{id}-{slug}`` (lower case)
RULES_DOC_URI = "https://github.com/dpglint/dpglint/blob/main/docs/rules.md"
FINGERPRINT_KEY = "dpglint/v1"

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def rule_help_uri(spec: RuleSpec) -> str:
    return f"{RULES_DOC_URI}#{spec.id.lower()}-{spec.slug}"


def _cited(spec: RuleSpec) -> list[Citation]:
    """The rule's citations, then those only some of its fields cite (as docs.py does)."""
    cited = list(spec.citations)
    for extra in spec.field_citations.values():
        cited += [c for c in extra if c not in cited]
    return cited


def _rule(spec: RuleSpec) -> dict[str, Any]:
    cited = _cited(spec)
    text = spec.remediation
    markdown = f"**How to fix.** {spec.remediation}"
    if cited:
        text += "\n\nCites:\n" + "\n".join(f"- {c.short} ({c.section})" for c in cited)
        markdown += "\n\n**Cites:**\n\n" + "\n".join(f"- {c.short} ({c.section})" for c in cited)
    markdown += f"\n\n[Rule documentation]({rule_help_uri(spec)})"
    return {
        "id": spec.id,
        "name": spec.slug,
        "shortDescription": {"text": spec.summary},
        "fullDescription": {"text": spec.rationale},
        "help": {"text": text, "markdown": markdown},
        "helpUri": rule_help_uri(spec),
        "defaultConfiguration": {"level": LEVELS[spec.severity]},
        "properties": {
            "tags": list(dict.fromkeys((*spec.tags, spec.family.name))),
            "scope": spec.scope,
        },
    }


def artifact_uri(path: str) -> str:
    """A finding's path as a URI: http(s) as is, absolute paths as ``file://``, relative
    paths percent-encoded with forward slashes."""
    if path.startswith(("http://", "https://")):
        return path
    if PurePosixPath(path).is_absolute():
        return PurePosixPath(path).as_uri()
    windows = PureWindowsPath(path)
    if windows.is_absolute():
        return windows.as_uri()
    return quote(path.replace("\\", "/"), safe="/")


def fingerprint(finding: Finding) -> str:
    """Identifies a finding without its line or column, so that edits elsewhere in the
    file do not make it a new alert."""
    key = "\0".join(
        (finding.rule_id, finding.path.replace("\\", "/"), finding.pointer, finding.message)
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _result(finding: Finding, rule_index: dict[str, int], occurrence: int) -> dict[str, Any]:
    text = finding.message + (f"\nHint: {finding.hint}" if finding.hint else "")
    region: dict[str, int] = {}
    if finding.line >= 1:
        region["startLine"] = finding.line
        if finding.column >= 1:
            region["startColumn"] = finding.column
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(finding.path)}}
    if region:
        physical["region"] = region
    result: dict[str, Any] = {"ruleId": finding.rule_id}
    if finding.rule_id in rule_index:
        result["ruleIndex"] = rule_index[finding.rule_id]
    result |= {
        "level": LEVELS[finding.severity],
        "message": {"text": text},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {FINGERPRINT_KEY: f"{fingerprint(finding)}:{occurrence}"},
        "properties": {
            "pointer": finding.pointer,
            "citations": [c.key for c in finding.citations],
            "tags": list(finding.tags),
        },
    }
    if finding.waiver is not None:
        waiver = finding.waiver
        suppression: dict[str, Any] = {
            "kind": "external",
            "status": "accepted",
            "justification": waiver.reason,
        }
        details = {"source": waiver.source, "expires": waiver.expires}
        properties = {k: v for k, v in details.items() if v}
        if properties:
            suppression["properties"] = properties
        result["suppressions"] = [suppression]
    return result


def _readiness(report: Report) -> dict[str, Any]:
    totals = report.readiness_totals()
    return {
        "files": [
            {
                "path": f.path,
                "indicators": dict(f.readiness.indicators),
                "insights": dict(f.readiness.insights),
            }
            for f in report.files
            if f.readiness is not None
        ],
        "totals": {
            "records": totals.files,
            "indicators": totals.indicators,
            "insights": totals.insights,
        },
    }


def report_to_sarif(report: Report) -> dict[str, Any]:
    specs = list(load_catalogue().rules.values())
    rule_index = {spec.id: index for index, spec in enumerate(specs)}
    seen: Counter[str] = Counter()
    results = []
    for finding in report.findings:
        digest = fingerprint(finding)
        seen[digest] += 1
        results.append(_result(finding, rule_index, seen[digest]))
    notes = list(dict.fromkeys(n for f in report.files for n in f.notes))
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "dpglint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule(spec) for spec in specs],
                    }
                },
                "invocations": [{"executionSuccessful": True}],
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {
                    "readiness": _readiness(report),
                    "skipped": {
                        scope: {"rules": rules, "files": files, "reasons": reasons}
                        for scope, (rules, files, reasons) in report.skipped_scopes().items()
                    },
                    "notes": notes,
                },
            }
        ],
    }


def format_sarif(report: Report, options: FormatOptions) -> str:
    return json.dumps(report_to_sarif(report), indent=2, ensure_ascii=False) + "\n"
