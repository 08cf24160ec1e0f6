"""The linting pipeline: load (with positions) → detect kind → run rules → report.

Nothing here prints or exits; callers get a :class:`~dpglint.model.Report` back.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from fnmatch import fnmatch
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol, TypeVar

from dpglint.catalogue import Catalogue, RuleSpec, load_catalogue
from dpglint.evidence import Evidence, EvidenceGatherer, EvidenceSettings
from dpglint.kinds import PROJECT_FILE_NAMES, RecordKind, detect_kind
from dpglint.loader import DEFAULT_MAX_BYTES, Document, LoadError, load_path, parse_text
from dpglint.model import Citation, FileReport, Finding, Report, Severity, SkippedRule, Waiver
from dpglint.readiness import file_readiness
from dpglint.registry import REGISTRY_FOLDERS, RegistryEntry, entry_for, join
from dpglint.rules import BoundRule, bind
from dpglint.schemas import warm_up_schemas

T = TypeVar("T")
MAX_MESSAGE = 600  # characters: a message quoting hostile metadata stays readable
RECORD_SUFFIXES = (".json", ".yaml", ".yml")
_SKIPPED_DIRS = frozenset({"node_modules", "__pycache__", "venv"})


class UsageError(Exception):
    """The run cannot be done as asked (bad option, missing path): exit code 2."""


class RuleCrash(Exception):
    """A rule raised instead of returning findings: a bug in dpglint, reported with the
    rule and the file so that it can be reproduced."""

    def __init__(self, rule_id: str, path: str, error: BaseException) -> None:
        super().__init__(
            f"internal error: rule {rule_id} failed on {path}: "
            f"{error.__class__.__name__}: {error} (please report this as a dpglint bug)"
        )
        self.rule_id, self.path, self.error = rule_id, path, error


@dataclass(frozen=True, slots=True)
class Selection:
    """Which rules run, by id prefix. The longest matching prefix decides; on a tie
    ``ignore`` wins. ``ALL`` matches every rule."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()

    @staticmethod
    def _match_length(rule_id: str, prefixes: Iterable[str]) -> int:
        best = -1
        for prefix in prefixes:
            if prefix == "ALL":
                best = max(best, 0)
            elif rule_id.startswith(prefix):
                best = max(best, len(prefix))
        return best

    def enabled(self, rule_id: str) -> bool:
        selected = self._match_length(rule_id, self.select)
        ignored = self._match_length(rule_id, self.ignore)
        return selected >= 0 and selected > ignored

    def check(self, known_ids: Iterable[str]) -> None:
        """Raise :class:`UsageError` for a prefix that matches no rule."""
        ids = list(known_ids)
        for option, prefixes in (("select", self.select), ("ignore", self.ignore)):
            for prefix in prefixes:
                if prefix != "ALL" and not any(i.startswith(prefix) for i in ids):
                    raise UsageError(
                        f"{option}: {prefix!r} matches no rule id (see 'dpglint rules')"
                    )


NON_COMMERCIAL_POLICIES = ("accept", "warn", "reject")


@dataclass(frozen=True, slots=True)
class RuleOptions:
    """Policy switches and limits that some rules read (set in the configuration)."""

    #: what to say of a non-commercial license on content, which the Standard accepts
    #: but the DPGA has said it will not extend: accept (nothing), warn, reject (error)
    non_commercial_content: str = "warn"
    #: more SDGs than this on one record is implausible ("pick the most relevant")
    max_sdgs: int = 7
    #: the Standard asks for a tweet-length description
    max_description_length: int = 280
    #: a repository with no push for longer than this many days is stale (E007)
    stale_days: int = 365
    #: files larger than this many bytes are not parsed (a located S001 finding)
    max_file_size: int = DEFAULT_MAX_BYTES


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything that shapes one run; built from config and command-line options."""

    selection: Selection = Selection()
    options: RuleOptions = RuleOptions()
    severity_overrides: dict[str, Severity] = field(default_factory=dict)
    fail_on: Severity | None = Severity.ERROR
    kind: RecordKind | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    evidence: EvidenceSettings = field(default_factory=EvidenceSettings)
    waivers: tuple[Waiver, ...] = ()
    today: date = field(default_factory=date.today)


@dataclass(slots=True)
class Record:
    """What a rule looks at: one parsed document and its record kind."""

    document: Document
    kind: RecordKind | None
    options: RuleOptions = field(default_factory=RuleOptions)
    evidence: Evidence = field(default_factory=Evidence)
    memo: dict[str, Any] = field(default_factory=dict)

    def cached(self, name: str, compute: Callable[[Record], T]) -> T:
        """``compute(self)`` once per record, shared by every rule that needs it."""
        if name not in self.memo:
            self.memo[name] = compute(self)
        result: T = self.memo[name]
        return result

    @property
    def data(self) -> Any:
        return self.document.data

    @property
    def path(self) -> str:
        return self.document.path


class Locatable(Protocol):
    """Where findings are: a parsed document, or a registry entry's few positions."""

    path: str

    def locate(self, pointer: str, *, key: bool = False) -> tuple[int, int]: ...


