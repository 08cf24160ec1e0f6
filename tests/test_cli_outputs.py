"""Several outputs in one run, --format auto, and --exit-zero / --fail-on in every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from dpglint.cli import main
from tests.conftest import FIXTURES

TED = FIXTURES / "registry" / "excluded-nominees" / "ted.json"
DIVOC = FIXTURES / "registry" / "nominees" / "divoc.json"  # warnings only
FORMATS = ["text", "json", "sarif", "github", "markdown"]


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner(env=env).invoke(main, list(args), catch_exceptions=False)


def test_one_run_writes_annotations_sarif_and_the_summary(tmp_path: Path) -> None:
    sarif = tmp_path / "out.sarif"
    summary = tmp_path / "summary.md"
    summary.write_text("# Earlier step\n")
    result = run(
        "check",
        "--no-config",
        "--format",
        "github",
        "--sarif",
        str(sarif),
        "--summary",
        str(summary),
        str(TED),
    )
    assert result.exit_code == 1
    assert result.output.startswith("::error file=")
    document = json.loads(sarif.read_text("utf-8"))
    assert document["version"] == "2.1.0"
    assert len(document["runs"][0]["results"]) >= 3
    text = summary.read_text("utf-8")
    assert text.startswith("# Earlier step\n"), "the summary is appended, never overwritten"
    assert "S004" in text


def test_auto_format_follows_github_actions() -> None:
    inside = run("check", "--no-config", str(TED), env={"GITHUB_ACTIONS": "true"})
    assert inside.output.startswith("::error file=")
    outside = run("check", "--no-config", str(TED), env={"GITHUB_ACTIONS": ""})
    assert outside.output.startswith(f"{TED}:1:1: S004 error")


@pytest.mark.parametrize("output_format", FORMATS)
def test_exit_codes_are_the_same_in_every_format(output_format: str) -> None:
    base = ("check", "--no-config", "--format", output_format)
    assert run(*base, str(TED)).exit_code == 1
    assert run(*base, "--exit-zero", str(TED)).exit_code == 0
    assert run(*base, "--fail-on", "never", str(TED)).exit_code == 0
    assert run(*base, str(DIVOC)).exit_code == 0
    assert run(*base, "--fail-on", "warning", str(DIVOC)).exit_code == 1
    assert run(*base, "--exit-zero", "--fail-on", "warning", str(DIVOC)).exit_code == 0


def test_exit_zero_still_reports_a_run_that_could_not_be_done(tmp_path: Path) -> None:
    assert run("check", "--no-config", "--exit-zero", str(tmp_path / "missing.json")).exit_code == 2


def test_an_output_that_cannot_be_written_is_exit_2(tmp_path: Path) -> None:
    result = run("check", "--no-config", "--sarif", str(tmp_path / "no" / "dir.sarif"), str(TED))
    assert result.exit_code == 2
    assert "cannot write" in result.output
