"""Licensing rules (family L): DPG Standard indicator 2, "Use of Approved Open Licenses".

Each declared license must be a real SPDX id, current, of the family the Standard
approves for the record's kind of DPG (OSI for software, Creative Commons for content,
open-data licenses for data), without a no-derivatives or (outside content) a
non-commercial clause, and its link must show that this project is under it. The facts
about licenses live in :mod:`dpglint.licenses`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import SplitResult, urlsplit

from dpglint import licenses as lic
from dpglint.kinds import RecordKind
from dpglint.loader import pointer_join
from dpglint.model import Severity
from dpglint.rules import rule
from dpglint.rules._common import LicenseEntry, is_url, licenses
from dpglint.rules.core import shorten

if TYPE_CHECKING:
    from dpglint.engine import Record, Reporter
    from dpglint.model import Finding

# app-API categories and the registry type each one stands for
_CATEGORIES = {
    "open software": lic.SOFTWARE,
    "open content": lic.CONTENT,
    "open data": lic.DATA,
    "open ai model": lic.AIMODEL,
    "ai model": lic.AIMODEL,
    "open ai system": lic.AIMODEL,
    "open standard": lic.STANDARD,
}
_NOUNS = {
    lic.SOFTWARE: "the code",
    lic.CONTENT: "the content",
    lic.DATA: "the data",
    lic.STANDARD: "the standard",
    lic.AIMODEL: "the model",
}


# ------------------------------------------------------------------ shared helpers


def _entries(record: Record) -> list[LicenseEntry]:
    """The declared licenses; an app-API record may still carry the legacy
    ``license[]`` shape instead of ``openlicenses[]``."""
    found = list(licenses(record.data, record.kind))
    if not found and record.kind is RecordKind.APP:
        found = list(licenses(record.data, RecordKind.NOMINEE))
    return found


def _texts(record: Record) -> Iterator[tuple[LicenseEntry, str]]:
    """Each entry with its license value, trimmed (the app API splits answers on
    commas and keeps the spaces), skipping entries with no string value."""
    for entry in _entries(record):
        value = entry.license_id
        if isinstance(value, str) and value.strip():
            yield entry, value.strip()


def _types(record: Record) -> list[tuple[str, str, str]]:
    """``(pointer, type, label)`` of each known DPG type the record declares, once
    each: ``type[]``, or an app-API record's ``categories`` ("Open Software"...)."""
    data = record.data
    if not isinstance(data, dict):
        return []
    found: list[tuple[str, str, str]] = []
    raw = data.get("type")
    if isinstance(raw, list):
        for index, value in enumerate(raw):
            if isinstance(value, str) and value in lic.DPG_TYPES:
                found.append((pointer_join("/type", index), value, f"type {value!r}"))
    elif record.kind is RecordKind.APP:
        categories = data.get("categories")
        named: list[tuple[str, object]] = []
        if isinstance(categories, str):
            named = [("/categories", c) for c in categories.split(",")]
        elif isinstance(categories, list):
            named = [(pointer_join("/categories", i), c) for i, c in enumerate(categories)]
        for pointer, value in named:
            if isinstance(value, str) and value.strip().lower() in _CATEGORIES:
                dpg_type = _CATEGORIES[value.strip().lower()]
                found.append((pointer, dpg_type, f"category {value.strip()!r}"))
    unique: list[tuple[str, str, str]] = []
    for item in found:
        if all(item[1] != t for _, t, _ in unique):
            unique.append(item)
    return unique


def _expressions(record: Record) -> list[lic.Expression] | None:
    """Every declared license, parsed; None when one of them is not a known id or a
    well-formed expression of known ids (L001 reports it, and judging the rest would
    only add noise)."""
    parsed: list[lic.Expression] = []
    for _entry, text in _texts(record):
        expression = lic.valid_expression(text)
        if expression is None:
            return None
        parsed.append(expression)
    return parsed


