"""Formatters turn a finished :class:`~dpglint.model.Report` into text. They decide
nothing: what to report and how severe it is were settled before they run."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from dpglint.model import Report


@dataclass(frozen=True, slots=True)
class FormatOptions:
    quiet: bool = False
    statistics: bool = False  # text: a per-rule count table instead of every finding


Formatter = Callable[[Report, FormatOptions], str]


def _text(report: Report, options: FormatOptions) -> str:
    from dpglint.formatters.text import format_text

    return format_text(report, options)


def _json(report: Report, options: FormatOptions) -> str:
    from dpglint.formatters.json import format_json

    return format_json(report, options)


def _sarif(report: Report, options: FormatOptions) -> str:
    from dpglint.formatters.sarif import format_sarif

    return format_sarif(report, options)


def _github(report: Report, options: FormatOptions) -> str:
    from dpglint.formatters.github import format_github

    return format_github(report, options)


def _markdown(report: Report, options: FormatOptions) -> str:
    from dpglint.formatters.markdown import format_markdown

    return format_markdown(report, options)


FORMATTERS: dict[str, Formatter] = {
    "text": _text,
    "json": _json,
    "sarif": _sarif,
    "github": _github,
    "markdown": _markdown,
}


def resolve_format(name: str, environ: dict[str, str] | None = None) -> str:
    """``auto`` is ``github`` inside GitHub Actions (GITHUB_ACTIONS=true), else ``text``."""
    if name != "auto":
        return name
    import os

    env = os.environ if environ is None else environ
    return "github" if env.get("GITHUB_ACTIONS") == "true" else "text"


def render(report: Report, name: str, options: FormatOptions | None = None) -> str:
    return FORMATTERS[name](report, options or FormatOptions())


def render_chunks(report: Report, name: str, options: FormatOptions | None = None) -> Iterator[str]:
    """The output in pieces, for writing as it is made (text streams; the other
    formats are documents rendered whole)."""
    if name == "text":
        from dpglint.formatters.text import iter_text

        yield from iter_text(report, options or FormatOptions())
    else:
        yield render(report, name, options)
