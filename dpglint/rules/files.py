"""Local checkout rules (family F, scope ``files``): the repository a project file sits in
holds what the record claims and what the lessons ask for — a license file that matches
the declared license, governance and community files, documentation, API specifications,
and every file the record links inside this same repository."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dpglint.evidence import repository_key
from dpglint.licenses import declared_families, license_family
from dpglint.rules import rule
from dpglint.rules._common import get, has_text, licenses, strings

if TYPE_CHECKING:
    from dpglint.engine import Record, Reporter
    from dpglint.model import Finding
    from dpglint.sources.checkout import Checkout


def _checkout(record: Record) -> Checkout:
    checkout = record.evidence.checkout
    assert checkout is not None  # the engine runs files rules only with a checkout
    return checkout


def _license_pointer(record: Record) -> str:
    entries = list(licenses(record.data, record.kind))
    return entries[0].id_pointer if entries else "/license"


@rule("F001")
def license_file_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    checkout = _checkout(record)
    if checkout.licenses:
        return
    yield report(
        "/license",
        f"the repository at {checkout.root} has no license file (LICENSE, COPYING or a "
        "LICENSES/ folder): the declared license is not stated where the code is",
        hint="add the full license text as LICENSE at the repository root",
    )


@rule("F002")
def license_file_mismatch(record: Record, report: Reporter) -> Iterator[Finding]:
    declared = declared_families(record.data, record.kind)
    if not declared:
        return  # nothing declared: the schema and licensing rules say so
    for license_file in _checkout(record).licenses:
        if license_file.spdx_id is None:
            continue
        if license_family(license_file.spdx_id) in declared:
            continue
        names = ", ".join(sorted(declared))
        yield report(
            _license_pointer(record),
            f"{license_file.path} is {license_file.spdx_id} ({license_file.detail}), but the "
            f"record declares {names}",
            hint=f"declare {license_file.spdx_id}, or replace {license_file.path} with the "
            "text of the declared license",
        )


@rule("F003")
def license_file_unidentified(record: Record, report: Reporter) -> Iterator[Finding]:
    for license_file in _checkout(record).licenses:
        if license_file.spdx_id is None:
            yield report(
                _license_pointer(record),
                f"{license_file.path} could not be identified as a known license "
                f"({license_file.detail}): a reviewer cannot confirm the declared license",
                hint="use the unmodified SPDX text of the license (a copyright line above it "
                "is fine)",
            )


@dataclass(frozen=True, slots=True)
class _Expected:
    """A file the lessons ask for, the kinds that satisfy it, and the field of the
    record that may link it instead."""

    kinds: tuple[str, ...]
    what: str
    declared: str | None
    example: str


_EXPECTED = {
    "F004": _Expected(
        ("governance", "maintainers", "codeowners"),
        "a governance document (GOVERNANCE, MAINTAINERS, OWNERS or CODEOWNERS)",
        "stewardship/governanceURL",
        "GOVERNANCE.md: who decides, how maintainers are chosen, how disputes are settled",
    ),
    "F005": _Expected(
        ("contributing",),
        "a contributing guide (CONTRIBUTING)",
        "community/contributingURL",
        "CONTRIBUTING.md: how to propose a change and how it is reviewed",
    ),
    "F006": _Expected(
        ("code_of_conduct",),
        "a code of conduct (CODE_OF_CONDUCT)",
        "community/codeOfConductURL",
        "CODE_OF_CONDUCT.md (the Contributor Covenant is a common start)",
    ),
    "F007": _Expected(
        ("security",),
        "a security policy (SECURITY)",
        None,
        "SECURITY.md: how to report a vulnerability privately, and what happens next",
    ),
    "F008": _Expected(
        ("support",),
        "a support file (SUPPORT)",
        "community/supportURL",
        "SUPPORT.md: where implementers and users get help",
    ),
    "F009": _Expected(
        ("funding",),
        "a funding file (.github/FUNDING.yml)",
        "businessModel/sustainabilityPlanURL",
        ".github/FUNDING.yml listing where sponsors can fund the project",
    ),
    "F010": _Expected(
        ("roadmap",),
        "a roadmap (ROADMAP)",
        "stewardship/roadmapURL",
        "ROADMAP.md: what is planned next and how users can influence it",
    ),
}


def _expected_file(rule_id: str, record: Record, report: Reporter) -> Iterator[Finding]:
    expected = _EXPECTED[rule_id]
    checkout = _checkout(record)
    if any(checkout.files.has(kind) for kind in expected.kinds):
        return
    if expected.declared and has_text(get(record.data, expected.declared)):
        return  # the record links the document elsewhere
    pointer, also = "", ""
    if expected.declared:
        pointer = "/" + expected.declared
        also = f", and the record does not link one ({expected.declared.replace('/', '.')})"
    yield report(
        pointer,
        f"the repository at {checkout.root} has no {expected.what} in the usual places "
        f"(root, .github/, docs/){also}",
        hint=f"add {expected.example}",
    )


@rule("F004")
def governance_file_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    yield from _expected_file("F004", record, report)


@rule("F005")
def contributing_file_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    yield from _expected_file("F005", record, report)


@rule("F006")
def code_of_conduct_file_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    yield from _expected_file("F006", record, report)


@rule("F007")
def security_policy_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    yield from _expected_file("F007", record, report)


@rule("F008")
def support_file_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    yield from _expected_file("F008", record, report)


@rule("F009")
def funding_file_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    yield from _expected_file("F009", record, report)


@rule("F010")
def roadmap_file_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    yield from _expected_file("F010", record, report)


@rule("F011")
def readme_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    checkout = _checkout(record)
    if checkout.files.has("readme") or checkout.files.docs_dir:
        return
    yield report(
        "",
        f"the repository at {checkout.root} has neither a README nor a docs/ folder: "
        "indicator 5 asks for documentation a technical stranger can use to launch and "
        "run the software",
        hint="add README.md: what the project is, how to install, configure and run it",
    )


def _declared_api_specs(data: Any) -> list[str]:
    specs = get(data, "interoperability/apiSpecs")
    if not isinstance(specs, list):
        return []
    return [s["url"] for s in specs if isinstance(s, dict) and isinstance(s.get("url"), str)]


@rule("F012")
def api_spec_file_undeclared(record: Record, report: Reporter) -> Iterator[Finding]:
    declared = " ".join(_declared_api_specs(record.data))
    found = [p for p in _checkout(record).files.api_specs if p not in declared]
    if not found:
        return
    listed = ", ".join(found[:5]) + (f" and {len(found) - 5} more" if len(found) > 5 else "")
    yield report(
        "/interoperability/apiSpecs",
        f"the repository holds API specifications ({listed}) that the record does not "
        "declare in interoperability.apiSpecs",
        hint="add each one: {format: openapi, url: <link to the file in the repository>}",
    )


# a link to a file or folder in a GitHub repository: owner, name, ref, path
_BLOB = re.compile(
    r"^https?://(?:www\.)?github\.com/([^/]+)/([^/]+)/(?:blob|tree|raw)/([^/?#]+)/([^?#]+)", re.I
)


@rule("F013")
def declared_file_missing(record: Record, report: Reporter) -> Iterator[Finding]:
    checkout = _checkout(record)
    here = {key for url in checkout.remote_urls if (key := repository_key(url))}
    if not here:
        return
    for pointer, value in strings(record.data):
        match = _BLOB.match(value.strip())
        if not match:
            continue
        if f"{match.group(1)}/{match.group(2).removesuffix('.git')}".lower() not in here:
            continue
        path = match.group(4).rstrip("/")
        if checkout.exists(path) or checkout.exists(_unquote(path)):
            continue
        yield report(
            pointer,
            f"the record links {path} in this repository, but the checkout at "
            f"{checkout.root} has no such file or folder",
            hint="fix the link, or add the file it promises",
        )


def _unquote(path: str) -> str:
    from urllib.parse import unquote

    return unquote(path)
