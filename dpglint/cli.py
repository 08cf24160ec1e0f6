"""The ``dpglint`` command line: parses options, calls :mod:`dpglint.app`, prints."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from dpglint import __version__
from dpglint.formatters import FORMATTERS
from dpglint.model import Severity

EXIT_USAGE = 2


def _split(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(p.strip() for v in values for p in v.split(",") if p.strip())


def _fail(message: str) -> None:
    click.echo(f"dpglint: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="dpglint")
def main() -> None:
    """Validate and lint Digital Public Good (DPG) metadata."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "output_format",
    type=click.Choice(list(FORMATTERS)),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--select",
    multiple=True,
    metavar="PREFIXES",
    help="Run only rules whose id starts with these (comma-separated).",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="PREFIXES",
    help="Do not run rules whose id starts with these (comma-separated).",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default=None,
    help="Lowest severity that makes the exit code 1 [default: error].",
)
@click.option(
    "--kind",
    type=click.Choice(["nominee", "screening", "merged", "app"]),
    default=None,
    help="Lint every file as this record kind instead of detecting it.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only the findings.")
@click.option(
    "--statistics",
    is_flag=True,
    help="Text format: count findings per rule instead of listing them.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Read this configuration file instead of searching for one.",
)
@click.option("--no-config", is_flag=True, help="Ignore configuration files.")
def check(
    paths: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    kind: str | None,
    quiet: bool,
    statistics: bool,
    config_path: str | None,
    no_config: bool,
) -> None:
    """Lint DPG metadata files, or the folders that hold them.

    With no PATH, lints the project file (publicgoods.json, .yaml or .yml) of the
    current directory. Exit code: 0 no finding at or above --fail-on, 1 findings,
    2 the run could not be done.
    """
    from dpglint.app import CheckOptions, ConfigError, RuleCrash, UsageError
    from dpglint.app import check as run_check
    from dpglint.catalogue import CatalogueError

    options = CheckOptions(
        paths=paths,
        format=output_format,
        select=_split(select) or None,
        ignore=_split(ignore),
        fail_on=fail_on,
        kind=kind,
        quiet=quiet,
        statistics=statistics,
        config_path=config_path,
        use_config=not no_config,
    )
    try:
        outcome = run_check(options)
    except (UsageError, ConfigError, CatalogueError, RuleCrash) as exc:
        _fail(str(exc))
        return
    click.echo(outcome.output, nl=False)
    sys.exit(outcome.exit_code)


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


__all__ = ["Severity", "main"]
