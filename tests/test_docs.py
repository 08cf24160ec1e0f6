"""docs/rules.md is generated from the catalogue and must be up to date."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from dpglint.catalogue import load_catalogue
from dpglint.cli import main
from dpglint.docs import rules_markdown

DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def test_docs_rules_md_is_up_to_date() -> None:
    expected = rules_markdown(load_catalogue())
    assert DOCS.read_text(encoding="utf-8") == expected, (
        "docs/rules.md is stale: run `dpglint rules --format markdown > docs/rules.md`"
    )


def test_the_command_prints_the_same_markdown() -> None:
    result = CliRunner().invoke(main, ["rules", "--format", "markdown"])
    assert result.exit_code == 0
    assert result.output == rules_markdown(load_catalogue())


def test_every_rule_and_citation_is_documented() -> None:
    text = rules_markdown(load_catalogue())
    catalogue = load_catalogue()
    for spec in catalogue.rules.values():
        assert f"### {spec.id} {spec.slug}" in text
        assert spec.rationale in text
    for citation in catalogue.citations.values():
        assert f'"{citation.title}"' in text
