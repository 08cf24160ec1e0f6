"""Hostile values in metadata: control characters and ANSI escapes never reach a
terminal raw, and no output format can be broken by them; long strings are shortened."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dpglint.cli import main
from dpglint.formatters.text import clean

ESC = "\x1b"
HOSTILE_NAME = f"Evil {ESC}[31mRED{ESC}[0m\r\n::error::owned %0A \u202eevil\u202c \x07"


def _record(tmp_path: Path) -> Path:
    record = {
        "name": HOSTILE_NAME,
        "description": "x" * 5000,
        "license": [{"spdx": f"MIT{ESC}[2J", "licenseURL": "https://example.org/L"}],
        "SDGs": [{"SDGNumber": 3, "evidenceText": "ok"}],
        "type": ["software"],
        "organizations": [{"name": HOSTILE_NAME, "org_type": "owner"}],
        "stage": "nominee",
    }
    target = tmp_path / f"nominee{ESC}[1m.json"
    target.write_text(json.dumps(record, indent=2))
    return target


@pytest.mark.parametrize("output_format", ["text", "github"])
def test_no_raw_control_characters_reach_the_terminal(tmp_path: Path, output_format: str) -> None:
    result = CliRunner().invoke(
        main, ["check", "--no-config", "--format", output_format, str(_record(tmp_path))]
    )
    assert result.exit_code == 1
    assert ESC not in result.output and "\x07" not in result.output
    assert "\u202e" not in result.output
    if output_format == "github":
        # only dpglint's own commands start a line: text inside a message is data
        for line in result.output.splitlines():
            assert not line.startswith("::") or line.startswith(
                ("::error ", "::warning ", "::notice ")
            )


@pytest.mark.parametrize("output_format", ["json", "sarif", "markdown"])
def test_documents_stay_well_formed(tmp_path: Path, output_format: str) -> None:
    result = CliRunner().invoke(
        main, ["check", "--no-config", "--format", output_format, str(_record(tmp_path))]
    )
    if output_format in ("json", "sarif"):
        document = json.loads(result.output)  # valid JSON: control characters are escaped
        assert document
    else:
        assert ESC not in result.output
        assert "<script" not in result.output


def test_long_values_are_shortened_in_messages(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["check", "--no-config", "--format", "json", str(_record(tmp_path))]
    )
    messages = [f["message"] for f in json.loads(result.output)["findings"]]
    assert messages and all(len(m) <= 600 for m in messages)


def test_clean() -> None:
    assert clean("plain text") == "plain text"
    assert clean(f"a{ESC}[31mb") == "a\\x1b[31mb"
    assert clean("line\nbreak") == "line\\nbreak"
    assert clean("\u202eabc") == "\\u202eabc"
