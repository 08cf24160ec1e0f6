"""The `files` patterns of .pre-commit-hooks.yaml against sample paths (as check-jsonschema's
tests/acceptance/test_hook_file_matches.py does). pre-commit applies them with re.search
to paths relative to the repository root, with forward slashes."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT

HOOKS_FILE = ROOT / ".pre-commit-hooks.yaml"


def _hooks() -> dict[str, dict[str, Any]]:
    hooks = yaml.safe_load(HOOKS_FILE.read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    return {hook["id"]: hook for hook in hooks}


HOOKS = _hooks()


def _matches(hook_id: str, path: str) -> bool:
    hook = HOOKS[hook_id]
    if re.search(hook.get("files", ""), path) is None:
        return False
    return re.search(hook.get("exclude", "^$"), path) is None


METADATA_MATCHES = [
    "publicgoods.json",
    "publicgoods.yaml",
    "publicgoods.yml",
    "sub/publicgoods.json",
    "deep/er/folder/publicgoods.yaml",
    "nominees/primero.json",
    "digitalpublicgoods/divoc.json",
    "archive/2020policebrutality.json",
    "excluded-nominees/ted.json",
    "nominees/modular-open-source-identity-platform.json",
]
METADATA_NON_MATCHES = [
    "publicgoods.json.bak",
    "publicgoods.toml",
    "publicgoods.jsonc",
    "mypublicgoods.json",
    "publicgoods-old.yaml",
    "Publicgoods.json",
    "publicgoods.json/notes.txt",
    "nominees/primero.yaml",
    "nominees/sub/primero.json",
    "nominees/README.md",
    "nominees",
    "src/nominees/primero.json",  # registry folders only at the repository root
    "node_modules/archive/package.json",
    "my-archive/x.json",
    "excluded-nominees-old/x.json",
    "LICENSE",
    "README.md",
    "package.json",
]


@pytest.mark.parametrize("path", METADATA_MATCHES)
def test_dpglint_hook_matches(path: str) -> None:
    assert _matches("dpglint", path)


@pytest.mark.parametrize("path", METADATA_NON_MATCHES)
def test_dpglint_hook_does_not_match(path: str) -> None:
    assert not _matches("dpglint", path)


PROJECT_MATCHES = [
    # the project file (dpglint lints the one at the root) and the configuration
    "publicgoods.json",
    "publicgoods.yaml",
    "publicgoods.yml",
    ".dpglint.yaml",
    ".dpglint.yml",
    "pyproject.toml",
    # license files at the root, and the REUSE LICENSES/ folder
    "LICENSE",
    "LICENSE.md",
    "LICENSE.txt",
    "LICENSE-MIT",
    "LICENCE",
    "license",
    "COPYING",
    "COPYING.LESSER",
    "UNLICENSE",
    "LICENSES/Apache-2.0.txt",
    "LICENSES/CC0-1.0.txt",
    # community health files in the root, .github/ and docs/, any case and extension
    "CONTRIBUTING.md",
    ".github/CONTRIBUTING.md",
    "docs/CONTRIBUTING.rst",
    "CODE_OF_CONDUCT.md",
    "code-of-conduct.md",
    ".github/CODE_OF_CONDUCT.md",
    "SECURITY.md",
    ".github/SECURITY.md",
    "SUPPORT.md",
    "docs/SUPPORT.md",
    "GOVERNANCE.md",
    "MAINTAINERS",
    "MAINTAINERS.md",
    "OWNERS",
    "CODEOWNERS",
    ".github/CODEOWNERS",
    "docs/CODEOWNERS",
    "ROADMAP.md",
    "README",
    "README.md",
    "readme.rst",
    "README.pt-BR.md",
    "docs/README.md",
    ".github/FUNDING.yml",
    # API specifications anywhere
    "openapi.yaml",
    "api/openapi.json",
    "spec/v1/petstore-openapi.yml",
    "docs/swagger.json",
    "events/asyncapi.yaml",
]
PROJECT_NON_MATCHES = [
    "sub/publicgoods.json",  # the hook lints the root project file only
    "publicgoods.json.bak",
    "src/LICENSE",
    "vendor/lib/COPYING",
    "LICENSES/sub/x.txt",
    "src/CONTRIBUTING.md",
    "docs/community/CONTRIBUTING.md",
    "src/README.md",
    "READMEFIRST.txt",
    "CODEOWNERS.md",
    "FUNDING.yml",
    "docs/FUNDING.yml",
    "openapi.txt",
    "openapi/handlers.py",
    "setup.py",
    "src/app/main.py",
    "nominees/primero.json",
    "Makefile",
]


@pytest.mark.parametrize("path", PROJECT_MATCHES)
def test_project_hook_matches(path: str) -> None:
    assert _matches("dpglint-project", path)


@pytest.mark.parametrize("path", PROJECT_NON_MATCHES)
def test_project_hook_does_not_match(path: str) -> None:
    assert not _matches("dpglint-project", path)


def test_hook_definitions() -> None:
    assert set(HOOKS) == {"dpglint", "dpglint-project"}
    for hook in HOOKS.values():
        assert hook["language"] == "python"
        assert hook["name"] and hook["description"]
        assert re.fullmatch(r"\d+\.\d+\.\d+", hook["minimum_pre_commit_version"])
        assert "--online" not in hook["entry"] and "--github" not in hook["entry"]
        assert "types" not in hook and "types_or" not in hook  # `files` alone selects
    metadata, project = HOOKS["dpglint"], HOOKS["dpglint-project"]
    assert metadata["entry"].split() == ["dpglint", "check", "--no-files"]
    assert metadata["pass_filenames"] is True
    assert metadata["require_serial"] is False
    assert project["entry"].split() == ["dpglint", "check"]
    assert project["pass_filenames"] is False
    assert project["always_run"] is False
