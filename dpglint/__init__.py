"""dpglint: validate and lint Digital Public Good (DPG) metadata.

Use it as a library (nothing is printed, nothing exits)::

    import dpglint

    report = dpglint.lint_paths(["publicgoods.json", "registry/"])  # files and folders
    for finding in report.findings:
        print(finding.path, finding.line, finding.rule_id, finding.message)

    result = dpglint.lint_record({"name": "Example", ...}, kind="merged")  # one record
    print(result.readiness.indicators["2"])

A :class:`~dpglint.model.Report` holds one :class:`~dpglint.model.FileReport` per record
(its findings, readiness and skipped rules) and the DPGs of a registry
(``report.dpgs``); every :class:`~dpglint.model.Finding` carries its rule id, severity,
message, location, hint and citations.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dpglint.engine import Linter
    from dpglint.model import FileReport, Report

__version__ = "0.1.0"

__all__ = ["__version__", "lint_folder", "lint_paths", "lint_record", "lint_text"]


def _linter(
    *,
    select: Iterable[str] = ("ALL",),
    ignore: Iterable[str] = (),
    kind: str | None = None,
    github: bool = False,
    online: bool = False,
    token: str | None = None,
    files: str = "auto",
) -> Linter:
    from dpglint.engine import Linter, Selection, Settings
    from dpglint.evidence import EvidenceSettings
    from dpglint.kinds import parse_kind

    settings = Settings(
        selection=Selection(select=tuple(select), ignore=tuple(ignore)),
        kind=parse_kind(kind) if kind else None,
        evidence=EvidenceSettings(files=files, github=github, online=online, token=token),
    )
    return Linter(settings)


def lint_paths(paths: Sequence[str | Path], **options: Any) -> Report:
    """Lint files and folders (a registry folder is linted as a registry: screening
    records joined to their nominees, cross-record rules run). ``options``: ``select``,
    ``ignore`` (rule id prefixes), ``kind``, ``github``, ``online``, ``token``,
    ``files`` ("auto", "on", "off"). Raises ``dpglint.engine.UsageError`` for a path
    that does not exist or a prefix that matches no rule."""
    return _linter(**options).lint_paths(paths)


def lint_folder(folder: str | Path, **options: Any) -> Report:
    """Lint every record below ``folder`` (see :func:`lint_paths`)."""
    return lint_paths([folder], **options)


def lint_text(text: str, path: str = "<text>", **options: Any) -> FileReport:
    """Lint one record given as JSON or YAML text (YAML when ``path`` ends in .yaml or
    .yml); positions refer to ``text``."""
    return _linter(**options).lint_text(text, path)


def lint_record(record: Mapping[str, Any] | str | Path, **options: Any) -> FileReport:
    """Lint one record: a mapping (linted as the JSON ``json.dumps(record, indent=2)``,
    whose lines the positions refer to, under the path ``<record>``), or the path of a
    file."""
    if isinstance(record, Mapping):
        import json

        return lint_text(json.dumps(record, indent=2, ensure_ascii=False), "<record>", **options)
    path = Path(record)
    options.setdefault("files", "off")
    return _linter(**options).lint_file(path)
