from __future__ import annotations

import pytest

from dpglint.loader import (
    LoadError,
    load_path,
    parse_text,
    pointer_join,
    scan_json_positions,
    split_pointer,
)

JSON_TEXT = """{
  "name": "Example",
  "license": [
    {"spdx": "MIT", "licenseURL": "https://example.org/LICENSE"},
    {
      "spdx": "Apache-2.0"
    }
  ],
  "SDGs": [[1, 2], [3, [4, 5]]],
  "a/b~c": {"x": null},
  "esc\\"aped": "caf\\u00e9",
  "empty": {},
  "none": []
}
"""


@pytest.mark.parametrize(
    ("pointer", "key", "expected"),
    [
        ("", False, (1, 1)),
        ("/name", False, (2, 11)),
        ("/name", True, (2, 3)),
        ("/license", False, (3, 14)),
        ("/license/0", False, (4, 5)),
        ("/license/0/licenseURL", False, (4, 35)),
        ("/license/0/licenseURL", True, (4, 21)),
        ("/license/1", False, (5, 5)),
        ("/license/1/spdx", False, (6, 15)),
        ("/SDGs/0/1", False, (9, 16)),
        ("/SDGs/1/1/0", False, (9, 25)),
        ("/SDGs/1/1/1", False, (9, 28)),
        ("/a~1b~0c/x", False, (10, 18)),
        ('/esc"aped', True, (11, 3)),
        ("/empty", False, (12, 12)),
        ("/none", False, (13, 11)),
    ],
)
def test_json_positions(pointer: str, key: bool, expected: tuple[int, int]) -> None:
    document = parse_text(JSON_TEXT, "x.json")
    assert document.ok
    assert document.locate(pointer, key=key) == expected


@pytest.mark.parametrize(
    ("pointer", "expected"),
    [
        ("/license/0/missing", (4, 5)),  # a missing key: its parent object
        ("/license/7", (3, 14)),  # an index past the end: the array
        ("/nothing/deeper", (1, 1)),  # nothing matches: the root
        ("/SDGs/0/1/0", (9, 16)),  # below a scalar: the scalar
    ],
)
def test_missing_pointers_fall_back_to_the_nearest_ancestor(
    pointer: str, expected: tuple[int, int]
) -> None:
    assert parse_text(JSON_TEXT, "x.json").locate(pointer) == expected


def test_json_data_is_what_json_loads_gives() -> None:
    document = parse_text(JSON_TEXT, "x.json")
    assert document.data['esc"aped'] == "café"
    assert document.data["a/b~c"] == {"x": None}


def test_json_positions_with_crlf_and_minified_text() -> None:
    document = parse_text('{"a": 1,\r\n "b": [true, {"c": "d"}]}', "x.json")
    assert document.locate("/b/1/c") == (2, 20)
    minified = parse_text('{"a":{"b":[1,2,{"c":3}]}}', "x.json")
    assert minified.locate("/a/b/2/c") == (1, 21)
    assert minified.locate("/a/b/2/c", key=True) == (1, 17)


def test_columns_count_characters_not_bytes() -> None:
    document = parse_text('{"naïve": "日本語", "b": 1}', "x.json")
    assert document.locate("/b", key=True) == (1, 18)


def test_scanner_reports_duplicates_with_offsets() -> None:
    root, duplicates = scan_json_positions('{"a": 1, "a": 2}')
    assert root is not None
    assert root[2]["a"][:2] == [9, 14]  # the last occurrence, the one json keeps
    assert duplicates == [("", "a", 9, 1)]
    _root, nested = scan_json_positions('{"x": [{"a/b": 1, "a/b": 2}]}')
    assert nested == [("/x/0", "a/b", 18, 8)]


YAML_TEXT = """\
name: Example
license:
  - spdx: MIT
    licenseURL: https://example.org/LICENSE
  - spdx: Apache-2.0
SDGs:
  - SDGNumber: 3
    nested: [[1, 2], [3, {deep: x}]]
organizations:
  - name: "Org"
    org_type: owner
"""


@pytest.mark.parametrize(
    ("pointer", "key", "expected"),
    [
        ("", False, (1, 1)),
        ("/name", False, (1, 7)),
        ("/name", True, (1, 1)),
        ("/license", False, (3, 3)),
        ("/license/0", False, (3, 5)),
        ("/license/0/licenseURL", False, (4, 17)),
        ("/license/0/licenseURL", True, (4, 5)),
        ("/license/1/spdx", False, (5, 11)),
        ("/SDGs/0/nested/1/1/deep", False, (8, 33)),
        ("/SDGs/0/nested/0/1", False, (8, 18)),
        ("/organizations/0/name", False, (10, 11)),
        ("/organizations/0/missing", False, (10, 5)),
        ("/license/9", False, (3, 3)),
    ],
)
def test_yaml_positions(pointer: str, key: bool, expected: tuple[int, int]) -> None:
    document = parse_text(YAML_TEXT, "x.yaml")
    assert document.ok
    assert document.locate(pointer, key=key) == expected