def _either(items: tuple[str, ...] | list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


def _listing(items: tuple[str, ...] | list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# ------------------------------------------------------------------ L001 license-not-spdx


_ANY_LICENSE = "use the SPDX id of an approved license (https://spdx.org/licenses/), e.g. MIT, "
_ANY_LICENSE += "Apache-2.0, CC-BY-4.0"


def _current(ids: tuple[str, ...], current: bool) -> tuple[str, ...]:
    """Suggested ids, with a deprecated one replaced by its current ids where the
    record's schema accepts them (a project file; the registry lists GPL-3.0 etc.)."""
    if not current:
        return ids
    found: list[str] = []
    for i in ids:
        found.extend(r for r in lic.deprecated_replacements(i) or (i,) if r not in found)
    return tuple(found[:3])


def _custom_problem(shown: str) -> tuple[str, str]:
    return (
        f"{shown} is a custom license reference (LicenseRef-), not an approved open "
        "license: indicator 2 accepts only OSI-approved licenses for software, Creative "
        "Commons licenses for content and open-data licenses for data",
        "license the project under an approved license and give its SPDX id",
    )


def _plain_problem(text: str, current: bool) -> tuple[str, str] | None:
    shown = shorten(text)
    if lic.is_known_id(text):
        return None
    if lic.is_custom_ref(text):
        return _custom_problem(shown)
    if lic.is_exception_id(text):
        return (
            f"{shown} is an SPDX license exception, not a license",
            f"write the license it modifies followed by WITH {text}, e.g. "
            f"GPL-2.0-or-later WITH {text}",
        )
    corrected = lic.case_corrected(text)
    if corrected is not None:
        return (
            f"{shown} is not an SPDX license id as written: SPDX spells it {corrected!r}, "
            "and the registry matches ids exactly",
            f"write {corrected!r}",
        )
    close = _current(lic.suggestions(text), current)
    if close:
        return (
            f"{shown} is not an SPDX license id: did you mean {_either(close)}?",
            f"write the SPDX id, e.g. {close[0]!r}",
        )
    return f"{shown} is not an SPDX license id or expression", _ANY_LICENSE


def _compound_problem(text: str, current: bool) -> tuple[str, str] | None:
    shown = shorten(text)
    parsed = lic.parse_expression(text)
    if parsed is not None and any(lic.is_custom_ref(i) for i in parsed.licenses):
        return _custom_problem(shown)
    error = lic.expression_error(text)
    if error is not None or parsed is None:
        close = _current(lic.suggestions(text), current)
        hint = f"did you mean {_either(close)}?" if close else _ANY_LICENSE
        reason = f" ({error})" if error else ""
        return f"{shown} is not a valid SPDX license expression{reason}", hint
    wrong = [(i, lic.case_corrected(i)) for i in parsed.licenses if not lic.is_known_id(i)] + [
        (e, lic.case_corrected(e)) for e in parsed.exceptions if not lic.is_exception_id(e)
    ]
    if not wrong:
        return None
    fixes = [f"{bad!r} -> {good!r}" for bad, good in wrong if good is not None]
    unknown = [repr(bad) for bad, good in wrong if good is None]
    parts = []
    if fixes:
        parts.append("SPDX spells " + ", ".join(fixes))
    if unknown:
        parts.append(f"{', '.join(unknown)} is not an SPDX id")
    return (
        f"{shown} is not a valid SPDX license expression as written: {'; '.join(parts)}",
        "write every id exactly as SPDX spells it",
    )


@rule("L001")
def license_not_spdx(record: Record, report: Reporter) -> Iterator[Finding]:
    for entry in _entries(record):
        value = entry.license_id
        if not isinstance(value, str) or not value.strip():
            continue
        text = value.strip()
        check = _compound_problem if lic.is_compound(text) else _plain_problem
        problem = check(text, record.kind is RecordKind.MERGED)
        if problem is None and text != value and record.kind is not RecordKind.APP:
            problem = (
                f"{shorten(value)} has spaces around the license id",
                f"write {text!r}",
            )
        if problem is not None:
            message, hint = problem
            yield report(entry.id_pointer, message, hint=hint)


# ------------------------------------------------------------------ L002 license-id-deprecated


def _replacement_text(license_id: str) -> str:
    current = lic.deprecated_replacements(license_id)
    if not current:
        return f"look up the current id of {license_id} at https://spdx.org/licenses/"
    return f"write {_either(list(current))}"


def _clause(current: tuple[str, ...]) -> str:
    if len(current) < 2:
        return ""
    return (
        ", and make sure the LICENSE that licenseURL points at states the version clause "
        "(this version only, or 'any later version')"
    )


@rule("L002")
def license_id_deprecated(record: Record, report: Reporter) -> Iterator[Finding]:
    registry = record.kind in (RecordKind.NOMINEE, RecordKind.APP)
    for entry, text in _texts(record):
        expression = lic.valid_expression(text)
        if expression is None:
            continue
        deprecated = [i for i in expression.licenses if lic.is_deprecated(i)]
        if not deprecated:
            continue
        if registry and text == deprecated[0] and text in lic.registry_license_ids():
            current = lic.deprecated_replacements(text)
            yield report(
                entry.id_pointer,
                f"{text} is a deprecated SPDX id (SPDX now says {_either(list(current))}), "
                f"but the registry's nominee schema lists only {text}, not "
                f"{'its replacements' if len(current) > 1 else 'its replacement'}: keep "
                f"it here{_clause(current)}",
                hint=f"keep {text!r} in the registry record; in a publicgoods file write "
                f"{_either(list(current))}",
                severity=Severity.INFO,
            )
            continue
        if len(deprecated) == 1:
            message = f"{deprecated[0]} is a deprecated SPDX id: {_replacement_text(deprecated[0])}"
        else:
            details = "; ".join(f"for {i} {_replacement_text(i)}" for i in deprecated)
            message = f"{_listing(deprecated)} are deprecated SPDX ids: {details}"
        versioned = any(len(lic.deprecated_replacements(i)) > 1 for i in deprecated)
        yield report(
            entry.id_pointer,
            message,
            hint="pick the id that matches the LICENSE text: '-only' for 'version N' "
            "alone, '-or-later' for 'or (at your option) any later version'"
            if versioned
            else "write the current SPDX id",
        )


# ------------------------------------------------------------------ L003 license-type-mismatch


def _fits(expression: lic.Expression, dpg_type: str) -> bool:
    return any(any(lic.fits_type(i, dpg_type) for i in alt) for alt in expression.alternatives)


def _which(declared: list[str]) -> str:
    if len(declared) == 1:
        return f"its only license, {declared[0]}, is not"
    return f"none of its licenses ({_listing(declared)}) is"


@rule("L003")
def license_type_mismatch(record: Record, report: Reporter) -> Iterator[Finding]:
    types = _types(record)
    expressions = _expressions(record)
    if not types or not expressions:
        return
    declared: list[str] = []
    for expression in expressions:
        declared.extend(i for i in expression.licenses if i not in declared)
    for pointer, dpg_type, label in types:
        if any(_fits(e, dpg_type) for e in expressions):
            continue
        noun = _NOUNS[dpg_type]
        yield report(
            pointer,
            f"{label} is declared, but {_which(declared)} {lic.LICENSE_KINDS[dpg_type]}, "
            f"which indicator 2 requires for {noun}",
            hint=f"declare {lic.FITTING_LICENSES[dpg_type]} for {noun}, or drop "
            f"{dpg_type!r} if the project does not publish {noun.removeprefix('the ')}",
        )


# ------------------------------------------------------------------ L004 license-non-commercial

_POLICY_SEVERITY = {"warn": Severity.WARNING, "reject": Severity.ERROR}


@rule("L004")
def license_non_commercial(record: Record, report: Reporter) -> Iterator[Finding]:
    types = [t for _, t, _ in _types(record)]
    for entry, text in _texts(record):
        expression = lic.valid_expression(text)
        if expression is None:
            continue
        restricted = lic.always(expression, "non_commercial")
        if not restricted or lic.always(expression, "no_derivatives"):
            continue  # an ND license is never approved: L005 says so
        shown = _listing(restricted)
        creative_commons = all(lic.is_creative_commons(i) for i in restricted)
        if lic.CONTENT in types and creative_commons:
            severity = _POLICY_SEVERITY.get(record.options.non_commercial_content)
            if severity is None:
                continue  # license-policy: non-commercial-content: accept
            yield report(
                entry.id_pointer,
                f"{shown} forbids commercial reuse: the Standard still accepts CC-BY-NC "
                "and CC-BY-NC-SA for content but encourages licenses that allow it, and "
                "the DPGA has said it will not be permitting non-commercial licenses "
                "(dpg-standard#142)",
                hint="relicense the content under CC-BY-4.0, CC-BY-SA-4.0 or CC0-1.0 "
                "(or set license-policy: non-commercial-content: accept)",
                severity=severity,
            )
            continue
        others = [t for t in types if t != lic.CONTENT] or [lic.SOFTWARE, lic.DATA]
        if creative_commons:
            message = (
                f"{shown} forbids commercial use: indicator 2 accepts non-commercial "
                f"licenses (CC-BY-NC, CC-BY-NC-SA) only for content, never for "
                f"{_either(others)}"
            )
        else:
            message = (
                f"{shown} forbids commercial use: no approved open license does (the "
                "Standard accepts only CC-BY-NC and CC-BY-NC-SA, and only for content)"
            )
        main = others[0] if lic.CONTENT not in types else lic.CONTENT
        yield report(
            entry.id_pointer,
            message,
            hint=f"license {_NOUNS[main]} under {lic.FITTING_LICENSES[main]}",
        )


# ------------------------------------------------------------------ L005 license-no-derivatives


@rule("L005")
def license_no_derivatives(record: Record, report: Reporter) -> Iterator[Finding]:
    for entry, text in _texts(record):
        expression = lic.valid_expression(text)
        if expression is None:
            continue
        restricted = lic.always(expression, "no_derivatives")
        if restricted:
            yield report(
                entry.id_pointer,
                f"{_listing(restricted)} forbids derivative works: no no-derivatives "
                "license is approved for any kind of DPG (others must be free to adapt it)",
                hint="use CC-BY-4.0 or CC-BY-SA-4.0 (content), an open-data license (data) "
                "or an OSI-approved license (software)",
            )


# ------------------------------------------------------------------ licenseURL helpers


def _license_urls(record: Record) -> Iterator[tuple[str, str]]:
    """``(pointer, url)`` of each license link that is one URL. The app API repeats one
    evidence answer on every license of a record: each distinct value counts once."""
    seen: set[str] = set()
    for entry in _entries(record):
        value = entry.url
        items = (
            [(entry.url_pointer, value)]
            if isinstance(value, str)
            else [(pointer_join(entry.url_pointer, i), v) for i, v in enumerate(value)]
            if isinstance(value, list)
            else []
        )
        for pointer, url in items:
            if not isinstance(url, str) or not is_url(url):
                continue
            url = url.strip()
            if record.kind is RecordKind.APP:
                if url in seen:
                    continue
                seen.add(url)
            yield pointer, url


def _split(url: str) -> SplitResult | None:
    try:
        return urlsplit(url.strip().lower())
    except ValueError:  # e.g. "http://[" (an unterminated IPv6 address)
        return None


def _host_and_path(url: str) -> tuple[str, str]:
    parts = _split(url)
    if parts is None:
        return "", ""
    return (parts.hostname or "").removeprefix("www."), parts.path


# ------------------------------------------------------------------ L006 license-url-generic

# Sites that host the generic text of licenses: (host, path prefixes; "" = any path,
# with_subdomains). A link there shows a license, not that this project is under it.
_GENERIC_SITES: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    ("opensource.org", ("/licenses", "/license"), False),
    ("creativecommons.org", ("/licenses", "/publicdomain", "/share-your-work"), False),
    ("spdx.org", ("/licenses",), False),
    ("choosealicense.com", ("",), False),
    ("gnu.org", ("/licenses", "/copyleft"), False),
    ("apache.org", ("/licenses",), False),
    ("opendatacommons.org", ("/licenses",), False),
    ("opendefinition.org", ("/licenses",), False),
    ("mozilla.org", ("/mpl", "/en-us/mpl"), False),
    ("eclipse.org", ("/legal/epl",), False),
    ("joinup.ec.europa.eu", ("/collection/eupl", "/page/eupl", "/software/page/eupl"), False),
    ("nationalarchives.gov.uk", ("/doc/open-government-licence",), False),
    ("mit-license.org", ("",), False),
    ("tldrlegal.com", ("",), False),
    ("wikipedia.org", ("",), True),
)


def _generic_site(url: str) -> str | None:
    host, path = _host_and_path(url)
    for site, prefixes, subdomains in _GENERIC_SITES:
        on_site = host == site or (subdomains and host.endswith("." + site))
        if on_site and any(path.startswith(p) for p in prefixes):
            return site
    return None


@rule("L006")
def license_url_generic(record: Record, report: Reporter) -> Iterator[Finding]:
    for pointer, url in _license_urls(record):
        site = _generic_site(url)
        if site is not None:
            yield report(
                pointer,
                f"licenseURL {shorten(url)} is the generic text of the license on {site}, "
                "not this project's license: it does not show that this project is under it",
                hint="link the LICENSE file in the project's repository (e.g. "
                "https://github.com/<owner>/<repo>/blob/main/LICENSE) or the page of the "
                "project's site that states its license",
            )


# ------------------------------------------------------------------ L007 license-url-not-license

_CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "codeberg.org")
_LICENSE_WORDS = re.compile(r"licen[cs]|copying|copyright|legal|terms|eula|notice|readme")


