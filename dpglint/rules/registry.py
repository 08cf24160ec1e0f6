"""Cross-record rules (family R): run once over every record of a run, as the DPGA
registry holds them — duplicates, orphans, stages that disagree with their folder, and
file names that break the registry's convention."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from dpglint.kinds import RecordKind
from dpglint.registry import (
    NOMINEE_FOLDERS,
    SCREENING_FOLDER,
    RegistryEntry,
    iter_groups,
    kebab_case,
    normalised_url,
)
from dpglint.rules import rule

if TYPE_CHECKING:
    from dpglint.engine import Reporter
    from dpglint.model import Finding

ReporterFor = Callable[[RegistryEntry], "Reporter"]

# folder -> the stages a record there may have
_STAGES = {
    "nominees": ("nominee", "DPG"),
    "archive": ("archive",),
    "excluded-nominees": ("nominee", None),
}


def _others(entry: RegistryEntry, group: list[RegistryEntry]) -> str:
    others = [e.path for e in group if e is not entry]
    shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
    return shown


@rule("R001", registry=True)
def duplicate_repository(
    entries: list[RegistryEntry], report_for: ReporterFor
) -> Iterator[Finding]:
    def urls(entry: RegistryEntry) -> list[str]:
        return [normalised_url(url) for _pointer, url in entry.repositories if url.strip()]

    for key, group in iter_groups(entries, urls):
        for entry in group:
            pointer = next(p for p, url in entry.repositories if normalised_url(url) == key)
            yield report_for(entry)(
                pointer,
                f"the repository {key} is also declared by {_others(entry, group)}: the same "
                "project may be in the registry twice",
                hint="merge the records into one, or link the repository each record is about",
            )


@rule("R002", registry=True)
def duplicate_name(entries: list[RegistryEntry], report_for: ReporterFor) -> Iterator[Finding]:
    def names(entry: RegistryEntry) -> list[str]:
        if entry.folder == SCREENING_FOLDER or not entry.name or not entry.name.strip():
            return []  # a screening record repeats its nominee's name by design
        return [" ".join(entry.name.split()).casefold()]

    for _key, group in iter_groups(entries, names):
        for entry in group:
            yield report_for(entry)(
                "/name",
                f"the name {entry.name!r} is also the name of {_others(entry, group)}",
                hint="keep one record per project: merge them, or archive the older one",
            )


def _has_folder(entries: list[RegistryEntry], folders: tuple[str, ...]) -> bool:
    return any(e.folder in folders for e in entries)


@rule("R003", registry=True)
def screening_without_nominee(
    entries: list[RegistryEntry], report_for: ReporterFor
) -> Iterator[Finding]:
    if not _has_folder(entries, NOMINEE_FOLDERS):
        return  # only screening records were linted: nothing to join them with
    nominee_ids = {e.record_id for e in entries if e.folder in NOMINEE_FOLDERS}
    for entry in entries:
        if entry.folder == SCREENING_FOLDER and entry.record_id not in nominee_ids:
            yield report_for(entry)(
                "",
                f"no nominee record {entry.record_id}.json in nominees/, archive/ or "
                "excluded-nominees/ to join this screening record with",
                hint="add the nominee record under the same file name, or remove this file",
            )


@rule("R004", registry=True)
def dpg_without_screening(
    entries: list[RegistryEntry], report_for: ReporterFor
) -> Iterator[Finding]:
    if not _has_folder(entries, (SCREENING_FOLDER,)):
        return  # the screening folder was not linted
    screened = {e.record_id for e in entries if e.folder == SCREENING_FOLDER}
    for entry in entries:
        if entry.folder == "nominees" and entry.stage == "DPG" and entry.record_id not in screened:
            yield report_for(entry)(
                "/stage",
                f"stage is 'DPG' but there is no screening record "
                f"digitalpublicgoods/{entry.record_id}.json: nothing shows how the DPG "
                "Standard's indicators 3 to 9 were answered",
                hint=f"add digitalpublicgoods/{entry.record_id}.json (a symlink to a shared "
                "screening record is fine), or set the stage back to 'nominee'",
            )


@rule("R005", registry=True)
def stage_folder_mismatch(
    entries: list[RegistryEntry], report_for: ReporterFor
) -> Iterator[Finding]:
    from dpglint.model import Severity

    for entry in entries:
        allowed = _STAGES.get(entry.folder or "")
        if allowed is None or entry.kind is not RecordKind.NOMINEE or entry.stage in allowed:
            continue
        legacy = entry.folder == "archive" and entry.stage == "nominee"
        stages = " or ".join(repr(s) for s in allowed if s)
        yield report_for(entry)(
            "/stage",
            f"a record in {entry.folder}/ has stage {entry.stage!r}: records there have "
            f"stage {stages}"
            + (" (this one predates the 'archive' stage, added in 2022)" if legacy else ""),
            hint=f"set the stage to {stages}, or move the file to the folder of its stage",
            severity=Severity.INFO if legacy else None,
        )


@rule("R006", registry=True)
def file_name_not_kebab_case(
    entries: list[RegistryEntry], report_for: ReporterFor
) -> Iterator[Finding]:
    for entry in entries:
        if entry.folder is None or not entry.name or entry.symlink:
            continue
        expected = kebab_case(entry.name)
        if expected and entry.record_id != expected:
            yield report_for(entry)(
                "/name",
                f"the file is named {entry.record_id}.json but the registry names a record "
                f"with this name {expected}.json",
                hint=f"rename the file to {expected}.json (git mv), or correct the name",
            )
