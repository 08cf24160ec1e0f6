"""Community and replication rules (family C): the record says how people contribute
and get support, where the project is deployed and which local partners implement it
(DPG maturity pillars 1.2, 5.3 and 6, and the UNDP report's lessons on communities and
local partners)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from dpglint.kinds import RecordKind
from dpglint.rules import rule
from dpglint.rules._common import (
    blank_state,
    block_field_gap,
    get,
    has_items,
    has_text,
    organizations,
)
from dpglint.rules.core import shorten

if TYPE_CHECKING:
    from dpglint.engine import Record, Reporter
    from dpglint.model import Finding


def _state(value: Any) -> str:
    """How a value that says nothing reads in a message."""
    if value is None:
        return "is missing"
    state = blank_state(value)
    if state is not None:
        return state
    if isinstance(value, list):
        return f"holds no entry that says something ({shorten(value)})"
    return f"is {shorten(value)}"


def _has_entry(entries: Any) -> bool:
    """A list with at least one object that has some text in it (or a text item)."""
    if not isinstance(entries, list):
        return False
    for entry in entries:
        if isinstance(entry, dict) and any(has_text(v) for v in entry.values()):
            return True
        if has_text(entry):
            return True
    return False


# community field -> (what the link is to, hint)
_LINKS: dict[str, tuple[str, str]] = {
    "contributingURL": (
        "a link to the contributing guide, which tells outsiders how to propose changes "
        "and how they are reviewed and accepted",
        "link the CONTRIBUTING file of the repository or the contributing page of the docs",
    ),
    "codeOfConductURL": (
        "a link to the code of conduct, which sets how contributors and users treat "
        "each other and how reports are handled",
        "link the CODE_OF_CONDUCT file or page (the Contributor Covenant is a common start)",
    ),
    "supportURL": (
        "a link to the support channel (forum, chat, helpdesk, issue tracker) where "
        "implementers and users get help",
        "link the forum, chat, helpdesk or issue tracker where users get help",
    ),
}


def _link_missing(record: Record, report: Reporter, key: str) -> Iterator[Finding]:
    """One finding when ``community.<key>`` holds no link (see ``_LINKS``)."""
    gap = block_field_gap(record.data, "community", key, has_text)
    if gap is None:
        return
    what, hint = _LINKS[key]
    field = f"community.{key}"
    if gap.whole_block:
        block = (
            gap.state if gap.value is None else f"community is {shorten(gap.value)}, not an object"
        )
        message = f"{block}: add {field} with {what}"
    elif isinstance(gap.value, str) or gap.value is None:
        message = f"{field} {_state(gap.value)}: give {what}"
    else:
        message = f"{field} is {shorten(gap.value)}, not a link: give {what}"
    yield report(gap.pointer, message, hint=hint)


@rule("C001")
def contributing_guide_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    yield from _link_missing(record, report, "contributingURL")


@rule("C002")
def code_of_conduct_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    yield from _link_missing(record, report, "codeOfConductURL")


@rule("C005")
def support_channel_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    yield from _link_missing(record, report, "supportURL")


@rule("C003")
def deployments_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    data = record.data
    countries = get(data, "locations/deploymentCountries")
    if has_items(countries):
        return
    merged = record.kind is RecordKind.MERGED
    if merged and _has_entry(get(data, "community/deployments")):
        return
    if countries is None and get(data, "locations") is None:
        what = "the record has no locations block"
    else:
        what = f"locations.deploymentCountries {_state(countries)}"
    if merged:
        what += " and community.deployments has no entry"
    message = f"no deployment is declared: {what}; say where the project is in use"
    hint = "list the countries where the project is deployed, e.g. ['Kenya', 'Nepal']"
    if merged:
        hint += ", or add community.deployments entries (country, organization, url)"
    yield report("/locations/deploymentCountries", message, hint=hint)


@rule("C004")
def local_partners_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    data = record.data
    if organizations(data, of_type="implementer"):
        return
    merged = record.kind is RecordKind.MERGED
    if merged and _has_entry(get(data, "community/localPartners")):
        return
    what = "no organization has org_type 'implementer'"
    if merged:
        what += " and community.localPartners has no entry"
    message = (
        f"no local partner is declared: {what}; name the organizations that implement, "
        "integrate or support the project in the countries where it is used"
    )
    hint = "add the local implementers to organizations with org_type 'implementer'"
    if merged:
        hint += ", or list them in community.localPartners (name, country, role)"
    yield report("/organizations", message, hint=hint)
