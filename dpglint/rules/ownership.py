"""Ownership, stewardship and fiscal-home rules (family O): who owns the assets and how to
reach them (DPG Standard indicator 3), whether the screening answer is backed by real
ownership evidence, and who stewards, hosts, leads and plans the project (the report's
lessons on stewardship; maturity pillar 1)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from dpglint.loader import pointer_join
from dpglint.model import Severity
from dpglint.rules import rule
from dpglint.rules._common import (
    block_field_gap,
    example,
    find_urls,
    get,
    has_text,
    licenses,
    name_key,
    org_name,
    org_type,
    organizations,
    pointer,
    unmet_answer,
    yes_without_evidence,
)
from dpglint.rules.core import shorten

if TYPE_CHECKING:
    from dpglint.engine import Record, Reporter
    from dpglint.model import Finding


# ------------------------------------------------------------------ shared helpers


def _owners(data: Any) -> list[tuple[str, dict[str, Any]]]:
    return organizations(data, of_type="owner", lone_object=True)


def _owner_names(data: Any) -> list[str]:
    return [n for _, o in _owners(data) if (n := org_name(o))]


def _label(org: dict[str, Any]) -> str:
    return f"{org_name(org) or '(no name)'!r} ({org_type(org) or 'no org_type'})"


def _quoted(names: list[str]) -> str:
    shown = [repr(n) for n in names[:3]]
    if len(names) > 3:
        shown.append(f"{len(names) - 3} more")
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


# ------------------------------------------------------------------ O001-O002 owners


@rule("O001")
def owner_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    data = record.data
    entries = organizations(data, lone_object=True)
    if _owners(data):
        return
    if not entries:
        yield report(
            "/organizations",
            'no organization with org_type "owner" is declared, so nothing says who owns '
            "this project's assets: the DPG Standard (indicator 3) asks who owns them",
            hint='add the owner to organizations with org_type "owner" (people, when no '
            "organization owns it)",
        )
        return
    listed = [_label(o) for _, o in entries]
    shown = ", ".join(listed[:4]) + (f" and {len(listed) - 4} more" if len(listed) > 4 else "")
    yield report(
        "/organizations",
        f'no organization is declared as owner (org_type "owner"); the record lists {shown}: '
        "the DPG Standard (indicator 3) asks who owns the assets",
        hint='add the legal owner with org_type "owner"; if an organization listed here owns '
        "the assets, list it again with that org_type",
    )


def _with_email(data: Any) -> list[dict[str, Any]]:
    return [o for _, o in organizations(data, lone_object=True) if has_text(o.get("contact_email"))]


@rule("O002")
def owner_contact_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    data = record.data
    owners = _owners(data)
    if not owners or any(has_text(o.get("contact_email")) for _, o in owners):
        return
    with_email = _with_email(data)
    reachable = [_label(o) for o in with_email]
    emails = {name_key(n) for o in with_email if (n := org_name(o))}
    if any((n := org_name(o)) and name_key(n) in emails for _, o in owners):
        return  # the same organization gives its email in another entry (e.g. as maintainer)
    first = owners[0][0]
    names = _owner_names(data)
    noun = "owners" if len(names) > 1 else "owner"
    who = f"{noun} {_quoted(names)}" if names else "owner organization"
    elsewhere = f"; the only contact given is for {', '.join(reachable[:2])}" if reachable else ""
    yield report(
        pointer_join(first, "contact_email"),
        f"no contact_email for the {who}{elsewhere}: reviewers and adopters need a way to "
        "reach whoever owns the assets",
        hint=f"add {example(record, 'contact_email', 'dpg@example.org')} to the owner organization",
    )


# ------------------------------------------------------------------ O003-O005 evidence

_COPYRIGHT = "clearOwnership/copyrightURL"
_EXPLICIT = "clearOwnership/isOwnershipExplicit"


@rule("O003")
def ownership_not_explicit(record: Record, report: Reporter) -> Iterator[Finding]:
    requirement = (
        "the DPG Standard (indicator 3) requires ownership of the assets to be clearly "
        "defined and documented, so this record does not meet it"
    )
    yield from unmet_answer(
        record,
        report,
        _EXPLICIT,
        dict.fromkeys(("No", "Unknown"), requirement),
        as_written=True,
        hint="document who owns the code, content or data (copyright notice, trademark, IP "
        'policy or terms of use), then answer "Yes" and link that document in copyrightURL',
    )


def _evidence_state(value: Any, field: str) -> str:
    """How a copyrightURL that links nothing reads in a message."""
    if value is None:
        return f"{field} is absent"
    if isinstance(value, str | list):
        return f"{field} is empty or a placeholder ({shorten(value)})"
    return f"{field} is not a link ({shorten(value)})"


@rule("O004")
def ownership_evidence_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    yield from yes_without_evidence(
        record,
        report,
        _EXPLICIT,
        _COPYRIGHT,
        lead='isOwnershipExplicit is "Yes"',
        state=_evidence_state,
        requirement="the DPG Standard (indicator 3) asks for links to copyright, trademark "
        "or ownership documentation",
        hint="link the page that names the owner: a copyright notice, trademark registration, "
        "IP policy or terms of use",
    )


# Hosts (and path prefixes) that publish the generic text of licenses, not a project's.
_GENERIC_LICENSE_PAGES = (
    ("opensource.org", ("/licenses", "/license")),
    ("choosealicense.com", ("/licenses",)),
    ("creativecommons.org", ("/licenses", "/publicdomain")),
    ("gnu.org", ("/licenses",)),
    ("apache.org", ("/licenses",)),
    ("spdx.org", ("/licenses",)),
    ("opendatacommons.org", ("/licenses",)),
    ("mozilla.org", ("/mpl", "/en-us/mpl")),
    ("tldrlegal.com", ("/",)),
    ("data.norge.no", ("/nlod",)),
)
_LICENSE_FILE = re.compile(
    r"^(?:un)?licen[cs]e(?:[.\-_][\w.\-]*)?$|^copying(?:[.\-_][\w.]*)?$", re.I
)
_REPO_FILE_PATH = re.compile(r"/(?:-/)?(?:blob|raw|src)/", re.I)
# Licenses whose usual text opens with "Copyright (c) <year> <holder>".
_HOLDER_LINE_LICENSES = ("MIT", "BSD-", "ISC", "0BSD", "ZLIB", "X11", "NCSA", "POSTGRESQL", "UPL-")
_OWNERSHIP_WORDS = re.compile(
    r"copyright|©|\(c\)|\bowned\b|\bowner|trademark|intellectual property", re.I
)


def _host(url: str) -> tuple[str, str]:
    try:
        parts = urlsplit(url)
    except ValueError:
        return "", ""
    host = (parts.hostname or "").lower()
    return host.removeprefix("www."), parts.path


def _generic_license_page(url: str) -> str | None:
    """The host when ``url`` is a license's generic text (opensource.org, gnu.org…)."""
    host, path = _host(url)
    lowered = path.lower()
    for domain, prefixes in _GENERIC_LICENSE_PAGES:
        on_domain = host == domain or host.endswith("." + domain)
        if on_domain and any(lowered.startswith(p) for p in prefixes):
            return host
    if host.endswith("wikipedia.org") and "licen" in lowered:
        return host
    return None


