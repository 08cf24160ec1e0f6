"""Bad files: each gives a clear, located finding (or exit 2 for a path that is not
there) within a bounded time, never a traceback."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from dpglint.cli import main

NOMINEE = (
    '{"name": "Example", "description": "x", "license": [{"spdx": "MIT", "licenseURL": '
    '"https://example.org/LICENSE"}], "SDGs": [{"SDGNumber": 3}], "type": ["software"], '
    '"organizations": [{"name": "Example", "org_type": "owner"}], "stage": "nominee"}'
)


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["check", "--no-config", "-q", "--select", "S", *args])


def _check(tmp_path: Path, name: str, content: bytes) -> tuple[int, str, float]:
    target = tmp_path / name
    target.write_bytes(content)
    started = time.perf_counter()
    result = run(str(target))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return (
        result.exit_code,
        result.output.replace(str(tmp_path) + os.sep, ""),
        (time.perf_counter() - started),
    )


BILLION_LAUGHS = (
    "\n".join(
        ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    )
    + "\n"
)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.json", b"", "empty.json:1:1: S001 error the file is empty"),
        ("blank.yaml", b"  \n\t\n", "blank.yaml:1:1: S001 error the file is empty"),
        (
            "latin1.json",
            b'{"name": "Bogot\xe1"}',
            "latin1.json:1:16: S001 error the file is not valid UTF-8 (byte 0xe1 at offset 15)",
        ),
        ("nul.json", b'{"name": "a\x00"}', "nul.json:1:12: S001 error the file contains a NUL"),
        (
            "trailing.json",
            b'{"name": "a",}',
            "trailing.json:1:14: S001 error invalid JSON: "
            "Expecting property name enclosed in double quotes",
        ),
        (
            "comment.json",
            b'{\n  // note\n  "name": "a"\n}',
            "comment.json:2:3: S001 error "
            "invalid JSON: Expecting property name enclosed in double quotes",
        ),
        (
            "array.json",
            b"[1, 2]",
            "array.json:1:1: S003 error the document is an array, not an object",
        ),
        ("scalar.json", b'"just text"', "scalar.json:1:1: S003 error the document is a string"),
        (
            "two.yaml",
            b"name: a\n---\nname: b\n",
            "two.yaml:2:1: S001 error invalid YAML: expected a single document",
        ),
        (
            "tag.yaml",
            b"name: !!python/object/apply:os.system [ls]\n",
            "tag.yaml:1:7: S001 error "
            "unsupported YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'",
        ),
        (
            "bomb.yaml",
            BILLION_LAUGHS.encode(),
            "bomb.yaml:7:5: S001 error invalid YAML: the "
            "document expands to more than 1,000,000 values",
        ),
        (
            "deep.json",
            b"[" * 10_000 + b"]" * 10_000,
            "deep.json:1:501: S001 error invalid JSON: "
            "the document is nested deeper than 500 levels",
        ),
        ("deep.yaml", b"a: " + b"[" * 10_000 + b"]" * 10_000, "deep.yaml:"),
        ("utf16.json", NOMINEE.encode("utf-16"), ""),
        (
            "utf16le-nobom.json",
            NOMINEE.encode("utf-16-le"),
            "utf16le-nobom.json:1:2: S001 error the file contains a NUL byte",
        ),
        ("bom.json", b"\xef\xbb\xbf" + NOMINEE.encode(), ""),
        (
            "duplicate.json",
            b'{"name": "a", "name": "b", "stage": "nominee", "description": "x"}',
            "duplicate.json:1:15: S002 error key 'name' appears more than once",
        ),
        (
            "long-line.json",
            (
                '{"name": "' + "x" * 2_000_000 + '", "description": "x", "stage": "nominee"}'
            ).encode(),
            "",
        ),
    ],
)
def test_bad_files(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    code, output, seconds = _check(tmp_path, name, content)
    assert seconds < 10
    if expected:
        assert expected in output, output
        assert code == 1
    else:
        assert " S001 " not in output and " S002 " not in output, output


def test_a_file_over_the_size_limit(tmp_path: Path) -> None:
    target = tmp_path / "big.json"
    with target.open("wb") as handle:
        handle.write(b'{"name": "')
        handle.seek(50 * 1024 * 1024)
        handle.write(b'"}')
    result = run(str(target))
    assert result.exit_code == 1
    assert "S001 error the file is larger than the 10,485,760-byte limit" in result.output


def test_the_size_limit_is_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "nominee.json").write_text(NOMINEE)
    (tmp_path / ".dpglint.yaml").write_text("select: [S]\nlimits:\n  max-file-size: 20\n")
    result = CliRunner().invoke(main, ["check", "-q", "nominee.json"])
    assert "the file is larger than the 20-byte limit" in result.output


def test_special_paths(tmp_path: Path) -> None:
    (tmp_path / "folder.json").mkdir()
    (tmp_path / "folder.json" / "nominee.json").write_text(NOMINEE)
    assert run(str(tmp_path / "folder.json")).exit_code == 0  # a folder is walked
    (tmp_path / "broken.json").symlink_to(tmp_path / "nowhere.json")
    broken = run(str(tmp_path / "broken.json"))
    assert broken.exit_code == 1 and "S001 error cannot read the file" in broken.output
    os.mkfifo(tmp_path / "pipe.json")
    started = time.perf_counter()
    fifo = run(str(tmp_path / "pipe.json"))
    assert time.perf_counter() - started < 5, "a FIFO must not block"
    assert "S001 error not a regular file" in fifo.output
    missing = run(str(tmp_path / "missing.json"))
    assert missing.exit_code == 2 and "no such file or directory" in missing.output


def test_an_unreadable_file(tmp_path: Path) -> None:
    target = tmp_path / "secret.json"
    target.write_text(NOMINEE)
    target.chmod(0)
    try:
        if os.access(target, os.R_OK):  # root reads everything: make opening fail instead
            target.unlink()
            target.symlink_to(target)  # a symlink loop cannot be opened either
        result = run(str(target))
        assert result.exit_code == 1
        assert "S001 error cannot read the file" in result.output
    finally:
        if target.exists():
            target.chmod(0o644)


def test_the_whole_bad_input_suite_is_fast(tmp_path: Path) -> None:
    started = time.perf_counter()
    for index in range(20):
        _check(tmp_path, f"case{index}.json", b"{" * 600)
    assert time.perf_counter() - started < 20
