"""The values that flow through dpglint: severities, citations, findings, reports."""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass, field
from typing import Any


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
class Waiver:
    """A configured exception: findings of ``rule`` in files matching ``path`` are waived
    for ``reason`` until ``expires`` (None: no end). ``source`` is where it is written
    (``.dpglint.yaml:12:5``)."""

    rule: str
    path: str
    reason: str
    expires: str | None = None  # ISO date
    source: str = ""


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
    #: set when a waiver in the configuration covers this finding: it stays in the JSON
    #: and SARIF output (as a suppression) but does not count for the exit code
    waiver: Waiver | None = None

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.rule_id, self.message)


INDICATORS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "9a", "9b", "9c")
INSIGHTS = ("insight-1", "insight-2", "insight-3", "insight-4", "insight-5")
INDICATOR_STATES = ("evidenced", "missing", "failing", "unknown")
INSIGHT_STATES = ("met", "unmet", "unknown")


@dataclass(frozen=True, slots=True)
class Readiness:
    """Per DPG Standard indicator: evidenced / missing / failing / unknown; per insight
    of the report: met / unmet / unknown (see :mod:`dpglint.readiness`)."""

    indicators: dict[str, str]
    insights: dict[str, str]


@dataclass(frozen=True, slots=True)
class ReadinessTotals:
    """How many files are in each state, per indicator and per insight."""

    files: int
    indicators: dict[str, dict[str, int]]
    insights: dict[str, dict[str, int]]


@dataclass(frozen=True, slots=True)
class SkippedRule:
    """A rule that applied to a file but could not run: its scope was not available."""

    rule_id: str
    scope: str
    reason: str


@dataclass(slots=True)
class FileReport:
    """What dpglint found in one file."""

    path: str
    kind: str | None
    findings: list[Finding] = field(default_factory=list)
    pointer: str = ""  # the record's place in its file ("/3" in a list of records)
    #: ids of the rules that applied to this file, for the readiness summary: an
    #: indicator or insight no applicable rule speaks to is "unknown", not "met"
    rules_run: tuple[str, ...] = ()
    readiness: Readiness | None = None
    skipped: tuple[SkippedRule, ...] = ()
    notes: tuple[str, ...] = ()  # evidence that could only partly be gathered


@dataclass(slots=True)
class Report:
    """The result of one run: every file looked at, with its findings, and the DPGs
    they make up (a screening record joined to its nominee is one DPG)."""

    files: list[FileReport] = field(default_factory=list)
    dpgs: list[Any] = field(default_factory=list)  # dpglint.registry.Dpg

    @property
    def findings(self) -> list[Finding]:
        return sorted((f for fr in self.files for f in fr.findings), key=lambda f: f.sort_key)

    def active(self) -> list[Finding]:
        """The findings no waiver covers: those that count."""
        return [f for f in self.findings if f.waiver is None]

    def waived_count(self) -> int:
        return sum(1 for fr in self.files for f in fr.findings if f.waiver is not None)

    def severity_counts(self) -> dict[Severity, int]:
        counts = Counter(f.severity for fr in self.files for f in fr.findings if f.waiver is None)
        return {sev: counts.get(sev, 0) for sev in sorted(Severity, reverse=True)}

    def worst(self) -> Severity | None:
        return max(
            (f.severity for fr in self.files for f in fr.findings if f.waiver is None),
            default=None,
        )

    def rule_counts(self) -> dict[str, tuple[int, int]]:
        """Per rule id: (number of findings, number of files it fires on), by id."""
        findings: Counter[str] = Counter()
        files: Counter[str] = Counter()
        for file_report in self.files:
            ids = [f.rule_id for f in file_report.findings if f.waiver is None]
            findings.update(ids)
            files.update(set(ids))
        return {rule_id: (findings[rule_id], files[rule_id]) for rule_id in sorted(findings)}

    def skipped_scopes(self) -> dict[str, tuple[int, int, list[str]]]:
        """Per scope: (rules skipped, files concerned, the distinct reasons)."""
        result: dict[str, tuple[set[str], set[str], list[str]]] = {}
        for file_report in self.files:
            for skip in file_report.skipped:
                rules, files, reasons = result.setdefault(skip.scope, (set(), set(), []))
                rules.add(skip.rule_id)
                files.add(file_report.path)
                if skip.reason not in reasons:
                    reasons.append(skip.reason)
        order = ("metadata", "files", "github", "network")
        return {
            s: (len(r), len(f), reasons)
            for s, (r, f, reasons) in sorted(result.items(), key=lambda i: order.index(i[0]))
        }

    def readiness_totals(self) -> ReadinessTotals:
        """States counted over the DPGs of the run (a screening record and its nominee
        count once, with their readiness combined), or over the files."""
        if self.dpgs:
            assessed = [d.readiness for d in self.dpgs if d.readiness is not None]
        else:
            assessed = [f.readiness for f in self.files if f.readiness is not None]
        indicators = {}
        for n in INDICATORS:
            counts = Counter(r.indicators[n] for r in assessed)
            indicators[n] = {s: counts.get(s, 0) for s in INDICATOR_STATES}
        insights = {}
        for key in INSIGHTS:
            counts = Counter(r.insights[key] for r in assessed)
            insights[key] = {s: counts.get(s, 0) for s in INSIGHT_STATES}
        return ReadinessTotals(files=len(assessed), indicators=indicators, insights=insights)

    def most_errors(self, limit: int = 10) -> list[tuple[str, int]]:
        """The files with the most errors (not waived), most first; ties by path."""
        counts = [
            (
                f.path,
                sum(1 for x in f.findings if x.waiver is None and x.severity is Severity.ERROR),
            )
            for f in self.files
        ]
        ranked = sorted((c for c in counts if c[1]), key=lambda c: (-c[1], c[0]))
        return ranked[:limit]

    def exit_code(self, fail_on: Severity | None) -> int:
        """0 when no finding reaches ``fail_on`` (``None`` means never fail), else 1."""
        worst = self.worst()
        if fail_on is None or worst is None:
            return 0
        return 1 if worst >= fail_on else 0