class Reporter:
    """Makes the findings of one rule on one document: locates the pointer, and adds
    the catalogue's slug, severity, hint, citations and tags."""

    def __init__(
        self, spec: RuleSpec, document: Locatable, severity: Severity, *, overridden: bool = False
    ) -> None:
        self.spec = spec
        self.document = document
        self.severity = severity
        self.overridden = overridden  # the configuration set this rule's severity

    def __call__(
        self,
        pointer: str,
        message: str,
        *,
        at_key: bool = False,
        hint: str | None = None,
        citations: tuple[Citation, ...] | None = None,
        position: tuple[int, int] | None = None,
        severity: Severity | None = None,
        tags: tuple[str, ...] | None = None,
    ) -> Finding:
        """Make a finding at ``pointer``. ``severity`` lets a policy-driven rule lower or
        raise one finding (a severity set in the configuration still wins); ``tags``
        narrows the rule's source tags to those this finding is about."""
        line, column = position or self.document.locate(pointer, key=at_key)
        spec = self.spec
        full_pointer = getattr(self.document, "prefix", "") + pointer
        if severity is None or self.overridden:
            severity = self.severity
        if citations is None:
            citations = spec.citations_for(pointer)
        if tags is None:
            # a finding that cites an indicator is about that indicator
            tags = spec.tags + tuple(
                tag
                for c in citations
                if c.source == "standard" and (tag := "standard:" + c.key[9:]) not in spec.tags
            )
        if len(message) > MAX_MESSAGE:
            message = message[: MAX_MESSAGE - 1] + "…"
        return Finding(
            rule_id=spec.id,
            slug=spec.slug,
            severity=severity,
            message=message,
            path=self.document.path,
            line=line,
            column=column,
            pointer=full_pointer,
            hint=hint if hint is not None else spec.hint,
            citations=citations,
            tags=tags,
        )