def _license_file(url: str) -> bool:
    """``url`` is a LICENSE or COPYING file in a source repository."""
    host, path = _host(url)
    name = path.rstrip("/").rsplit("/", 1)[-1]
    if not _LICENSE_FILE.match(name):
        return False
    return bool(_REPO_FILE_PATH.search(path)) or host == "raw.githubusercontent.com"


def _evidence_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "\n".join(v for v in value if isinstance(v, str))
    return ""


@rule("O005")
def ownership_evidence_is_license(record: Record, report: Reporter) -> Iterator[Finding]:
    data = record.data
    text = _evidence_text(get(data, _COPYRIGHT))
    urls = find_urls(text)
    if not urls:
        return
    prose = text
    for url in urls:
        prose = prose.replace(url, " ")
    if _OWNERSHIP_WORDS.search(prose):
        return  # the text itself says who owns what
    generic = [h for u in urls if (h := _generic_license_page(u))]
    files = [u for u in urls if _license_file(u)]
    if len(generic) + len(files) < len(urls):
        return  # some link is not a license: it may be the ownership documentation
    owners = _owner_names(data)
    named = f" ({_quoted(owners)})" if owners else ""
    fix = (
        "a copyright notice, trademark registration, IP policy or terms of use that names "
        f"the owner{named}"
    )
    if not files:
        yield report(
            pointer(_COPYRIGHT),
            f"copyrightURL links the generic text of a license on {generic[0]}, not this "
            "project's ownership documentation, and DPGA reviewers did not accept such a link "
            f"as evidence of ownership (E-Heza, publicgoods-candidates PR #1343): link {fix}",
        )
        return
    shown = f"copyrightURL links the repository's license file ({_short_url(files[0])})"
    ids = _license_ids(record)
    no_holder = [i for i in ids if not i.upper().startswith(_HOLDER_LINE_LICENSES)]
    which = f"a license file ({'/'.join(ids)})" if ids else "a license file"
    lacking = (
        f", which the standard {'/'.join(no_holder)} text does not have"
        if ids and len(no_holder) == len(ids)
        else ""
    )
    yield report(
        pointer(_COPYRIGHT),
        f"{shown}: {which} says what others may do with the assets and shows who owns them "
        f"only through a copyright line{lacking}: make sure the file has one naming the "
        f"owner{named}, or link a copyright notice, trademark registration, IP policy or "
        "terms of use instead",
        severity=Severity.INFO,
        hint="add a copyright line naming the owner to the license file, or link a copyright "
        "notice, trademark or IP policy",
    )


