"""What the command line does, as library functions that return results.

The click layer in :mod:`dpglint.cli` only parses options and calls these.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dpglint.catalogue import load_catalogue
from dpglint.config import Config, ConfigError, find_config_file, parse_fail_on, read_config_file
from dpglint.engine import Linter, RuleCrash, RuleOptions, Selection, Settings, UsageError
from dpglint.evidence import Evidence, EvidenceSettings
from dpglint.formatters import FORMATTERS, FormatOptions, render, render_chunks, resolve_format
from dpglint.kinds import parse_kind
from dpglint.loader import Document, parse_text
from dpglint.model import FileReport, Report

__all__ = [
    "CheckOptions",
    "CheckOutcome",
    "ConfigError",
    "RuleCrash",
    "UsageError",
    "audit",
    "check",
    "load_config",
]


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """The options of ``dpglint check``; ``None`` means 'not given, use the config'."""

    paths: tuple[str, ...] = ()
    format: str = "text"  # or "auto": github inside GitHub Actions, else text
    sarif_path: str | None = None  # also write SARIF here
    summary_path: str | None = None  # also append the markdown summary here
    exit_zero: bool = False
    jobs: int = 1  # 0: one process per usable CPU for big offline runs
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    kind: str | None = None
    quiet: bool = False
    statistics: bool = False
    config_path: str | None = None
    use_config: bool = True
    cwd: Path = field(default_factory=Path.cwd)
    evidence: EvidenceSettings = field(default_factory=EvidenceSettings)


@dataclass(slots=True)
class CheckOutcome:
    """What a run produced. ``chunks`` yields the output as it is rendered (once);
    ``output`` is the whole of it."""

    report: Report
    chunks: Iterator[str]
    exit_code: int
    config_path: str | None
    _output: str | None = None

    @property
    def output(self) -> str:
        if self._output is None:
            self._output = "".join(self.chunks)
        return self._output


def load_config(options: CheckOptions) -> Config:
    known = load_catalogue().rules
    if options.config_path is not None:
        path = Path(options.config_path)
        if not path.is_file():
            raise UsageError(f"--config: {options.config_path}: no such file")
        return read_config_file(path, known)
    if not options.use_config:
        return Config()
    found = find_config_file(options.cwd)
    return read_config_file(found, known) if found is not None else Config()


def build_settings(options: CheckOptions, config: Config) -> Settings:
    """Command-line options win over the configuration; ``--ignore`` adds to it."""
    select = options.select or config.select or ("ALL",)
    ignore = tuple(config.ignore or ()) + tuple(options.ignore)
    if options.fail_on is not None:
        try:
            fail_on, never = parse_fail_on(options.fail_on)
        except ValueError as exc:
            raise UsageError(f"--fail-on: {exc}") from None
    else:
        fail_on, never = config.fail_on, config.fail_never
    if fail_on is None and not never:
        fail_on = Settings().fail_on
    try:
        kind = parse_kind(options.kind) if options.kind else None
    except ValueError as exc:
        raise UsageError(f"--kind: {exc}") from None
    rule_options = RuleOptions(**config.options)
    return Settings(
        selection=Selection(select=select, ignore=ignore),
        options=rule_options,
        max_bytes=rule_options.max_file_size,
        severity_overrides=dict(config.severity),
        fail_on=fail_on,
        kind=kind,
        evidence=options.evidence,
        waivers=config.waivers,
    )


def _check_format(options: CheckOptions) -> None:
    if options.format != "auto" and options.format not in FORMATTERS:
        raise UsageError(f"--format: unknown format {options.format!r}")


def check(options: CheckOptions) -> CheckOutcome:
    """Run ``dpglint check``. Raises :class:`UsageError` or :class:`ConfigError` when the
    run cannot be done (exit code 2); lint findings never raise."""
    _check_format(options)
    config = load_config(options)
    settings = build_settings(options, config)
    linter = Linter(settings)
    report = linter.lint_paths(options.paths, jobs=options.jobs)
    return _render(report, options, settings, config)


def _render(
    report: Report, options: CheckOptions, settings: Settings, config: Config
) -> CheckOutcome:
    format_options = FormatOptions(quiet=options.quiet, statistics=options.statistics)
    chunks = render_chunks(report, resolve_format(options.format), format_options)
    if options.sarif_path:
        _write(options.sarif_path, render(report, "sarif", format_options), append=False)
    if options.summary_path:
        _write(options.summary_path, render(report, "markdown", format_options), append=True)
    exit_code = 0 if options.exit_zero else report.exit_code(settings.fail_on)
    return CheckOutcome(report=report, chunks=chunks, exit_code=exit_code, config_path=config.path)


def _write(path: str, text: str, *, append: bool) -> None:
    """Write one of the extra outputs (SARIF, the job summary); a path that cannot be
    written stops the run (exit 2), after nothing else was changed."""
    try:
        with open(path, "a" if append else "w", encoding="utf-8") as handle:
            if append and handle.tell() > 0:
                handle.write("\n")
            handle.write(text)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


def audit(options: CheckOptions, repository: str) -> CheckOutcome:
    """Run ``dpglint audit OWNER/REPO``: fetch the repository from the GitHub API (at most
    three REST calls), lint its project file with every rule, and check the repository
    itself. Raises :class:`UsageError` for a bad reference, and when the API cannot be
    used at all (rate limited, unreachable): nothing could be audited."""
    from dpglint.sources.github import GitHubError, parse_repository

    _check_format(options)
    try:
        owner, name = parse_repository(repository)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    config = load_config(options)
    settings = build_settings(options, config)
    linter = Linter(settings)
    key = f"{owner}/{name}".lower()
    result = linter.gatherer.fetch_repository(key)
    url = f"https://github.com/{owner}/{name}"
    if isinstance(result, GitHubError) and result.kind not in ("not-found", "unavailable-legal"):
        raise UsageError(f"GitHub API: {url} skipped: {result.message}")
    report = Report()
    note = ""
    if not isinstance(result, GitHubError):
        url = result.html_url
        note = f"github: {result.full_name}: {result.requests} API requests" + (
            f", {result.conditional_hits} answered 304 Not Modified from the cache"
            if result.conditional_hits
            else ""
        )
    if not isinstance(result, GitHubError) and result.project_file is not None:
        path, text = result.project_file
        document = parse_text(text, f"{result.html_url}/blob/{result.default_branch}/{path}")
        file_report = linter.lint_document(document)
    else:
        file_report = _audit_repository_alone(settings, url, key, result)
    if note:
        file_report.notes = (*file_report.notes, note)
    report.files.append(file_report)
    return _render(report, options, settings, config)


def _audit_repository_alone(settings: Settings, url: str, key: str, result: object) -> FileReport:
    """Without a project file, run only the github rules, on a record that declares just
    this repository (the metadata rules have nothing to check)."""
    from dataclasses import replace

    from dpglint.kinds import RecordKind

    github_rules = tuple(
        spec.id
        for spec in load_catalogue().rules.values()
        if spec.scope == "github" and settings.selection.enabled(spec.id)
    )
    github_only = Linter(
        replace(settings, kind=RecordKind.MERGED, selection=Selection(select=github_rules))
    )
    document = Document(
        path=url, format="json", data={"repositories": [{"name": "main", "url": url}]}
    )
    evidence = Evidence(skipped={"files": "audited through the GitHub API, not a checkout"})
    if not settings.evidence.online:
        evidence.skipped["network"] = "URLs are not fetched: run with --online"
    evidence.repositories[key] = result  # type: ignore[assignment]
    return github_only.lint_document(document, evidence=evidence)
