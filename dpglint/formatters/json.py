"""Machine-readable output: a versioned document described by
``schemas/output.schema.json``. Bump :data:`OUTPUT_VERSION` on any incompatible change."""

from __future__ import annotations

import json
from typing import Any

from dpglint import __version__
from dpglint.formatters import FormatOptions
from dpglint.model import Finding, Readiness, Report

OUTPUT_VERSION = "1.5"


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.rule_id,
        "slug": finding.slug,
        "severity": str(finding.severity),
        "message": finding.message,
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "pointer": finding.pointer,
        "hint": finding.hint,
        "citations": [
            {
                "key": c.key,
                "source": c.source,
                "section": c.section,
                "label": c.label,
                "title": c.title,
            }
            for c in finding.citations
        ],
        "tags": list(finding.tags),
        "waiver": None
        if finding.waiver is None
        else {
            "rule": finding.waiver.rule,
            "reason": finding.waiver.reason,
            "expires": finding.waiver.expires,
            "source": finding.waiver.source,
        },
    }


def _readiness(readiness: Readiness | None) -> dict[str, Any] | None:
    if readiness is None:
        return None
    return {"indicators": dict(readiness.indicators), "insights": dict(readiness.insights)}


def report_to_dict(report: Report) -> dict[str, Any]:
    counts = report.severity_counts()
    totals = report.readiness_totals()
    return {
        "version": OUTPUT_VERSION,
        "tool": {"name": "dpglint", "version": __version__},
        "files": [
            {
                "path": f.path,
                "pointer": f.pointer,
                "kind": f.kind,
                "findings": len(f.findings),
                "readiness": _readiness(f.readiness),
                "skipped": [
                    {"rule": s.rule_id, "scope": s.scope, "reason": s.reason} for s in f.skipped
                ],
                "notes": list(f.notes),
            }
            for f in report.files
        ],
        "findings": [finding_to_dict(f) for f in report.findings],
        "summary": {
            "files": len(report.files),
            "findings": sum(counts.values()),
            "waived": report.waived_count(),
            **{str(severity): count for severity, count in counts.items()},
            "rules": {
                rule_id: {"findings": findings, "files": files}
                for rule_id, (findings, files) in report.rule_counts().items()
            },
            "readiness": {"indicators": totals.indicators, "insights": totals.insights},
            "dpgs": [
                {
                    "id": dpg.record_id,
                    "files": list(dpg.files),
                    "readiness": _readiness(dpg.readiness),
                }
                for dpg in report.dpgs
            ],
            "most_errors": [{"path": p, "errors": n} for p, n in report.most_errors()],
            "skipped": {
                scope: {"rules": rules, "files": files, "reasons": reasons}
                for scope, (rules, files, reasons) in report.skipped_scopes().items()
            },
        },
    }


def format_json(report: Report, options: FormatOptions) -> str:
    return json.dumps(report_to_dict(report), indent=2, ensure_ascii=False) + "\n"
