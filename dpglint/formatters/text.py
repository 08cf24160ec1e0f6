"""Human-readable output, one finding per line like ruff: ``path:line:col: ID severity
message``, then a hint and the citation; then the readiness summary and a count."""

from __future__ import annotations

import re
from collections.abc import Iterator

from dpglint.catalogue import load_catalogue
from dpglint.formatters import FormatOptions
from dpglint.model import (
    INDICATOR_STATES,
    INDICATORS,
    INSIGHT_STATES,
    INSIGHTS,
    Report,
    Severity,
)


def _plural(count: int, noun: str) -> str:
    if noun == "info":
        return f"{count} info"
    return f"{count} {noun}{'' if count == 1 else 's'}"


def summary_line(report: Report) -> str:
    counts = report.severity_counts()
    total = sum(counts.values())
    files = len(report.files)
    waived = report.waived_count()
    waived_text = f" ({waived} waived)" if waived else ""
    if total == 0:
        return f"All checks passed: {_plural(files, 'file')}, no findings{waived_text}."
    with_findings = sum(1 for f in report.files if any(x.waiver is None for x in f.findings))
    parts = ", ".join(_plural(counts[s], str(s)) for s in sorted(Severity, reverse=True))
    return (
        f"Found {_plural(total, 'finding')} ({parts}) in {with_findings} of "
        f"{_plural(files, 'file')}{waived_text}."
    )


def _titles() -> tuple[dict[str, str], dict[str, str]]:
    citations = load_catalogue().citations
    indicators = {n: citations[f"standard-{n}"].title for n in INDICATORS}
    insights = {k: citations[k].title for k in INSIGHTS}
    return indicators, insights


def readiness_lines(report: Report) -> list[str]:
    """The readiness table: one file's states, or counts over several files."""
    assessed = [f for f in report.files if f.readiness is not None]
    if not assessed:
        return []
    indicator_titles, insight_titles = _titles()
    width = max(len(t) for t in (*indicator_titles.values(), *insight_titles.values())) + 2
    if len(assessed) == 1 and len(report.files) == 1:
        readiness = assessed[0].readiness
        assert readiness is not None
        lines = ["DPG Standard readiness:"]
        lines += [
            f"  {n:<4}{indicator_titles[n]:<{width}}{readiness.indicators[n]}" for n in INDICATORS
        ]
        lines.append("Insights of the report:")
        lines += [
            f"  #{k[-1]:<3}{insight_titles[k]:<{width}}{readiness.insights[k]}" for k in INSIGHTS
        ]
        return lines
    totals = report.readiness_totals()
    lines = [
        f"DPG Standard readiness over {_plural(totals.files, 'record')} "
        f"({' / '.join(INDICATOR_STATES)}):"
    ]
    for n in INDICATORS:
        counts = " / ".join(str(totals.indicators[n][s]) for s in INDICATOR_STATES)
        lines.append(f"  {n:<4}{indicator_titles[n]:<{width}}{counts}")
    lines.append(f"Insights of the report ({' / '.join(INSIGHT_STATES)}):")
    for k in INSIGHTS:
        counts = " / ".join(str(totals.insights[k][s]) for s in INSIGHT_STATES)
        lines.append(f"  #{k[-1]:<3}{insight_titles[k]:<{width}}{counts}")
    return lines


def statistics_lines(report: Report) -> list[str]:
    """Per rule: findings and files, most frequent first (like ``ruff --statistics``)."""
    catalogue = load_catalogue()
    counts = sorted(report.rule_counts().items(), key=lambda item: (-item[1][0], item[0]))
    lines = [f"{'findings':>8}  {'files':>5}  rule"]
    for rule_id, (findings, files) in counts:
        spec = catalogue.rules.get(rule_id)
        name = f"{rule_id} {spec.slug} ({spec.severity})" if spec else rule_id
        lines.append(f"{findings:>8}  {files:>5}  {name}")
    return lines


def skipped_lines(report: Report) -> list[str]:
    """The scopes this run did not have, and what could only partly be checked."""
    scopes = report.skipped_scopes()
    lines: list[str] = []
    if scopes:
        total = sum(rules for rules, _files, _reasons in scopes.values())
        lines.append(f"Skipped {_plural(total, 'rule')} whose evidence this run does not have:")
        for scope, (rules, _files, reasons) in scopes.items():
            lines.append(f"  {scope:<8}{_plural(rules, 'rule'):<10}{'; '.join(reasons)}")
    notes = [n for f in report.files for n in f.notes]
    lines += [f"note: {n}" for n in dict.fromkeys(notes)]
    return lines


def most_errors_lines(report: Report) -> list[str]:
    """For a run over several files: the files with the most errors."""
    if len(report.files) < 2:
        return []
    ranked = report.most_errors()
    if not ranked:
        return []
    lines = ["Files with the most errors:"]
    lines += [f"  {errors:>4}  {path}" for path, errors in ranked]
    return lines


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """Text safe for a terminal: control characters (ANSI escapes among them), line and
    paragraph separators and bidi overrides are shown as escapes, and a line break as
    a visible \\n; what metadata says cannot move the cursor or recolour the screen."""
    if text.isprintable():
        return text
    text = text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\t", " ")
    return _CONTROL.sub(
        lambda m: (
            f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"
        ),
        text,
    )


def iter_text(report: Report, options: FormatOptions) -> Iterator[str]:
    """The text output in chunks of lines, so that a registry-sized report is written
    as it is rendered instead of held twice in memory."""
    if options.statistics:
        yield "\n".join([*statistics_lines(report), "", summary_line(report)]) + "\n"
        return
    lines: list[str] = []
    any_line = False
    for finding in report.active():
        lines.append(
            f"{clean(finding.path)}:{finding.line}:{finding.column}: {finding.rule_id} "
            f"{finding.severity} {clean(finding.message)}\n"
        )
        if not options.quiet:
            if finding.hint:
                lines.append(f"  hint: {clean(finding.hint)}\n")
            if finding.citations:
                lines.append("  cites: " + "; ".join(c.short for c in finding.citations) + "\n")
        if len(lines) >= 2000:
            yield "".join(lines)
            lines.clear()
            any_line = True
    any_line = any_line or bool(lines)
    if not options.quiet:
        for block in (skipped_lines(report), readiness_lines(report), most_errors_lines(report)):
            if any_line and block:
                lines.append("\n")
            lines += [line + "\n" for line in block]
            any_line = any_line or bool(block)
        if any_line:
            lines.append("\n")
        lines.append(summary_line(report) + "\n")
    if lines:
        yield "".join(lines)


def format_text(report: Report, options: FormatOptions) -> str:
    return "".join(iter_text(report, options))
