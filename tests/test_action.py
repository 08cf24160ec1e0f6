"""The composite GitHub Action (action.yml, action/run.sh): what can be checked without a
runner. The action file's structure and hygiene (every input used, inputs only through
`env:`, actions pinned by commit), and the run script executed with the environment a runner
gives it, against a broken and a clean project file."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import FIXTURES, ROOT

ACTION_FILE = ROOT / "action.yml"
RUN_SCRIPT = ROOT / "action" / "run.sh"
COMPLETE = FIXTURES / "examples" / "complete" / "publicgoods.yaml"
BROKEN_URL = "not a url"

needs_bash = pytest.mark.skipif(shutil.which("bash") is None, reason="the run script is bash")


def _action() -> dict[str, Any]:
    action = yaml.safe_load(ACTION_FILE.read_text(encoding="utf-8"))
    assert isinstance(action, dict)
    return action


def _steps() -> list[dict[str, Any]]:
    steps = _action()["runs"]["steps"]
    assert isinstance(steps, list)
    return steps


def _expression_uses(text: str, name: str) -> bool:
    return re.search(r"\$\{\{\s*inputs\." + re.escape(name) + r"\s*\}\}", text) is not None


# --- the action file


def test_action_is_composite() -> None:
    action = _action()
    assert action["name"] and action["description"]
    assert action["runs"]["using"] == "composite"
    for step in _steps():
        assert step.get("name"), step
        if "run" in step:
            assert step.get("shell") == "bash", step  # composite run steps must name one


def test_inputs_and_defaults() -> None:
    inputs = _action()["inputs"]
    assert set(inputs) == {
        "path",
        "args",
        "fail-on",
        "sarif-file",
        "github-token",
        "online",
        "python-version",
    }
    defaults = {name: spec.get("default") for name, spec in inputs.items()}
    assert defaults["path"] == "."
    assert defaults["fail-on"] == "error"
    assert defaults["sarif-file"] == "dpglint.sarif"
    assert defaults["github-token"] == "${{ github.token }}"
    assert defaults["online"] == "false"
    assert defaults["python-version"] == "3.12"
    for name, spec in inputs.items():
        assert spec.get("description"), name


def test_every_input_is_used() -> None:
    """Each input reaches a step: through `env:` for the scripts, through `with:` for the
    setup-python action (python-version)."""
    for name in _action()["inputs"]:
        places = [
            str(value)
            for step in _steps()
            for block in ("env", "with")
            for value in (step.get(block) or {}).values()
        ]
        assert any(_expression_uses(value, name) for value in places), name


def test_script_inputs_arrive_through_env() -> None:
    lint = next(step for step in _steps() if step.get("id") == "dpglint")
    env = lint["env"]
    expected = {
        "INPUT_PATH": "path",
        "INPUT_ARGS": "args",
        "INPUT_FAIL_ON": "fail-on",
        "INPUT_SARIF_FILE": "sarif-file",
        "INPUT_GITHUB_TOKEN": "github-token",
        "INPUT_ONLINE": "online",
    }
    for variable, name in expected.items():
        assert _expression_uses(env[variable], name), variable
    assert "action/run.sh" in lint["run"]


def test_no_expression_inside_run() -> None:
    """An expression in `run:` is pasted into the script before bash parses it: an input
    (or a step output) holding `"; curl …` would run. Only `env:` may carry them."""
    for step in _steps():
        run = step.get("run", "")
        assert "${{ inputs." not in run, step["name"]
        assert "${{" not in run, step["name"]


def test_actions_are_pinned_to_a_commit() -> None:
    uses = [step["uses"] for step in _steps() if "uses" in step]
    assert uses, "setup-python is expected"
    for ref in uses:
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", ref), ref
    # and each pin says which release it is
    for line in ACTION_FILE.read_text(encoding="utf-8").splitlines():
        if re.match(r"\s*(-\s*)?uses:", line):
            assert re.search(r"@[0-9a-f]{40} # v\d+(\.\d+)*$", line), line


def test_install_step_uses_a_venv_under_the_runner_temp() -> None:
    install = next(step for step in _steps() if step.get("id") == "install")
    assert "$RUNNER_TEMP" in install["run"]
    assert "-m venv" in install["run"]
    pip_install = 'pip install --quiet --disable-pip-version-check "$GITHUB_ACTION_PATH"'
    assert pip_install in install["run"]
    lint = next(step for step in _steps() if step.get("id") == "dpglint")
    assert lint["env"]["DPGLINT_PYTHON"] == "${{ steps.install.outputs.python }}"


def test_outputs() -> None:
    outputs = _action()["outputs"]
    assert outputs["sarif-file"]["value"] == "${{ steps.dpglint.outputs.sarif-file }}"
    assert outputs["exit-code"]["value"] == "${{ steps.dpglint.outputs.exit-code }}"


def test_run_script_is_strict_bash() -> None:
    text = RUN_SCRIPT.read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in text
    assert "eval" not in text
    assert "read -ra" in text


@needs_bash
def test_run_script_parses() -> None:
    subprocess.run(["bash", "-n", str(RUN_SCRIPT)], check=True)


# --- the run script, executed as a runner would


class Runner:
    """The files and variables a GitHub runner gives the step, in a temporary folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.workspace = root / "workspace"
        self.temp = root / "runner-temp"
        self.summary = self.temp / "step_summary"
        self.output = self.temp / "output"
        for folder in (self.workspace, self.temp):
            folder.mkdir()
        self.summary.touch()
        self.output.touch()

    def env(self, **inputs: str) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("GITHUB_", "INPUT_", "RUNNER_")) and k not in {"GH_TOKEN"}
        }
        env.update(
            GITHUB_ACTIONS="true",
            GITHUB_ACTION_PATH=str(ROOT),
            GITHUB_WORKSPACE=str(self.workspace),
            RUNNER_TEMP=str(self.temp),
            GITHUB_STEP_SUMMARY=str(self.summary),
            GITHUB_OUTPUT=str(self.output),
            # what the runner sets for the inputs' defaults
            INPUT_PATH=".",
            INPUT_ARGS="",
            INPUT_FAIL_ON="error",
            INPUT_SARIF_FILE="dpglint.sarif",
            INPUT_GITHUB_TOKEN="",
            INPUT_ONLINE="false",
            # dpglint from this environment, instead of the venv the install step makes
            DPGLINT_PYTHON=sys.executable,
        )
        env.update(inputs)
        return env

    def run(self, **inputs: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", str(RUN_SCRIPT)],
            cwd=self.root,
            env=self.env(**inputs),
            capture_output=True,
            text=True,
            timeout=120,
        )

    def outputs(self) -> dict[str, str]:
        lines = self.output.read_text(encoding="utf-8").splitlines()
        return dict(line.split("=", 1) for line in lines)


