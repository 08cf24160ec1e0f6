"""The catalogue and the code agree, and every rule is documented and tested."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from dpglint import rules as rule_registry
from dpglint.catalogue import CatalogueError, load_catalogue, load_catalogue_from
from dpglint.docs import explain, find_rule, rules_json, rules_table
from dpglint.rules import bind, registered_rules, rule
from tests.helpers import RULE_FIXTURES, lint, load_rule_cases

CATALOGUE = load_catalogue()
RULE_IDS = sorted(CATALOGUE.rules)


def test_every_catalogue_entry_has_code_and_every_function_an_entry() -> None:
    assert set(registered_rules()) == set(CATALOGUE.rules)
    assert [b.spec.id for b in bind(CATALOGUE)] == RULE_IDS


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_rule_has_passing_and_failing_fixtures(rule_id: str) -> None:
    path = RULE_FIXTURES / f"{rule_id}.yaml"
    assert path.is_file(), f"missing {path}"
    cases = load_rule_cases(path)
    assert {c.rule for c in cases} == {rule_id}
    assert any(c.passing for c in cases), "no passing case"
    assert any(not c.passing for c in cases), "no failing case"
    for case in cases:
        if case.registry is None:
            assert all(f.startswith(rule_id + " ") for f in case.findings)
        else:
            assert all(f" {rule_id} " in f for f in case.findings)


METADATA_RULE_IDS = [
    i
    for i in RULE_IDS
    if CATALOGUE.rules[i].scope == "metadata" and not registered_rules()[i].registry
]


@pytest.mark.parametrize("rule_id", METADATA_RULE_IDS)
def test_catalogue_examples_behave_as_documented(rule_id: str) -> None:
    """The examples of metadata rules are whole documents that fail and pass; those of
    the files, github and network rules describe evidence, which the fixture files
    provide (test_rule_fixtures)."""
    spec = CATALOGUE.rules[rule_id]
    failing = lint(spec.example.fail, spec.example.filename, select=rule_id)
    passing = lint(spec.example.passing, spec.example.filename, select=rule_id)
    assert failing, f"{rule_id}'s failing example gives no finding"
    assert passing == [], f"{rule_id}'s passing example gives {passing}"


def test_registering_a_rule_twice_fails_loudly() -> None:
    registered_rules()
    with pytest.raises(CatalogueError, match="registered twice"):
        rule("S001")(lambda record, report: [])
    assert rule_registry._REGISTRY["S001"].function.__name__ == "parse_error"


def test_a_malformed_rule_id_fails_loudly() -> None:
    with pytest.raises(CatalogueError, match="not a letter and three digits"):
        rule("bad-id")


def test_binding_fails_when_an_entry_has_no_code(tmp_path: Path) -> None:
    source = Path(rule_registry.__file__).resolve().parents[2] / "rules"
    for name in ("citations.yaml", "core.yaml"):
        (tmp_path / name).write_text((source / name).read_text(encoding="utf-8"))
    extra = (
        (source / "core.yaml")
        .read_text(encoding="utf-8")
        .replace("prefix: S", "prefix: Z")
        .replace("id: S0", "id: Z0")
        .replace("slug: ", "slug: z-")
    )
    (tmp_path / "zz.yaml").write_text(extra)
    catalogue = load_catalogue_from(tmp_path)
    with pytest.raises(CatalogueError, match=r"no code for \['Z001', 'Z002'"):
        bind(catalogue)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("id: S002", "id: S001"), "duplicate rule id"),
        (("severity: error", "severity: fatal"), "unknown severity"),
        (("scope: metadata", "scope: cloud"), "scope 'cloud'"),
        (("tags: [registry]", "tags: [nonsense]"), "must be source tags"),
        (("citations: []", "citations: [mosip-9]"), "unknown citation key 'mosip-9'"),
        (("id: S003", "id: X003"), "must be S and three digits"),
        (("slug: duplicate-key", "slug: Duplicate Key"), "must be kebab-case"),
    ],
)
def test_catalogue_errors_are_caught(tmp_path: Path, edit: tuple[str, str], message: str) -> None:
    source = Path(rule_registry.__file__).resolve().parents[2] / "rules"
    (tmp_path / "citations.yaml").write_text((source / "citations.yaml").read_text("utf-8"))
    text = (source / "core.yaml").read_text(encoding="utf-8")
    assert edit[0] in text
    (tmp_path / "core.yaml").write_text(text.replace(edit[0], edit[1], 1))
    with pytest.raises(CatalogueError, match=message):
        load_catalogue_from(tmp_path)


def test_catalogue_files_validate_against_their_schema() -> None:
    import yaml

    root = Path(rule_registry.__file__).resolve().parents[2]
    schema = json.loads((root / "schemas" / "catalogue.schema.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    for path in sorted((root / "rules").glob("*.yaml")):
        if path.name == "citations.yaml":
            continue
        errors = list(validator.iter_errors(yaml.safe_load(path.read_text("utf-8"))))
        assert errors == [], f"{path.name}: {[e.message for e in errors]}"


def test_rules_table_and_json_list_every_rule() -> None:
    table = rules_table(CATALOGUE)
    listed = json.loads(rules_json(CATALOGUE))
    assert [r["id"] for r in listed] == RULE_IDS
    for rule_id in RULE_IDS:
        assert f"\n{rule_id} " in table


def test_explain_renders_the_catalogue_entry() -> None:
    spec = CATALOGUE.rules["S004"]
    text = explain(spec)
    assert text.startswith("S004 schema-violation (error, Parsing and schema)\n")
    assert spec.summary in text
    assert "Why:" in text and "How to fix:" in text
    assert '"SDGNumber": 18' in text  # the failing example
    assert 'Indicator 2: "Use of Approved Open Licenses"' in text
    assert find_rule(CATALOGUE, "schema-violation") is spec
    assert find_rule(CATALOGUE, "s004") is spec
    assert find_rule(CATALOGUE, "nope") is None
