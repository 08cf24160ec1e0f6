"""The readiness summary is derived from findings and the rules that ran."""

from __future__ import annotations

from dpglint.catalogue import load_catalogue
from dpglint.engine import Linter, Selection, Settings
from dpglint.model import INDICATORS, INSIGHTS, FileReport, Finding, Severity
from dpglint.readiness import file_readiness
from tests.conftest import FIXTURES

CATALOGUE = load_catalogue()


def _finding(
    rule_id: str, severity: Severity, tags: tuple[str, ...], keys: tuple[str, ...] = ()
) -> Finding:
    return Finding(
        rule_id=rule_id,
        slug=CATALOGUE.rules[rule_id].slug,
        severity=severity,
        message="m",
        path="p",
        line=1,
        column=1,
        pointer="",
        tags=tags,
        citations=tuple(CATALOGUE.citations[k] for k in keys),
    )


def test_states_follow_the_findings() -> None:
    report = FileReport(
        path="p",
        kind="merged",
        rules_run=("G001", "L003", "P001", "O007"),
        findings=[
            _finding("L003", Severity.ERROR, ("standard:2",)),  # failing
            _finding("G001", Severity.ERROR, ("standard:1",)),  # readiness: missing
            _finding("O007", Severity.WARNING, ("maturity:1.1", "report"), ("insight-1",)),
        ],
    )
    readiness = file_readiness(report, CATALOGUE)
    assert readiness.indicators["2"] == "failing"
    assert readiness.indicators["1"] == "missing"
    assert readiness.indicators["7"] == "evidenced"  # P001 ran, found nothing
    assert readiness.indicators["8"] == "unknown"  # no rule about it ran
    assert readiness.insights["insight-1"] == "unmet"


def test_a_lowered_failing_finding_does_not_fail_the_indicator() -> None:
    report = FileReport(
        path="p",
        kind="nominee",
        rules_run=("L004",),
        findings=[_finding("L004", Severity.WARNING, ("standard:2",))],
    )
    assert file_readiness(report, CATALOGUE).indicators["2"] == "evidenced"


def test_insights_are_met_only_on_merged_records() -> None:
    nominee = FileReport(path="p", kind="nominee", rules_run=("B002",))
    merged = FileReport(path="p", kind="merged", rules_run=("B002",))
    assert file_readiness(nominee, CATALOGUE).insights["insight-2"] == "unknown"
    cited = {c.key for c in CATALOGUE.rules["B002"].citations}
    expected = "met" if "insight-2" in cited else "unknown"
    assert file_readiness(merged, CATALOGUE).insights["insight-2"] == expected


def test_complete_example_is_ready_and_a_registry_nominee_is_partly_unknown() -> None:
    linter = Linter()
    complete = linter.lint_file(FIXTURES / "examples" / "complete" / "publicgoods.yaml")
    assert complete.readiness is not None
    assert set(complete.readiness.indicators.values()) == {"evidenced"}
    assert set(complete.readiness.insights.values()) == {"met"}
    nominee = linter.lint_file(FIXTURES / "registry" / "nominees" / "divoc.json")
    assert nominee.readiness is not None
    assert nominee.readiness.indicators["7"] == "unknown"  # answered in the screening file
    assert nominee.readiness.indicators["2"] == "evidenced"
    assert set(nominee.readiness.insights.values()) <= {"unmet", "unknown"}


def test_files_that_are_not_records_have_no_readiness() -> None:
    linter = Linter(Settings(selection=Selection(select=("S",))))
    assert linter.lint_text("[1]", "x.json").readiness is None
    assert linter.lint_text("{", "x.json").readiness is None


def test_every_indicator_and_insight_is_reported() -> None:
    report = Linter().lint_file(FIXTURES / "registry" / "nominees" / "primero.json")
    assert report.readiness is not None
    assert tuple(report.readiness.indicators) == INDICATORS
    assert tuple(report.readiness.insights) == INSIGHTS
