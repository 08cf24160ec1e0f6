"""dpglint never modifies what it lints, and its caches survive corruption."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from click.testing import CliRunner

from dpglint.cli import main
from tests.conftest import FIXTURES


def _snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_linted_files_are_never_modified(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "registry", tmp_path / "registry")
    shutil.copytree(FIXTURES / "examples", tmp_path / "examples")
    (tmp_path / "examples" / "complete" / ".git").mkdir()  # the files scope reads it too
    before = _snapshot(tmp_path)
    for fmt in ("text", "json", "sarif", "github", "markdown"):
        CliRunner().invoke(main, ["check", "--no-config", "--format", fmt, str(tmp_path)])
    CliRunner().invoke(
        main,
        [
            "check",
            "--no-config",
            "--files",
            str(tmp_path / "examples" / "complete" / "publicgoods.yaml"),
        ],
    )
    assert _snapshot(tmp_path) == before


def test_outputs_are_written_only_where_asked(tmp_path: Path) -> None:
    target = tmp_path / "nominee.json"
    shutil.copy(FIXTURES / "registry" / "nominees" / "primero.json", target)
    before = sorted(os.listdir(tmp_path))
    CliRunner().invoke(
        main, ["check", "--no-config", "--sarif", str(tmp_path / "out.sarif"), str(target)]
    )
    assert sorted(os.listdir(tmp_path)) == sorted([*before, "out.sarif"])