@pytest.fixture
def runner(tmp_path: Path) -> Runner:
    return Runner(tmp_path)


def _write_broken(folder: Path) -> tuple[int, int]:
    """A publicgoods.json whose license URL is not a URL; returns the line and column of
    the finding (the value)."""
    data = yaml.safe_load(COMPLETE.read_text(encoding="utf-8"))
    data["license"][0]["licenseURL"] = BROKEN_URL
    text = json.dumps(data, indent=2) + "\n"
    (folder / "publicgoods.json").write_text(text, encoding="utf-8")
    return next(
        (number, line.index(json.dumps(BROKEN_URL)) + 1)
        for number, line in enumerate(text.splitlines(), 1)
        if f'"licenseURL": "{BROKEN_URL}"' in line
    )


def _sarif(path: Path) -> dict[str, Any]:
    assert path.is_file(), f"no SARIF at {path}"
    sarif = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(sarif, dict)
    assert sarif["version"] == "2.1.0"
    return sarif


@needs_bash
def test_broken_project_file(runner: Runner) -> None:
    line, col = _write_broken(runner.workspace)
    result = runner.run()
    assert result.returncode == 1, result.stdout + result.stderr
    # the annotation, on the line and column of the finding
    assert re.search(
        rf"^::error file=publicgoods\.json,line={line},col={col}\b[^\n]*::", result.stdout, re.M
    ), result.stdout
    assert "S004" in result.stdout
    # the job summary, appended as Markdown
    summary = runner.summary.read_text(encoding="utf-8")
    assert "S004" in summary
    assert re.search(r"^#+ ", summary, re.M), summary  # a heading
    assert re.search(r"^\|.*\|$", summary, re.M), summary  # the readiness table
    # the SARIF report, with the finding
    sarif = _sarif(runner.workspace / "dpglint.sarif")
    results = sarif["runs"][0]["results"]
    assert any(r["ruleId"] == "S004" for r in results)
    # the step outputs
    assert runner.outputs() == {"sarif-file": "dpglint.sarif", "exit-code": "1"}