class Linter:
    """Lints documents with the bound rules that a :class:`Settings` enables."""

    def __init__(
        self, settings: Settings | None = None, catalogue: Catalogue | None = None
    ) -> None:
        self.settings = settings or Settings()
        self.catalogue = catalogue or load_catalogue()
        self.settings.selection.check(self.catalogue.rules)
        for rule_id in self.settings.severity_overrides:
            if rule_id not in self.catalogue.rules:
                raise UsageError(f"severity: {rule_id!r} is not a rule id (see 'dpglint rules')")

    @cached_property
    def gatherer(self) -> EvidenceGatherer:
        return EvidenceGatherer(self.settings.evidence)

    def _waive(self, findings: list[Finding]) -> tuple[list[Finding], list[str]]:
        """Mark the findings a configured waiver covers; a waiver past its expiry date
        covers nothing any more, and says so."""
        waivers = self.settings.waivers
        if not waivers:
            return findings, []
        today = self.settings.today.isoformat()
        result: list[Finding] = []
        expired: list[str] = []
        for finding in findings:
            for waiver in waivers:
                if not finding.rule_id.startswith(waiver.rule) or not _path_matches(
                    finding.path, waiver.path
                ):
                    continue
                if waiver.expires is not None and waiver.expires < today:
                    note = (
                        f"the waiver of {waiver.rule} at {waiver.source} expired on "
                        f"{waiver.expires}: its findings are reported again"
                    )
                    if note not in expired:
                        expired.append(note)
                    continue
                finding = replace(finding, waiver=waiver)
                break
            result.append(finding)
        return result, expired

    def _shared(self, value: T) -> T:
        """One object for equal values (the same skipped rules and the same lists of
        rules run repeat on every record of a registry: keep them once in memory)."""
        return self._interned.setdefault(value, value)  # type: ignore[no-any-return]

    @cached_property
    def _interned(self) -> dict[Any, Any]:
        return {}

    def _scopes_for(self, kind: RecordKind | None) -> frozenset[str]:
        """The evidence scopes the enabled rules need on a record of ``kind``."""
        return frozenset(
            b.spec.scope for b in self.rules if kind is not None and kind in b.spec.applies_to
        )

    @cached_property
    def rules(self) -> list[BoundRule]:
        selection = self.settings.selection
        return [bound for bound in bind(self.catalogue) if selection.enabled(bound.spec.id)]

    def lint_document(
        self,
        document: Document,
        *,
        source: Path | None = None,
        evidence: Evidence | None = None,
    ) -> FileReport:
        """Lint one parsed document. ``source`` is the local file it came from (for the
        files scope); ``evidence`` replaces gathering (tests, audit)."""
        kind = None
        if document.ok:
            kind = self.settings.kind or detect_kind(document.data, document.path)
        if evidence is None:
            evidence = self.gatherer.gather(document, kind, source, self._scopes_for(kind))
        record = Record(document, kind, self.settings.options, evidence)
        findings: list[Finding] = []
        ran: list[str] = []
        skipped: list[SkippedRule] = []
        overrides = self.settings.severity_overrides
        for bound in self.rules:
            spec = bound.spec
            if bound.registry:
                continue  # run over every record at once, in lint_paths
            if bound.needs_record and (kind is None or kind not in spec.applies_to):
                continue
            if not evidence.available(spec.scope):
                skipped.append(
                    self._shared(SkippedRule(spec.id, spec.scope, evidence.skipped[spec.scope]))
                )
                continue
            ran.append(spec.id)
            reporter = Reporter(
                spec,
                document,
                overrides.get(spec.id, spec.severity),
                overridden=spec.id in overrides,
            )
            try:
                findings.extend(bound.function(record, reporter))
            except Exception as exc:
                raise RuleCrash(spec.id, document.path, exc) from exc
        findings, expired = self._waive(findings)
        findings.sort(key=lambda f: f.sort_key)
        file_report = FileReport(
            path=document.path,
            pointer=document.prefix,
            kind=kind.value if kind else None,
            findings=findings,
            rules_run=self._shared(tuple(ran)),
            skipped=self._shared(tuple(skipped)),
            notes=(*evidence.notes, *expired),
        )
        if kind is not None:
            file_report.readiness = file_readiness(file_report, self.catalogue)
        return file_report

    def _load(self, path: Path, display: str | None = None) -> Document:
        shown = display if display is not None else str(path)
        try:
            return load_path(path, display=shown, max_bytes=self.settings.max_bytes)
        except OSError as exc:
            reason = exc.strerror or exc.__class__.__name__
            return Document(
                path=shown, format="json", error=LoadError(f"cannot read the file: {reason}")
            )

    def lint_file(self, path: Path, display: str | None = None) -> FileReport:
        return self.lint_document(self._load(path, display), source=path)

    def records_of(self, document: Document) -> list[Document]:
        """The records a document holds: itself, or each item of a list of records (the
        DPGA app API answers lists of records)."""
        data = document.data
        if not document.ok or not isinstance(data, list) or not data:
            return [document]
        forced = self.settings.kind
        if all(isinstance(item, dict) and (forced or detect_kind(item)) for item in data):
            return [document.child(index) for index in range(len(data))]
        return [document]

    def lint_text(self, text: str, path: str = "<text>", fmt: str | None = None) -> FileReport:
        return self.lint_document(parse_text(text, path, fmt))

    @cached_property
    def registry_rules(self) -> list[BoundRule]:
        return [b for b in self.rules if b.registry]

    def _lint_one(self, path: Path) -> list[RegistryEntry]:
        """Lint the records of one file; each entry carries its file report."""
        entries = []
        for document in self.records_of(self._load(path)):
            file_report = self.lint_document(document, source=path)
            entries.append(entry_for(document, _kind_of(file_report), file_report, path))
        return entries

    def lint_paths(self, paths: Sequence[str | Path], *, jobs: int = 1) -> Report:
        """Lint files and folders; then run the cross-record rules over every record,
        and join screening records to their nominees (``Report.dpgs``). With ``jobs``
        above 1 (0: one per usable CPU), the files of a run of 64 files or more are linted
        by that many worker processes (offline runs only: the GitHub and URL caches are
        per process)."""
        report = Report()
        files = discover(paths)
        evidence = self.settings.evidence
        if jobs == 0:  # auto: one process per usable CPU, for a run big enough to gain
            jobs = min(len(os.sched_getaffinity(0)), 8) if hasattr(os, "sched_getaffinity") else 1
        offline = not (evidence.github or evidence.online)
        parallel = jobs > 1 and len(files) >= 2 * _CHUNK and offline
        linted = self._lint_parallel(files, jobs) if parallel else map(self._lint_one, files)
        entries: list[RegistryEntry] = []
        for file_entries in linted:
            for entry in file_entries:
                report.files.append(entry.file_report)
                entries.append(entry)
        self._run_registry_rules(entries)
        report.dpgs = join(entries)
        return report

    def _lint_parallel(self, files: list[Path], jobs: int) -> Iterator[list[RegistryEntry]]:
        """Lint in forked workers that inherit this linter, rules and compiled schemas
        ready; results come back in the order of the files."""
        import multiprocessing

        if "fork" not in multiprocessing.get_all_start_methods():
            yield from map(self._lint_one, files)  # no fork (Windows, macOS default)
            return
        global _WORKER
        self.rules  # noqa: B018 - bind the catalogue before forking
        warm_up_schemas()
        _WORKER = self
        chunks = [files[i : i + _CHUNK] for i in range(0, len(files), _CHUNK)]
        context = multiprocessing.get_context("fork")
        with context.Pool(jobs) as pool:
            for chunk in pool.imap(_lint_chunk, chunks):
                yield from chunk

    def _run_registry_rules(self, entries: list[RegistryEntry]) -> None:
        if not self.registry_rules or len(entries) < 2:
            return
        overrides = self.settings.severity_overrides
        touched: set[int] = set()
        for bound in self.registry_rules:
            spec = bound.spec
            severity = overrides.get(spec.id, spec.severity)

            def reporter_for(
                entry: RegistryEntry, spec: RuleSpec = spec, severity: Severity = severity
            ) -> Reporter:
                return Reporter(spec, entry, severity, overridden=spec.id in overrides)

            function: Any = bound.function  # a registry rule takes the entries
            try:
                found = list(function(entries, reporter_for))
            except Exception as exc:
                raise RuleCrash(spec.id, "the registry", exc) from exc
            by_path = {e.path: e for e in entries}
            for finding in found:
                entry = by_path[finding.path]
                entry.file_report.findings.append(finding)
                touched.add(id(entry))
        ran = tuple(b.spec.id for b in self.registry_rules)
        for entry in entries:
            if entry.kind is not None:
                entry.file_report.rules_run = self._shared((*entry.file_report.rules_run, *ran))
            if id(entry) not in touched:
                continue  # registry rules carry no Standard tags: readiness is unchanged
            findings, expired = self._waive(entry.file_report.findings)
            findings.sort(key=lambda f: f.sort_key)
            entry.file_report.findings = findings
            entry.file_report.notes = tuple(dict.fromkeys((*entry.file_report.notes, *expired)))
            if entry.kind is not None:
                entry.file_report.readiness = file_readiness(entry.file_report, self.catalogue)


