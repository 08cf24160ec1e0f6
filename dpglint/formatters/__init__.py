"""Formatters turn a finished :class:`~dpglint.model.Report` into text. They decide
nothing: what to report and how severe it is were settled before they run."""

from __future__ import annotations

from collections.abc import Callable
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


FORMATTERS: dict[str, Formatter] = {"text": _text, "json": _json}


def render(report: Report, name: str, options: FormatOptions | None = None) -> str:
    return FORMATTERS[name](report, options or FormatOptions())
