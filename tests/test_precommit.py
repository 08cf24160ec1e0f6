"""The hooks of .pre-commit-hooks.yaml, run by the real pre-commit (`pre-commit try-repo`) in a
temporary git repository: both pass on a clean project, and fail with the located finding
on a broken one.

try-repo installs this repository into a fresh virtualenv with pip. The test keeps that
offline: pip reads only the wheelhouse in $DPGLINT_WHEELHOUSE (`PIP_NO_INDEX`,
`PIP_FIND_LINKS`), which `bash .ci/run` builds beforehand (`pip wheel . hatchling`: the
runtime dependencies and the build backend), and every HTTP(S) proxy points at a closed
local port, so a download attempt fails instead of reaching the network. Without the
wheelhouse the test is skipped, with the command that runs it.

The repository under test is a committed snapshot of this working tree (tracked files,
modified or not, plus untracked files that are not ignored): try-repo's own shadow copy of a
dirty repository takes only tracked files (`git add -u`), so a new hook file would be missing
before it is committed. On a fresh clone the snapshot is the clone itself.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES, ROOT

WHEELHOUSE = os.environ.get("DPGLINT_WHEELHOUSE", "")

pytestmark = [
    pytest.mark.skipif(
        not WHEELHOUSE,
        reason="needs a wheelhouse to install dpglint offline: `bash .ci/run` builds one and "
        "sets DPGLINT_WHEELHOUSE; by hand: python -m pip wheel --wheel-dir /tmp/wh . hatchling "
        "&& DPGLINT_WHEELHOUSE=/tmp/wh python -m pytest tests/test_precommit.py",
    ),
    pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git"),
]

COMPLETE = FIXTURES / "examples" / "complete" / "publicgoods.yaml"
APACHE = ROOT / "tests" / "data" / "checkout" / "licenses" / "debian" / "Apache-2.0"

# what the files-scope rules look for, beside the LICENSE
COMMUNITY_FILES = {
    "CONTRIBUTING.md": "# Contributing\n\nOpen a pull request; a maintainer reviews it.\n",
    "CODE_OF_CONDUCT.md": "# Code of conduct\n\nWe follow the Contributor Covenant 2.1.\n",
    "SECURITY.md": "# Security\n\nReport vulnerabilities privately to security@example.org.\n",
    "SUPPORT.md": "# Support\n\nAsk in the discussions.\n",
    "GOVERNANCE.md": "# Governance\n\nThe maintainers decide by consensus.\n",
    "ROADMAP.md": "# Roadmap\n\nNext: offline sync.\n",
    "README.md": "# Open Clinic Registry\n\nInstall with `make install`, run with `make run`.\n",
    ".github/FUNDING.yml": "open_collective: openclinic\n",
}

BROKEN_URL = "not a url"


def _git(cwd: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=cwd, env=_git_env(), check=True, capture_output=True, text=True
    )
    return result.stdout


def _git_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_AUTHOR_NAME="dpglint tests",
        GIT_AUTHOR_EMAIL="tests@dpglint.invalid",
        GIT_COMMITTER_NAME="dpglint tests",
        GIT_COMMITTER_EMAIL="tests@dpglint.invalid",
    )
    return env


def _commit_all(repo: Path) -> None:
    _git(repo, "add", "--all")
    _git(repo, "commit", "--quiet", "--allow-empty", "-m", "snapshot")


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This working tree, committed in a repository of its own."""
    if not (ROOT / ".git").exists():
        pytest.skip("the dpglint sources are not a git checkout")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        env=_git_env(),
        check=True,
        capture_output=True,
    ).stdout.decode()
    snapshot = tmp_path_factory.mktemp("hook-repo")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if not source.is_file():
            continue  # deleted in the working tree
        target = snapshot / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    _git(snapshot, "init", "--quiet")
    _commit_all(snapshot)
    return snapshot


@pytest.fixture(scope="module")
def precommit_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("pre-commit-home")
    env = _git_env()
    for name in ("GITHUB_ACTIONS", "GITHUB_TOKEN", "GH_TOKEN", "PIP_INDEX_URL", "VIRTUAL_ENV"):
        env.pop(name, None)  # GITHUB_ACTIONS=true would switch the output to annotations
    closed = "http://127.0.0.1:9"  # the discard port: nothing listens, a download fails fast
    env.update(
        PRE_COMMIT_HOME=str(home),
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=WHEELHOUSE,
        PIP_RETRIES="0",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        VIRTUALENV_NO_PERIODIC_UPDATE="1",
        VIRTUALENV_OVERRIDE_APP_DATA=str(home / "virtualenv"),
        HTTP_PROXY=closed,
        HTTPS_PROXY=closed,
        http_proxy=closed,
        https_proxy=closed,
        NO_PROXY="",
        no_proxy="",
        NO_COLOR="1",
    )
    return env


