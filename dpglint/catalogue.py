"""The rule catalogue: ``rules/*.yaml``, the single source of truth for what each rule is
and why (id, slug, family, severity, scope, tags, citations, texts, examples).

Rule *logic* lives in :mod:`dpglint.rules`; :func:`dpglint.rules.bind` joins the two
by id and fails loudly when they disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from dpglint._resources import data_dir
from dpglint.kinds import RecordKind
from dpglint.model import Citation, Severity

RULE_ID = re.compile(r"^[A-Z][0-9]{3}$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TAG = re.compile(r"^(?:standard:(?:[1-9]|9[abc])|maturity:[0-9](?:\.[0-9])?|registry|report)$")
SCOPES = ("metadata", "files", "network", "github")
CITATIONS_FILE = "citations.yaml"

_RULE_KEYS = {
    "id",
    "slug",
    "severity",
    "scope",
    "tags",
    "citations",
    "summary",
    "rationale",
    "remediation",
    "hint",
    "examples",
    "applies_to",
    "field_citations",
    "readiness",
}
_REQUIRED_RULE_KEYS = {
    "id",
    "slug",
    "severity",
    "scope",
    "tags",
    "summary",
    "rationale",
    "remediation",
    "hint",
    "examples",
}


class CatalogueError(Exception):
    """The bundled catalogue is inconsistent: a bug in dpglint, never in the user's input."""


@dataclass(frozen=True, slots=True)
class Example:
    filename: str
    fail: str
    passing: str


@dataclass(frozen=True, slots=True)
class Family:
    prefix: str
    name: str
    title: str
    description: str


@dataclass(frozen=True, slots=True)
class RuleSpec:
    id: str
    slug: str
    family: Family
    severity: Severity
    scope: str
    tags: tuple[str, ...]
    citations: tuple[Citation, ...]
    summary: str
    rationale: str
    remediation: str
    hint: str
    example: Example
    applies_to: frozenset[RecordKind]
    #: what a finding of this rule means for the indicators it is tagged with:
    #: "failing" (the Standard is not met), "missing" (the answer is not given), or
    #: None (no effect: advice that does not decide the indicator)
    readiness: str | None
    field_citations: dict[str, tuple[Citation, ...]] = field(default_factory=dict)

    def citations_for(self, pointer: str) -> tuple[Citation, ...]:
        """The citations of a finding at ``pointer``: those of the longest field path
        (``"doNoHarm/dataPrivacySecurity"``, ``"license"``) the catalogue names for it,
        else the rule's own."""
        if self.field_citations and pointer:
            tokens = pointer[1:].split("/")
            for length in range(min(len(tokens), 3), 0, -1):
                found = self.field_citations.get("/".join(tokens[:length]))
                if found is not None:
                    return found
        return self.citations


@dataclass(frozen=True, slots=True)
class Catalogue:
    rules: dict[str, RuleSpec]
    families: dict[str, Family]
    citations: dict[str, Citation]

    def get(self, rule_id: str) -> RuleSpec:
        try:
            return self.rules[rule_id]
        except KeyError:
            raise KeyError(f"no rule {rule_id!r} in the catalogue") from None


def _read_yaml(path: Path) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)


