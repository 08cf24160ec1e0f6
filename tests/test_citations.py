"""Citations are faithful: every title is quoted exactly from its source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dpglint.catalogue import load_catalogue
from tests.conftest import SHARED

SEED = SHARED / "seed" / "undp-2023-dpgs-for-the-sdgs.md"
VENDORED = Path(__file__).parent / "data" / "report-title-lines.md"
CITATIONS = load_catalogue().citations

EXPECTED_LESSONS = {"mosip": 5, "primero": 7, "cowin": 6, "unbl": 6, "a2i": 5, "insight": 5}
STANDARD_INDICATORS = [str(n) for n in range(1, 10)] + ["9a", "9b", "9c"]


def _vendored_lines() -> list[str]:
    return [
        line for line in VENDORED.read_text(encoding="utf-8").splitlines() if line.startswith("#")
    ]


def test_every_case_study_lesson_and_insight_is_catalogued() -> None:
    for prefix, count in EXPECTED_LESSONS.items():
        keys = sorted(k for k in CITATIONS if k.startswith(prefix + "-"))
        assert keys == sorted(f"{prefix}-{n}" for n in range(1, count + 1))
    for indicator in STANDARD_INDICATORS:
        assert CITATIONS[f"standard-{indicator}"].source == "standard"


@pytest.mark.parametrize("key", sorted(k for k, c in CITATIONS.items() if c.source == "report"))
def test_report_titles_are_quoted_exactly(key: str) -> None:
    title = CITATIONS[key].title
    heading_titles = [
        re.sub(r"^#+\s*(\d\.\s+)?", "", line).replace("*", "").strip() for line in _vendored_lines()
    ]
    assert title in heading_titles, f"{key}: {title!r} is not a heading of the report"
    if SEED.is_file():
        assert title in SEED.read_text(encoding="utf-8")


@pytest.mark.skipif(not SEED.is_file(), reason="../shared/seed is not present")
def test_vendored_heading_lines_are_verbatim_from_the_report() -> None:
    report_lines = set(SEED.read_text(encoding="utf-8").splitlines())
    for line in _vendored_lines():
        assert line in report_lines, line


def test_labels_name_the_lesson_or_insight() -> None:
    assert CITATIONS["mosip-2"].label == "MOSIP Lesson #2"
    assert CITATIONS["mosip-2"].title == (
        "A dedicated fiscal home and organizational stewardship allowed MOSIP to thrive"
    )
    assert CITATIONS["insight-3"].label == "Insight #3"
    assert CITATIONS["insight-3"].title == (
        "(Re)engineering products with an intent to scale is beneficial"
    )
    assert CITATIONS["standard-9a"].title == "Data Privacy & Security"


CASE_STUDIES = ("mosip", "primero", "cowin", "unbl", "a2i")


def test_the_rules_cite_every_case_study_and_every_insight() -> None:
    catalogue = load_catalogue()
    cited = {c.key for spec in catalogue.rules.values() for c in spec.citations}
    for case in CASE_STUDIES:
        assert any(key.startswith(case + "-") for key in cited), f"no rule cites {case}"
    for insight in range(1, 6):
        assert f"insight-{insight}" in cited, f"no rule cites insight-{insight}"


def test_report_rules_cite_a_lesson_or_insight() -> None:
    for spec in load_catalogue().rules.values():
        report_keys = [c.key for c in spec.citations if c.source == "report"]
        if "report" in spec.tags:
            assert report_keys, f"{spec.id} is tagged 'report' but cites no lesson or insight"
        else:
            assert not report_keys, f"{spec.id} cites the report but is not tagged 'report'"


def test_standard_rules_cite_the_indicators_they_are_tagged_with() -> None:
    for spec in load_catalogue().rules.values():
        tagged = {t.split(":")[1] for t in spec.tags if t.startswith("standard:")}
        cited = {c.key[len("standard-") :] for c in spec.citations if c.source == "standard"}
        assert tagged == cited, f"{spec.id}: tagged {sorted(tagged)}, cites {sorted(cited)}"
