"""Machine-readable output: a versioned document described by
``schemas/output.schema.json``. Bump :data:`OUTPUT_VERSION` on any incompatible change."""

from __future__ import annotations

import json
from typing import Any

from dpglint import __version__
from dpglint.formatters import FormatOptions
from dpglint.model import Finding, Report

OUTPUT_VERSION = "1.0"


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
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    counts = report.severity_counts()
    return {
        "version": OUTPUT_VERSION,
        "tool": {"name": "dpglint", "version": __version__},
        "files": [
            {"path": f.path, "kind": f.kind, "findings": len(f.findings)} for f in report.files
        ],
        "findings": [finding_to_dict(f) for f in report.findings],
        "summary": {
            "files": len(report.files),
            "findings": sum(counts.values()),
            **{str(severity): count for severity, count in counts.items()},
        },
    }


def format_json(report: Report, options: FormatOptions) -> str:
    return json.dumps(report_to_dict(report), indent=2, ensure_ascii=False) + "\n"