@needs_bash
def test_clean_project_file(runner: Runner) -> None:
    shutil.copy(COMPLETE, runner.workspace / "publicgoods.yaml")
    result = runner.run()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "::error" not in result.stdout
    assert runner.summary.read_text(encoding="utf-8").strip()
    sarif = _sarif(runner.workspace / "dpglint.sarif")
    assert sarif["runs"][0]["results"] == []
    assert runner.outputs() == {"sarif-file": "dpglint.sarif", "exit-code": "0"}


@needs_bash
def test_inputs_reach_dpglint(runner: Runner) -> None:
    """Several paths, fail-on `never` (the broken file is annotated but does not fail the
    step), and a SARIF path in a folder that does not exist yet."""
    sub = runner.workspace / "sub"
    sub.mkdir()
    _write_broken(sub)
    shutil.copy(COMPLETE, runner.workspace / "publicgoods.yaml")
    result = runner.run(
        INPUT_PATH="publicgoods.yaml  sub/publicgoods.json",
        INPUT_FAIL_ON="never",
        INPUT_SARIF_FILE="reports/dpglint.sarif",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "sub/publicgoods.json" in result.stdout
    _sarif(runner.workspace / "reports" / "dpglint.sarif")
    assert runner.outputs() == {"sarif-file": "reports/dpglint.sarif", "exit-code": "0"}


@needs_bash
def test_exit_code_two_when_the_run_cannot_be_done(runner: Runner) -> None:
    result = runner.run(INPUT_PATH="missing.json")
    assert result.returncode == 2, result.stdout + result.stderr
    assert runner.outputs()["exit-code"] == "2"


def _argv_recorder(folder: Path) -> Path:
    """An executable standing in for the interpreter: it records its arguments."""
    recorder = folder / "record-argv"
    recorder.write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys\n"
        "with open(os.environ['ARGV_FILE'], 'w') as f:\n"
        "    json.dump(sys.argv[1:], f)\n",
        encoding="utf-8",
    )
    recorder.chmod(0o755)
    return recorder


@needs_bash
def test_hostile_inputs_are_literal_arguments(runner: Runner) -> None:
    argv_file = runner.root / "argv.json"
    result = runner.run(
        DPGLINT_PYTHON=str(_argv_recorder(runner.root)),
        ARGV_FILE=str(argv_file),
        INPUT_ARGS='--select S0 "; rm -rf /" $(touch pwned) `touch pwned` *',
        INPUT_PATH="$(touch pwned) ;touch pwned\npublicgoods.json",
        INPUT_SARIF_FILE="out dir/$(touch pwned).sarif",
        INPUT_GITHUB_TOKEN="$(touch pwned)",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for folder in (runner.root, runner.workspace, runner.temp, Path.cwd()):
        assert not (folder / "pwned").exists()
    argv = json.loads(argv_file.read_text(encoding="utf-8"))
    summary = str(runner.summary)
    assert argv == [
        "-m",
        "dpglint",
        "check",
        "--format",
        "github",
        "--sarif",
        "out dir/$(touch pwned).sarif",
        "--summary",
        summary,
        "--fail-on",
        "error",
        "--select",
        "S0",
        '";',
        "rm",
        "-rf",
        '/"',
        "$(touch",
        "pwned)",
        "`touch",
        "pwned`",
        "*",
        "--",
        "$(touch",
        "pwned)",
        ";touch",
        "pwned",
        "publicgoods.json",
    ]


@needs_bash
def test_options_from_the_inputs(runner: Runner) -> None:
    argv_file = runner.root / "argv.json"
    recorder = str(_argv_recorder(runner.root))
    runner.run(DPGLINT_PYTHON=recorder, ARGV_FILE=str(argv_file), INPUT_ONLINE="true")
    argv = json.loads(argv_file.read_text(encoding="utf-8"))
    assert "--online" in argv
    assert argv[-2:] == ["--", "."]

    runner.run(DPGLINT_PYTHON=recorder, ARGV_FILE=str(argv_file), INPUT_PATH="")
    argv = json.loads(argv_file.read_text(encoding="utf-8"))
    assert "--online" not in argv
    assert argv[-2:] == ["--", "."]

    result = runner.run(DPGLINT_PYTHON=recorder, ARGV_FILE=str(argv_file), INPUT_ONLINE="yes")
    assert result.returncode == 2
    assert "::error" in result.stdout


@needs_bash
def test_token_is_exported_not_passed(runner: Runner) -> None:
    """The token reaches dpglint as GITHUB_TOKEN, never on the command line."""
    seen = runner.root / "seen.json"
    spy = runner.root / "spy"
    spy.write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys\n"
        f"json.dump([sys.argv, os.environ.get('GITHUB_TOKEN')], open({str(seen)!r}, 'w'))\n",
        encoding="utf-8",
    )
    spy.chmod(0o755)
    runner.run(DPGLINT_PYTHON=str(spy), INPUT_GITHUB_TOKEN="ghs_secret", INPUT_ARGS="--github")
    argv, token = json.loads(seen.read_text(encoding="utf-8"))
    assert token == "ghs_secret"
    assert "ghs_secret" not in " ".join(argv)
    assert "--github" in argv


