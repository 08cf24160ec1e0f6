"""Property-based: arbitrary JSON-like documents and arbitrary bytes, fed to the loader
and the whole engine, never raise; every finding has a line and column inside the file."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dpglint.engine import Linter
from dpglint.loader import parse_text
from tests.helpers import document_from

LINTER = Linter()
KEYS = st.sampled_from(
    [
        "name",
        "description",
        "license",
        "spdx",
        "licenseURL",
        "SDGs",
        "SDGNumber",
        "type",
        "organizations",
        "org_type",
        "stage",
        "repositories",
        "url",
        "website",
        "stewardship",
        "clearOwnership",
        "isOwnershipExplicit",
        "doNoHarm",
        "community",
        "id",
        "x",
    ]
)
SCALARS = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
)
JSONISH = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(KEYS | st.text(max_size=8), children, max_size=6)
    ),
    max_leaves=25,
)


def _inside(text: str, line: int, column: int) -> bool:
    lines = text.split("\n")
    return (
        1 <= line <= max(len(lines), 1) and 1 <= column <= len(lines[line - 1]) + 1
        if (line <= len(lines))
        else False
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(JSONISH, st.sampled_from(["publicgoods.json", "nominee.json", "publicgoods.yaml"]))
def test_any_json_like_document(data: object, filename: str) -> None:
    text = json.dumps(data, indent=2)  # JSON is YAML too
    report = LINTER.lint_document(parse_text(text, filename))
    for finding in report.findings:
        assert _inside(text, finding.line, finding.column), (finding, text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["a.json", "a.yaml", "publicgoods.yml"]))
def test_any_bytes(raw: bytes, filename: str) -> None:
    report = LINTER.lint_document(document_from(raw, filename))
    text = raw.decode("utf-8", "replace")
    for finding in report.findings:
        assert finding.line >= 1 and finding.column >= 1
        assert finding.line <= text.count("\n") + 2, finding
