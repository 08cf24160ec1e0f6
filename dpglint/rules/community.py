"""Community and replication rules (family C): the record says how people contribute
and get support, where the project is deployed and which local partners implement it
(DPG maturity pillars 1.2, 5.3 and 6, and the UNDP report's lessons on communities and
local partners)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from dpglint.kinds import RecordKind
from dpglint.loader import pointer_join
from dpglint.rules import rule
from dpglint.rules._common import get, has_items, has_text, organizations
from dpglint.rules.core import shorten

if TYPE_CHECKING:
    from dpglint.engine import Record, Reporter
    from dpglint.model import Finding

_COMMUNITY = "/community"


def _state(value: Any) -> str:
    """How a value that says nothing reads in a message."""
    if value is None:
        return "is missing"
    if isinstance(value, str):
        return "is empty" if not value.strip() else f"is only the placeholder {shorten(value)}"
    if isinstance(value, list):
        if not value:
            return "is an empty list"
        if all(isinstance(v, str) and not v.strip() for v in value):
            return "holds only an empty string" if len(value) == 1 else "holds only empty strings"
        if len(value) == 1 and isinstance(value[0], str):
            return f"holds only the placeholder {shorten(value[0])}"
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


def _link_missing(
    record: Record, report: Reporter, key: str, *, what: str, hint: str
) -> Iterator[Finding]:
    """One finding when ``community.<key>`` holds no link to ``what``."""
    data = record.data
    community = data.get("community") if isinstance(data, dict) else None
    field = f"community.{key}"
    if community is None:
        yield report(_COMMUNITY, f"no community block: add {field} with {what}", hint=hint)
        return
    if not isinstance(community, dict):
        message = f"community is {shorten(community)}, not an object: add {field} with {what}"
        yield report(_COMMUNITY, message, hint=hint)
        return
    value = community.get(key)
    if has_text(value):
        return
    if isinstance(value, str) or value is None:
        message = f"{field} {_state(value)}: give {what}"
    else:
        message = f"{field} is {shorten(value)}, not a link: give {what}"
    yield report(pointer_join(_COMMUNITY, key), message, hint=hint)


@rule("C001")
def contributing_guide_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    yield from _link_missing(
        record,
        report,
        "contributingURL",
        what=(
            "a link to the contributing guide, which tells outsiders how to propose changes "
            "and how they are reviewed and accepted"
        ),
        hint="link the CONTRIBUTING file of the repository or the contributing page of the docs",
    )


@rule("C002")
def code_of_conduct_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    yield from _link_missing(
        record,
        report,
        "codeOfConductURL",
        what=(
            "a link to the code of conduct, which sets how contributors and users treat "
            "each other and how reports are handled"
        ),
        hint="link the CODE_OF_CONDUCT file or page (the Contributor Covenant is a common start)",
    )


@rule("C005")
def support_channel_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    yield from _link_missing(
        record,
        report,
        "supportURL",
        what=(
            "a link to the support channel (forum, chat, helpdesk, issue tracker) where "
            "implementers and users get help"
        ),
        hint="link the forum, chat, helpdesk or issue tracker where users get help",
    )


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


def _is_implementer(organization: dict[str, Any]) -> bool:
    org_type = organization.get("org_type")
    return isinstance(org_type, str) and org_type.strip().lower() == "implementer"


@rule("C004")
def local_partners_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    data = record.data
    if any(_is_implementer(org) for _, org in organizations(data)):
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