def _license_ids(record: Record) -> list[str]:
    ids = [
        e.license_id.strip() for e in licenses(record.data, record.kind) if has_text(e.license_id)
    ]
    return list(dict.fromkeys(ids))


def _short_url(url: str, limit: int = 80) -> str:
    if len(url) <= limit:
        return url
    host, path = _host(url)
    parts = [p for p in path.split("/") if p]
    return "/".join([host, *parts[:2], "…", parts[-1]]) if len(parts) > 3 else url


# ------------------------------------------------------------------ O006-O010 stewardship

# field -> (what the record then fails to say, an example value for the hint)
_STEWARDSHIP_FIELDS: dict[str, tuple[str, Any]] = {
    "steward": (
        "name the team or organization that stewards the core codebase",
        {"name": "Example Foundation core team", "website": "https://example.org"},
    ),
    "fiscalHome": (
        "name the fiscal home, the legal host that holds the IP, signs contracts and "
        "receives funds",
        {"name": "Example University", "type": "university"},
    ),
    "productOwners": (
        "name the product owners accountable for the product",
        [{"name": "Jane Doe", "role": "Product owner", "organization": "Example Foundation"}],
    ),
    "governanceURL": (
        "link the governance document (roles, decision making, maintainers)",
        "https://example.org/governance",
    ),
    "roadmapURL": (
        "link the public roadmap",
        "https://example.org/roadmap",
    ),
}


def _says_something(value: Any) -> bool:
    if isinstance(value, dict):
        return has_text(value.get("name"))
    if isinstance(value, list):
        return any(_says_something(v) for v in value)
    return has_text(value)


def _stewardship_field(record: Record, report: Reporter, field: str) -> Iterator[Finding]:
    gap = block_field_gap(record.data, "stewardship", field, _says_something)
    if gap is None:
        return
    what, value = _STEWARDSHIP_FIELDS[field]
    if gap.whole_block:
        yield report(
            gap.pointer,
            f"{gap.state}, so the record does not {what}: add stewardship.{field}",
            hint=f"add {example(record, 'stewardship', {field: value})}",
        )
    else:
        yield report(
            gap.pointer,
            f"stewardship.{field} {gap.state}, so the record does not {what}",
            hint=f"add {example(record, field, value)}",
        )


@rule("O006")
def steward_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    yield from _stewardship_field(record, report, "steward")


@rule("O007")
def fiscal_home_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    yield from _stewardship_field(record, report, "fiscalHome")


@rule("O008")
def product_owners_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    yield from _stewardship_field(record, report, "productOwners")


@rule("O009")
def governance_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    yield from _stewardship_field(record, report, "governanceURL")


@rule("O010")
def roadmap_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    yield from _stewardship_field(record, report, "roadmapURL")
