"""The command line: formats, options, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from dpglint import __version__
from dpglint.cli import main
from dpglint.formatters.json import OUTPUT_VERSION
from tests.conftest import FIXTURES

MOSIP = FIXTURES / "examples" / "mosip" / "publicgoods.json"
COMPLETE = FIXTURES / "examples" / "complete" / "publicgoods.yaml"
SNAPSHOTS = Path(__file__).parent / "data" / "snapshots"
TED = FIXTURES / "registry" / "excluded-nominees" / "ted.json"
PRIMERO = FIXTURES / "registry" / "nominees" / "primero.json"

BROKEN_YAML = """\
name: Example
description: An example project.
licence: MIT
license:
  - spdx: MIT
    licenseURL: not a url
SDGs:
  - SDGNumber: 3
type: [software]
organizations:
  - name: Example Org
    org_type: owner
stage: nominee
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.output == f"dpglint, version {__version__}\n"


def test_check_text_output_is_exact(in_tmp: Path) -> None:
    """The whole text output of a default run: findings with hints and citations, the
    readiness table and the summary line (reviewed by hand; update it deliberately)."""
    shutil.copy(SNAPSHOTS / "broken-project.yaml", in_tmp / "publicgoods.yaml")
    result = run("check", "--no-config")
    assert result.exit_code == 1
    assert result.output == (SNAPSHOTS / "broken-project.txt").read_text(encoding="utf-8")


def test_check_text_output_of_one_rule(in_tmp: Path) -> None:
    (in_tmp / "publicgoods.yaml").write_text(BROKEN_YAML)
    result = run("check", "--no-config", "--select", "S004")
    assert result.exit_code == 1
    assert result.output.startswith(
        "publicgoods.yaml:3:1: S004 error unknown property 'licence'\n"
        "  hint: did you mean 'license'?\n"
        "publicgoods.yaml:6:17: S004 error 'not a url' is not a valid uri\n"
        "  hint: write a full URL with its scheme, e.g. https://…\n"
        '  cites: Indicator 2: "Use of Approved Open Licenses"\n'
        "\n"
        "DPG Standard readiness:\n"
    )
    assert result.output.endswith(
        "\nFound 2 findings (2 errors, 0 warnings, 0 info) in 1 of 1 file.\n"
    )


def test_check_quiet_prints_only_findings(in_tmp: Path) -> None:
    (in_tmp / "publicgoods.yaml").write_text(BROKEN_YAML)
    result = run("check", "-q", "--no-config", "--select", "S004", "publicgoods.yaml")
    assert result.exit_code == 1
    assert result.output == (
        "publicgoods.yaml:3:1: S004 error unknown property 'licence'\n"
        "publicgoods.yaml:6:17: S004 error 'not a url' is not a valid uri\n"
    )


def test_complete_project_file_passes_every_rule() -> None:
    result = run("check", "--no-config", str(COMPLETE))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[-1] == "All checks passed: 1 file, no findings."
    table = lines[lines.index("DPG Standard readiness:") :]
    assert all(line.endswith(("evidenced", "met")) for line in table[1:13] + table[14:19])


def test_warnings_do_not_fail_by_default(in_tmp: Path) -> None:
    (in_tmp / "nominee.json").write_text(
        (FIXTURES / "registry" / "nominees" / "divoc.json").read_text("utf-8")
    )
    result = run("check", "--no-config", "-q", "nominee.json")
    assert "warning" in result.output and " error " not in result.output
    assert result.exit_code == 0
    assert run("check", "--no-config", "-q", "--fail-on", "warning", "nominee.json").exit_code == 1


def test_check_json_output() -> None:
    result = run("check", "--no-config", "--format", "json", "--select", "S", str(TED))
    assert result.exit_code == 1
    document = json.loads(result.output)
    assert document["version"] == OUTPUT_VERSION and OUTPUT_VERSION.startswith("1.")
    assert document["tool"] == {"name": "dpglint", "version": __version__}
    assert [(f["path"], f["kind"], f["findings"]) for f in document["files"]] == [
        (str(TED), "nominee", 3)
    ]
    assert [(f["id"], f["line"], f["column"], f["pointer"]) for f in document["findings"]] == [
        ("S004", 1, 1, "/stage"),
        ("S004", 7, 15, "/license/0/spdx"),
        ("S004", 12, 5, "/SDGs/0"),
    ]
    license_finding = document["findings"][1]
    assert license_finding["message"] == "'CC-BY-NC-ND-4.0' is not an allowed value"
    assert license_finding["citations"][0]["key"] == "standard-2"
    assert license_finding["tags"] == ["registry", "standard:2"]
    summary = document["summary"]
    assert (summary["files"], summary["findings"], summary["error"]) == (1, 3, 3)
    assert summary["rules"] == {"S004": {"findings": 3, "files": 1}}
    readiness = document["files"][0]["readiness"]
    assert readiness["indicators"]["2"] == "failing"  # the ND license
    assert readiness["indicators"]["1"] == "failing"  # SDGs in the old format


def test_directory_of_a_registry(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "registry", tmp_path / "registry")
    result = run(
        "check", "--no-config", "--format", "json", "--select", "S", str(tmp_path / "registry")
    )
    document = json.loads(result.output)
    assert len(document["files"]) == 13
    failing = {Path(f["path"]).name for f in document["files"] if f["findings"]}
    assert failing == {"ted.json", "acceda.json"}
    assert result.exit_code == 1


