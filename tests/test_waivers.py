"""Waivers: configured exceptions that stay visible but do not fail the run."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from dpglint.catalogue import load_catalogue
from dpglint.cli import main
from dpglint.config import ConfigError, read_config_file
from dpglint.engine import Linter, Selection, Settings
from dpglint.model import Waiver

DUPLICATE = '{"name": "a", "name": "b", "description": "x", "stage": "nominee"}'


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_a_waived_finding_stays_visible_but_does_not_fail(in_tmp: Path) -> None:
    (in_tmp / "nominee.json").write_text(DUPLICATE)
    (in_tmp / ".dpglint.yaml").write_text(
        "select: [S002]\n"
        "waivers:\n"
        "  - rule: S002\n"
        "    path: nominee.json\n"
        "    reason: the registry keeps both names until the merge\n"
        "    expires: 2999-01-01\n"
    )
    text = run("check", "nominee.json")
    assert text.exit_code == 0
    assert text.output.splitlines()[-1] == "All checks passed: 1 file, no findings (1 waived)."
    document = json.loads(run("check", "--format", "json", "nominee.json").output)
    [finding] = document["findings"]
    assert finding["waiver"] == {
        "rule": "S002",
        "reason": "the registry keeps both names until the merge",
        "expires": "2999-01-01",
        "source": f"{in_tmp / '.dpglint.yaml'}:3:5",
    }
    assert document["summary"]["waived"] == 1
    assert document["summary"]["findings"] == 0


def test_an_expired_waiver_brings_the_finding_back(in_tmp: Path) -> None:
    (in_tmp / "nominee.json").write_text(DUPLICATE)
    (in_tmp / ".dpglint.yaml").write_text(
        "select: [S002]\nwaivers:\n  - rule: S\n    reason: old\n    expires: 2020-01-01\n"
    )
    result = run("check", "nominee.json")
    assert result.exit_code == 1
    assert "nominee.json:1:15: S002 error" in result.output
    assert (
        f"note: the waiver of S at {in_tmp / '.dpglint.yaml'}:3:5 expired on 2020-01-01: its "
        "findings are reported again"
    ) in result.output


def test_waiver_path_and_rule_must_match(tmp_path: Path) -> None:
    waiver = Waiver(rule="S002", path=str(tmp_path / "other.json"), reason="r")
    linter = Linter(Settings(selection=Selection(select=("S002",)), waivers=(waiver,)))
    target = tmp_path / "nominee.json"
    target.write_text(DUPLICATE)
    assert [f.waiver for f in linter.lint_file(target).findings] == [None]
    glob = Waiver(rule="S00", path=str(tmp_path / "*.json"), reason="r")
    linter = Linter(Settings(selection=Selection(select=("S002",)), waivers=(glob,)))
    assert [f.waiver for f in linter.lint_file(target).findings] == [glob]


def test_expiry_is_compared_with_today(tmp_path: Path) -> None:
    waiver = Waiver(rule="S002", path="*", reason="r", expires="2030-06-30")
    target = tmp_path / "nominee.json"
    target.write_text(DUPLICATE)
    for today, waived in ((date(2030, 6, 30), True), (date(2030, 7, 1), False)):
        settings = Settings(selection=Selection(select=("S002",)), waivers=(waiver,), today=today)
        [finding] = Linter(settings).lint_file(target).findings
        assert (finding.waiver is not None) is waived


@pytest.mark.parametrize(
    ("text", "location", "message"),
    [
        ("waivers: {rule: S002}\n", "1:10", "waivers: expected a list"),
        ("waivers:\n  - S002\n", "2:5", "each waiver is a mapping"),
        ("waivers:\n  - rule: Q1\n    reason: r\n", "2:11", "rule 'Q1' matches no rule id"),
        ("waivers:\n  - rule: S002\n", "2:5", "a waiver needs a reason"),
        (
            "waivers:\n  - rule: S002\n    reason: r\n    expires: soon\n",
            "4:14",
            "expires 'soon' is not a date",
        ),
        (
            "waivers:\n  - rule: S002\n    reason: r\n    expires: 2024-02-30\n",
            "4:14",
            "is not a date",
        ),
        (
            "waivers:\n  - rule: S002\n    reason: r\n    until: 2030-01-01\n",
            "4:5",
            "unknown key 'until'",
        ),
    ],
)
def test_waiver_errors_are_located(tmp_path: Path, text: str, location: str, message: str) -> None:
    path = tmp_path / ".dpglint.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        read_config_file(path, load_catalogue().rules)
    assert f"{caught.value.line}:{caught.value.column}" == location
    assert message in caught.value.message
