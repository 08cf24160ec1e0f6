"""URL and field hygiene rules (family U): values that fill a field without serving it.

Empty and placeholder values, URL fields that hold prose, several URLs or no URL at
all, plain-http links, stray whitespace, contact emails that are not one address,
repository links that are not a repository, and descriptions that are not one line.

Where the record's own JSON Schema already reports a value (dpglint's merged-record
schema checks ``format: uri`` / ``format: email``; every schema checks enums), these
rules stay silent on it, so one problem gives one finding.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from dpglint.kinds import SCREENING_BLOCKS_KEYS, RecordKind
from dpglint.loader import escape_pointer_token, pointer_join, split_pointer
from dpglint.rules import rule
from dpglint.rules._common import (
    find_urls,
    has_text,
    is_placeholder,
    is_url,
    organizations,
    record_types,
    url_fields,
)
from dpglint.rules.core import schema_errors, shorten
from dpglint.schemas import SCHEMA_FOR_KIND, is_email, load_schema

if TYPE_CHECKING:
    from dpglint.engine import Record, Reporter
    from dpglint.model import Finding

# ------------------------------------------------------------------ shared helpers

# invisible characters that pad a value as whitespace does, but that str.strip() keeps
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_LEADING_PAD = re.compile(rf"^[\s{_INVISIBLE}]+")
_TRAILING_PAD = re.compile(rf"[\s{_INVISIBLE}]+$")

_T = TypeVar("_T")


def _per_record(record: Record, name: str, compute: Callable[[Record], _T]) -> _T:
    """``compute(record)``, computed once per record for all the rules of the family."""
    return record.cached(f"hygiene: {name}", compute)


@dataclass(frozen=True, slots=True)
class _Node:
    """What a DPGA schema allows at one field: JSON types and, for strings, values."""

    types: frozenset[str]
    enum: frozenset[Any] | None


def _shape(schema: Any, path: str, found: dict[str, _Node]) -> None:
    if not isinstance(schema, dict):
        return
    declared = schema.get("type")
    types = frozenset([declared] if isinstance(declared, str) else declared or [])
    enum = schema.get("enum")
    if types or isinstance(enum, list):
        previous = found.get(path)
        if isinstance(enum, list):
            allowed: frozenset[Any] | None = frozenset(enum)
        else:
            allowed = previous.enum if previous else None
        found[path] = _Node(types | (previous.types if previous else frozenset()), allowed)
    for name, sub in (schema.get("properties") or {}).items():
        _shape(sub, f"{path}/{name}", found)
    _shape(schema.get("items"), f"{path}/[]", found)
    for keyword in ("anyOf", "allOf", "oneOf"):
        for sub in schema.get(keyword) or []:
            _shape(sub, path, found)


@cache
def _dpga_shape(kind: RecordKind) -> dict[str, _Node]:
    """Field path ("/SDGs/[]/SDGNumber") -> what the vendored DPGA nominee or screening
    schema allows there. Those schemas constrain strings with ``type`` and ``enum`` only
    (no ``$ref``, ``format`` or ``pattern``), so this answers exactly what S004 reports."""
    found: dict[str, _Node] = {}
    _shape(load_schema(SCHEMA_FOR_KIND[kind]), "", found)
    return found


def _dpga_rejects(kind: RecordKind, pointer: str, value: Any) -> bool:
    shape = _dpga_shape(kind)
    path = "".join("/[]" if t.isdigit() else "/" + t for t in split_pointer(pointer))
    node = shape.get(path)
    if node is None:
        return False
    if isinstance(value, list):
        if node.types and "array" not in node.types:
            return True
        item = shape.get(path + "/[]")
        return bool(item and item.enum is not None and any(v not in item.enum for v in value))
    if node.types and "string" not in node.types:
        return True
    return node.enum is not None and value not in node.enum


def _validation_errors(record: Record) -> frozenset[str]:
    """Pointers of the values that the record's JSON Schema reports (rule S004's)."""
    return frozenset(pointer for pointer, _error in schema_errors(record))


def _schema_reports(record: Record, pointer: str, value: Any) -> bool:
    """Whether the record's JSON Schema already reports this value (rule S004): a bad
    ``format`` or an empty string where text is required in a project file, a value
    outside an enum anywhere. One problem, one finding."""
    if record.kind in (RecordKind.NOMINEE, RecordKind.SCREENING):
        return _dpga_rejects(record.kind, pointer, value)
    flagged = _per_record(record, "schema", _validation_errors)
    if pointer in flagged:
        return True
    return isinstance(value, list) and any(
        pointer_join(pointer, index) in flagged for index in range(len(value))
    )


def _field_name(pointer: str) -> str:
    """The name of the field a pointer ends in ("/SDGs/0/evidenceURL" -> "evidenceURL",
    "/documentation/documentationURL/1" -> "documentationURL item")."""
    tokens = split_pointer(pointer)
    if not tokens:
        return "value"
    if tokens[-1].isdigit():
        named = [t for t in tokens if not t.isdigit()]
        return f"{named[-1]} item" if named else "item"
    return tokens[-1]


def _field_path(pointer: str) -> str:
    """The field path of a pointer without array indices ("/a/0/b" -> "a/b")."""
    return "/".join(t for t in split_pointer(pointer) if not t.isdigit())


def _padding(value: str) -> tuple[str, str]:
    """The leading and trailing whitespace or invisible characters of ``value``."""
    lead = _LEADING_PAD.match(value)
    trail = _TRAILING_PAD.search(value)
    leading = lead.group() if lead else ""
    trailing = trail.group() if trail and len(leading) < len(value) else ""
    return leading, trailing


def _unpadded(value: str) -> str:
    leading, trailing = _padding(value)
    return value[len(leading) : len(value) - len(trailing)]


def _describe_edges(value: str) -> str:
    """ "starts with a tab and ends with 2 spaces" """
    leading, trailing = _padding(value)
    where = []
    if leading:
        where.append(f"starts with {_describe_padding(leading)}")
    if trailing:
        where.append(f"ends with {_describe_padding(trailing)}")
    return " and ".join(where)


def _describe_padding(pad: str) -> str:
    kinds = []
    if any(c in "\r\n" for c in pad):
        kinds.append("a line break")
    if any(c in _INVISIBLE for c in pad):
        names = sorted({f"U+{ord(c):04X}" for c in pad if c in _INVISIBLE})
        kinds.append(f"an invisible character ({', '.join(names)})")
    if "\t" in pad:
        kinds.append("a tab")
    if any(c.isspace() and c not in "\r\n\t" for c in pad):
        count = sum(1 for c in pad if c.isspace() and c not in "\r\n\t")
        kinds.append("a space" if count == 1 else f"{count} spaces")
    return " and ".join(kinds)


# ------------------------------------------------------------ U001 empty-value

# The answers to the Standard's indicators 3 to 9 and the locations (the blocks that
# mark a screening record): in screening and merged records the indicator families
# judge whether an answer and its evidence are given, so an empty value there is their
# finding, not a hygiene one.
_SCREENING_BLOCKS = SCREENING_BLOCKS_KEYS  # the one list, in dpglint.kinds

# app-API answers whose "Unknown" is an answer, not a placeholder
_APP_ANSWER_KEYS = frozenset(
    {"isPlatformIndependent", "collectsNonPII", "facilitatesUserInteraction"}
)

_DPS = "doNoHarm/dataPrivacySecurity/"
_PFH = "doNoHarm/protectionFromHarassment/"

# App-API fields the API splits on commas and sends as "" when never answered.
_APP_SPLIT_FIELDS = frozenset(
    {
        "aliases",
        "categories",
        "sectors",
        "openStandards",
        "bestPractices",
        "deploymentOrganisations",
        "deploymentCountriesDepartments",
        "otherDeploymentOrganisations",
        "awardsReceived",
        "platformIndependence/openAlternatives",
        "dataPrivacySecurity/typesOfPIIDataCollected",
        "userContent/contentTypes",
        "locations/developmentCountries",
        "locations/deploymentCountries",
        "sdgs/sdg",
    }
)


# Screening answers that the DPGA form stored as a list of the lines of one text answer.
_SCREENING_TEXT_LISTS = frozenset(
    {
        "privacy/privacyComplianceList",
        "privacy/adherenceSteps",
        "standards/standardsList",
        "standards/evidenceStandardSupport",
        "standards/bestPracticesList",
        _DPS + "typesOfDataCollected",
        _DPS + "dataSharingCircumstances",
        _PFH + "stepsAddressRiskPreventSafetyUnderageUsers",
        _PFH + "harassmentProtectionSteps",
    }
)


def _in_app_split_field(record: Record, pointer: str) -> bool:
    if record.kind is not RecordKind.APP:
        return False
    path = _field_path(pointer)
    return any(path == f or path.startswith(f + "/") for f in _APP_SPLIT_FIELDS)


def _split_item(record: Record, pointer: str) -> bool:
    """An item of a list that the DPGA form or API split out of one answer (on commas
    or line breaks): its edges are the split's, not the author's."""
    tokens = split_pointer(pointer)
    if not tokens or not tokens[-1].isdigit():
        return False
    if record.kind is RecordKind.APP:
        return _in_app_split_field(record, pointer)
    if record.kind in (RecordKind.SCREENING, RecordKind.MERGED):
        return _field_path(pointer) in _SCREENING_TEXT_LISTS
    return False


def _in_screening_block(record: Record, pointer: str) -> bool:
    if record.kind not in (RecordKind.SCREENING, RecordKind.MERGED):
        return False
    return split_pointer(pointer)[0] in _SCREENING_BLOCKS


def _find(
    value: Any, wanted: Callable[[Any], bool], tokens: list[str]
) -> Iterator[tuple[str, Any]]:
    """``(pointer, value)`` of the strings, and of the non-empty lists, below ``value``
    for which ``wanted`` is true (a wanted list is not searched further). Pointers are
    only built for what is found."""
    if isinstance(value, str | list) and wanted(value):
        yield "".join("/" + escape_pointer_token(t) for t in tokens), value
    elif isinstance(value, dict):
        for key, item in value.items():
            tokens.append(str(key))
            yield from _find(item, wanted, tokens)
            tokens.pop()
    elif isinstance(value, list):
        for index, item in enumerate(value):
            tokens.append(str(index))
            yield from _find(item, wanted, tokens)
            tokens.pop()


def _is_empty(value: Any) -> bool:
    """An empty or placeholder string, or a non-empty list of nothing else."""
    if isinstance(value, list):
        return bool(value) and all(is_placeholder(item) for item in value)
    return is_placeholder(value)


def _is_padded(value: Any) -> bool:
    return (
        isinstance(value, str)
        and value != ""
        and (
            value[0].isspace()
            or value[-1].isspace()
            or value[0] in _INVISIBLE
            or value[-1] in _INVISIBLE
        )
    )


def _describe_empty(value: str) -> str:
    if value == "":
        return "an empty string"
    if not value.strip():
        return "a blank string"
    return f"the placeholder {shorten(value.strip())}"


@rule("U001")
def empty_value(record: Record, report: Reporter) -> Iterator[Finding]:
    for pointer, value in _find(record.data, _is_empty, []):
        if not pointer:
            continue
        if _in_screening_block(record, pointer) or _in_app_split_field(record, pointer):
            continue
        if (
            isinstance(value, str)
            and value.strip().lower() == "unknown"
            and split_pointer(pointer)[-1] in _APP_ANSWER_KEYS
        ):
            continue  # "Unknown" is one of the three answers
        if _schema_reports(record, pointer, value):
            continue  # S004 reports it
        name = _field_name(pointer)
        if isinstance(value, list):
            if len(value) == 1:
                noun = _describe_empty(value[0])
            elif all(v == "" for v in value):
                noun = f"{len(value)} empty strings"
            else:
                noun = "empty strings or placeholders"
            message = f"the list '{name}' holds only {noun}: it says nothing"
            hint = f"write the real items, or remove '{name}' when there are none"
        else:
            message = f"'{name}' holds {_describe_empty(value)}: it says nothing"
            hint = f"write the real value, or remove '{name}' when it is optional and unknown"
        yield report(pointer, message, hint=hint)


# ------------------------------------------------------- URL fields: U002 to U005

# an http(s) URL in text: stops at space, quotes, brackets, commas and semicolons, but
# keeps balanced parentheses ("…/Website_tour_(English)")
_URL_IN_TEXT = re.compile(r"https?://(?:\([^\s()<>]*\)|[^\s<>\"'()\[\],;])+", re.IGNORECASE)
_URL_TRAILER = ".:!?"
# URL fields where the form asks for "link(s)": several URLs are expected there
_LINKS_FIELDS = frozenset({"openlicenses/openLicenseEvidenceURLs"})
_JOINED_URLS = re.compile(r"[,;|]\s*(?=https?://)", re.IGNORECASE)
_HOST_LIKE = re.compile(
    r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?::\d+)?(?:[/?#]\S*)?$", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class _UrlField:
    """A URL field that holds something (not empty, not a placeholder: U001's)."""

    pointer: str
    value: str
    text: str  # the value without surrounding whitespace
    urls: tuple[str, ...]  # the http(s) URLs written in it
    rest: str  # what it holds besides them

    @property
    def name(self) -> str:
        return _field_name(self.pointer)

    @property
    def one_url(self) -> bool:
        return len(self.urls) == 1 and not self.rest


def _analyse_url_fields(record: Record) -> list[_UrlField]:
    fields = []
    for pointer, value in url_fields(record.data, record.kind):
        if not has_text(value):
            continue
        assert isinstance(value, str)
        text = _unpadded(value)
        if not text:
            continue
        if is_url(text):
            urls, rest = [part for part in _JOINED_URLS.split(text) if part], ""
        else:
            urls = [m.group().rstrip(_URL_TRAILER) for m in _URL_IN_TEXT.finditer(text)]
            rest = _URL_IN_TEXT.sub("", text).strip()
        fields.append(_UrlField(pointer, value, text, tuple(urls), rest))
    return fields


def _text_url_fields(record: Record) -> list[_UrlField]:
    return _per_record(record, "url fields", _analyse_url_fields)


_FILE_SUFFIXES = frozenset(
    {"md", "txt", "rst", "html", "htm", "pdf", "json", "yaml", "yml", "xml", "csv", "doc", "docx"}
)
_SSH_REMOTE = re.compile(r"^(?:ssh://)?git@([^:/\s]+)[:/]([^\s]+?)(?:\.git)?/?$")


def _looks_like_host(text: str) -> bool:
    """ "docs.example.org", "www.example.org/path": a URL without its scheme (but not a
    file name such as "LICENSE.md")."""
    if not _HOST_LIKE.match(text):
        return False
    host = re.split(r"[/:?#]", text, maxsplit=1)[0]
    labels = host.split(".")
    return len(labels) > 2 or labels[-1].lower() not in _FILE_SUFFIXES


@rule("U002")
def url_not_a_url(record: Record, report: Reporter) -> Iterator[Finding]:
    for field in _text_url_fields(record):
        if field.urls or _schema_reports(record, field.pointer, field.value):
            continue
        name, text = field.name, field.text
        ssh = _SSH_REMOTE.match(text)
        if ssh:
            message = f"'{name}' holds {shorten(text)}, a git remote, not a web URL"
            hint = f"write the web URL: https://{ssh.group(1)}/{ssh.group(2)}"
        elif _looks_like_host(text):
            message = f"'{name}' holds {shorten(text)}, a host name without https://"
            hint = f"write the full URL: https://{text}"
        else:
            message = f"'{name}' holds no http(s) URL: {shorten(text)}"
            hint = "write one full https:// link here; explanations belong in a text field"
        yield report(field.pointer, message, hint=hint)


@rule("U003")
def url_with_prose(record: Record, report: Reporter) -> Iterator[Finding]:
    for field in _text_url_fields(record):
        if len(field.urls) != 1 or not field.rest:
            continue
        if _schema_reports(record, field.pointer, field.value):
            continue
        yield report(
            field.pointer,
            f"'{field.name}' holds a URL plus other text: {shorten(field.text)}",
            hint=f"write only the URL: {field.urls[0]}",
        )


def _multiple_hint(pointer: str, first: str) -> str:
    path = _field_path(pointer)
    if path == "documentation/documentationURL":
        return "documentationURL is a list: give each URL its own item"
    if path == "repositories/url":
        return "add one repositories entry per repository"
    if path == "license/licenseURL":
        return "keep the link to this project's license; list each other license as its own entry"
    if path == "SDGs/evidenceURL":
        return f"keep the strongest link ({first}) and mention the others in evidenceText"
    return f"keep one URL in this field (e.g. {first})"


@rule("U004")
def url_multiple(record: Record, report: Reporter) -> Iterator[Finding]:
    for field in _text_url_fields(record):
        if len(field.urls) < 2 or _field_path(field.pointer) in _LINKS_FIELDS:
            continue
        if _schema_reports(record, field.pointer, field.value):
            continue
        prose = re.search(r"\w", field.rest) is not None
        what = f"{len(field.urls)} URLs" + (" and other text" if prose else "")
        yield report(
            field.pointer,
            f"'{field.name}' holds {what} in one field: {shorten(field.text)}",
            hint=_multiple_hint(field.pointer, field.urls[0]),
        )


@rule("U005")
def url_insecure_http(record: Record, report: Reporter) -> Iterator[Finding]:
    for field in _text_url_fields(record):
        if not field.one_url:
            continue  # U002, U003, U004 or S004: the value is rewritten first
        url = field.urls[0]
        if url[:7].lower() == "http://":
            yield report(
                field.pointer,
                f"{shorten(url)} uses plain http://",
                hint=f"use https://{url[7:]} if the site serves it",
            )


# ------------------------------------------------------- U006 whitespace-padded


def _email_pointers(record: Record) -> set[str]:
    """Contact emails that U007 reports (it names the stray whitespace itself)."""
    return {pointer for pointer, _value, _problem in _bad_emails(record)}


def _not_one_url(record: Record) -> set[str]:
    """URL fields that do not hold exactly one URL: U002, U003 or U004 report them, and
    the whole value has to be rewritten anyway."""
    return {field.pointer for field in _text_url_fields(record) if not field.one_url}


@rule("U006")
def whitespace_padded(record: Record, report: Reporter) -> Iterator[Finding]:
    emails: set[str] | None = None
    rewritten: set[str] | None = None
    for pointer, value in _find(record.data, _is_padded, []):
        if is_placeholder(value):
            continue  # an empty or whitespace-only value is U001's
        if _split_item(record, pointer):
            continue  # a line or comma-separated part of one answer: its edges are the split's
        if _schema_reports(record, pointer, value):
            continue  # S004 reports the value
        if emails is None or rewritten is None:
            emails, rewritten = _email_pointers(record), _not_one_url(record)
        if pointer in emails or pointer in rewritten:
            continue
        yield report(
            pointer,
            f"'{_field_name(pointer)}' {_describe_edges(value)}: {shorten(value)}",
            hint="remove the whitespace around the value",
        )


# ---------------------------------------------------------- U007 email-invalid

_EMAIL_IN_TEXT = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def _email_problem(value: str) -> tuple[str, str] | None:
    """What is wrong with a contact email, and what to write instead; None if valid."""
    if is_email(value):
        return None
    addresses = _EMAIL_IN_TEXT.findall(value)
    inner = _unpadded(value)
    if len(addresses) > 1:
        return (
            f"holds {len(addresses)} addresses: {shorten(inner)}",
            f"keep one address (e.g. {addresses[0]}); a shared team inbox lasts longest",
        )
    if inner != value and is_email(inner):
        return f"{_describe_edges(value)}: {shorten(value)}", f"write exactly {inner}"
    if len(addresses) == 1:
        return (
            f"holds other text with the address: {shorten(inner)}",
            f"write only the address: {addresses[0]}",
        )
    if find_urls(value) or _looks_like_host(inner):
        return (
            f"holds a web address, not an email address: {shorten(inner)}",
            "write a contact email address; put web pages in 'website'",
        )
    return f"is not an email address: {shorten(inner)}", "write one email address, name@domain"


def _bad_emails(record: Record) -> Iterator[tuple[str, str, tuple[str, str]]]:
    if record.kind not in (RecordKind.NOMINEE, RecordKind.APP):
        return
    for base, organization in organizations(record.data):
        value = organization.get("contact_email")
        if not has_text(value):
            continue  # absent, empty or a placeholder: U001 reports those
        assert isinstance(value, str)
        pointer = pointer_join(base, "contact_email")
        problem = _email_problem(value)
        if problem is not None and not _schema_reports(record, pointer, value):
            yield pointer, value, problem


@rule("U007")
def email_invalid(record: Record, report: Reporter) -> Iterator[Finding]:
    for pointer, _value, (message, hint) in _bad_emails(record):
        yield report(pointer, f"contact_email {message}", hint=hint)


# ------------------------------------------------ U008 repository-url-not-repository

# hosts of code forges, and where a repository sits in their paths
_GITHUB_LIKE = frozenset({"github.com", "codeberg.org", "gitee.com", "gitea.com", "notabug.org"})
_GITLAB_LIKE = frozenset({"gitlab.com", "framagit.org", "salsa.debian.org", "invent.kde.org"})
_BITBUCKET = frozenset({"bitbucket.org"})
_OTHER_FORGES = frozenset(
    {
        "sourceforge.net",
        "git.sr.ht",
        "hg.sr.ht",
        "launchpad.net",
        "code.launchpad.net",
        "dev.azure.com",
        "huggingface.co",
        "pagure.io",
        "opendev.org",
        "opencode.de",
        "src.fedoraproject.org",
        "savannah.gnu.org",
        "savannah.nongnu.org",
        "git.savannah.gnu.org",
        "hg.savannah.gnu.org",
    }
)
_GITLAB_LABEL = re.compile(r"^gitlab(?:[-0-9]|$)")
_GITEA_LABEL = re.compile(r"^(?:gitea|forgejo|gogs)(?:[-0-9]|$)")
_FORGE_LABEL = re.compile(
    r"^(?:git|gitweb|gitbox|cgit|gerrit|bitbucket|hg|svn|src|code|forge|repos?)(?:[-0-9]|$)"
)
_FILE_HOSTS = frozenset({"raw.githubusercontent.com", "gist.githubusercontent.com"})


def _forge(host: str) -> str | None:
    """The family of code forge at ``host``: "github", "gitlab", "bitbucket", "other"."""
    host = host.lower().removeprefix("www.")
    first = host.split(".", 1)[0]
    if host in _GITHUB_LIKE or _GITEA_LABEL.match(first):
        return "github"
    if host in _GITLAB_LIKE or _GITLAB_LABEL.match(first):
        return "gitlab"
    if host in _BITBUCKET:
        return "bitbucket"
    if host in _OTHER_FORGES or host.endswith((".sourceforge.net", ".visualstudio.com")):
        return "other"
    if _FORGE_LABEL.match(first) and "." in host:
        return "other"
    return None


def _inside_repository(forge: str, segments: list[str]) -> str | None:
    """ "a file" or "a folder" when the path points inside a repository."""
    if forge == "gitlab":
        if "-" in segments[2:]:
            rest = segments[segments.index("-", 2) + 1 :]
        else:  # old-style GitLab paths without "/-/"
            marks = [i for i, s in enumerate(segments) if i >= 2 and s in ("blob", "tree", "raw")]
            rest = segments[marks[0] :] if marks else []
    else:
        rest = segments[2:]
    if not rest:
        return None
    view = rest[0]
    if view in ("blob", "raw"):
        return "a file"
    if view == "tree" and len(rest) > 2:
        return "a folder"
    if forge == "github" and view == "src":
        # Gitea/Codeberg: /src/branch/<name>/<path>
        return "a file or folder" if len(rest) > 3 else None
    if forge == "bitbucket" and view == "src":
        return "a file or folder" if len(rest) > 2 else None
    return None


def _code_only(record: Record) -> bool:
    """The record is software (or an AI model) and nothing else: its repository must be
    a code forge. Data and content may be hosted on a portal."""
    types = set(record_types(record.data))
    if record.kind is RecordKind.APP and isinstance(record.data, dict):
        categories = record.data.get("categories")
        for category in categories if isinstance(categories, list) else []:
            if isinstance(category, str):
                words = category.lower()
                for kind in ("software", "data", "content", "standard"):
                    if kind in words:
                        types.add(kind)
                if "ai model" in words:
                    types.add("aimodel")
    return bool(types) and types <= {"software", "aimodel"}


def _repository_problem(record: Record, url: str) -> tuple[str, str] | None:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    segments = [s for s in parts.path.split("/") if s]
    forge = _forge(host)
    if host in _FILE_HOSTS:
        return "points at a file, not at a repository", "link the repository that holds the file"
    if forge is None:
        if not _code_only(record):
            return None
        return (
            f"points at {host}, which does not host source code",
            "link the repository that holds the source (e.g. https://github.com/<owner>/<repo>)",
        )
    if not segments:
        return (
            f"points at the front page of {host}, not at a repository",
            "link the project's repository; add one repositories entry per repository",
        )
    if forge in ("github", "gitlab", "bitbucket") and (
        len(segments) == 1 or segments[0] in ("orgs", "groups", "users")
    ):
        owner = segments[-1] if len(segments) <= 2 else segments[1]
        page = {"github": "an organization or user page", "gitlab": "a group or user page"}
        return (
            f"points at {page.get(forge, 'a workspace page')} ({owner}), not at a repository",
            f"link each repository of {owner} in its own repositories entry "
            f"(https://{host}/{owner}/<repo>)",
        )
    inside = _inside_repository(forge, segments)
    if inside is not None:
        root = "/".join(segments[:2]) if forge != "gitlab" else _gitlab_project(segments)
        return (
            f"points at {inside} inside a repository, not at the repository",
            f"link the repository itself: https://{host}/{root}",
        )
    return None


def _gitlab_project(segments: list[str]) -> str:
    if "-" in segments:
        return "/".join(segments[: segments.index("-")])
    for index, segment in enumerate(segments):
        if index >= 2 and segment in ("blob", "tree", "raw"):
            return "/".join(segments[:index])
    return "/".join(segments)


@rule("U008")
def repository_url_not_repository(record: Record, report: Reporter) -> Iterator[Finding]:
    entries = record.data.get("repositories") if isinstance(record.data, dict) else None
    if not isinstance(entries, list):
        return
    for index, entry in enumerate(entries):
        url = entry.get("url") if isinstance(entry, dict) else None
        if not isinstance(url, str) or not is_url(url):
            continue  # empty, prose or not a URL: U001, U002, U003 or S004 report it
        url = url.strip()
        if _JOINED_URLS.search(url):
            continue  # several URLs: U004
        problem = _repository_problem(record, url)
        if problem is not None:
            message, hint = problem
            pointer = pointer_join(pointer_join("/repositories", index), "url")
            yield report(pointer, f"repository URL {shorten(url)} {message}", hint=hint)


# ------------------------------------------------- U009 description-not-one-line


@rule("U009")
def description_not_one_line(record: Record, report: Reporter) -> Iterator[Finding]:
    description = record.data.get("description") if isinstance(record.data, dict) else None
    if not has_text(description):
        return
    assert isinstance(description, str)
    text = _unpadded(description)  # surrounding whitespace is U006's
    limit = record.options.max_description_length
    problems = []
    if "\n" in text or "\r" in text:
        lines = len(text.splitlines())
        problems.append(f"spans {lines} lines")
    if len(text) > limit:
        problems.append(f"is {len(text)} characters long (limit {limit})")
    if problems:
        yield report(
            "/description",
            f"description {' and '.join(problems)}: the DPGA asks for one tweet-length line",
            hint=f"say what it is and for whom in one line of at most {limit} characters; "
            "put the details on the website or in the documentation",
        )