@pytest.mark.parametrize(
    ("args", "expected_ids"),
    [
        ((), {"S002", "S004"}),
        (("--select", "S"), {"S002", "S004"}),
        (("--select", "S002"), {"S002"}),
        (("--ignore", "S004"), {"S002"}),
        (("--select", "S", "--ignore", "S00"), set()),
        (("--select", "S00", "--ignore", "S"), {"S002", "S004"}),  # the longer prefix wins
        (("--select", "S002,S004"), {"S002", "S004"}),
        (("--select", "S002", "--select", "S004"), {"S002", "S004"}),
    ],
)
def test_select_and_ignore_by_prefix(
    in_tmp: Path, args: tuple[str, ...], expected_ids: set[str]
) -> None:
    (in_tmp / "nominee.json").write_text('{"name": "a", "name": "b", "stage": "x"}')
    result = run("check", "--no-config", "--format", "json", *args, "nominee.json")
    assert {f["id"] for f in json.loads(result.output)["findings"]} & {"S002", "S004"} == (
        expected_ids
    )


@pytest.mark.parametrize(
    ("fail_on", "code"),
    [("error", 1), ("warning", 1), ("info", 1), ("never", 0)],
)
def test_fail_on(fail_on: str, code: int) -> None:
    assert run("check", "--no-config", "-q", "--fail-on", fail_on, str(TED)).exit_code == code


def test_fail_on_from_severity_override(in_tmp: Path) -> None:
    (in_tmp / "nominee.json").write_text('{"name": "a", "name": "b"}')
    (in_tmp / ".dpglint.yaml").write_text("select: [S002]\nseverity:\n  S002: warning\n")
    result = run("check", "nominee.json")
    assert result.exit_code == 0
    assert "S002 warning" in result.output
    assert run("check", "--fail-on", "warning", "nominee.json").exit_code == 1


def test_kind_forces_the_schema(in_tmp: Path) -> None:
    (in_tmp / "record.json").write_text('{"name": "Example"}')
    unknown = run("check", "--no-config", "-q", "record.json")
    assert (
        unknown.output == "record.json:1:1: S003 error not a DPG record: none of the keys "
        "of a nominee, screening, merged or app-API record is present\n"
    )
    forced = run("check", "--no-config", "-q", "--kind", "screening", "record.json")
    assert forced.exit_code == 1
    assert "missing required property 'clearOwnership'" in forced.output


def test_no_path_and_no_project_file_is_a_usage_error(in_tmp: Path) -> None:
    result = run("check", "--no-config")
    assert result.exit_code == 2
    assert "no project file" in result.output


def test_missing_path_is_a_usage_error(in_tmp: Path) -> None:
    result = run("check", "--no-config", "nope.json")
    assert result.exit_code == 2
    assert "dpglint: error: nope.json: no such file or directory" in result.output


def test_unknown_option_is_a_usage_error() -> None:
    assert run("check", "--frobnicate").exit_code == 2


@pytest.mark.parametrize("args", [("--select", "Q"), ("--ignore", "S9")])
def test_unknown_rule_prefix_is_a_usage_error(args: tuple[str, ...]) -> None:
    result = run("check", "--no-config", *args, str(PRIMERO))
    assert result.exit_code == 2
    assert "matches no rule id" in result.output


def test_unreadable_file_is_a_located_finding(in_tmp: Path) -> None:
    (in_tmp / "link.json").symlink_to(in_tmp / "missing-target.json")
    result = run("check", "--no-config", "-q", "link.json")
    assert result.exit_code == 1
    assert result.output.startswith("link.json:1:1: S001 error cannot read the file: ")


def test_parse_error_is_a_finding_not_a_crash(in_tmp: Path) -> None:
    (in_tmp / "publicgoods.json").write_text('{"name": "x",}')
    result = run("check", "--no-config", "-q")
    assert result.exit_code == 1
    assert result.output == (
        "publicgoods.json:1:14: S001 error invalid JSON: Expecting property "
        "name enclosed in double quotes\n"
    )


def test_rules_lists_the_catalogue() -> None:
    result = run("rules")
    assert result.exit_code == 0
    assert result.output.splitlines()[0].split() == ["ID", "NAME", "SEVERITY", "SCOPE", "SUMMARY"]
    listed = json.loads(run("rules", "--format", "json").output)
    assert {r["id"] for r in listed} >= {"S001", "S002", "S003", "S004"}


def test_explain() -> None:
    result = run("explain", "S002")
    assert result.exit_code == 0
    assert result.output.startswith("S002 duplicate-key (error, Parsing and schema)\n")
    assert run("explain", "duplicate-key").output == result.output
    missing = run("explain", "Z999")
    assert missing.exit_code == 2
    assert "no rule 'Z999'" in missing.output


def test_readme_example_shows_real_findings() -> None:
    result = run("check", "--no-config", str(MOSIP))
    assert result.exit_code == 1
    assert f"{MOSIP}:105:7: S004 error 'docs.mosip.io' is not a valid uri" in result.output


def test_a_crashing_rule_is_reported_not_a_traceback(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dpglint.rules import core

    def explode(record: object) -> object:
        raise KeyError("boom")

    monkeypatch.setattr(core, "validator_for_kind", explode)
    (in_tmp / "nominee.json").write_text('{"name": "a", "stage": "nominee"}')
    result = run("check", "--no-config", "nominee.json")
    assert result.exit_code == 2
    assert result.output == (
        "dpglint: error: internal error: rule S004 failed on nominee.json: KeyError: 'boom' "
        "(please report this as a dpglint bug)\n"
    )