def _normal(url: str) -> str:
    """A URL without scheme, ``www.``, trailing slash or ``.git``, in lower case."""
    parts = _split(url)
    if parts is None:
        return url.strip().lower()
    host = parts.netloc.removeprefix("www.")
    path = parts.path.rstrip("/").removesuffix(".git").rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return host + path + query + fragment


def _code_host_root(url: str) -> str | None:
    """The host when ``url`` is the root of a repository, group or project on a code
    host (``https://github.com/owner/repo``, ``…/tree/main``), not a file in it."""
    host, path = _host_and_path(url)
    segments = [s for s in path.split("/") if s]
    if host in _CODE_HOSTS:
        if 1 <= len(segments) <= 2 or (
            host == "github.com" and len(segments) == 4 and segments[2] == "tree"
        ):
            return host
        if len(segments) == 5 and segments[2:4] == ["-", "tree"]:
            return host
    if host == "sourceforge.net" and len(segments) == 2 and segments[0] == "projects":
        return host
    return None


def _same_as(record: Record, url: str) -> str | None:
    """The field (website, a repository, an organization's website) whose URL equals
    ``url`` once normalised."""
    data = record.data
    if not isinstance(data, dict):
        return None
    target = _normal(url)
    candidates: list[tuple[str, object]] = [
        ("the project's website (website)", data.get("website"))
    ]
    repositories = data.get("repositories")
    if isinstance(repositories, list):
        for index, repo in enumerate(repositories):
            if isinstance(repo, dict):
                name = repo.get("name")
                label = f"repository {name!r}" if isinstance(name, str) and name else "a repository"
                candidates.append((f"{label} (repositories/{index}/url)", repo.get("url")))
    organizations = data.get("organizations")
    if isinstance(organizations, list):
        for index, org in enumerate(organizations):
            if isinstance(org, dict):
                candidates.append(
                    (
                        f"an organization's website (organizations/{index}/website)",
                        org.get("website"),
                    )
                )
    for label, value in candidates:
        if isinstance(value, str) and is_url(value) and _normal(value) == target:
            return label
    return None


