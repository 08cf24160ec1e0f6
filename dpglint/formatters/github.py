"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` annotation
per finding, then the summary, skipped scopes and readiness as plain log lines.

GitHub shows at most 10 error and 10 warning annotations per step; the rest stay in
the log only. Every finding is emitted anyway: the job summary
(``--format markdown``) and the SARIF upload hold them all. Waived findings are not
annotated; the summary line counts them apart.
"""

from __future__ import annotations

import re

from dpglint.formatters import FormatOptions
from dpglint.formatters.text import readiness_lines, skipped_lines, summary_line
from dpglint.model import Finding, Report, Severity

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """A command's message, escaped as ``escapeData`` in actions/toolkit command.ts."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A command property value, escaped as ``escapeProperty`` in actions/toolkit."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


_CONTROL = re.compile(r"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _controls(text: str) -> str:
    """Control characters other than CR and LF (which the escaping encodes) shown as
    escapes, so an ANSI sequence in metadata cannot recolour the log."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def annotation(finding: Finding) -> str:
    """The workflow command for one finding."""
    properties = {
        "file": finding.path,
        "line": str(finding.line),
        "col": str(finding.column),
        "title": f"{finding.rule_id} {finding.slug}",
    }
    joined = ",".join(
        f"{key}={escape_property(_controls(value))}" for key, value in properties.items()
    )
    message = finding.message + (f" — hint: {finding.hint}" if finding.hint else "")
    return f"::{COMMANDS[finding.severity]} {joined}::{escape_data(_controls(message))}"


def _plain(line: str) -> str:
    """A log line that the runner cannot read as a workflow command."""
    return line.replace("::", ": :", 1) if line.lstrip().startswith("::") else line


def format_github(report: Report, options: FormatOptions) -> str:
    lines = [annotation(f) for f in report.active()]
    if options.quiet:
        return "".join(line + "\n" for line in lines)
    trailer: list[str] = []
    for block in (skipped_lines(report), readiness_lines(report)):
        if (lines or trailer) and block:
            trailer.append("")
        trailer += block
    if lines or trailer:
        trailer.append("")
    trailer.append(summary_line(report))  # counts the waived findings apart
    return "\n".join([*lines, *(_plain(line) for line in trailer)]) + "\n"
