"""Human-readable output, one finding per line like ruff: ``path:line:col: ID severity
message``, then a hint and the citation, then a summary line."""

from __future__ import annotations

from dpglint.formatters import FormatOptions
from dpglint.model import Report, Severity


def _plural(count: int, noun: str) -> str:
    if noun == "info":
        return f"{count} info"
    return f"{count} {noun}{'' if count == 1 else 's'}"


def summary_line(report: Report) -> str:
    counts = report.severity_counts()
    total = sum(counts.values())
    files = len(report.files)
    if total == 0:
        return f"All checks passed: {_plural(files, 'file')}, no findings."
    with_findings = sum(1 for f in report.files if f.findings)
    parts = ", ".join(_plural(counts[s], str(s)) for s in sorted(Severity, reverse=True))
    return (
        f"Found {_plural(total, 'finding')} ({parts}) in {with_findings} of "
        f"{_plural(files, 'file')}."
    )


def format_text(report: Report, options: FormatOptions) -> str:
    lines: list[str] = []
    for finding in report.findings:
        lines.append(
            f"{finding.path}:{finding.line}:{finding.column}: {finding.rule_id} "
            f"{finding.severity} {finding.message}"
        )
        if options.quiet:
            continue
        if finding.hint:
            lines.append(f"  hint: {finding.hint}")
        if finding.citations:
            lines.append("  cites: " + "; ".join(c.short for c in finding.citations))
    if not options.quiet:
        if lines:
            lines.append("")
        lines.append(summary_line(report))
    return "\n".join(lines) + ("\n" if lines else "")
