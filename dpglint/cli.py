"""The ``dpglint`` command line: parses options, calls :mod:`dpglint.app`, prints."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, TypeVar

import click

from dpglint import __version__
from dpglint.formatters import FORMATTERS

EXIT_USAGE = 2
F = TypeVar("F", bound=Callable[..., Any])


def _split(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(p.strip() for v in values for p in v.split(",") if p.strip())


def _fail(message: str) -> None:
    click.echo(f"dpglint: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="dpglint")
def main() -> None:
    """Validate and lint Digital Public Good (DPG) metadata."""


_LINT_OPTIONS = [
    click.option(
        "--format",
        "output_format",
        type=click.Choice(["auto", *FORMATTERS]),
        default="auto",
        show_default=True,
        help="Output format; auto is github inside GitHub Actions, else text.",
    ),
    click.option(
        "--sarif",
        "sarif_path",
        type=click.Path(dir_okay=False),
        default=None,
        help="Also write SARIF 2.1.0 to this file.",
    ),
    click.option(
        "--summary",
        "summary_path",
        type=click.Path(dir_okay=False),
        default=None,
        help="Also append the markdown summary to this file (e.g. $GITHUB_STEP_SUMMARY).",
    ),
    click.option(
        "--exit-zero",
        is_flag=True,
        help="Exit 0 even with findings (2 still means the run could not be done).",
    ),
    click.option(
        "--select",
        multiple=True,
        metavar="PREFIXES",
        help="Run only rules whose id starts with these (comma-separated).",
    ),
    click.option(
        "--ignore",
        multiple=True,
        metavar="PREFIXES",
        help="Do not run rules whose id starts with these (comma-separated).",
    ),
    click.option(
        "--fail-on",
        type=click.Choice(["error", "warning", "info", "never"]),
        default=None,
        help="Lowest severity that makes the exit code 1 [default: error].",
    ),
    click.option("-q", "--quiet", is_flag=True, help="Print only the findings."),
    click.option(
        "--statistics",
        is_flag=True,
        help="Text format: count findings per rule instead of listing them.",
    ),
    click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False),
        default=None,
        help="Read this configuration file instead of searching for one.",
    ),
    click.option("--no-config", is_flag=True, help="Ignore configuration files."),
    click.option(
        "--token",
        default=None,
        metavar="TOKEN",
        help="GitHub token [default: $GITHUB_TOKEN, then $GH_TOKEN]. Never printed.",
    ),
    click.option(
        "--api-url",
        default="https://api.github.com",
        show_default=True,
        help="GitHub API root (GitHub Enterprise: https://HOST/api/v3).",
    ),
    click.option("--no-cache", is_flag=True, help="Do not use the on-disk GitHub API cache."),
    click.option(
        "--online", is_flag=True, help="Fetch every URL the record gives (scope network)."
    ),
    click.option(
        "--allow-private-urls",
        is_flag=True,
        help="With --online, also fetch URLs that resolve to private or loopback addresses.",
    ),
    click.option(
        "--url-budget",
        type=click.FloatRange(min=1),
        default=60.0,
        show_default=True,
        help="With --online, the total seconds URL checks may take.",
    ),
]


def _lint_options(function: F) -> F:
    for option in reversed(_LINT_OPTIONS):
        function = option(function)
    return function


def _options(paths: tuple[str, ...], github: bool, files: bool | None, **given: Any) -> Any:
    """Build the library's options from the parsed command line."""
    from dpglint.app import CheckOptions
    from dpglint.evidence import EvidenceSettings, token_from_environment

    evidence = EvidenceSettings(
        files="auto" if files is None else ("on" if files else "off"),
        github=github,
        online=given["online"],
        token=given["token"] or token_from_environment(),
        api_url=given["api_url"].rstrip("/"),
        cache=not given["no_cache"],
        allow_private_urls=given["allow_private_urls"],
        url_budget=given["url_budget"],
    )
    return CheckOptions(
        paths=paths,
        format=given["output_format"],
        sarif_path=given["sarif_path"],
        summary_path=given["summary_path"],
        exit_zero=given["exit_zero"],
        select=_split(given["select"]) or None,
        ignore=_split(given["ignore"]),
        fail_on=given["fail_on"],
        kind=given.get("kind"),
        quiet=given["quiet"],
        statistics=given["statistics"],
        config_path=given["config_path"],
        use_config=not given["no_config"],
        evidence=evidence,
    )


def _run(action: Callable[[], Any]) -> None:
    from dpglint.app import ConfigError, RuleCrash, UsageError
    from dpglint.catalogue import CatalogueError

    try:
        outcome = action()
    except (UsageError, ConfigError, CatalogueError, RuleCrash) as exc:
        _fail(str(exc))
        return
    for chunk in outcome.chunks:
        click.echo(chunk, nl=False)
    sys.exit(outcome.exit_code)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@_lint_options
@click.option(
    "--kind",
    type=click.Choice(["nominee", "screening", "merged", "app"]),
    default=None,
    help="Lint every file as this record kind instead of detecting it.",
)
@click.option(
    "--files/--no-files",
    default=None,
    help="Check the repository the file is in (scope files) [default: when the file "
    "sits at the root of a repository checkout].",
)
@click.option(
    "--github", is_flag=True, help="Check the declared repositories on GitHub (scope github)."
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=0,
    help="Processes for offline runs of 64 files or more [default: 0, one per CPU; 1: no workers].",
)
def check(
    paths: tuple[str, ...], github: bool, files: bool | None, jobs: int, **given: Any
) -> None:
    """Lint DPG metadata files, or the folders that hold them.

    With no PATH, lints the project file (publicgoods.json, .yaml or .yml) of the
    current directory. Exit code: 0 no finding at or above --fail-on, 1 findings,
    2 the run could not be done.
    """
    from dpglint.app import check as run_check

    options = replace(_options(paths, github, files, **given), jobs=jobs)
    _run(lambda: run_check(options))


@main.command()
@click.argument("repository")
@_lint_options
def audit(repository: str, **given: Any) -> None:
    """Audit a GitHub repository: OWNER/REPO or its URL.

    Fetches the repository, one listing of its files and its publicgoods file from the
    GitHub API (at most three requests, cached with conditional requests), then runs
    every rule: the metadata rules on the project file and the GitHub rules on the
    repository. Works without a token (60 requests an hour).
    """
    from dpglint.app import audit as run_audit

    options = _options((), True, False, **given)
    _run(lambda: run_audit(options, repository))


@main.command()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="Output format (markdown is docs/rules.md).",
)
def rules(output_format: str) -> None:
    """List every rule: id, name, severity, scope and summary."""
    from dpglint.catalogue import load_catalogue
    from dpglint.docs import rules_json, rules_markdown, rules_table

    catalogue = load_catalogue()
    render = {"text": rules_table, "json": rules_json, "markdown": rules_markdown}
    click.echo(render[output_format](catalogue), nl=False)


@main.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Explain a rule (by id or name): why it exists, how to fix it, what it cites."""
    from dpglint.catalogue import load_catalogue
    from dpglint.docs import explain as render_explanation
    from dpglint.docs import find_rule

    catalogue = load_catalogue()
    spec = find_rule(catalogue, rule)
    if spec is None:
        _fail(f"no rule {rule!r} (see 'dpglint rules')")
        return
    click.echo(render_explanation(spec), nl=False)


__all__ = ["main"]