_CHUNK = 32
_WORKER: Linter | None = None


def _lint_chunk(paths: list[Path]) -> list[list[RegistryEntry]]:
    """A worker's job: lint a chunk of files with the linter inherited at fork."""
    assert _WORKER is not None
    return [_WORKER._lint_one(path) for path in paths]


def _kind_of(file_report: FileReport) -> RecordKind | None:
    return RecordKind(file_report.kind) if file_report.kind else None


def _path_matches(shown: str, pattern: str) -> bool:
    """Whether a finding's file matches a waiver's glob (absolute, from the config's
    folder); ``*`` also matches ``/``."""
    if fnmatch(shown, pattern):
        return True
    try:
        return fnmatch(str(Path(shown).resolve()), pattern)
    except (OSError, ValueError):
        return False


def _walk(directory: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(directory, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS)
        for name in sorted(files):
            yield Path(root, name)


def discover_in_directory(directory: Path) -> list[Path]:
    """The records to lint below ``directory``.

    Project files (``publicgoods.json|yaml|yml``) and the ``.json`` files of a DPGA
    registry layout (``nominees/``, ``digitalpublicgoods/``, ``archive/``,
    ``excluded-nominees/``) anywhere below it; when there are none, every JSON and YAML
    file below it (a plain folder of records). Hidden files and folders are skipped.
    """
    everything = [p for p in _walk(directory) if not p.name.startswith(".")]
    wanted = [
        p
        for p in everything
        if p.name in PROJECT_FILE_NAMES
        or (p.suffix == ".json" and p.parent.name in REGISTRY_FOLDERS)
    ]
    if wanted:
        return wanted
    return [p for p in everything if p.suffix.lower() in RECORD_SUFFIXES]


def find_project_file(directory: Path) -> Path | None:
    for name in PROJECT_FILE_NAMES:
        candidate = directory / name
        if candidate.is_file():
            return candidate
    return None


def discover(paths: Sequence[str | Path]) -> list[Path]:
    """Expand the paths given on the command line into files, in a stable order.

    No path means the project file of the current directory. A path that does not
    exist is a :class:`UsageError`.
    """
    if not paths:
        found = find_project_file(Path.cwd())
        if found is None:
            names = ", ".join(PROJECT_FILE_NAMES)
            raise UsageError(
                f"no project file ({names}) in the current directory; "
                "name the files or folders to check"
            )
        return [Path(found.name)]
    files: list[Path] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found_files = discover_in_directory(path)
        elif path.exists() or path.is_symlink():
            found_files = [path]
        else:
            raise UsageError(f"{given}: no such file or directory")
        for file in found_files:
            if file not in seen:
                seen.add(file)
                files.append(file)
    return files
