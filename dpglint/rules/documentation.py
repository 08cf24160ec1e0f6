"""Documentation rules (family D): the screening answers of indicator 5, which asks
for documentation enough for a stranger to run the software, use the data or the
content, and for the link to it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from dpglint.rules import rule
from dpglint.rules._common import ANSWERS, get, has_items, pointer
from dpglint.rules.core import shorten

if TYPE_CHECKING:
    from dpglint.engine import Record, Reporter
    from dpglint.model import Finding

_AVAILABLE = "documentation/isDocumentationAvailable"
_URLS = "documentation/documentationURL"


def _answer(data: Any, path: str) -> str | None:
    """The Yes/No/Unknown answer at ``path`` in its canonical spelling, or None."""
    value = get(data, path)
    if not isinstance(value, str):
        return None
    wanted = value.strip().lower()
    return next((a for a in ANSWERS if a.lower() == wanted), None)


@rule("D001")
def documentation_unavailable(record: Record, report: Reporter) -> Iterator[Finding]:
    given = _answer(record.data, _AVAILABLE)
    if given == "No":
        message = (
            "isDocumentationAvailable is 'No': indicator 5 requires documentation of the "
            "source code, use cases and/or functional requirements"
        )
    elif given == "Unknown":
        message = (
            "isDocumentationAvailable is 'Unknown': indicator 5 requires documentation, "
            "and the project does not say it has any"
        )
    else:
        return
    yield report(
        pointer(_AVAILABLE),
        message,
        hint="write documentation a stranger can follow (software: install and run it; "
        "data: every field and how it was collected; content: how to access and use it), "
        "then answer Yes and link it in documentationURL",
    )


@rule("D002")
def documentation_url_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    data = record.data
    if _answer(data, _AVAILABLE) != "Yes":
        return
    urls = get(data, _URLS)
    if has_items(urls):
        return
    if urls is None:
        state = "there is no documentationURL"
    elif isinstance(urls, list) and not urls:
        state = "documentationURL is an empty list"
    elif isinstance(urls, (list, str)):
        state = "documentationURL has no item with content"
    else:
        state = f"documentationURL is {shorten(urls)}, not a list of links"
    yield report(
        pointer(_URLS),
        f"isDocumentationAvailable is 'Yes' but {state}: the Standard asks where the "
        "documentation is, so a reviewer can check it",
        hint='link the documentation, e.g. documentationURL: ["https://docs.example.org"]',
    )
