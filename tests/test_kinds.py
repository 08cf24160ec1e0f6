from __future__ import annotations

import json
from pathlib import Path

import pytest

from dpglint.kinds import RecordKind, detect_kind, parse_kind
from tests.conftest import CORPUS, FIXTURES, needs_shared

FOLDER_KIND = {
    "nominees": RecordKind.NOMINEE,
    "archive": RecordKind.NOMINEE,
    "excluded-nominees": RecordKind.NOMINEE,
    "digitalpublicgoods": RecordKind.SCREENING,
}


@pytest.mark.parametrize(
    ("data", "path", "expected"),
    [
        ({"name": "x", "license": [], "SDGs": [], "stage": "DPG"}, None, RecordKind.NOMINEE),
        ({"name": "x", "clearOwnership": {}, "locations": {}}, None, RecordKind.SCREENING),
        ({"name": "x", "license": [], "clearOwnership": {}}, None, RecordKind.MERGED),
        ({"id": "x", "name": "x", "license": []}, None, RecordKind.MERGED),
        ({"name": "x", "license": [], "stewardship": {}}, None, RecordKind.MERGED),
        ({"name": "x", "businessModel": {}}, None, RecordKind.MERGED),
        ({"name": "x", "description": "d"}, "repo/publicgoods.yaml", RecordKind.MERGED),
        ({"id": "1", "name": "x", "openlicenses": []}, None, RecordKind.APP),
        ({"name": "x", "sdgs": {}, "categories": []}, None, RecordKind.APP),
        (
            {"$schema": "https://example.org/screening-schema.json", "name": "x"},
            None,
            RecordKind.SCREENING,
        ),
        ({"$schema": "urn:dpglint:schemas:merged-record", "name": "x"}, None, RecordKind.MERGED),
        ({"name": "x"}, None, None),
        ({"title": "x"}, "publicgoods.json", None),
        ([{"name": "x"}], None, None),
        ("text", None, None),
    ],
)
def test_detect_kind(data: object, path: str | None, expected: RecordKind | None) -> None:
    assert detect_kind(data, path) == expected


def test_parse_kind() -> None:
    assert parse_kind("app") is RecordKind.APP
    with pytest.raises(ValueError, match="unknown record kind 'record'"):
        parse_kind("record")


def _classify_all(root: Path) -> list[tuple[Path, RecordKind | None]]:
    results = []
    for folder, _kind in FOLDER_KIND.items():
        for path in sorted((root / folder).glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            results.append((path, detect_kind(data, str(path))))
    return results


def test_vendored_registry_sample_is_classified_by_folder() -> None:
    results = _classify_all(FIXTURES / "registry")
    assert len(results) == 13
    for path, kind in results:
        assert kind is FOLDER_KIND[path.parent.name], path


@needs_shared
def test_every_corpus_record_is_classified_by_folder() -> None:
    results = _classify_all(CORPUS)
    assert len(results) == 916
    for path, kind in results:
        assert kind is FOLDER_KIND[path.parent.name], path


def test_api_and_app_fixtures() -> None:
    for path in sorted((FIXTURES / "api-v0").glob("*.json")):
        assert detect_kind(json.loads(path.read_text("utf-8"))) is RecordKind.MERGED
    app = json.loads((FIXTURES / "app-api" / "formsg.json").read_text("utf-8"))
    assert detect_kind(app) is RecordKind.APP
