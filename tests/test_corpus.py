"""Integration over real registry records: the vendored sample always, the whole
corpus in ../shared when it is present."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from dpglint.engine import Linter, Selection, Settings
from tests.conftest import CORPUS, FIXTURES, needs_shared

# The 11 old-format excluded nominees the DPGA schemas reject.
SCHEMA_INVALID = {
    "acceda",
    "archive",
    "cold-chain-and-vaccination-management-system",
    "development-data-library",
    "energyplus",
    "merlot",
    "pulseox",
    "siyavula-open-textbooks",
    "standard-energy-efficiency-data-platform",
    "stethoscope",
    "ted",
}


def _lint(root: Path) -> dict[str, list[tuple[str, int, int, str]]]:
    report = Linter(
        Settings(selection=Selection(select=("S001", "S002", "S003", "S004")))
    ).lint_paths([root])
    return {
        f.path: [(x.rule_id, x.line, x.column, x.pointer) for x in f.findings] for f in report.files
    }


def _check_schema_results(results: dict[str, list[tuple[str, int, int, str]]], root: Path) -> None:
    for path, findings in results.items():
        stem = Path(path).stem
        ids = {f[0] for f in findings}
        assert ids <= {"S004"}, (path, findings)
        if stem in SCHEMA_INVALID and "/excluded-nominees/" in path:
            assert findings, path
            lines = (root / Path(path).relative_to(root)).read_text("utf-8").count("\n") + 1
            for _, line, column, _pointer in findings:
                assert 1 <= line <= lines and column >= 1
        else:
            assert findings == [], (path, findings)


def test_vendored_registry_sample() -> None:
    root = FIXTURES / "registry"
    results = _lint(root)
    assert len(results) == 13
    _check_schema_results(results, root)
    ted = results[str(root / "excluded-nominees" / "ted.json")]
    assert ted == [
        ("S004", 1, 1, "/stage"),
        ("S004", 7, 15, "/license/0/spdx"),
        ("S004", 12, 5, "/SDGs/0"),
    ]


@needs_shared
def test_whole_corpus_loads_and_matches_the_registry_schemas() -> None:
    results = _lint(CORPUS)
    assert len(results) == 916
    _check_schema_results(results, CORPUS)
    failing = sorted(Path(p).stem for p, f in results.items() if f)
    assert failing == sorted(SCHEMA_INVALID)
    assert sum(1 for f in results.values() if not f) == 905
    counts = Counter(Path(p).parent.name for p in results)
    assert counts == {
        "nominees": 228,
        "digitalpublicgoods": 161,
        "archive": 486,
        "excluded-nominees": 41,
    }
