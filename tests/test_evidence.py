"""Scopes: a rule whose evidence a run does not have is reported as skipped, with the
reason, in every output; the offline path never imports the network libraries."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dpglint.catalogue import load_catalogue
from dpglint.cli import main
from dpglint.engine import Linter, Settings
from dpglint.evidence import EvidenceSettings, repository_key, token_from_environment
from tests.conftest import FIXTURES

COMPLETE = FIXTURES / "examples" / "complete" / "publicgoods.yaml"
CATALOGUE = load_catalogue()


def _ids_of_scope(scope: str, kind: str = "merged") -> set[str]:
    return {s.id for s in CATALOGUE.rules.values() if s.scope == scope and kind in s.applies_to}


def test_offline_run_skips_the_other_scopes_with_reasons(tmp_path: Path) -> None:
    target = tmp_path / "publicgoods.yaml"
    target.write_text(COMPLETE.read_text("utf-8"))
    report = Linter().lint_file(target)
    skipped = {s.rule_id: s for s in report.skipped}
    for scope in ("files", "github", "network"):
        assert {i for i, s in skipped.items() if s.scope == scope} == _ids_of_scope(scope)
    assert "no .git" in skipped["F001"].reason
    assert skipped["E001"].reason == "the GitHub API is not used: run with --github"
    assert skipped["N001"].reason == "URLs are not fetched: run with --online"
    assert not set(report.rules_run) & set(skipped), "a skipped rule is never counted as run"


def test_skipped_rules_are_visible_in_text_and_json(tmp_path: Path) -> None:
    target = tmp_path / "publicgoods.yaml"
    target.write_text(COMPLETE.read_text("utf-8"))
    runner = CliRunner()
    text = runner.invoke(main, ["check", "--no-config", str(target)]).output
    assert "whose evidence this run does not have:" in text
    assert "  github  12 rules  the GitHub API is not used: run with --github" in text
    assert "  network 5 rules   URLs are not fetched: run with --online" in text
    document = json.loads(
        runner.invoke(main, ["check", "--no-config", "--format", "json", str(target)]).output
    )
    assert document["summary"]["skipped"]["github"]["rules"] == 12
    assert {s["scope"] for s in document["files"][0]["skipped"]} == {"files", "github", "network"}
    quiet = runner.invoke(main, ["check", "--no-config", "-q", str(target)]).output
    assert quiet == ""


def _repository(root: Path) -> Path:
    (root / ".git").mkdir(parents=True)
    (root / "LICENSE").write_text((Path(__file__).parents[1] / "LICENSE").read_text("utf-8"))
    return root


def test_files_scope_is_on_at_the_root_of_a_checkout(tmp_path: Path) -> None:
    repo = _repository(tmp_path / "repo")
    (repo / "publicgoods.yaml").write_text(COMPLETE.read_text("utf-8"))
    report = Linter().lint_file(repo / "publicgoods.yaml")
    assert "F001" in report.rules_run
    assert not [s for s in report.skipped if s.scope == "files"]


def test_files_scope_in_a_subfolder_needs_files_on(tmp_path: Path) -> None:
    repo = _repository(tmp_path / "repo")
    (repo / "meta").mkdir()
    (repo / "meta" / "publicgoods.yaml").write_text(COMPLETE.read_text("utf-8"))
    auto = Linter().lint_file(repo / "meta" / "publicgoods.yaml")
    reasons = {s.reason for s in auto.skipped if s.scope == "files"}
    assert len(reasons) == 1 and "not at the root of a repository checkout" in reasons.pop()
    forced = Linter(Settings(evidence=EvidenceSettings(files="on"))).lint_file(
        repo / "meta" / "publicgoods.yaml"
    )
    assert "F001" in forced.rules_run
    off = Linter(Settings(evidence=EvidenceSettings(files="off"))).lint_file(
        repo / "meta" / "publicgoods.yaml"
    )
    assert {s.reason for s in off.skipped if s.scope == "files"} == {
        "local files are not read (--no-files)"
    }


def test_registry_records_get_no_files_rules(tmp_path: Path) -> None:
    repo = _repository(tmp_path / "registry")
    (repo / "nominees").mkdir()
    (repo / "nominees" / "divoc.json").write_text(
        (FIXTURES / "registry" / "nominees" / "divoc.json").read_text("utf-8")
    )
    report = Linter(Settings(evidence=EvidenceSettings(files="on"))).lint_file(
        repo / "nominees" / "divoc.json"
    )
    assert not [r for r in report.rules_run if r.startswith("F")]
    assert not [s for s in report.skipped if s.scope == "files"]


def test_the_offline_path_does_not_import_network_libraries(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from dpglint.cli import main\n"
        "try:\n"
        f"    main(['check', '--no-config', '-q', {str(COMPLETE)!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = [m for m in ('requests', 'urllib3', 'dpglint.sources.github',\n"
        "                      'dpglint.sources.urls', 'http.client') if m in sys.modules]\n"
        "print(loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert result.stdout.strip() == "[]", result.stderr


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://github.com/mosip/commons", "mosip/commons"),
        ("https://www.github.com/MOSIP/Commons.git", "mosip/commons"),
        ("http://github.com/o/r/tree/main/docs", "o/r"),
        ("github.com/o/r", "o/r"),
        ("https://gitlab.com/o/r", None),
        ("not a url", None),
        (None, None),
    ],
)
def test_repository_key(url: object, key: str | None) -> None:
    assert repository_key(url) == key


def test_token_from_environment() -> None:
    assert token_from_environment({"GITHUB_TOKEN": " a ", "GH_TOKEN": "b"}) == "a"
    assert token_from_environment({"GITHUB_TOKEN": "", "GH_TOKEN": "b"}) == "b"
    assert token_from_environment({}) is None


def test_settings_never_show_the_token() -> None:
    settings = EvidenceSettings(github=True, token="ghp_secret")
    assert "ghp_secret" not in repr(settings)
    assert "ghp_secret" not in repr(Settings(evidence=settings))
