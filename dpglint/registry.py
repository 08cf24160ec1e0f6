"""Registry mode: many records linted together, as the DPGA registry holds them.

Each linted record leaves a small :class:`RegistryEntry` (its id, folder, name, stage,
repository URLs and their positions) so that the cross-record rules can run after every
file was linted, without keeping whole documents in memory. A screening record
(``digitalpublicgoods/<id>.json``) is joined to its nominee (``nominees/<id>.json``, else
``archive/`` then ``excluded-nominees/``) by file name, and the pair is one DPG.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from dpglint.kinds import RecordKind
from dpglint.loader import Document
from dpglint.model import INDICATORS, FileReport, Readiness

REGISTRY_FOLDERS = ("nominees", "digitalpublicgoods", "archive", "excluded-nominees")
NOMINEE_FOLDERS = ("nominees", "archive", "excluded-nominees")  # join order
SCREENING_FOLDER = "digitalpublicgoods"
_STATE_RANK = {"unknown": 0, "evidenced": 1, "missing": 2, "failing": 3}


@dataclass(slots=True)
class RegistryEntry:
    """What the cross-record rules need to know of one linted record."""

    path: str
    folder: str | None  # the registry folder the file sits in, if any
    record_id: str  # the file name without .json
    kind: RecordKind | None
    name: str | None
    stage: str | None
    repositories: tuple[tuple[str, str], ...]  # (pointer, url)
    file_report: FileReport
    symlink: bool = False
    #: the positions of the few places cross-record findings point at (root, name,
    #: stage, repository URLs); None until needed: then the file is read again once, and
    #: no document is kept in memory between the files and the cross-record rules
    positions: dict[str, tuple[int, int]] | None = None
    source: Path | None = None
    prefix: str = ""

    @property
    def pointers(self) -> list[str]:
        return ["", "/name", "/stage", *(p for p, _ in self.repositories)]

    def locate(self, pointer: str, *, key: bool = False) -> tuple[int, int]:
        if self.positions is None:
            self.positions = {}
            if self.source is not None:
                from dpglint.loader import load_path

                try:
                    document = load_path(self.source, display=self.path)
                except OSError:
                    document = None
                if document is not None and self.prefix:
                    document = document.child(int(self.prefix.strip("/")))
                if document is not None and document.ok:
                    self.positions = {p: document.locate(p) for p in self.pointers}
        return self.positions.get(pointer, self.positions.get("", (1, 1)))


def entry_for(
    document: Document, kind: RecordKind | None, file_report: FileReport, source: Path | None
) -> RegistryEntry:
    """Summarise a linted record for the cross-record rules (positions located now)."""
    data = document.data if isinstance(document.data, dict) else {}
    name = data.get("name") if isinstance(data.get("name"), str) else None
    stage = data.get("stage") if isinstance(data.get("stage"), str) else None
    repositories = []
    entries = data.get("repositories")
    if isinstance(entries, list):
        for index, entry in enumerate(entries):
            if isinstance(entry, dict) and isinstance(entry.get("url"), str):
                repositories.append((f"/repositories/{index}/url", entry["url"]))
    entry_path = PurePath(document.path)
    folder = entry_path.parent.name if entry_path.parent.name in REGISTRY_FOLDERS else None
    entry = RegistryEntry(
        path=document.path,
        folder=folder,
        record_id=entry_path.stem,
        kind=kind,
        name=name,
        stage=stage,
        repositories=tuple(repositories),
        file_report=file_report,
        symlink=source is not None and source.is_symlink(),
        source=source,
        prefix=document.prefix,
    )
    if document.ok and (source is None or file_report.findings):
        # the positions are known already (findings were located), or there is no file
        # to read them from later: keep the few the cross-record rules may need
        entry.positions = {p: document.locate(p) for p in entry.pointers}
    return entry


def kebab_case(name: str) -> str:
    """The DPGA's file name for a record name (publicgoods-candidates'
    scripts/check-filenames.bash): NFD, lower case, spaces to dashes, anything but
    letters, digits, dashes and dots removed, runs of dashes collapsed."""
    text = unicodedata.normalize("NFD", name).lower().replace(" ", "-")
    text = re.sub(r"[^A-Za-z0-9.-]", "", text)
    return re.sub(r"-{2,}", "-", text)


def normalised_url(url: str) -> str:
    """A repository URL compared loosely: scheme, www., case, trailing / and .git."""
    text = url.strip().lower()
    text = re.sub(r"^https?://(www\.)?", "", text)
    text = text.rstrip("/")
    return text.removesuffix(".git")


@dataclass(slots=True)
class Dpg:
    """One DPG of a registry: its nominee record, and its screening record if any."""

    record_id: str
    nominee: RegistryEntry | None = None
    screening: RegistryEntry | None = None
    readiness: Readiness | None = None
    files: list[str] = field(default_factory=list)


def join(entries: list[RegistryEntry]) -> list[Dpg]:
    """Pair screening records with their nominees by file name; every other record is a
    DPG of its own."""
    by_id: dict[str, Dpg] = {}
    ordered: list[Dpg] = []
    nominees: dict[str, list[RegistryEntry]] = {}
    for entry in entries:
        if entry.folder in NOMINEE_FOLDERS:
            nominees.setdefault(entry.record_id, []).append(entry)
    for entry in entries:
        if entry.folder == SCREENING_FOLDER:
            dpg = by_id.get(entry.record_id)
            if dpg is None:
                dpg = Dpg(entry.record_id)
                by_id[entry.record_id] = dpg
                ordered.append(dpg)
            dpg.screening = entry
            candidates = sorted(
                nominees.get(entry.record_id, []),
                key=lambda e: NOMINEE_FOLDERS.index(e.folder or ""),
            )
            if candidates and dpg.nominee is None:
                dpg.nominee = candidates[0]
    paired = {id(d.nominee) for d in ordered if d.nominee is not None}
    for entry in entries:
        if entry.folder == SCREENING_FOLDER or id(entry) in paired:
            continue
        ordered.append(Dpg(entry.record_id, nominee=entry))
    for dpg in ordered:
        parts = [e for e in (dpg.nominee, dpg.screening) if e is not None]
        dpg.files = [e.path for e in parts]
        dpg.readiness = combined_readiness([e.file_report.readiness for e in parts])
    return ordered


def combined_readiness(parts: list[Readiness | None]) -> Readiness | None:
    """The readiness of a DPG from its records: per indicator the most telling state
    (failing over missing over evidenced over unknown); an insight unmet in either is
    unmet, met in either (and unmet in none) is met."""
    present = [p for p in parts if p is not None]
    if not present:
        return None
    if len(present) == 1:
        return present[0]
    indicators = {
        n: max((p.indicators[n] for p in present), key=lambda s: _STATE_RANK[s]) for n in INDICATORS
    }
    insights: dict[str, str] = {}
    for key in present[0].insights:
        states = {p.insights[key] for p in present}
        insights[key] = "unmet" if "unmet" in states else ("met" if "met" in states else "unknown")
    from dpglint.readiness import shared_readiness

    return shared_readiness(indicators, insights)


def iter_groups(
    entries: list[RegistryEntry], key_of: Any
) -> Iterator[tuple[str, list[RegistryEntry]]]:
    """Groups of entries sharing a key (from ``key_of(entry)`` yielding keys)."""
    groups: dict[str, list[RegistryEntry]] = {}
    for entry in entries:
        for key in dict.fromkeys(key_of(entry)):
            groups.setdefault(key, []).append(entry)
    for key, group in groups.items():
        if len(group) > 1:
            yield key, group