def _text(entry: dict[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CatalogueError(f"{where}: {key!r} must be a non-empty string")
    return value.strip()


def _load_citations(path: Path) -> dict[str, Citation]:
    doc = _read_yaml(path)
    citations: dict[str, Citation] = {}
    for entry in doc.get("citations", []):
        where = f"{path.name}: citation {entry.get('key')!r}"
        key = _text(entry, "key", where)
        if key in citations:
            raise CatalogueError(f"{where}: duplicate key")
        citations[key] = Citation(
            key=key,
            source=_text(entry, "source", where),
            section=_text(entry, "section", where),
            label=_text(entry, "label", where),
            title=_text(entry, "title", where),
        )
    return citations


def _cite(keys: Any, citations: dict[str, Citation], where: str) -> tuple[Citation, ...]:
    if keys is None:
        return ()
    if not isinstance(keys, list):
        raise CatalogueError(f"{where}: citations must be a list of keys")
    try:
        return tuple(citations[k] for k in keys)
    except KeyError as exc:
        raise CatalogueError(f"{where}: unknown citation key {exc.args[0]!r}") from None


def _load_rule(
    entry: dict[str, Any], family: Family, citations: dict[str, Citation], where: str
) -> RuleSpec:
    unknown = set(entry) - _RULE_KEYS
    missing = _REQUIRED_RULE_KEYS - set(entry)
    if unknown or missing:
        raise CatalogueError(f"{where}: unknown keys {sorted(unknown)}, missing {sorted(missing)}")
    rule_id = _text(entry, "id", where)
    if not RULE_ID.match(rule_id) or not rule_id.startswith(family.prefix):
        raise CatalogueError(f"{where}: id {rule_id!r} must be {family.prefix} and three digits")
    slug = _text(entry, "slug", where)
    if not SLUG.match(slug):
        raise CatalogueError(f"{where}: slug {slug!r} must be kebab-case")
    try:
        severity = Severity.parse(_text(entry, "severity", where))
    except ValueError as exc:
        raise CatalogueError(f"{where}: {exc}") from None
    scope = _text(entry, "scope", where)
    if scope not in SCOPES:
        raise CatalogueError(f"{where}: scope {scope!r} is not one of {SCOPES}")
    tags = tuple(entry.get("tags") or ())
    if not tags or any(not isinstance(t, str) or not TAG.match(t) for t in tags):
        raise CatalogueError(
            f"{where}: tags {list(tags)!r} must be source tags such as "
            "standard:2, maturity:1.1, registry, report"
        )
    examples = entry["examples"]
    if not isinstance(examples, dict) or {"filename", "fail", "pass"} - set(examples):
        raise CatalogueError(f"{where}: examples needs filename, fail and pass")
    applies = entry.get("applies_to") or [k.value for k in RecordKind]
    try:
        applies_to = frozenset(RecordKind(k) for k in applies)
    except ValueError as exc:
        raise CatalogueError(f"{where}: {exc}") from None
    readiness = entry.get("readiness")
    if readiness is None and severity is Severity.ERROR:
        readiness = "failing"
    if readiness not in (None, "failing", "missing"):
        raise CatalogueError(f"{where}: readiness must be failing or missing")
    field_citations = {
        str(name): _cite(keys, citations, f"{where} field {name}")
        for name, keys in (entry.get("field_citations") or {}).items()
    }
    return RuleSpec(
        id=rule_id,
        slug=slug,
        family=family,
        severity=severity,
        scope=scope,
        tags=tags,
        citations=_cite(entry.get("citations"), citations, where),
        summary=_text(entry, "summary", where),
        rationale=_text(entry, "rationale", where),
        remediation=_text(entry, "remediation", where),
        hint=_text(entry, "hint", where),
        example=Example(
            filename=str(examples["filename"]),
            fail=str(examples["fail"]),
            passing=str(examples["pass"]),
        ),
        applies_to=applies_to,
        readiness=readiness,
        field_citations=field_citations,
    )


def load_catalogue_from(directory: Path) -> Catalogue:
    """Read every ``*.yaml`` family file and ``citations.yaml`` in ``directory``."""
    citations = _load_citations(directory / CITATIONS_FILE)
    rules: dict[str, RuleSpec] = {}
    families: dict[str, Family] = {}
    slugs: set[str] = set()
    for path in sorted(directory.glob("*.yaml")):
        if path.name == CITATIONS_FILE:
            continue
        doc = _read_yaml(path)
        if not isinstance(doc, dict) or not isinstance(doc.get("family"), dict):
            raise CatalogueError(f"{path.name}: a rules file starts with a 'family' mapping")
        fam = doc["family"]
        where = f"{path.name}: family"
        family = Family(
            prefix=_text(fam, "prefix", where),
            name=_text(fam, "name", where),
            title=_text(fam, "title", where),
            description=_text(fam, "description", where),
        )
        if family.prefix in families:
            raise CatalogueError(f"{path.name}: family prefix {family.prefix!r} is used twice")
        families[family.prefix] = family
        for entry in doc.get("rules") or []:
            where = f"{path.name}: rule {entry.get('id')!r}"
            spec = _load_rule(entry, family, citations, where)
            if spec.id in rules:
                raise CatalogueError(f"{where}: duplicate rule id")
            if spec.slug in slugs:
                raise CatalogueError(f"{where}: duplicate slug {spec.slug!r}")
            rules[spec.id] = spec
            slugs.add(spec.slug)
    return Catalogue(rules=dict(sorted(rules.items())), families=families, citations=citations)


@cache
def load_catalogue() -> Catalogue:
    """The catalogue bundled with dpglint, read once per process."""
    return load_catalogue_from(data_dir("rules"))
