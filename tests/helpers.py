"""Shared test helpers: run dpglint on text or fixture cases and read findings back."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from dpglint.engine import Linter, RuleOptions, Selection, Settings
from dpglint.kinds import RecordKind
from dpglint.loader import Document, LoadError, _decode, parse_text
from dpglint.model import FileReport, Finding

RULE_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "rules"


@dataclass(frozen=True)
class RuleCase:
    rule: str
    name: str
    filename: str
    content: str | bytes
    findings: tuple[str, ...]
    kind: str | None = None
    checkout: dict[str, str] | None = None  # files of a repository around the record
    github: dict[str, dict[str, Any]] | None = None  # owner/name -> snapshot fields or error
    urls: dict[str, dict[str, Any]] | None = None  # url -> outcome, status, detail...
    options: dict[str, Any] | None = None  # RuleOptions fields
    registry: dict[str, str] | None = None  # several files linted together: path -> text

    @property
    def passing(self) -> bool:
        return not self.findings


def load_rule_cases(path: Path) -> list[RuleCase]:
    doc: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = []
    for entry in doc["cases"]:
        content = entry.get("content", entry.get("content_bytes", ""))
        cases.append(
            RuleCase(
                rule=doc["rule"],
                name=entry["name"],
                filename=entry.get("filename", ""),
                content=content,
                findings=tuple(entry["findings"]),
                kind=entry.get("kind"),
                checkout=entry.get("checkout"),
                github=entry.get("github"),
                urls=entry.get("urls"),
                options=entry.get("options"),
                registry=entry.get("registry"),
            )
        )
    return cases


def all_rule_cases() -> list[RuleCase]:
    return [case for path in sorted(RULE_FIXTURES.glob("*.yaml")) for case in load_rule_cases(path)]


def document_from(content: str | bytes, filename: str) -> Document:
    if isinstance(content, bytes):
        try:
            text = _decode(content)
        except LoadError as exc:
            return Document(path=filename, format="json", error=exc)
        return parse_text(text, filename)
    return parse_text(content, filename)


def lint(
    content: str | bytes,
    filename: str = "publicgoods.json",
    *,
    select: str = "ALL",
    kind: str | None = None,
) -> list[Finding]:
    settings = Settings(
        selection=Selection(select=(select,)), kind=RecordKind(kind) if kind else None
    )
    return Linter(settings).lint_document(document_from(content, filename)).findings


def located(findings: list[Finding]) -> list[str]:
    return [f"{f.rule_id} {f.line}:{f.column}" for f in findings]


def lint_case(case: RuleCase, workdir: Path) -> FileReport:
    """Lint a fixture case with only its rule selected, with the evidence and rule
    options the case describes (a temporary repository for ``checkout``)."""
    from tests.evidence_helpers import build_evidence

    settings = Settings(
        selection=Selection(select=(case.rule,)),
        kind=RecordKind(case.kind) if case.kind else None,
        options=RuleOptions(**(case.options or {})),
    )
    document = document_from(case.content, case.filename)
    evidence = build_evidence(case, workdir if case.checkout is not None else None, case.content)
    return Linter(settings).lint_document(document, evidence=evidence)


def lint_registry_case(case: RuleCase, workdir: Path) -> list[str]:
    """Lint the files of a registry case together; ``path ID line:col`` per finding."""
    assert case.registry is not None
    for relative, text in case.registry.items():
        target = workdir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    settings = Settings(selection=Selection(select=(case.rule,)))
    report = Linter(settings).lint_paths([workdir])
    return [
        f"{Path(f.path).relative_to(workdir).as_posix()} {f.rule_id} {f.line}:{f.column}"
        for f in report.findings
    ]
