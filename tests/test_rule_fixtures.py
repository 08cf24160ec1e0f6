"""Every case in fixtures/rules/<ID>.yaml gives exactly the findings it lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import RuleCase, all_rule_cases, lint_case, lint_registry_case, located

CASES = all_rule_cases()


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}-{c.name}" for c in CASES])
def test_rule_case(case: RuleCase, tmp_path: Path) -> None:
    if case.registry is not None:
        assert lint_registry_case(case, tmp_path) == list(case.findings)
        return
    report = lint_case(case, tmp_path)
    assert [s.rule_id for s in report.skipped] == [], "the rule under test was skipped"
    assert located(report.findings) == list(case.findings)
    for finding in report.findings:
        assert finding.rule_id == case.rule
        assert finding.message and finding.path == case.filename
