"""Live URL rules (family N, scope ``network``, ``--online``): the links a record gives —
license, evidence, documentation, website — answer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from dpglint.evidence import record_urls
from dpglint.rules import rule

if TYPE_CHECKING:
    from dpglint.engine import Record, Reporter
    from dpglint.model import Finding
    from dpglint.sources.urls import UrlCheck

_UNREACHABLE = ("timeout", "unreachable", "server-error", "too-many-redirects")


def _checked(
    record: Record, wanted: Callable[[UrlCheck], bool]
) -> Iterator[tuple[str, str, UrlCheck]]:
    """``(pointer, url, check)`` for each link whose check ``wanted`` selects; a URL
    written in several places is reported at each of them."""
    assert record.kind is not None
    for pointer, url in record_urls(record.data, record.kind):
        check = record.evidence.urls.get(url)
        if check is not None and wanted(check):
            yield pointer, url, check


@rule("N001")
def url_broken(record: Record, report: Reporter) -> Iterator[Finding]:
    for pointer, url, check in _checked(record, lambda c: c.outcome == "broken"):
        yield report(
            pointer,
            f"{url} is broken: {check.detail}",
            hint="link the page where the evidence now lives, or remove the dead link",
        )


@rule("N002")
def url_blocked(record: Record, report: Reporter) -> Iterator[Finding]:
    for pointer, url, check in _checked(record, lambda c: c.outcome == "blocked"):
        yield report(
            pointer,
            f"{url} refused an automated check ({check.detail}): it may block robots or "
            "need a login, so a reviewer may not be able to open it either",
            hint="open it in a browser; link a public page if it needs a login",
        )


@rule("N003")
def url_unreachable(record: Record, report: Reporter) -> Iterator[Finding]:
    for pointer, url, check in _checked(record, lambda c: c.outcome in _UNREACHABLE):
        yield report(
            pointer,
            f"{url} could not be reached: {check.detail}",
            hint="check that the site is up; a link that keeps failing should be replaced",
        )


@rule("N004")
def url_private_address(record: Record, report: Reporter) -> Iterator[Finding]:
    for pointer, url, check in _checked(record, lambda c: c.outcome == "private-address"):
        yield report(
            pointer,
            f"{url} was not fetched: {check.detail}; a public record should link public pages",
            hint="link a public address (dpglint fetches private ones only with "
            "--allow-private-urls)",
        )


def _moved(check: UrlCheck) -> bool:
    """The link answered after redirects that change more than a trailing slash."""
    if check.outcome != "ok" or not check.final_url:
        return False
    return check.final_url.rstrip("/") != check.url.rstrip("/")


@rule("N005")
def url_redirected(record: Record, report: Reporter) -> Iterator[Finding]:
    for pointer, url, check in _checked(record, _moved):
        yield report(
            pointer,
            f"{url} redirects to {check.final_url}",
            hint=f"write {check.final_url}",
        )