@rule("L007")
def license_url_not_license(record: Record, report: Reporter) -> Iterator[Finding]:
    for pointer, url in _license_urls(record):
        last = [s for s in _host_and_path(url)[1].split("/") if s][-1:]
        if last and _LICENSE_WORDS.search(last[0]):
            continue
        same = _same_as(record, url)
        host = _code_host_root(url)
        if same is not None:
            what = f"is the same link as {same}"
        elif host is not None:
            what = f"is the root of a repository or organization on {host}"
        else:
            continue
        yield report(
            pointer,
            f"licenseURL {shorten(url)} {what}, not the license: a reviewer must find "
            "the license that applies to this project at this link",
            hint="link the LICENSE file itself (e.g. https://github.com/<owner>/<repo>/blob/"
            "main/LICENSE) or the page of the site that states the license",
        )


# ------------------------------------------------------------------ L008 mixed-licensing-collection

_COLLECTIONS = frozenset({lic.CONTENT, lic.DATA})


@rule("L008")
def mixed_licensing_collection(record: Record, report: Reporter) -> Iterator[Finding]:
    types = {t for _, t, _ in _types(record)}
    if not types or not types <= _COLLECTIONS:
        return
    distinct: list[str] = []
    combined = False
    field = ""
    for entry, text in _texts(record):
        field = entry.pointer.rsplit("/", 1)[0]
        if text not in distinct:
            distinct.append(text)
        expression = lic.parse_expression(text)
        if expression is not None and any(len(alt) > 1 for alt in expression.alternatives):
            combined = True  # "A AND B": parts of the work under different licenses
    if len(distinct) <= len(types) and not combined:
        return
    what = " and ".join(
        w for t, w in ((lic.CONTENT, "content collection"), (lic.DATA, "dataset")) if t in types
    )
    problems = []
    if len(distinct) > len(types):
        problems.append(f"declares {len(distinct)} licenses ({_listing(distinct)})")
    if combined:
        problems.append("combines licenses with AND")
    yield report(
        field,
        f"this {what} {' and '.join(problems)}: since DPG Standard 1.1.7 only fully "
        "open-licensed content collections and datasets qualify, and mixed licensing is "
        "no longer accepted",
        at_key=True,
        hint="put the whole collection under one approved license (e.g. CC-BY-4.0 or "
        "CC-BY-SA-4.0), or leave out the items that are under other licenses",
    )
