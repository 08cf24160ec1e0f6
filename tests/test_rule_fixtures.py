"""Every case in fixtures/rules/<ID>.yaml gives exactly the findings it lists."""

from __future__ import annotations

import pytest

from tests.helpers import RuleCase, all_rule_cases, lint, located

CASES = all_rule_cases()


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}-{c.name}" for c in CASES])
def test_rule_case(case: RuleCase) -> None:
    findings = lint(case.content, case.filename, select=case.rule, kind=case.kind)
    assert located(findings) == list(case.findings)
    for finding in findings:
        assert finding.rule_id == case.rule
        assert finding.message and finding.path == case.filename
