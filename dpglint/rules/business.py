"""Business-model rules (family B): how the project is funded and sustained, who funds
it, and whether it hangs on a single grant-maker (the report's lessons on business
models and funding; maturity pillar 5.1)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dpglint.kinds import RecordKind
from dpglint.loader import pointer_join
from dpglint.rules import rule
from dpglint.rules._common import (
    block_field_gap,
    example,
    has_text,
    name_key,
    org_name,
    organizations,
    text_of,
)
from dpglint.rules.core import shorten

if TYPE_CHECKING:
    from dpglint.engine import Record, Reporter
    from dpglint.model import Finding

# Revenue that comes from outside as gifts: no diversification by itself.
_GRANT_LIKE = frozenset({"grants", "donations"})


@dataclass(frozen=True, slots=True)
class _Funder:
    pointer: str
    name: str | None


def _business_model(data: Any) -> dict[str, Any] | None:
    block = data.get("businessModel") if isinstance(data, dict) else None
    return block if isinstance(block, dict) else None


def _funders(record: Record) -> list[_Funder]:
    """Every funder the record declares: organizations with org_type funder, then (in a
    merged record) businessModel.funders."""
    found = [
        _Funder(pointer, org_name(org))
        for pointer, org in organizations(record.data, of_type="funder", lone_object=True)
    ]
    block = _business_model(record.data) if record.kind is RecordKind.MERGED else None
    listed = block.get("funders") if block else None
    if isinstance(listed, list):
        for index, entry in enumerate(listed):
            pointer = pointer_join("/businessModel/funders", index)
            if isinstance(entry, dict):
                found.append(_Funder(pointer, text_of(entry.get("name"))))
            elif text_of(entry):
                found.append(_Funder(pointer, text_of(entry)))
    return found


def _distinct(funders: list[_Funder]) -> list[_Funder]:
    """One entry per funder: the same name (loosely compared) counts once; an unnamed
    entry counts on its own."""
    seen: set[str] = set()
    kept: list[_Funder] = []
    for funder in funders:
        if funder.name is not None:
            key = name_key(funder.name)
            if key in seen:
                continue
            seen.add(key)
        kept.append(funder)
    return kept


def _revenue_types(data: Any) -> list[str]:
    block = _business_model(data)
    return _stream_types(block.get("revenueStreams") if block else None)


def _stream_types(streams: Any) -> list[str]:
    """The types of the revenue streams that say something, in lower case."""
    if not isinstance(streams, list):
        return []
    types = []
    for stream in streams:
        kind = stream.get("type") if isinstance(stream, dict) else stream
        if has_text(kind):
            types.append(str(kind).strip().lower())
    return types


# ------------------------------------------------------------------ B001 revenue streams


@rule("B001")
def business_model_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    gap = block_field_gap(
        record.data, "businessModel", "revenueStreams", lambda s: bool(_stream_types(s))
    )
    if gap is None:
        return
    sample = [{"type": "grants"}, {"type": "services", "description": "paid implementation"}]
    if gap.whole_block:
        yield report(
            gap.pointer,
            f"{gap.state}, so nothing says how the project is funded and sustained: add "
            "businessModel.revenueStreams",
            hint=f"add {example(record, 'businessModel', {'revenueStreams': sample})}",
        )
        return
    streams = gap.value
    state = "is missing" if streams is None else f"declares no stream ({shorten(streams)})"
    yield report(
        gap.pointer,
        f"businessModel.revenueStreams {state}: say where the resources to run and develop "
        "the project come from (grants, government budget, subscriptions, services…)",
        hint=f"add {example(record, 'revenueStreams', sample)}",
    )


# ------------------------------------------------------------------ B002-B003 funders


@rule("B002")
def funders_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    if _funders(record):
        return
    merged = record.kind is RecordKind.MERGED
    where = (
        'an organization with org_type "funder" or businessModel.funders'
        if merged
        else 'an organization with org_type "funder"'
    )
    pointer = (
        "/businessModel/funders"
        if merged and _business_model(record.data) is not None
        else "/organizations"
    )
    yield report(
        pointer,
        f"no funder is declared ({where}): a reader cannot tell who pays for the project's "
        "development and upkeep",
        hint='list each funder as an organization with org_type "funder"; if the owner funds '
        "the project itself, list it again as funder",
    )


@rule("B003")
def single_funding_source(record: Record, report: Reporter) -> Iterator[Finding]:
    funders = _distinct(_funders(record))
    if len(funders) != 1:
        return
    revenue = _revenue_types(record.data)
    if any(t not in _GRANT_LIKE for t in revenue):
        return
    funder = funders[0]
    owners = {
        name_key(n)
        for _, o in organizations(record.data, of_type="owner", lone_object=True)
        if (n := org_name(o))
    }
    also = " (also the owner)" if funder.name and name_key(funder.name) in owners else ""
    who = f"{funder.name!r}{also}" if funder.name else "one unnamed funder"
    streams = (
        " and the only revenue streams are grants or donations"
        if revenue
        else " and no other revenue stream is declared"
    )
    fix = (
        "declare the other funders and revenue streams (businessModel.revenueStreams) if "
        "there are any"
        if record.kind is RecordKind.MERGED
        else 'declare the other funders (org_type "funder") if there are any'
    )
    yield report(
        funder.pointer,
        f"{who} is the only funder{streams}: a project that depends on one funder is at risk "
        f"when that funding ends; {fix}, or plan other sources (government budget, "
        "subscriptions, services, training)",
        hint="diversify funding: more funders, or revenue that does not depend on grants",
    )


# ------------------------------------------------------------------ B004 sustainability plan


@rule("B004")
def sustainability_plan_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    gap = block_field_gap(record.data, "businessModel", "sustainabilityPlanURL", has_text)
    if gap is None or gap.whole_block:
        return  # no businessModel object: B001 reports that
    yield report(
        gap.pointer,
        f"businessModel.sustainabilityPlanURL {gap.state}: link the plan that shows how the "
        "project will cover its costs once the current funding ends",
        hint="add "
        + example(record, "sustainabilityPlanURL", "https://example.org/sustainability-plan"),
    )