# --- the README's example workflow stays in step with the action


def _readme_yaml_blocks() -> list[Any]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Use in CI and pre-commit", 1)[1].split("\n## ", 1)[0]
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", section, re.S)]


def test_readme_workflow_uses_the_action_as_declared() -> None:
    workflows = [b for b in _readme_yaml_blocks() if isinstance(b, dict) and "jobs" in b]
    assert len(workflows) == 1
    workflow = workflows[0]
    assert workflow["permissions"] == {"contents": "read", "security-events": "write"}
    (job,) = workflow["jobs"].values()
    steps = job["steps"]
    lint = next(s for s in steps if str(s.get("uses", "")).startswith("dpglint/dpglint@"))
    assert set(lint["with"]) <= set(_action()["inputs"])
    upload = next(s for s in steps if "upload-sarif" in str(s.get("uses", "")))
    assert upload["if"] == "always()"
    assert upload["with"] == {"sarif_file": lint["with"]["sarif-file"], "category": "dpglint"}
    assert steps.index(lint) < steps.index(upload)
    for step in steps:
        if step is not lint:
            assert re.fullmatch(r"[\w./-]+@[0-9a-f]{40}", step["uses"]), step["uses"]


def test_readme_pre_commit_snippet_names_the_hooks() -> None:
    configs = [b for b in _readme_yaml_blocks() if isinstance(b, dict) and "repos" in b]
    assert len(configs) == 1
    (repo,) = configs[0]["repos"]
    assert repo["repo"] == "https://github.com/dpglint/dpglint"
    assert repo["rev"] == "v0.1.0"
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in repo["hooks"]] == [h["id"] for h in hooks]


# --- the install step, offline from the wheelhouse that .ci/run builds

WHEELHOUSE = os.environ.get("DPGLINT_WHEELHOUSE", "")


def _action_checkout(target: Path) -> Path:
    """What $GITHUB_ACTION_PATH holds on a runner: the repository's files, no .git."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    return target


@needs_bash
@pytest.mark.skipif(
    not WHEELHOUSE or not (ROOT / ".git").exists() or shutil.which("git") is None,
    reason="needs DPGLINT_WHEELHOUSE (set by `bash .ci/run`) and a git checkout of dpglint",
)
def test_install_step_then_run_script(runner: Runner) -> None:
    """The install step's script, as the runner runs it, then run.sh with the venv it made
    (DPGLINT_PYTHON from the install step's output): pip reads only the wheelhouse."""
    install = next(step for step in _steps() if step.get("id") == "install")
    action_path = _action_checkout(runner.root / "action-path")
    closed = "http://127.0.0.1:9"
    env = runner.env(
        GITHUB_ACTION_PATH=str(action_path),
        SETUP_PYTHON=sys.executable,
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=WHEELHOUSE,
        PIP_RETRIES="0",
        HTTP_PROXY=closed,
        HTTPS_PROXY=closed,
        http_proxy=closed,
        https_proxy=closed,
    )
    env.pop("DPGLINT_PYTHON")
    env.pop("VIRTUAL_ENV", None)
    installed = subprocess.run(
        ["bash", "-c", install["run"]], env=env, capture_output=True, text=True, timeout=300
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    python = runner.outputs()["python"]
    assert Path(python).is_relative_to(runner.temp)
    runner.output.write_text("", encoding="utf-8")

    _write_broken(runner.workspace)
    result = runner.run(DPGLINT_PYTHON=python)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "::error file=publicgoods.json" in result.stdout
    assert runner.outputs()["exit-code"] == "1"