def test_yaml_uses_the_core_schema_so_strings_stay_strings() -> None:
    text = (
        "a: NO\nb: on\nc: yes\nd: 2024-01-02\ne: 12:30\nf: 3\ng: 1.5\nh: true\n"
        "i: null\nj: ~\nk:\nl: '3'\nm: 0x1F\nn: .inf\no: Off\np: 2001-12-14t21:59:43.10-05:00\n"
    )
    data = parse_text(text, "x.yaml").data
    assert data == {
        "a": "NO",
        "b": "on",
        "c": "yes",
        "d": "2024-01-02",
        "e": "12:30",
        "f": 3,
        "g": 1.5,
        "h": True,
        "i": None,
        "j": None,
        "k": None,
        "l": "3",
        "m": 31,
        "n": float("inf"),
        "o": "Off",
        "p": "2001-12-14t21:59:43.10-05:00",
    }


def test_yaml_keys_are_strings() -> None:
    assert parse_text("1: a\ntrue: b\nnull: c\n", "x.yaml").data == {
        "1": "a",
        "true": "b",
        "null": "c",
    }


def test_yaml_aliases_are_shared_not_copied() -> None:
    data = parse_text("a: &x [1, 2]\nb: *x\n", "x.yaml").data
    assert data["a"] == data["b"] == [1, 2]


def test_yaml_alias_bomb_is_refused_quickly() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    document = parse_text("\n".join(lines) + "\n", "bomb.yaml")
    assert document.error is not None
    assert "too many aliases" in document.error.message


def test_yaml_recursive_alias_is_refused() -> None:
    document = parse_text("a: &x [1, *x]\n", "x.yaml")
    assert document.error is not None
    assert "contains it" in document.error.message


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        ('{"a": 1,}', "invalid JSON: Expecting property name", 1, 9),
        ('{"a":\n  tru}', "invalid JSON: Expecting value", 2, 3),
        ("", "the file is empty", 1, 1),
        ('{"a": Infinity}', "Infinity is not valid JSON", 1, 1),
        ('{"a": "x"}\x00', "NUL byte", 1, 11),
        ("[" * 100_000, "nested deeper than 500 levels", 1, 501),
    ],
)
def test_json_parse_errors_are_located(text: str, message: str, line: int, column: int) -> None:
    document = parse_text(text, "x.json")
    assert isinstance(document.error, LoadError)
    assert message in document.error.message
    assert (document.error.line, document.error.column) == (line, column)
    assert document.data is None


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        ("a: [1\n", "did not find expected", 2, 1),
        ("a: 1\n---\nb: 2\n", "found another document", 2, 1),
        ("a: !!python/name:os.system\n", "unsupported YAML tag", 1, 4),
        ("a: !custom 3\n", "unsupported YAML tag", 1, 4),
        ("? [a, b]\n: 1\n", "mapping key must be a plain value", 1, 3),
        ("a:\n\tb: 1\n", "invalid YAML", 2, 1),
    ],
)
def test_yaml_parse_errors_are_located(text: str, message: str, line: int, column: int) -> None:
    document = parse_text(text, "x.yaml")
    assert document.error is not None
    assert message in document.error.message
    assert (document.error.line, document.error.column) == (line, column)


def test_load_path_decodes_bom_and_reports_bad_utf8(tmp_path: pytest.TempPathFactory) -> None:
    bom = tmp_path / "bom.json"  # type: ignore[operator]
    bom.write_bytes(b'\xef\xbb\xbf{"name": "x"}')
    assert load_path(bom).data == {"name": "x"}
    utf16 = tmp_path / "utf16.json"  # type: ignore[operator]
    utf16.write_bytes('{"name": "ü"}'.encode("utf-16"))
    assert load_path(utf16).data == {"name": "ü"}
    bad = tmp_path / "bad.json"  # type: ignore[operator]
    bad.write_bytes(b'{\n  "a": "\xc3\x28"\n}')
    document = load_path(bad)
    assert document.error is not None
    assert "not valid UTF-8" in document.error.message
    assert (document.error.line, document.error.column) == (2, 9)


def test_load_path_enforces_the_size_limit(tmp_path: pytest.TempPathFactory) -> None:
    big = tmp_path / "big.json"  # type: ignore[operator]
    big.write_text('{"a": "' + "x" * 200 + '"}')
    document = load_path(big, max_bytes=100)
    assert document.error is not None
    assert "100-byte limit" in document.error.message


def test_pointer_helpers_round_trip() -> None:
    pointer = pointer_join(pointer_join("", "a/b"), "c~d")
    assert pointer == "/a~1b/c~0d"
    assert split_pointer(pointer) == ["a/b", "c~d"]
    assert split_pointer("") == []
