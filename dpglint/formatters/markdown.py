"""Markdown for a GitHub job summary (``$GITHUB_STEP_SUMMARY``): a verdict, the readiness
tables per DPG Standard indicator and insight, skipped scopes, then the findings by
severity with their citations. Text from records and paths is escaped."""

from __future__ import annotations

import re

from dpglint.catalogue import load_catalogue
from dpglint.formatters import FormatOptions
from dpglint.formatters.text import clean, summary_line
from dpglint.model import (
    INDICATOR_STATES,
    INDICATORS,
    INSIGHT_STATES,
    INSIGHTS,
    Finding,
    Report,
    Severity,
)

INDICATOR_ICONS = {"evidenced": "✅", "missing": "⚠️", "failing": "❌", "unknown": "❔"}
INSIGHT_ICONS = {"met": "✅", "unmet": "⚠️", "unknown": "❔"}
SEVERITY_HEADINGS = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Info"}

_SPECIAL = re.compile(r"([\\`*_\[\]|~$])")
_NEWLINES = re.compile(r"\s*[\r\n]+\s*")


def escape(text: str) -> str:
    """``text`` as literal inline markdown: HTML and markdown punctuation escaped,
    newlines folded, so that it cannot end a table cell or a list item."""
    text = clean(_NEWLINES.sub(" ", text))  # control characters shown as escapes
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text)


def _verdict(report: Report) -> str:
    counts = report.severity_counts()
    icon = "✅"
    if counts[Severity.ERROR]:
        icon = "❌"
    elif counts[Severity.WARNING]:
        icon = "⚠️"
    elif counts[Severity.INFO]:
        icon = "\u2139\ufe0f"  # information source
    return f"{icon} {summary_line(report)}"


def _readiness(report: Report) -> list[str]:
    assessed = [f.readiness for f in report.files if f.readiness is not None]
    if not assessed:
        return []
    citations = load_catalogue().citations
    indicator_titles = {n: escape(citations[f"standard-{n}"].title) for n in INDICATORS}
    insight_titles = {k: escape(citations[k].title) for k in INSIGHTS}
    if len(assessed) == 1 and len(report.files) == 1:
        readiness = assessed[0]
        lines = [
            f"### DPG Standard readiness of {escape(report.files[0].path)}",
            "",
            "| | Indicator | State |",
            "|---|---|---|",
        ]
        for n in INDICATORS:
            state = readiness.indicators[n]
            lines.append(f"| {n} | {indicator_titles[n]} | {INDICATOR_ICONS[state]} {state} |")
        lines += ["", "### Insights of the report", "", "| | Insight | State |", "|---|---|---|"]
        for k in INSIGHTS:
            state = readiness.insights[k]
            lines.append(f"| #{k[-1]} | {insight_titles[k]} | {INSIGHT_ICONS[state]} {state} |")
        return lines
    totals = report.readiness_totals()
    records = f"{totals.files} record{'' if totals.files == 1 else 's'}"
    head = " | ".join(f"{INDICATOR_ICONS[s]} {s}" for s in INDICATOR_STATES)
    lines = [
        f"### DPG Standard readiness over {records}",
        "",
        f"| | Indicator | {head} |",
        "|---|---|" + "---:|" * len(INDICATOR_STATES),
    ]
    for n in INDICATORS:
        counts = " | ".join(str(totals.indicators[n][s]) for s in INDICATOR_STATES)
        lines.append(f"| {n} | {indicator_titles[n]} | {counts} |")
    head = " | ".join(f"{INSIGHT_ICONS[s]} {s}" for s in INSIGHT_STATES)
    lines += [
        "",
        f"### Insights of the report over {records}",
        "",
        f"| | Insight | {head} |",
        "|---|---|" + "---:|" * len(INSIGHT_STATES),
    ]
    for k in INSIGHTS:
        counts = " | ".join(str(totals.insights[k][s]) for s in INSIGHT_STATES)
        lines.append(f"| #{k[-1]} | {insight_titles[k]} | {counts} |")
    return lines


def _skipped(report: Report) -> list[str]:
    scopes = report.skipped_scopes()
    notes = list(dict.fromkeys(n for f in report.files for n in f.notes))
    if not scopes and not notes:
        return []
    lines = ["### Not checked", ""]
    for scope, (rules, files, reasons) in scopes.items():
        lines.append(
            f"- **{scope}**: {rules} rule{'' if rules == 1 else 's'} on "
            f"{files} file{'' if files == 1 else 's'}: {escape('; '.join(reasons))}"
        )
    lines += [f"- Note: {escape(note)}" for note in notes]
    return lines


def _finding(finding: Finding) -> list[str]:
    where = escape(f"{finding.path}:{finding.line}:{finding.column}")
    lines = [
        f"- **{escape(finding.rule_id)}** {escape(finding.slug)} at {where} — "
        f"{escape(finding.message)}"
    ]
    if finding.hint:
        lines.append(f"  - Hint: {escape(finding.hint)}")
    if finding.citations:
        lines.append("  - Cites: " + "; ".join(escape(c.short) for c in finding.citations))
    if finding.waiver is not None:
        waiver = finding.waiver
        until = f" until {waiver.expires}" if waiver.expires else ""
        source = f" ({escape(waiver.source)})" if waiver.source else ""
        lines.append(f"  - Waived{until}: {escape(waiver.reason)}{source}")
    return lines


#: findings listed per group: GitHub keeps at most 1 MiB of job summary per step, so a
#: registry-sized run lists the first ones and points to the SARIF and JSON outputs
MAX_LISTED = 300


def _listed(group: list[Finding], noun: str) -> list[str]:
    lines: list[str] = []
    for finding in group[:MAX_LISTED]:
        lines += _finding(finding)
    if len(group) > MAX_LISTED:
        lines += [
            "",
            f"… and {len(group) - MAX_LISTED} more {noun}: the SARIF (`--sarif`) and JSON "
            "(`--format json`) outputs hold every finding.",
        ]
    return lines


def _findings(report: Report) -> list[str]:
    active = report.active()
    lines: list[str] = []
    for severity in sorted(Severity, reverse=True):
        group = [f for f in active if f.severity is severity]
        if group:
            heading = SEVERITY_HEADINGS[severity]
            lines += ["", f"### {heading} ({len(group)})", ""]
            lines += _listed(group, heading.lower())
    waived = [f for f in report.findings if f.waiver is not None]
    if waived:
        lines += ["", "<details>", f"<summary>Waived ({len(waived)})</summary>", ""]
        lines += _listed(waived, "waived findings")
        lines += ["", "</details>"]
    return lines


def _most_errors(report: Report) -> list[str]:
    ranked = report.most_errors() if len(report.files) > 1 else []
    if not ranked:
        return []
    lines = ["### Files with the most errors", "", "| errors | file |", "|---:|---|"]
    lines += [f"| {errors} | {escape(path)} |" for path, errors in ranked]
    return lines


def format_markdown(report: Report, options: FormatOptions) -> str:
    lines = ["## dpglint report", "", _verdict(report)]
    for block in (_readiness(report), _skipped(report), _most_errors(report)):
        if block:
            lines += ["", *block]
    lines += _findings(report)
    return "\n".join(lines) + "\n"
