"""Registry mode: records joined into DPGs, lists of records, cross-record rules on the
real corpus, and the library API."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import dpglint
from dpglint.engine import Linter, Selection, Settings, UsageError
from dpglint.registry import combined_readiness, kebab_case, normalised_url
from tests.conftest import CORPUS, FIXTURES, needs_shared


def test_screening_records_are_joined_to_their_nominees() -> None:
    report = Linter().lint_paths([FIXTURES / "registry"])
    assert len(report.files) == 13
    by_id = {d.record_id: d for d in report.dpgs}
    assert len(by_id) == 9
    mosip = by_id["modular-open-source-identity-platform"]
    assert mosip.nominee is not None and mosip.nominee.folder == "nominees"
    assert mosip.screening is not None and mosip.screening.folder == "digitalpublicgoods"
    # the nominee evidences indicators 1-2, the screening record 4-9c: together, all
    assert mosip.readiness is not None
    assert set(mosip.readiness.indicators.values()) == {"evidenced"}
    primero = by_id["primero"].readiness
    assert primero is not None
    assert primero.indicators["7"] == "failing" and primero.indicators["1"] == "evidenced"
    assert by_id["ekshop"].screening is None


def test_a_list_of_records_gives_one_result_per_record() -> None:
    report = Linter().lint_paths([FIXTURES / "app-api" / "formsg-list.json"])
    assert [(f.pointer, f.kind) for f in report.files] == [("/0", "app")]
    single = Linter().lint_paths([FIXTURES / "app-api" / "formsg.json"])
    # the same findings, located two lines and two columns further in the list file
    listed = [(f.rule_id, f.pointer) for f in report.files[0].findings]
    alone = [(f.rule_id, "/0" + f.pointer) for f in single.files[0].findings]
    assert listed == alone
    first = report.files[0].findings[0]
    assert first.line == single.files[0].findings[0].line + 1


def test_a_list_of_unknown_things_is_one_unknown_document(tmp_path: Path) -> None:
    target = tmp_path / "list.json"
    target.write_text('[{"title": "a"}, {"title": "b"}]')
    report = Linter().lint_paths([target])
    assert [(f.pointer, [x.rule_id for x in f.findings]) for f in report.files] == [("", ["S003"])]


@pytest.mark.parametrize(
    ("name", "file_name"),
    [
        ("Open Clinic", "open-clinic"),
        ("Santé MPI (v2.0)", "sante-mpi-v2.0"),
        ("A  --  B", "a-b"),
        ("redirect 2 redirectioneaza.ro", "redirect-2-redirectioneaza.ro"),
    ],
)
def test_kebab_case_follows_the_registry(name: str, file_name: str) -> None:
    assert kebab_case(name) == file_name


def test_repository_urls_are_compared_loosely() -> None:
    assert normalised_url("http://www.GitHub.com/o/r.git/") == normalised_url(
        "https://github.com/o/r"
    )


def test_combined_readiness_takes_the_most_telling_state() -> None:
    from dpglint.model import INDICATORS, Readiness

    nominee = Readiness(
        indicators={n: ("evidenced" if n in "123" else "unknown") for n in INDICATORS},
        insights={"insight-1": "unknown", "insight-2": "unmet"},
    )
    screening = Readiness(
        indicators={n: ("failing" if n == "7" else "evidenced") for n in INDICATORS},
        insights={"insight-1": "met", "insight-2": "met"},
    )
    combined = combined_readiness([nominee, screening])
    assert combined is not None
    assert combined.indicators["1"] == "evidenced" and combined.indicators["7"] == "failing"
    assert combined.insights == {"insight-1": "met", "insight-2": "unmet"}


@needs_shared
def test_the_whole_corpus_as_a_registry() -> None:
    """One result per record; the duplicates and orphans that are really there."""
    report = Linter(Settings(selection=Selection(select=("R", "S")))).lint_paths([CORPUS])
    assert len(report.files) == 916
    assert len(report.dpgs) == 916 - 161  # every screening record has its nominee
    by_rule: dict[str, set[str]] = {}
    for finding in report.findings:
        by_rule.setdefault(finding.rule_id, set()).add(
            Path(finding.path).relative_to(CORPUS).as_posix()
        )
    assert by_rule["R004"] == {
        f"nominees/{n}.json"
        for n in (
            "african-storybook",
            "antura-and-the-letters",
            "gdl-radio",
            "global-digital-library",
            "h5p",
            "mifos-android",
            "mifos-mobile",
            "mifos-web-app",
        )
    }
    assert by_rule["R002"] == {
        f"{folder}/{n}.json"
        for n in (
            "geoprism-registry",
            "growstuff",
            "oer-commons",
            "open-concept-lab",
            "opentelerehab",
        )
        for folder in ("nominees", "archive")
    }
    assert {
        "nominees/cboard.json",
        "nominees/cireha.json",
        "archive/moodle.json",
        "nominees/moodle-lms.json",
        "archive/open-ml-python.json",
        "excluded-nominees/openml-python.json",
    } <= by_rule["R001"]
    assert len(by_rule["R001"]) == 30
    assert "R003" not in by_rule and "R006" not in by_rule


def test_library_api_returns_results_and_never_prints(capsys: pytest.CaptureFixture[str]) -> None:
    report = dpglint.lint_folder(FIXTURES / "registry", select=["S", "R"])
    assert len(report.files) == 13
    record = json.loads((FIXTURES / "registry" / "nominees" / "primero.json").read_text("utf-8"))
    result = dpglint.lint_record(record)
    assert result.path == "<record>" and result.kind == "nominee"
    assert "L002" in {f.rule_id for f in result.findings}
    from_path = dpglint.lint_record(FIXTURES / "registry" / "nominees" / "primero.json")
    assert [f.rule_id for f in from_path.findings] == [f.rule_id for f in result.findings]
    text = dpglint.lint_text("name: Example\ndescription: x\n", "publicgoods.yaml", select=["S004"])
    assert text.findings and text.findings[0].line == 1
    assert capsys.readouterr() == ("", "")
    with pytest.raises(UsageError):
        dpglint.lint_paths(["/no/such/path"])


def test_importing_dpglint_is_light() -> None:
    heavy = "('jsonschema', 'yaml', 'click', 'requests', 'dpglint.')"
    code = f"import sys, dpglint; print(sorted(m for m in sys.modules if m.startswith({heavy})))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


@needs_shared
def test_worker_processes_give_the_same_report() -> None:
    settings = Settings(selection=Selection(select=("S", "L", "R", "U")))
    alone = Linter(settings).lint_paths([CORPUS], jobs=1)
    workers = Linter(settings).lint_paths([CORPUS], jobs=2)
    assert [f.path for f in workers.files] == [f.path for f in alone.files]
    assert workers.findings == alone.findings
    assert [d.readiness for d in workers.dpgs] == [d.readiness for d in alone.dpgs]


def test_small_runs_do_not_start_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a worker pool was started for 13 files")

    monkeypatch.setattr(multiprocessing, "get_context", refuse)
    report = Linter().lint_paths([FIXTURES / "registry"], jobs=4)
    assert len(report.files) == 13
