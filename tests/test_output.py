"""Every output format: JSON against its schema, text line by line."""

from __future__ import annotations

import json

from jsonschema import Draft202012Validator

from dpglint._resources import data_dir
from dpglint.engine import Linter
from dpglint.formatters import FORMATTERS, FormatOptions, render
from dpglint.model import FileReport, Report
from tests.conftest import FIXTURES

OUTPUT_SCHEMA = json.loads((data_dir("schemas") / "output.schema.json").read_text("utf-8"))


def sample_report() -> Report:
    linter = Linter()
    report = linter.lint_paths([FIXTURES / "registry", FIXTURES / "examples"])
    report.files.append(linter.lint_text('{"a": 1,', "broken.json"))
    report.files.append(linter.lint_text("[1, 2]", "array.json"))
    return report


def test_json_output_validates_against_its_schema() -> None:
    document = json.loads(render(sample_report(), "json"))
    errors = list(
        Draft202012Validator(
            OUTPUT_SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER
        ).iter_errors(document)
    )
    assert errors == []
    assert document["summary"]["findings"] == len(document["findings"]) > 0
    assert {f["kind"] for f in document["files"]} == {"nominee", "screening", "merged", None}


def test_json_output_of_an_empty_run() -> None:
    document = json.loads(render(Report(), "json"))
    assert document["files"] == [] and document["findings"] == []
    summary = document["summary"]
    assert (summary["files"], summary["findings"], summary["error"]) == (0, 0, 0)
    assert summary["rules"] == {}
    assert summary["readiness"]["indicators"]["1"] == {
        "evidenced": 0,
        "missing": 0,
        "failing": 0,
        "unknown": 0,
    }


def test_text_output_lists_every_finding_then_a_summary() -> None:
    report = sample_report()
    text = render(report, "text")
    lines = text.splitlines()
    finding_lines = [line for line in lines if not line.startswith(" ") and line.count(":") >= 3]
    assert len(finding_lines) == len(report.findings)
    for finding, line in zip(report.findings, finding_lines, strict=True):
        assert line == (
            f"{finding.path}:{finding.line}:{finding.column}: {finding.rule_id} "
            f"{finding.severity} {finding.message}"
        )
    assert lines[-1].startswith(f"Found {len(report.findings)} findings (")
    assert lines[-1].endswith(f"of {len(report.files)} files.")
    # 15 records, 4 of them screening records joined to their nominees: 11 DPGs
    assert "DPG Standard readiness over 11 records (evidenced / missing / failing / unknown):" in (
        lines
    )


def test_text_output_when_clean() -> None:
    report = Report(files=[FileReport(path="a.json", kind="nominee")])
    assert render(report, "text") == "All checks passed: 1 file, no findings.\n"
    assert render(report, "text", FormatOptions(quiet=True)) == ""


def test_formatters_are_registered_by_name() -> None:
    assert set(FORMATTERS) == {"text", "json", "sarif", "github", "markdown"}
