"""The CI formats: SARIF against the OASIS schema, GitHub workflow commands (escaped as
the Actions toolkit does) and the Markdown job summary against snapshots.

Regenerate a snapshot after a deliberate change, then read it as a reviewer would:
``python -c "from tests.test_formatters_ci import write_snapshots; write_snapshots()"``.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator
from referencing import Registry, Resource

from dpglint.catalogue import load_catalogue
from dpglint.engine import Linter
from dpglint.formatters import FormatOptions
from dpglint.formatters.github import annotation, escape_data, escape_property, format_github
from dpglint.formatters.markdown import escape, format_markdown
from dpglint.formatters.sarif import (
    FINGERPRINT_KEY,
    RULES_DOC_URI,
    artifact_uri,
    format_sarif,
)
from dpglint.model import FileReport, Finding, Report, Severity, Waiver
from tests.conftest import FIXTURES, ROOT

DATA = Path(__file__).parent / "data"
SNAPSHOTS = DATA / "snapshots"
SARIF_SCHEMA = json.loads((DATA / "sarif" / "sarif-schema-2.1.0.json").read_text("utf-8"))
PRIMERO = "fixtures/registry/digitalpublicgoods/primero.json"
OPTIONS = FormatOptions()
HOSTILE_MESSAGE = (
    "100% sure:\r\nline two, with ::error file=x::injected; "
    "| cell | <script>alert(1)</script> `code` *bold* _em_ [link](https://e.org) ~~s~~ $x$ "
    "naïve ✅ 中文"
)
HOSTILE_PATH = "dir, with:colons/::error::evil %20 <b>|x|</b>_`[a]`.json"


def sarif_validator() -> Draft7Validator:
    """The OASIS schema's root object (kept under ``definitions/Root`` in this copy, see
    ``tests/data/sarif/SOURCE.md``), with every ``$ref`` resolved within the file."""
    assert SARIF_SCHEMA["$schema"] == "http://json-schema.org/draft-07/schema#"
    base = SARIF_SCHEMA["$id"]
    registry: Registry[Any] = Registry().with_resource(base, Resource.from_contents(SARIF_SCHEMA))
    return Draft7Validator(
        {"$ref": f"{base}#/definitions/Root"},
        registry=registry,
        format_checker=Draft7Validator.FORMAT_CHECKER,
    )


def sarif(report: Report) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(format_sarif(report, OPTIONS))
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in sarif_validator().iter_errors(document)
    ]
    assert errors == []
    return document


def case_study_report() -> Report:
    return Linter().lint_paths([FIXTURES / "registry", FIXTURES / "api-v0", FIXTURES / "examples"])


def finding(**changes: Any) -> Finding:
    base = Finding(
        rule_id="O004",
        slug="ownership-evidence-missing",
        severity=Severity.ERROR,
        message="copyrightURL is empty",
        path="publicgoods.json",
        line=5,
        column=21,
        pointer="/clearOwnership/copyrightURL",
        hint="link the copyright notice",
    )
    return replace(base, **changes)


def waived(found: Finding) -> Finding:
    return replace(
        found,
        waiver=Waiver(
            rule=found.rule_id,
            path=found.path,
            reason="ownership documented offline",
            expires="2099-12-31",
            source=".dpglint.yaml:4:5",
        ),
    )


def report_of(*findings: Finding, path: str = "publicgoods.json") -> Report:
    return Report(files=[FileReport(path=path, kind=None, findings=list(findings))])


# ----------------------------------------------------------------------------- SARIF


def test_the_vendored_schema_is_the_shared_copy_and_rejects_invalid_logs() -> None:
    shared = ROOT.parent / "shared" / "anchors" / "sarif" / "sarif-schema-2.1.0.json"
    if shared.is_file():
        assert shared.read_bytes() == (DATA / "sarif" / "sarif-schema-2.1.0.json").read_bytes()
    validator = sarif_validator()
    assert not validator.is_valid({"version": "2.1.0"})  # runs is required
    assert not validator.is_valid({"version": "2.0.0", "runs": []})
    run: dict[str, Any] = {"tool": {"driver": {"name": "x"}}}
    assert validator.is_valid({"version": "2.1.0", "runs": [run]})
    run["results"] = [{"message": {"text": "m"}, "level": "info"}]  # SARIF says "note"
    assert not validator.is_valid({"version": "2.1.0", "runs": [run]})


def test_sarif_of_the_case_studies_validates_and_lists_every_rule() -> None:
    report = case_study_report()
    document = sarif(report)
    assert document["version"] == "2.1.0"
    (run,) = document["runs"]
    driver = run["tool"]["driver"]
    catalogue = load_catalogue()
    assert driver["name"] == "dpglint"
    assert driver["informationUri"] == "https://pypi.org/project/dpglint/"
    assert [r["id"] for r in driver["rules"]] == list(catalogue.rules)
    for rule in driver["rules"]:
        spec = catalogue.rules[rule["id"]]
        assert rule["name"] == spec.slug
        assert rule["shortDescription"]["text"] == spec.summary
        assert rule["fullDescription"]["text"] == spec.rationale
        assert rule["helpUri"] == f"{RULES_DOC_URI}#{spec.id.lower()}-{spec.slug}"
        assert rule["help"]["text"].startswith(spec.remediation)
        for citation in spec.citations:
            assert f'"{citation.title}"' in rule["help"]["text"]
            assert f'"{citation.title}"' in rule["help"]["markdown"]
        assert rule["properties"]["tags"] == list(dict.fromkeys((*spec.tags, spec.family.name)))
        assert rule["properties"]["scope"] == spec.scope
    assert len(run["results"]) == len(report.findings) > 0
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert run["columnKind"] == "unicodeCodePoints"
    readiness = run["properties"]["readiness"]
    assert len(readiness["files"]) == len(report.files)
    # a screening record and its nominee count once in the totals
    assert readiness["totals"]["records"] == len(report.dpgs) < len(report.files)
    assert readiness["totals"]["indicators"] == report.readiness_totals().indicators


def test_sarif_helpuri_anchors_exist_in_docs_rules_md() -> None:
    headings = (ROOT / "docs" / "rules.md").read_text("utf-8")
    for spec in load_catalogue().rules.values():
        assert f"\n### {spec.id} {spec.slug}\n" in headings


def test_sarif_results_point_at_their_rule_with_the_right_level() -> None:
    report = case_study_report()
    run = sarif(report)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    levels = {"error": "error", "warning": "warning", "info": "note"}
    catalogue = load_catalogue()
    for found, result in zip(report.findings, run["results"], strict=True):
        assert result["ruleId"] == found.rule_id == rules[result["ruleIndex"]]["id"]
        assert result["level"] == levels[str(found.severity)]
        assert (
            rules[result["ruleIndex"]]["defaultConfiguration"]["level"]
            == (levels[str(catalogue.rules[found.rule_id].severity)])
        )
        text = result["message"]["text"]
        assert text == f"{found.message}\nHint: {found.hint}"
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == Path(found.path).as_uri()  # absolute
        assert location["region"] == {"startLine": found.line, "startColumn": found.column}
        assert result["properties"] == {
            "pointer": found.pointer,
            "citations": [c.key for c in found.citations],
            "tags": list(found.tags),
        }
        assert "suppressions" not in result
    assert {r["level"] for r in run["results"]} == {"error", "warning", "note"}


def test_sarif_of_an_empty_report_still_lists_the_rules() -> None:
    run = sarif(Report())["runs"][0]
    assert run["results"] == []
    assert len(run["tool"]["driver"]["rules"]) == len(load_catalogue().rules)
    assert run["properties"]["readiness"]["totals"]["records"] == 0


def test_sarif_carries_a_waived_finding_as_an_accepted_external_suppression() -> None:
    report = Linter().lint_paths([ROOT / PRIMERO])
    first = report.files[0].findings[0]
    report.files[0].findings[0] = waived(first)
    results = sarif(report)["runs"][0]["results"]
    suppressed = [r for r in results if "suppressions" in r]
    assert len(suppressed) == 1
    assert suppressed[0]["ruleId"] == first.rule_id
    assert suppressed[0]["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "ownership documented offline",
            "properties": {"source": ".dpglint.yaml:4:5", "expires": "2099-12-31"},
        }
    ]


def fingerprints(text: str) -> dict[tuple[str, str], tuple[str, int]]:
    file_report = Linter().lint_text(text, PRIMERO)
    document = sarif(Report(files=[file_report]))
    return {
        (f.rule_id, f.pointer): (r["partialFingerprints"][FINGERPRINT_KEY], f.line)
        for f, r in zip(file_report.findings, document["runs"][0]["results"], strict=True)
    }


def test_sarif_fingerprints_survive_reruns_and_edits_to_other_lines() -> None:
    text = (ROOT / PRIMERO).read_text("utf-8")
    before = fingerprints(text)
    assert fingerprints(text) == before
    assert len({fp for fp, _line in before.values()}) == len(before)
    shifted = fingerprints(text.replace("{\n", "{\n\n\n", 1))
    assert set(shifted) == set(before)
    for key, (fp, line) in before.items():
        assert shifted[key] == (fp, line + 2)


def test_sarif_fingerprints_tell_identical_findings_apart() -> None:
    twice = report_of(finding(line=3), finding(line=9))
    prints = [r["partialFingerprints"][FINGERPRINT_KEY] for r in sarif(twice)["runs"][0]["results"]]
    assert prints[0].endswith(":1") and prints[1].endswith(":2")
    assert prints[0][:-2] == prints[1][:-2]


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("fixtures/registry/nominees/primero.json", "fixtures/registry/nominees/primero.json"),
        ("sub dir\\publicgoods.json", "sub%20dir/publicgoods.json"),
        ("/home/ci/work/publicgoods.json", "file:///home/ci/work/publicgoods.json"),
        ("C:\\work\\publicgoods.json", "file:///C:/work/publicgoods.json"),
        (
            "https://github.com/mosip/commons/blob/master/publicgoods.json",
            "https://github.com/mosip/commons/blob/master/publicgoods.json",
        ),
        ("100%#?.json", "100%25%23%3F.json"),
    ],
)
def test_sarif_artifact_uris(path: str, uri: str) -> None:
    assert artifact_uri(path) == uri


def test_sarif_of_hostile_text_validates() -> None:
    found = finding(message=HOSTILE_MESSAGE, path=HOSTILE_PATH, hint="a\nb")
    run = sarif(report_of(found, waived(found), path=HOSTILE_PATH))["runs"][0]
    assert run["results"][0]["message"]["text"] == f"{HOSTILE_MESSAGE}\nHint: a\nb"


def test_sarif_omits_a_region_for_an_unknown_position() -> None:
    run = sarif(report_of(finding(line=0, column=0)))["runs"][0]
    assert "region" not in run["results"][0]["locations"][0]["physicalLocation"]


# ----------------------------------------------------------------------------- GitHub


def unescape_property(text: str) -> str:
    for token, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(token, char)
    return text


def unescape_data(text: str) -> str:
    for token, char in (("%0D", "\r"), ("%0A", "\n"), ("%25", "%")):
        text = text.replace(token, char)
    return text


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """Read a workflow command back the way the runner does: the command and its
    properties end at the first ``::``; properties split at ``,`` then at ``=``."""
    assert line.startswith("::") and "\n" not in line and "\r" not in line
    end = line.index("::", 2)
    command, _, raw = line[2:end].partition(" ")
    properties = {}
    for pair in raw.split(","):
        key, _, value = pair.partition("=")
        properties[key] = unescape_property(value)
    return command, properties, unescape_data(line[end + 2 :])


def test_github_output_of_a_small_report() -> None:
    report = report_of(
        finding(),
        finding(
            rule_id="C004",
            slug="local-partners-missing",
            severity=Severity.WARNING,
            message="no local partner is declared",
            line=39,
            column=20,
            hint="",
        ),
        finding(rule_id="U006", slug="whitespace-padded", severity=Severity.INFO, line=40),
    )
    assert format_github(report, OPTIONS).splitlines() == [
        "::error file=publicgoods.json,line=5,col=21,title=O004 ownership-evidence-missing::"
        "copyrightURL is empty — hint: link the copyright notice",
        "::warning file=publicgoods.json,line=39,col=20,title=C004 local-partners-missing::"
        "no local partner is declared",
        "::notice file=publicgoods.json,line=40,col=21,title=U006 whitespace-padded::"
        "copyrightURL is empty — hint: link the copyright notice",
        "",
        "Found 3 findings (1 error, 1 warning, 1 info) in 1 of 1 file.",
    ]
    assert format_github(report, FormatOptions(quiet=True)).count("\n") == 3


def test_github_output_of_the_case_study_ends_with_the_text_summary() -> None:
    report = Linter().lint_paths([ROOT / PRIMERO])
    lines = format_github(report, OPTIONS).splitlines()
    assert [parse_command(line)[0] for line in lines[:5]] == ["error"] * 5
    assert not lines[5]
    assert "DPG Standard readiness:" in lines
    assert lines[-1] == "Found 5 findings (5 errors, 0 warnings, 0 info) in 1 of 1 file."
    assert format_github(Report(), OPTIONS) == "All checks passed: 0 files, no findings.\n"


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        ("100%", "100%25", "100%25"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("%0A", "%250A", "%250A"),
        ("x::error::y", "x::error::y", "x%3A%3Aerror%3A%3Ay"),
        ("a,b=c", "a,b=c", "a%2Cb=c"),
        ("naïve ✅ 中文", "naïve ✅ 中文", "naïve ✅ 中文"),
    ],
)
def test_github_escaping_matches_the_actions_toolkit(text: str, data: str, prop: str) -> None:
    assert escape_data(text) == data
    assert escape_property(text) == prop


def test_github_hostile_messages_and_paths_stay_one_command() -> None:
    found = finding(message=HOSTILE_MESSAGE, path=HOSTILE_PATH, hint="x\n::error::y")
    line = annotation(found)
    assert line.count("\n") == 0
    command, properties, message = parse_command(line)
    assert command == "error"
    assert properties == {
        "file": HOSTILE_PATH,
        "line": "5",
        "col": "21",
        "title": "O004 ownership-evidence-missing",
    }
    assert message == f"{HOSTILE_MESSAGE} — hint: x\n::error::y"
    note = "::error file=a::note injection"
    report = report_of(found)
    report.files[0].notes = (note,)
    output = format_github(report, OPTIONS)
    commands = [x for x in output.splitlines() if x.lstrip().startswith("::")]
    assert commands == [line]


def test_github_does_not_annotate_waived_findings() -> None:
    report = report_of(finding(), waived(finding(line=9)))
    lines = format_github(report, OPTIONS).splitlines()
    assert [parse_command(x)[1]["line"] for x in lines if x.startswith("::")] == ["5"]
    assert lines[-1] == "Found 1 finding (1 error, 0 warnings, 0 info) in 1 of 1 file (1 waived)."
    only_waived = format_github(report_of(waived(finding())), OPTIONS)
    assert only_waived == "All checks passed: 1 file, no findings (1 waived).\n"


# ----------------------------------------------------------------------------- Markdown


def snapshot_reports() -> dict[str, Report]:
    """Lint from the repository root so that paths are relative, as in CI."""
    linter = Linter()
    return {
        "markdown-case-study.md": linter.lint_paths([PRIMERO]),
        "markdown-registry.md": linter.lint_paths(["fixtures/registry"]),
    }


def write_snapshots() -> None:
    import os

    os.chdir(ROOT)
    for name, report in snapshot_reports().items():
        (SNAPSHOTS / name).write_text(format_markdown(report, OPTIONS), encoding="utf-8")


def test_markdown_snapshots(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    for name, report in snapshot_reports().items():
        expected = (SNAPSHOTS / name).read_bytes()
        assert format_markdown(report, OPTIONS).encode("utf-8") == expected, name


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a|b", "a\\|b"),
        ("<script>&", "&lt;script&gt;&amp;"),
        ("`x` *y* _z_ [l](u) ~s~ $m$", "\\`x\\` \\*y\\* \\_z\\_ \\[l\\](u) \\~s\\~ \\$m\\$"),
        ("one\r\n  two\nthree", "one two three"),
        ("back\\slash", "back\\\\slash"),
    ],
)
def test_markdown_escape(text: str, escaped: str) -> None:
    assert escape(text) == escaped


def test_markdown_hostile_text_cannot_break_out() -> None:
    primero = (ROOT / PRIMERO).read_text("utf-8")
    file_report = Linter().lint_text(primero, HOSTILE_PATH)
    file_report.findings.append(finding(message=HOSTILE_MESSAGE, path=HOSTILE_PATH, hint="h\n# x"))
    file_report.findings.append(waived(finding(message=HOSTILE_MESSAGE, path=HOSTILE_PATH)))
    file_report.notes = ("</details><script>x</script>\n| a |",)
    output = format_markdown(Report(files=[file_report]), OPTIONS)
    tags = {part.split(">")[0] for part in output.split("<")[1:]}
    assert tags == {"details", "/details", "summary", "/summary"}
    assert "dir, with:colons/::error::evil %20 &lt;b&gt;\\|x\\|&lt;/b&gt;\\_\\`\\[a\\]\\`.json" in (
        output
    )
    for line in output.splitlines():
        if line.startswith("|"):
            assert line.count("|") - line.count("\\|") == 4, line
        assert not line.startswith("#") or line.startswith(("## ", "### ")), line
    items = [x for x in output.splitlines() if HOSTILE_MESSAGE[:4] in x]
    assert len(items) == 2 and all(x.startswith("- **O004** ") for x in items)


def test_markdown_groups_findings_by_severity_and_collapses_waived_ones() -> None:
    report = report_of(
        finding(severity=Severity.INFO, line=1),
        waived(finding(line=2)),
        finding(severity=Severity.WARNING, line=3),
        finding(line=4),
    )
    output = format_markdown(report, OPTIONS)
    headings = [x for x in output.splitlines() if x.startswith(("### ", "<summary>"))]
    assert headings == [
        "### Errors (1)",
        "### Warnings (1)",
        "### Info (1)",
        "<summary>Waived (1)</summary>",
    ]
    assert output.splitlines()[2] == (
        "❌ Found 3 findings (1 error, 1 warning, 1 info) in 1 of 1 file (1 waived)."
    )
    assert "  - Waived until 2099-12-31: ownership documented offline (.dpglint.yaml:4:5)" in (
        output
    )
    assert output.rstrip().endswith("</details>")
    assert format_markdown(Report(), OPTIONS) == (
        "## dpglint report\n\n✅ All checks passed: 0 files, no findings.\n"
    )


def test_markdown_of_a_registry_sized_run_stays_under_the_job_summary_limit() -> None:
    from dpglint.formatters.markdown import MAX_LISTED

    report = Linter().lint_paths([FIXTURES / "registry" / "nominees" / "divoc.json"])
    base = report.files[0]
    many = [replace(base.findings[0], message=f"finding {n}") for n in range(MAX_LISTED + 50)]
    report.files = [replace(base, findings=many)]
    text = format_markdown(report, FormatOptions())
    assert "… and 50 more warnings" in text
    assert len(text.encode()) < 1024 * 1024
