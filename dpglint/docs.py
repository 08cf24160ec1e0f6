"""Everything dpglint says about its rules, rendered from the catalogue: the
``dpglint rules`` table, ``dpglint explain``, and ``docs/rules.md``."""

from __future__ import annotations

import json
import textwrap
from typing import Any

from dpglint.catalogue import Catalogue, RuleSpec
from dpglint.kinds import RecordKind


def rule_to_dict(spec: RuleSpec) -> dict[str, Any]:
    return {
        "id": spec.id,
        "slug": spec.slug,
        "family": spec.family.name,
        "severity": str(spec.severity),
        "scope": spec.scope,
        "tags": list(spec.tags),
        "applies_to": sorted(k.value for k in spec.applies_to),
        "citations": [c.key for c in spec.citations],
        "summary": spec.summary,
        "rationale": spec.rationale,
        "remediation": spec.remediation,
        "hint": spec.hint,
    }


def rules_json(catalogue: Catalogue) -> str:
    return (
        json.dumps(
            [rule_to_dict(s) for s in catalogue.rules.values()], indent=2, ensure_ascii=False
        )
        + "\n"
    )


def rules_table(catalogue: Catalogue) -> str:
    rows = [("ID", "NAME", "SEVERITY", "SCOPE", "SUMMARY")]
    rows += [(s.id, s.slug, str(s.severity), s.scope, s.summary) for s in catalogue.rules.values()]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    return (
        "\n".join(
            "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4]
            for row in rows
        )
        + "\n"
    )


def find_rule(catalogue: Catalogue, name: str) -> RuleSpec | None:
    """A rule by id (any case) or by slug."""
    wanted = name.strip()
    spec = catalogue.rules.get(wanted.upper())
    if spec is not None:
        return spec
    return next((s for s in catalogue.rules.values() if s.slug == wanted.lower()), None)


def _applies(spec: RuleSpec) -> str:
    if spec.applies_to == frozenset(RecordKind):
        return "every record kind"
    return ", ".join(sorted(k.value for k in spec.applies_to))


def _wrap(text: str, indent: str = "  ") -> str:
    return "\n".join(
        textwrap.fill(p, width=88, initial_indent=indent, subsequent_indent=indent)
        for p in text.split("\n")
        if p.strip()
    )


def _indent_block(text: str, indent: str = "    ") -> str:
    return "\n".join(indent + line if line else line for line in text.rstrip("\n").split("\n"))


def explain(spec: RuleSpec) -> str:
    """The full text of ``dpglint explain ID``."""
    parts = [
        f"{spec.id} {spec.slug} ({spec.severity}, {spec.family.title})",
        "",
        spec.summary,
        "",
        f"Scope: {spec.scope}    Applies to: {_applies(spec)}    Sources: {', '.join(spec.tags)}",
        "",
        "Why:",
        _wrap(spec.rationale),
        "",
        "How to fix:",
        _wrap(spec.remediation),
        "",
        f"Fails ({spec.example.filename}):",
        _indent_block(spec.example.fail),
        "",
        f"Passes ({spec.example.filename}):",
        _indent_block(spec.example.passing),
    ]
    cited = list(spec.citations)
    for extra in spec.field_citations.values():
        cited += [c for c in extra if c not in cited]
    if cited:
        parts += ["", "Cites:"]
        parts += [f'  {c.label}: "{c.title}"\n    {c.section} [{c.key}]' for c in cited]
    return "\n".join(parts) + "\n"


def _fence(text: str, filename: str) -> str:
    language = "yaml" if filename.endswith((".yaml", ".yml")) else "json"
    return f"```{language}\n{text.rstrip()}\n```"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rules_markdown(catalogue: Catalogue) -> str:
    """``docs/rules.md``: every family and rule, rendered from the catalogue."""
    rules = list(catalogue.rules.values())
    out = [
        "# dpglint rules",
        "",
        "<!-- Generated from rules/*.yaml by `dpglint rules --format markdown`; do not edit."
        " A test fails when this file is stale. -->",
        "",
        f"{len(rules)} rules in {len(catalogue.families)} "
        f"famil{'y' if len(catalogue.families) == 1 else 'ies'}. Severity policy: `error`"
        " = the DPG Standard or the registry schema is not met (a reviewer would reject);"
        " `warning` = a lesson of the report or a maturity pillar is not met (a"
        " sustainability risk); `info` = hygiene. Source tags: `standard:<indicator>`,"
        " `maturity:<pillar>`, `registry`, `report`.",
        "",
        "| id | name | severity | scope | applies to | summary |",
        "|---|---|---|---|---|---|",
    ]
    out += [
        f"| [{s.id}](#{s.id.lower()}-{s.slug}) | {s.slug} | {s.severity} | {s.scope} | "
        f"{_applies(s)} | {_md_cell(s.summary)} |"
        for s in rules
    ]
    for family in catalogue.families.values():
        out += ["", f"## {family.title} ({family.prefix})", "", family.description]
        for spec in (s for s in rules if s.family is family):
            out += [
                "",
                f"### {spec.id} {spec.slug}",
                "",
                spec.summary,
                "",
                f"- Severity: `{spec.severity}`; scope: `{spec.scope}`; applies to: "
                f"{_applies(spec)}",
                f"- Sources: {', '.join(f'`{t}`' for t in spec.tags)}",
            ]
            if spec.readiness:
                out.append(f"- Readiness: a finding marks its indicators `{spec.readiness}`")
            out += [
                "",
                f"**Why.** {spec.rationale}",
                "",
                f"**How to fix.** {spec.remediation}",
                "",
                f"Fails (`{spec.example.filename}`):",
                "",
                _fence(spec.example.fail, spec.example.filename),
                "",
                f"Passes (`{spec.example.filename}`):",
                "",
                _fence(spec.example.passing, spec.example.filename),
            ]
            cited = list(spec.citations)
            for extra in spec.field_citations.values():
                cited += [c for c in extra if c not in cited]
            if cited:
                out += ["", "Cites:", ""]
                out += [f'- {c.label}: "{c.title}" ({c.section}) `{c.key}`' for c in cited]
    out += ["", "## Citations", "", "| key | source | section | title |", "|---|---|---|---|"]
    out += [
        f'| `{c.key}` | {c.label} | {_md_cell(c.section)} | "{_md_cell(c.title)}" |'
        for c in catalogue.citations.values()
    ]
    return "\n".join(out) + "\n"