def _project(repo: Path, *, license_file: bool = True) -> Path:
    """A git repository holding the complete project file and the files it is expected to
    have beside it."""
    repo.mkdir()
    _git(repo, "init", "--quiet")
    shutil.copy(COMPLETE, repo / "publicgoods.yaml")
    if license_file:
        shutil.copy(APACHE, repo / "LICENSE")
    for name, text in COMMUNITY_FILES.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    _commit_all(repo)
    return repo


def _broken_json(repo: Path) -> str:
    """Replace the project file by a JSON one whose license URL is not a URL; return the
    location of the finding dpglint reports there (`path:line:col: ID`)."""
    data = yaml.safe_load(COMPLETE.read_text(encoding="utf-8"))
    data["license"][0]["licenseURL"] = BROKEN_URL
    text = json.dumps(data, indent=2) + "\n"
    (repo / "publicgoods.yaml").unlink()
    (repo / "publicgoods.json").write_text(text, encoding="utf-8")
    _commit_all(repo)
    for number, line in enumerate(text.splitlines(), start=1):
        if f'"licenseURL": "{BROKEN_URL}"' in line:
            return f"publicgoods.json:{number}:{line.index(json.dumps(BROKEN_URL)) + 1}: S004"
    raise AssertionError("the broken value is not in the file")


def _license_location() -> str:
    """Where dpglint reports the license (F001: no license file) in the complete file."""
    for number, line in enumerate(COMPLETE.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("  - spdx:"):
            return f"publicgoods.yaml:{number}:3: F001"
    raise AssertionError("no license entry in the complete example")


def _try_repo(
    hook_repo: Path, env: dict[str, str], project: Path, hook: str, *files: str
) -> tuple[int, str]:
    selection = ["--files", *files] if files else ["--all-files"]
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), hook]
    started = time.monotonic()
    result = subprocess.run(
        [*command, *selection, "--verbose", "--color", "never"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    print(f"pre-commit try-repo {hook}: {time.monotonic() - started:.1f} s\n{output}")
    assert "Traceback" not in output, output
    return result.returncode, output


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return _project(tmp_path / "project")


def test_pre_commit_is_installed() -> None:
    """.ci/run installs the test extra, which has pre-commit: never skip for lack of it."""
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_metadata_hook_passes_on_a_clean_project_file(
    hook_repo: Path, precommit_env: dict[str, str], project: Path
) -> None:
    code, output = _try_repo(hook_repo, precommit_env, project, "dpglint", "publicgoods.yaml")
    assert code == 0, output
    assert "Passed" in output


def test_metadata_hook_fails_with_the_located_finding(
    hook_repo: Path, precommit_env: dict[str, str], project: Path
) -> None:
    location = _broken_json(project)
    code, output = _try_repo(hook_repo, precommit_env, project, "dpglint", "publicgoods.json")
    assert code == 1, output
    assert "- exit code: 1" in output  # findings, not a failed run (2)
    assert location in output, output


def test_metadata_hook_reads_no_checkout(
    hook_repo: Path, precommit_env: dict[str, str], tmp_path: Path
) -> None:
    """--no-files: a missing LICENSE is the project hook's business, not this one's."""
    project = _project(tmp_path / "unlicensed", license_file=False)
    code, output = _try_repo(hook_repo, precommit_env, project, "dpglint", "publicgoods.yaml")
    assert code == 0, output
    assert "F001" not in output


def test_project_hook_passes_on_a_clean_project(
    hook_repo: Path, precommit_env: dict[str, str], project: Path
) -> None:
    code, output = _try_repo(hook_repo, precommit_env, project, "dpglint-project")
    assert code == 0, output
    assert "Passed" in output


def test_project_hook_fails_on_the_checkout(
    hook_repo: Path, precommit_env: dict[str, str], tmp_path: Path
) -> None:
    project = _project(tmp_path / "unlicensed", license_file=False)
    code, output = _try_repo(hook_repo, precommit_env, project, "dpglint-project")
    assert code == 1, output
    assert "- exit code: 1" in output
    assert _license_location() in output, output


def test_project_hook_fails_on_the_metadata(
    hook_repo: Path, precommit_env: dict[str, str], project: Path
) -> None:
    location = _broken_json(project)
    code, output = _try_repo(hook_repo, precommit_env, project, "dpglint-project")
    assert code == 1, output
    assert location in output, output


def test_hooks_are_installed_from_the_wheelhouse_only(precommit_env: dict[str, str]) -> None:
    """The environment the hooks were installed with never names an index."""
    assert precommit_env["PIP_NO_INDEX"] == "1"
    assert Path(precommit_env["PIP_FIND_LINKS"]).is_dir()
    assert any(Path(WHEELHOUSE).glob("hatchling-*.whl")), "the build backend is missing"


@pytest.fixture(scope="module", autouse=True)
def _timing() -> Iterator[None]:
    started = time.monotonic()
    yield
    print(f"tests/test_precommit.py took {time.monotonic() - started:.1f} s")
