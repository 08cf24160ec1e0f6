"""Identify the license in a license file's text (the ``files`` evidence source).

The matching is done by ``licenseclassifier``: a pure-Python port of Google's
``licensecheck`` (the detector behind pkg.go.dev), which matches the text word by word
against patterns built from the SPDX License List matching templates (about 700
licenses, with spelling-tolerant matching, Markdown/HTML markup skipped and copyright
lines allowed). It reports the regions of the text that are license texts; this module
turns those regions into one answer:

* **score** is the share of the file (non-blank characters) that the recognised license
  texts cover, 0..1. A file is identified only when that share reaches
  :data:`COVERAGE_THRESHOLD` (0.75, licensecheck's own default), so a README that
  mentions "MIT", or a license with terms added or changed, is *not* identified:
  ``(None, score, detail)``, with the share it did reach as the score.
* **GNU licenses and other "version N or later" families.** The full text of the GPL
  does not say whether later versions apply: a project says so in its notice ("either
  version 3 of the License, or (at your option) any later version"). So the answer is
  the *family* id (the deprecated SPDX id, e.g. ``GPL-3.0``, ``LGPL-2.1``, ``AGPL-3.0``)
  when the file holds the text alone, ``GPL-3.0-or-later`` / ``GPL-3.0-only`` when it
  also holds such a notice (or only the notice), and the family again when its notices
  contradict each other. The sample notice inside the license's own "How to Apply
  These Terms" appendix (``<one line to give the program's name ...>``) is a template,
  not a statement, and is ignored. Rules compare families (``GPL-3.0-only``,
  ``GPL-3.0-or-later`` and ``GPL-3.0`` are all the family ``GPL-3.0``).
* **LGPL-3.0 with the GPL-3.0 appended** (the LGPL-3.0 is a set of permissions added to
  the GPL-3.0, and SPDX's own LGPL-3.0 text carries both) is LGPL-3.0.
* **Several licenses in one file** (a project license followed by bundled third-party
  notices, or two texts of a dual license): every id is reported, in the order the texts
  appear, and the first one is *the* answer of :func:`identify_license`.

The detector is imported when the first text is identified, not with this module (nor
with :mod:`dpglint.sources.checkout`, whose path classification the GitHub source uses):
``import licenseclassifier`` costs 15-40 ms and its first call about 100 ms (it loads its
prebuilt matcher, about 50 MB of memory). After that, on the development machine, a
license file takes 1-50 ms: MIT, ISC, BSD 1-3 ms, Apache-2.0 7-14 ms, GPL-3.0 15-35 ms,
AGPL-3.0 or ODbL-1.0 up to 50 ms the first time such a text is seen (the matcher caches
the states it has built).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

COVERAGE_THRESHOLD = 0.75
"""The share of a file that recognised license text must cover for it to be identified."""

MAX_TEXT_CHARS = 1_000_000
"""Longer texts are not identified (matching time and memory grow with the text)."""

# The "how to apply" appendix of the GNU licenses carries a sample notice with these
# placeholders; a notice next to them is the license's own example, not the project's.
_TEMPLATE_MARKERS = ("<one line to give", "<name of author>", "<year>", "<program>")
_NOTICE = re.compile(r"^(?P<family>.+)-(?P<clause>only|or-later)$")
_TEMPLATE_LOOKBEHIND = 200  # characters before a notice searched for the placeholders


@dataclass(frozen=True, slots=True)
class Identification:
    """Every license found in one text: ``ids`` in the order their texts appear (empty
    when the text is not identified), ``score`` the share of the text they cover, and a
    short ``detail`` for messages."""

    ids: tuple[str, ...]
    score: float
    detail: str

    @property
    def spdx_id(self) -> str | None:
        return self.ids[0] if self.ids else None


def identify_license(text: str) -> tuple[str | None, float, str]:
    """``(spdx_id, score, detail)`` of a license text; ``spdx_id`` is None when the text
    is not recognised as a license (see the module docstring for what is returned)."""
    found = identify(text)
    return found.spdx_id, found.score, found.detail


def identify(text: str) -> Identification:
    """Every license in ``text`` (see :class:`Identification`). Never raises."""
    total = _visible_chars(text)
    if total == 0:
        return Identification((), 0.0, "file is empty" if not text else "file holds no text")
    if len(text) > MAX_TEXT_CHARS:
        return Identification(
            (),
            0.0,
            f"text too long to identify ({len(text)} characters; the limit is {MAX_TEXT_CHARS})",
        )
    try:
        regions = _regions(text)
    except Exception as error:  # the detector is a library: no failure of it is fatal here
        return Identification((), 0.0, f"license detector failed: {type(error).__name__}")

    covered: dict[str, int] = {}  # id -> visible characters, in order of appearance
    order: list[str] = []
    templates = 0
    for license_id, start, end in regions:
        size = _visible_chars(text[start:end])
        if _NOTICE.match(license_id) and _is_template(text, start, end):
            templates += size
            continue
        if license_id not in covered:
            covered[license_id] = 0
            order.append(license_id)
        covered[license_id] += size
    score = round(min(1.0, (sum(covered.values()) + templates) / total), 3)
    if not order:
        return Identification((), score, "no license text recognised")
    ids, shares, note = _resolve(order, covered)
    if score < COVERAGE_THRESHOLD:
        names = ", ".join(ids)
        return Identification(
            (),
            score,
            f"only {score:.0%} of the text is recognised license text ({names}): the rest "
            "is not a known license (modified, custom or added terms)",
        )
    parts = ", ".join(f"{i} ({min(1.0, shares[i] / total):.2f})" for i in ids)
    return Identification(ids, score, f"matches {parts}{note}")


def _regions(text: str) -> list[tuple[str, int, int]]:
    from licenseclassifier import identify_license as detect

    # threshold 0: every region, so that the share is computed (and reported) here
    return [(m.id, m.start, m.end) for m in detect(text, coverage_threshold=0.0)]


def _visible_chars(text: str) -> int:
    return sum(len(word) for word in text.split())


def _is_template(text: str, start: int, end: int) -> bool:
    around = text[max(0, start - _TEMPLATE_LOOKBEHIND) : end].lower()
    return any(marker in around for marker in _TEMPLATE_MARKERS)


def _resolve(
    order: list[str], covered: dict[str, int]
) -> tuple[tuple[str, ...], dict[str, int], str]:
    """Fold "-only"/"-or-later" notices into the family text they belong to, and the
    GPL-3.0 into an LGPL-3.0 it comes with. Returns the ids, the characters each covers
    and a note for the detail."""
    shares = dict(covered)
    notices: dict[str, set[str]] = {}
    for license_id in order:
        match = _NOTICE.match(license_id)
        if match and match["family"] in covered:
            notices.setdefault(match["family"], set()).add(match["clause"])
    result: list[str] = []
    note = ""
    for license_id in order:
        match = _NOTICE.match(license_id)
        if match and match["family"] in notices:
            continue  # folded into its family
        if license_id in notices:
            clauses = notices[license_id]
            share = shares[license_id] + sum(shares[f"{license_id}-{c}"] for c in clauses)
            if len(clauses) == 1:
                license_id = f"{license_id}-{next(iter(clauses))}"
            else:
                note = f"; its notices say both 'only' and 'or later': {license_id} family only"
            shares[license_id] = share
        result.append(license_id)
    lgpl = next((i for i in result if _family(i) == "LGPL-3.0"), None)
    if lgpl is not None:
        for gpl in [i for i in result if _family(i) == "GPL-3.0"]:
            shares[lgpl] += shares[gpl]
            result.remove(gpl)
    ids = tuple(dict.fromkeys(result))
    if not note and any(i in _VERSIONED_FAMILIES for i in ids):
        note = "; the text does not say whether later versions apply: family only"
    return ids, shares, note


# The deprecated SPDX ids that name a family whose text leaves "only"/"or later" open.
_VERSIONED_FAMILIES = frozenset(
    {
        "GPL-1.0",
        "GPL-2.0",
        "GPL-3.0",
        "LGPL-2.0",
        "LGPL-2.1",
        "LGPL-3.0",
        "AGPL-1.0",
        "AGPL-3.0",
        "GFDL-1.1",
        "GFDL-1.2",
        "GFDL-1.3",
    }
)


def _family(license_id: str) -> str:
    match = _NOTICE.match(license_id)
    return match["family"] if match else license_id
