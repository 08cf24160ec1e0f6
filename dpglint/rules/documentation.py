"""Documentation rules (family D): the screening answers of indicator 5, which asks
for documentation enough for a stranger to run the software, use the data or the
content, and for the link to it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from dpglint.rules import rule
from dpglint.rules._common import unmet_answer, yes_without_evidence
from dpglint.rules.core import shorten

if TYPE_CHECKING:
    from dpglint.engine import Record, Reporter
    from dpglint.model import Finding

_AVAILABLE = "documentation/isDocumentationAvailable"
_URLS = "documentation/documentationURL"


def _urls_state(urls: Any, field: str) -> str:
    """How a documentationURL that links nothing reads in a message."""
    if urls is None:
        return f"there is no {field}"
    if isinstance(urls, list) and not urls:
        return f"{field} is an empty list"
    if isinstance(urls, (list, str)):
        return f"{field} has no item with content"
    return f"{field} is {shorten(urls)}, not a list of links"


@rule("D001")
def documentation_unavailable(record: Record, report: Reporter) -> Iterator[Finding]:
    yield from unmet_answer(
        record,
        report,
        _AVAILABLE,
        {
            "No": "indicator 5 requires documentation of the source code, use cases and/or "
            "functional requirements",
            "Unknown": "indicator 5 requires documentation, and the project does not say it "
            "has any",
        },
        hint="write documentation a stranger can follow (software: install and run it; "
        "data: every field and how it was collected; content: how to access and use it), "
        "then answer Yes and link it in documentationURL",
    )


@rule("D002")
def documentation_url_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    yield from yes_without_evidence(
        record,
        report,
        _AVAILABLE,
        _URLS,
        state=_urls_state,
        requirement="the Standard asks where the documentation is, so a reviewer can check it",
        hint='link the documentation, e.g. documentationURL: ["https://docs.example.org"]',
    )
