"""The values that flow through dpglint: severities, citations, findings, reports."""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """How much a finding matters; ordered so that ``ERROR > WARNING > INFO``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {text!r} (expected one of: error, warning, info)"
            ) from None


@dataclass(frozen=True, slots=True)
class Citation:
    """A source a rule rests on: a lesson or insight of the report, or a Standard indicator."""

    key: str
    source: str  # "report" or "standard"
    section: str
    label: str  # e.g. "MOSIP Lesson #2", "Insight #1", "Indicator 9a"
    title: str  # quoted exactly from the source

    @property
    def short(self) -> str:
        return f'{self.label}: "{self.title}"'


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in one file: the single value every rule returns and every
    formatter reads."""

    rule_id: str
    slug: str
    severity: Severity
    message: str
    path: str
    line: int
    column: int
    pointer: str
    hint: str = ""
    citations: tuple[Citation, ...] = ()
    tags: tuple[str, ...] = ()

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.rule_id, self.message)


@dataclass(slots=True)
class FileReport:
    """What dpglint found in one file."""

    path: str
    kind: str | None
    findings: list[Finding] = field(default_factory=list)
    #: ids of the rules that applied to this file, for the readiness summary: an
    #: indicator or insight no applicable rule speaks to is "unknown", not "met"
    rules_run: tuple[str, ...] = ()


@dataclass(slots=True)
class Report:
    """The result of one run: every file looked at, with its findings."""

    files: list[FileReport] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return sorted((f for fr in self.files for f in fr.findings), key=lambda f: f.sort_key)

    def severity_counts(self) -> dict[Severity, int]:
        counts = Counter(f.severity for fr in self.files for f in fr.findings)
        return {sev: counts.get(sev, 0) for sev in sorted(Severity, reverse=True)}

    def worst(self) -> Severity | None:
        return max((f.severity for fr in self.files for f in fr.findings), default=None)

    def exit_code(self, fail_on: Severity | None) -> int:
        """0 when no finding reaches ``fail_on`` (``None`` means never fail), else 1."""
        worst = self.worst()
        if fail_on is None or worst is None:
            return 0
        return 1 if worst >= fail_on else 0
