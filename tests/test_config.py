"""Configuration discovery, precedence and errors (exit 2 with the location)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from dpglint.catalogue import load_catalogue
from dpglint.cli import main
from dpglint.config import ConfigError, find_config_file, read_config_file
from dpglint.model import Severity

DUPLICATE = '{"name": "a", "name": "b", "stage": "x"}'


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def ids(result: Result) -> set[str]:
    """The parse and schema rules that fired (the record below also triggers others)."""
    return {f["id"] for f in json.loads(result.output)["findings"] if f["id"].startswith("S")}


def test_config_is_found_by_walking_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".dpglint.yaml").write_text("ignore: [S004]\n")
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (nested / "nominee.json").write_text(DUPLICATE)
    monkeypatch.chdir(nested)
    assert find_config_file(nested) == tmp_path / ".dpglint.yaml"
    assert ids(run("check", "--format", "json", "nominee.json")) == {"S002"}


def test_nearest_config_wins(tmp_path: Path) -> None:
    (tmp_path / ".dpglint.yaml").write_text("ignore: [S004]\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".dpglint.yml").write_text("ignore: [S002]\n")
    assert find_config_file(tmp_path / "sub") == tmp_path / "sub" / ".dpglint.yml"


def test_pyproject_table(in_tmp: Path) -> None:
    (in_tmp / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.dpglint]\nselect = ["S002"]\nfail-on = "never"\n'
    )
    (in_tmp / "nominee.json").write_text(DUPLICATE)
    result = run("check", "--format", "json", "nominee.json")
    assert ids(result) == {"S002"}
    assert result.exit_code == 0


def test_pyproject_without_the_table_is_not_a_config(in_tmp: Path) -> None:
    (in_tmp / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert find_config_file(in_tmp) is None or find_config_file(in_tmp) != in_tmp / "pyproject.toml"


def test_command_line_wins_over_config(in_tmp: Path) -> None:
    (in_tmp / ".dpglint.yaml").write_text("select: [S002]\nfail-on: never\n")
    (in_tmp / "nominee.json").write_text(DUPLICATE)
    assert run("check", "nominee.json").exit_code == 0
    result = run("check", "--format", "json", "--select", "S", "--fail-on", "error", "nominee.json")
    assert ids(result) == {"S002", "S004"}
    assert result.exit_code == 1


def test_no_config_and_explicit_config(in_tmp: Path) -> None:
    (in_tmp / ".dpglint.yaml").write_text("select: [S002]\n")
    (in_tmp / "other.yaml").write_text("select: [S004]\n")
    (in_tmp / "nominee.json").write_text(DUPLICATE)
    assert ids(run("check", "--format", "json", "--no-config", "nominee.json")) == {"S002", "S004"}
    assert ids(run("check", "--format", "json", "--config", "other.yaml", "nominee.json")) == {
        "S004"
    }
    missing = run("check", "--config", "absent.yaml", "nominee.json")
    assert missing.exit_code == 2
    assert "--config: absent.yaml: no such file" in missing.output


@pytest.mark.parametrize(
    ("text", "location", "message"),
    [
        ("select: [S002]\nfail_on: error\n", "2:1", "unknown option 'fail_on'"),
        ("select: S002\nignore: {a: 1}\n", "2:9", "ignore: expected a list"),
        ("select: [S002, 3]\n", "1:16", "select: expected a rule id prefix, got 3"),
        ("select: [Q]\n", "1:10", "select: 'Q' matches no rule id"),
        ("ignore:\n  - S002\n  - S999\n", "3:5", "ignore: 'S999' matches no rule id"),
        ("severity:\n  S002: fatal\n", "2:9", "unknown severity 'fatal'"),
        ("severity:\n  S999: warning\n", "2:3", "'S999' is not a rule id"),
        ("severity: [S002]\n", "1:11", "severity: expected a mapping"),
        ("fail-on: sometimes\n", "1:10", "fail-on: expected one of error, warning, info, never"),
        ("select: [S002\n", "2:1", "invalid YAML"),
        ("- S002\n", "1:1", "must be a mapping of options"),
        ("select: [S002]\nselect: [S004]\n", "2:1", "option 'select' is set twice"),
    ],
)
def test_config_errors_exit_2_with_the_location(
    in_tmp: Path, text: str, location: str, message: str
) -> None:
    (in_tmp / ".dpglint.yaml").write_text(text)
    (in_tmp / "nominee.json").write_text(DUPLICATE)
    result = run("check", "nominee.json")
    assert result.exit_code == 2
    assert f"dpglint: error: {in_tmp / '.dpglint.yaml'}:{location}: " in result.output
    assert message in result.output


@pytest.mark.parametrize(
    ("table", "location", "message"),
    [
        ('[tool.dpglint]\nselect = ["S002"]\nbogus = 1\n', "3:1", "unknown option 'bogus'"),
        ('[tool.dpglint]\n  fail-on = "often"\n', "2:3", "fail-on: expected one of"),
        ("[tool.dpglint]\nselect = [\n", "3:1", "invalid TOML"),
    ],
)
def test_pyproject_errors_are_located(
    in_tmp: Path, table: str, location: str, message: str
) -> None:
    (in_tmp / "pyproject.toml").write_text(table)
    (in_tmp / "nominee.json").write_text(DUPLICATE)
    result = run("check", "nominee.json")
    assert result.exit_code == 2
    assert f"{in_tmp / 'pyproject.toml'}:{location}: " in result.output
    assert message in result.output


def test_read_config_file_returns_values(tmp_path: Path) -> None:
    path = tmp_path / ".dpglint.yaml"
    path.write_text("select: [S]\nignore: S003\nseverity: {S002: info}\nfail-on: warning\n")
    config = read_config_file(path, load_catalogue().rules)
    assert config.select == ("S",)
    assert config.ignore == ("S003",)
    assert config.severity == {"S002": Severity.INFO}
    assert config.fail_on is Severity.WARNING


@pytest.mark.parametrize("text", ["", "# nothing configured yet\n"])
def test_empty_config_file_is_fine(tmp_path: Path, text: str) -> None:
    path = tmp_path / ".dpglint.yaml"
    path.write_text(text)
    assert read_config_file(path, load_catalogue().rules).select is None


def test_unreadable_config_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / ".dpglint.yaml"
    path.mkdir()
    with pytest.raises(ConfigError, match="cannot read"):
        read_config_file(path, load_catalogue().rules)


def test_pyproject_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_bytes(b"[tool.dpglint]\nselect = ['\xff']\n")
    with pytest.raises(ConfigError, match="not valid UTF-8"):
        read_config_file(path, load_catalogue().rules)


def test_rule_options_are_read(tmp_path: Path) -> None:
    path = tmp_path / ".dpglint.yaml"
    path.write_text(
        "license-policy:\n  non-commercial-content: reject\nlimits:\n  max-sdgs: 5\n"
        "  max-description-length: 200\n"
    )
    config = read_config_file(path, load_catalogue().rules)
    assert config.options == {
        "non_commercial_content": "reject",
        "max_sdgs": 5,
        "max_description_length": 200,
    }


@pytest.mark.parametrize(
    ("text", "location", "message"),
    [
        ("license-policy: strict\n", "1:17", "license-policy: expected a mapping"),
        ("license-policy:\n  commercial: warn\n", "2:3", "unknown option 'commercial'"),
        ("license-policy:\n  non-commercial-content: maybe\n", "2:27", "expected one of accept"),
        ("limits:\n  max-sdgs: 0\n", "2:13", "expected a positive integer, got 0"),
        ("limits:\n  max-sdgs: true\n", "2:13", "expected a positive integer, got True"),
        ("limits:\n  sdgs: 3\n", "2:3", "limits: unknown option 'sdgs'"),
    ],
)
def test_rule_option_errors_are_located(
    tmp_path: Path, text: str, location: str, message: str
) -> None:
    path = tmp_path / ".dpglint.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        read_config_file(path, load_catalogue().rules)
    assert f"{caught.value.line}:{caught.value.column}" == location
    assert message in caught.value.message
