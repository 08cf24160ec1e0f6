"""Policy switches and limits change what the rules report, as documented."""

from __future__ import annotations

import json

import pytest

from dpglint.engine import Linter, RuleOptions, Selection, Settings
from dpglint.model import Severity

CONTENT_NC = {
    "name": "Example Stories",
    "description": "Children's stories.",
    "license": [{"spdx": "CC-BY-NC-4.0", "licenseURL": "https://example.org/stories/license"}],
    "SDGs": [{"SDGNumber": 4, "evidenceText": "Reading material for target 4.1."}],
    "type": ["content"],
    "organizations": [{"name": "Example", "org_type": "owner"}],
    "stage": "nominee",
}


def _lint(record: dict[str, object], select: str, **options: object) -> list[tuple[str, str]]:
    settings = Settings(selection=Selection(select=(select,)), options=RuleOptions(**options))  # type: ignore[arg-type]
    report = Linter(settings).lint_text(json.dumps(record, indent=2), "nominee.json")
    return [(f.rule_id, str(f.severity)) for f in report.findings]


@pytest.mark.parametrize(
    ("policy", "expected"),
    [("accept", []), ("warn", [("L004", "warning")]), ("reject", [("L004", "error")])],
)
def test_non_commercial_content_policy(policy: str, expected: list[tuple[str, str]]) -> None:
    assert _lint(CONTENT_NC, "L004", non_commercial_content=policy) == expected


def test_non_commercial_software_is_an_error_whatever_the_policy() -> None:
    software = {**CONTENT_NC, "type": ["software"]}
    assert _lint(software, "L004", non_commercial_content="accept") == [("L004", "error")]


def test_a_configured_severity_wins_over_the_policy() -> None:
    settings = Settings(
        selection=Selection(select=("L004",)),
        severity_overrides={"L004": Severity.INFO},
        options=RuleOptions(non_commercial_content="reject"),
    )
    report = Linter(settings).lint_text(json.dumps(CONTENT_NC), "nominee.json")
    assert [(f.rule_id, f.severity) for f in report.findings] == [("L004", Severity.INFO)]


def test_max_sdgs_limit() -> None:
    record = {
        **CONTENT_NC,
        "SDGs": [{"SDGNumber": n, "evidenceText": f"Target {n}.1 work."} for n in range(1, 6)],
    }
    assert _lint(record, "G002") == []
    assert _lint(record, "G002", max_sdgs=4) == [("G002", "warning")]


def test_max_description_length_limit() -> None:
    record = {**CONTENT_NC, "description": "x" * 150}
    assert _lint(record, "U009") == []
    assert _lint(record, "U009", max_description_length=100) == [("U009", "info")]


def test_policy_from_the_configuration_file(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from dpglint.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "nominee.json").write_text(json.dumps(CONTENT_NC))
    (tmp_path / ".dpglint.yaml").write_text(
        "select: [L004]\nlicense-policy:\n  non-commercial-content: reject\n"
    )
    result = CliRunner().invoke(main, ["check", "-q", "nominee.json"])
    assert result.exit_code == 1
    assert "L004 error" in result.output
