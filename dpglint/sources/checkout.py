"""The local checkout evidence source (scope ``files``): the repository a metadata file sits
in, and the files that claims and lesson-rules look for in it.

:func:`find_checkout` walks up from the metadata file's folder to the first folder that
holds ``.git`` (a directory, or a file as in git worktrees and submodules), indexes the
repository's files (:class:`RepoFiles`), identifies every license file
(:class:`LicenseFile`, by text matching against the SPDX licenses, see
:mod:`dpglint.sources.licensetext`) and reads the remote URLs from the git config.
:func:`classify_paths` does the indexing part for any list of paths, so the GitHub source
classifies a tree listing with the same rules.

The usual places (GitHub's conventions for community health files)
-------------------------------------------------------------------
A file counts only where GitHub looks for it: directly in the repository **root**, in
**.github/** or in **docs/** (folder names matched case-insensitively, nothing deeper:
``src/CONTRIBUTING.md`` or ``docs/community/CONTRIBUTING.md`` do not count). Names are
matched case-insensitively, with any document extension or none (``.md``, ``.markdown``,
``.rst``, ``.txt``, ``.adoc``, ``.asciidoc``, ``.org``, ``.textile``, ``.rdoc``, ``.html``
...; a language tag before it is fine: ``README.pt-BR.md``):

=================  ==========================================================
kind               names
=================  ==========================================================
readme             README
contributing       CONTRIBUTING
code_of_conduct    CODE_OF_CONDUCT, CODE-OF-CONDUCT
security           SECURITY
support            SUPPORT
governance         GOVERNANCE
maintainers        MAINTAINERS, OWNERS
codeowners         CODEOWNERS, with no extension (GitHub reads no other name)
funding            FUNDING.yml, in .github/ only (where GitHub reads it)
roadmap            ROADMAP
changelog          CHANGELOG, CHANGES, HISTORY, NEWS
license            at the root only: LICENSE*, LICENCE*, COPYING*, UNLICENSE
                   (``LICENSE-MIT``, ``COPYING.LESSER`` ...; not source code such
                   as ``license.py``), and every file directly in ``LICENSES/``
                   (the REUSE layout)
=================  ==========================================================

Each kind's paths are listed best first: root before ``.github/`` before ``docs/`` (the
REUSE ``LICENSES/`` folder last), then the first name of the list above, then Markdown
before other formats, then the shorter name.

Besides these, :class:`RepoFiles` records the documentation folder (a top-level ``docs``,
``doc`` or ``documentation`` folder holding files) and the API specifications anywhere in
the repository: files named ``*openapi*``, ``*swagger*`` or ``*asyncapi*`` with a
``.yaml``/``.yml``/``.json`` extension, and, in a local checkout, any ``.yaml``/``.yml``/
``.json`` file whose top-level ``openapi``, ``swagger`` or ``asyncapi`` key says so.

What is indexed
---------------
Files only (a symlink counts when it points to a regular file inside the repository;
symlinked folders are not followed; FIFOs, sockets and devices are skipped). The walk is
breadth-first, so the root and the usual places are indexed before anything deep, and it
skips version-control, dependency and cache folders (:data:`SKIPPED_DIRS`, e.g. ``.git``,
``node_modules``, ``vendor``, ``third_party``, ``.venv``) and nested repositories
(submodules). It stops after ``max_files`` files (or as many folders) and then sets
:attr:`RepoFiles.truncated`. Folders that cannot be read are skipped; only an unreadable
repository root is an error (:class:`CheckoutError`).
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

FILE_KINDS = (
    "license",
    "readme",
    "contributing",
    "code_of_conduct",
    "security",
    "support",
    "governance",
    "maintainers",
    "codeowners",
    "funding",
    "roadmap",
    "changelog",
)

SKIPPED_DIRS = frozenset(
    {
        # version control
        ".git",
        ".hg",
        ".svn",
        ".bzr",
        # vendored dependencies and environments
        "node_modules",
        "bower_components",
        "jspm_packages",
        "vendor",
        "third_party",
        "third-party",
        "thirdparty",
        "pods",
        "carthage",
        ".venv",
        "venv",
        "site-packages",
        ".bundle",
        # caches
        "__pycache__",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".gradle",
        ".terraform",
        ".cache",
    }
)
"""Folder names (compared in lower case) the index never enters."""

LICENSE_MAX_BYTES = 1 << 20
"""A license file larger than this is not identified (1 MiB: the longest bundled
third-party license files are a few hundred KB)."""

MAX_LICENSE_FILES = 32
"""At most this many license files are identified (a large ``LICENSES/`` folder)."""

_SNIFF_MAX_FILES = 2_000  # .yaml/.yml/.json files read to find API specifications
_SNIFF_HEAD_BYTES = 64 << 10  # bytes read from each of them
_SNIFF_PARSE_MAX_BYTES = 1 << 20  # a JSON file up to this size is parsed to find its keys
_GIT_FILE_MAX_BYTES = 1 << 20  # .git file, commondir, config

_PLACES = ("", ".github", "docs")
_DOC_EXTENSIONS = (
    "md",
    "markdown",
    "mdown",
    "mkd",
    "rst",
    "adoc",
    "asciidoc",
    "asc",
    "txt",
    "text",
    "",
    "org",
    "textile",
    "rdoc",
    "html",
    "htm",
    "pod",
    "wiki",
    "mediawiki",
    "creole",
)
_STEMS: dict[str, tuple[str, ...]] = {
    "readme": ("readme",),
    "contributing": ("contributing",),
    "code_of_conduct": ("code_of_conduct", "code-of-conduct"),
    "security": ("security",),
    "support": ("support",),
    "governance": ("governance",),
    "maintainers": ("maintainers", "owners"),
    "roadmap": ("roadmap",),
    "changelog": ("changelog", "changes", "history", "news"),
}
_LICENSE_PREFIXES = ("license", "licence", "copying", "unlicense")
# a LICENSE-like name with one of these extensions is code or data, not a license text
_CODE_EXTENSIONS = (
    "py pyc pyi js mjs cjs ts tsx jsx go rs java kt kts scala c h cc cpp hpp cs fs vb rb php "
    "pl pm swift m mm dart lua r jl ex exs erl hs clj sh bash zsh fish ps1 bat cmd json yml "
    "yaml toml xml ini cfg conf lock css scss less svg png jpg jpeg gif ico webp class o so "
    "dll exe jar zip gz tgz bz2 xz whl egg"
)
_NOT_LICENSE_EXTENSIONS = frozenset(_CODE_EXTENSIONS.split())
_DOCS_DIRS = ("docs", "doc", "documentation")
_SPEC_NAME_WORDS = ("openapi", "swagger", "asyncapi")
_SPEC_EXTENSIONS = ("yaml", "yml", "json")
_YAML_SPEC_KEY = re.compile(rb"^[\"']?(?:openapi|swagger|asyncapi)[\"']?[ \t]*:", re.MULTILINE)
_JSON_SPEC_HEAD = re.compile(rb"\A\s*\{\s*\"(?:openapi|swagger|asyncapi)\"\s*:")
_JSON_SPEC_WORD = re.compile(rb"\"(?:openapi|swagger|asyncapi)\"\s*:")


class CheckoutError(Exception):
    """The repository a metadata file sits in cannot be read (its root folder cannot be
    listed). The only exception this module raises besides ``ValueError`` for an
    unknown file kind passed to :meth:`RepoFiles.has`."""


@dataclass(frozen=True)
class LicenseFile:
    """A license file of the checkout and the license identified in it."""

    path: str  # relative to the repository root, "/" separators
    spdx_id: str | None  # identified license, or None when it cannot be identified
    score: float  # 0..1: the share of the file that is recognised license text
    detail: str  # "matches Apache-2.0 (0.99)", "no license text recognised", "file is empty"...
    #: every license found in the file, in the order their texts appear (``spdx_id`` is
    #: the first); more than one for bundled third-party texts or a dual license
    ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class RepoFiles:
    """What a repository holds, from a local checkout or from a GitHub tree listing."""

    paths: frozenset[str]  # every file path, relative, "/" separators
    #: FILE_KINDS kind -> paths found in the usual places (root, .github/, docs/), best first
    found: Mapping[str, tuple[str, ...]]
    docs_dir: str | None  # "docs" / "doc" / "documentation" when such a folder holds files
    api_specs: tuple[str, ...]  # OpenAPI / AsyncAPI / Swagger spec files anywhere
    truncated: bool = False  # the listing stopped at its bound: absence is not proven

    def has(self, kind: str) -> bool:
        """Whether a file of this kind (one of :data:`FILE_KINDS`) is in its usual place."""
        if kind not in FILE_KINDS:
            raise ValueError(f"unknown file kind {kind!r} (expected one of {FILE_KINDS})")
        return bool(self.found.get(kind))


@dataclass(frozen=True)
class Checkout:
    """A local repository checkout."""

    root: Path
    files: RepoFiles
    #: the root license files and LICENSES/*, identified (at most MAX_LICENSE_FILES)
    licenses: tuple[LicenseFile, ...]
    #: the URLs of the git remotes, as https URLs when they are SSH, scp-like
    #: (``git@github.com:o/r.git``) or ``git://`` URLs, never with credentials
    remote_urls: tuple[str, ...]
    _real_root: str = field(default="", repr=False, compare=False)

    def exists(self, relative_path: str) -> bool:
        """Whether ``relative_path`` (a "/"-separated path relative to the root, already
        URL-decoded) names a file or folder of this checkout. Refuses — answers False —
        absolute paths, ``..`` components, backslashes and NUL characters, and any path
        that leads (through symlinks) out of the repository. Names are compared exactly,
        also on case-insensitive file systems, as GitHub compares them."""
        parts = _safe_parts(relative_path)
        if parts is None:
            return False
        real_root = self._real_root or os.path.realpath(self.root)
        try:
            current = real_root
            for part in parts:
                if part not in os.listdir(current):
                    return False
                current = os.path.realpath(os.path.join(current, part))
                if not _inside(current, real_root):
                    return False
            return os.path.exists(current)
        except (OSError, ValueError):
            return False


def identify_license(text: str) -> tuple[str | None, float, str]:
    """``(spdx_id, score, detail)`` of a license text (see
    :mod:`dpglint.sources.licensetext`, imported only when a text is identified)."""
    from dpglint.sources.licensetext import identify_license as identify

    return identify(text)


def find_checkout(metadata_path: Path, *, max_files: int = 50_000) -> Checkout | None:
    """The repository ``metadata_path`` sits in: the first folder holding ``.git``,
    walking up from the file's folder (or from ``metadata_path`` itself when it is a
    folder). None when there is none. Raises :class:`CheckoutError` when the
    repository's root folder cannot be listed."""
    root = _find_root(Path(metadata_path))
    if root is None:
        return None
    real_root = os.path.realpath(root)
    paths, truncated, candidates = _walk(real_root, max(0, max_files))
    specs = _sniff_specs(real_root, candidates)
    files = classify_paths(paths, truncated=truncated, extra_api_specs=specs)
    licenses = tuple(
        _license_file(real_root, path) for path in files.found["license"][:MAX_LICENSE_FILES]
    )
    return Checkout(
        root=root,
        files=files,
        licenses=licenses,
        remote_urls=_remote_urls(root),
        _real_root=real_root,
    )


# --- the index ----------------------------------------------------------------------------


def classify_paths(
    paths: Iterable[str], *, truncated: bool = False, extra_api_specs: Iterable[str] = ()
) -> RepoFiles:
    """Index a list of file paths (relative, "/" separators, e.g. a GitHub tree listing).
    Paths inside :data:`SKIPPED_DIRS` are left out. API specs are found by name only
    (a tree listing has no content), plus ``extra_api_specs`` found otherwise;
    ``truncated`` says the listing is incomplete."""
    kept: set[str] = set()
    for raw in paths:
        path = raw.strip().lstrip("/")
        while path.startswith("./"):
            path = path[2:]
        if not path or path.endswith("/"):
            continue
        folders = path.lower().split("/")[:-1]
        if any(folder in SKIPPED_DIRS for folder in folders):
            continue
        kept.add(path)

    candidates: dict[str, list[tuple[tuple[int, ...], str]]] = {kind: [] for kind in FILE_KINDS}
    docs_dirs: set[str] = set()
    specs = set(extra_api_specs)
    for path in kept:
        folder, _, name = path.rpartition("/")
        lower_folder, lower_name = folder.lower(), name.lower()
        top = path.split("/", 1)[0]
        if "/" in path and top.lower() in _DOCS_DIRS:
            docs_dirs.add(top)
        if _is_spec_name(lower_name):
            specs.add(path)
        if lower_folder == "licenses":  # the REUSE layout
            candidates["license"].append(((1, 0, *_name_rank(lower_name)), path))
            continue
        if lower_folder not in _PLACES:
            continue
        place = _PLACES.index(lower_folder)
        for kind, rank in _kinds_of(lower_name, place):
            candidates[kind].append(((place, *rank), path))

    found = {kind: tuple(path for _, path in sorted(candidates[kind])) for kind in FILE_KINDS}
    docs_dir = next(
        (d for wanted in _DOCS_DIRS for d in sorted(docs_dirs) if d.lower() == wanted), None
    )
    return RepoFiles(
        paths=frozenset(kept),
        found=MappingProxyType(found),
        docs_dir=docs_dir,
        api_specs=tuple(sorted(specs)),
        truncated=truncated,
    )


def _kinds_of(name: str, place: int) -> Iterator[tuple[str, tuple[int, ...]]]:
    """The kinds a file name (lower case) in a usual place stands for, with its rank."""
    stem, ext = _split_name(name)
    if place == 0:
        for index, prefix in enumerate(_LICENSE_PREFIXES):
            if name.startswith(prefix) and _last_extension(name) not in _NOT_LICENSE_EXTENSIONS:
                if prefix == "unlicense" and stem != "unlicense":
                    continue
                yield "license", (0, index, *_name_rank(name))
                break
    if name == "codeowners":
        yield "codeowners", (0,)
    if place == 1 and name == "funding.yml":
        yield "funding", (0,)
    if ext is None:
        return
    for kind, stems in _STEMS.items():
        if stem in stems:
            yield kind, (stems.index(stem), _DOC_EXTENSIONS.index(ext), len(name))


def _split_name(name: str) -> tuple[str, str | None]:
    """``(stem, document extension)`` of a lower-case file name; the extension is None
    when the name's last extension is not a document format. The stem is the part before
    the first dot, so that ``readme.pt-br.md`` is a README."""
    stem = name.split(".", 1)[0]
    ext = _last_extension(name)
    return stem, (ext if ext in _DOC_EXTENSIONS else None)


def _last_extension(name: str) -> str:
    base = name.lstrip(".")
    return base.rsplit(".", 1)[1] if "." in base else ""


def _name_rank(name: str) -> tuple[int, int]:
    ext = _last_extension(name)
    return (_DOC_EXTENSIONS.index(ext) if ext in _DOC_EXTENSIONS else len(_DOC_EXTENSIONS)), len(
        name
    )


def _is_spec_name(name: str) -> bool:
    stem, _, ext = name.rpartition(".")
    return ext in _SPEC_EXTENSIONS and any(word in stem for word in _SPEC_NAME_WORDS)


# --- the walk -----------------------------------------------------------------------------


def _find_root(metadata_path: Path) -> Path | None:
    try:
        start = metadata_path if metadata_path.is_dir() else metadata_path.parent
        folder = start.resolve()
    except (OSError, RuntimeError, ValueError):
        return None
    for candidate in (folder, *folder.parents):
        try:
            dotgit = os.stat(candidate / ".git")
        except (OSError, ValueError):
            continue
        if stat.S_ISDIR(dotgit.st_mode) or stat.S_ISREG(dotgit.st_mode):
            return candidate
    return None


def _walk(real_root: str, max_files: int) -> tuple[list[str], bool, list[str]]:
    """Breadth-first listing of the repository's files: ``(paths, truncated, spec
    candidates)``; the candidates are the .yaml/.yml/.json files to sniff."""
    paths: list[str] = []
    candidates: list[str] = []
    queue: deque[str] = deque([""])
    folders = 0
    while queue:
        relative = queue.popleft()
        folders += 1
        if folders > max(1, max_files):
            return paths, True, candidates
        absolute = os.path.join(real_root, relative) if relative else real_root
        try:
            with os.scandir(absolute) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as error:
            if not relative:
                raise CheckoutError(
                    f"cannot list the repository at {real_root}: {error.strerror or error}"
                ) from None
            continue
        for entry in entries:
            if entry.name == ".git":
                continue  # the git folder, or the file pointing to it (worktree, submodule)
            path = f"{relative}/{entry.name}" if relative else entry.name
            try:
                kind = _entry_kind(entry, real_root)
            except (OSError, ValueError):
                continue
            if kind == "dir":
                if entry.name.lower() in SKIPPED_DIRS or os.path.lexists(
                    os.path.join(entry.path, ".git")
                ):
                    continue  # vendored, a cache, or another repository (a submodule)
                queue.append(path)
            elif kind == "file":
                if len(paths) >= max_files:
                    return paths, True, candidates
                paths.append(path)
                if _last_extension(entry.name.lower()) in _SPEC_EXTENSIONS:
                    candidates.append(path)
    return paths, False, candidates


def _entry_kind(entry: os.DirEntry[str], real_root: str) -> str | None:
    """ "file", "dir" or None (special files, symlinks out of the repository or to
    folders)."""
    if entry.is_symlink():
        target = os.path.realpath(entry.path)
        if not _inside(target, real_root):
            return None
        return "file" if stat.S_ISREG(os.stat(target).st_mode) else None
    if entry.is_dir(follow_symlinks=False):
        return "dir"
    if entry.is_file(follow_symlinks=False):
        return "file"
    return None


def _inside(real_path: str, real_root: str) -> bool:
    return real_path == real_root or real_path.startswith(real_root.rstrip(os.sep) + os.sep)


def _safe_parts(relative_path: str) -> list[str] | None:
    if not isinstance(relative_path, str) or "\x00" in relative_path or "\\" in relative_path:
        return None
    if relative_path.startswith("/") or re.match(r"^[A-Za-z]:", relative_path):
        return None
    parts = [part for part in relative_path.split("/") if part not in ("", ".")]
    if any(part == ".." for part in parts):
        return None
    return parts


def _read_inside(real_root: str, relative_path: str, limit: int) -> bytes:
    """At most ``limit`` + 1 bytes of a regular file of the repository. Raises OSError
    (with a reason) for anything else."""
    parts = _safe_parts(relative_path)
    if parts is None:
        raise OSError(f"unsafe path {relative_path!r}")
    real = os.path.realpath(os.path.join(real_root, *parts))
    if not _inside(real, real_root):
        raise OSError("the path leads out of the repository")
    if not stat.S_ISREG(os.stat(real).st_mode):
        raise OSError("not a regular file")
    # O_NONBLOCK: should the file have been replaced by a FIFO since, opening cannot hang
    descriptor = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError("not a regular file")
        return handle.read(limit + 1)


def _sniff_specs(real_root: str, candidates: list[str]) -> list[str]:
    """The .yaml/.yml/.json files whose top-level key is openapi, swagger or asyncapi."""
    found: list[str] = []
    for path in candidates[:_SNIFF_MAX_FILES]:
        if _is_spec_name(path.rsplit("/", 1)[-1].lower()):
            continue  # already one by its name
        try:
            head = _read_inside(real_root, path, _SNIFF_HEAD_BYTES)
        except OSError:
            continue
        if path.lower().endswith(".json"):
            if _JSON_SPEC_WORD.search(head) and _json_spec(real_root, path, head):
                found.append(path)
        elif _YAML_SPEC_KEY.search(head):
            found.append(path)
    return found


def _json_spec(real_root: str, path: str, head: bytes) -> bool:
    """Whether a JSON file's top-level object has an openapi/swagger/asyncapi key: parsed
    when it is at most 1 MiB, else judged by its first key."""
    data = head
    if len(head) > _SNIFF_HEAD_BYTES:  # there is more than the head
        try:
            data = _read_inside(real_root, path, _SNIFF_PARSE_MAX_BYTES)
        except OSError:
            return False
        if len(data) > _SNIFF_PARSE_MAX_BYTES:
            return bool(_JSON_SPEC_HEAD.match(head))
    try:
        document = json.loads(data)
    except (ValueError, RecursionError):
        return False
    return isinstance(document, dict) and any(key in document for key in _SPEC_NAME_WORDS)


# --- license files ------------------------------------------------------------------------


def _license_file(real_root: str, path: str) -> LicenseFile:
    try:
        data = _read_inside(real_root, path, LICENSE_MAX_BYTES)
    except OSError as error:
        reason = error.strerror or str(error) or type(error).__name__
        return LicenseFile(path, None, 0.0, f"cannot read: {reason}")
    if not data:
        return LicenseFile(path, None, 0.0, "file is empty")
    if len(data) > LICENSE_MAX_BYTES:
        return LicenseFile(
            path,
            None,
            0.0,
            f"file is too large to identify (over {LICENSE_MAX_BYTES // (1 << 20)} MiB)",
        )
    text, note = _decode(data)
    if text is None:
        return LicenseFile(path, None, 0.0, note)
    from dpglint.sources.licensetext import identify

    found = identify(text)
    detail = f"{found.detail}; {note}" if note else found.detail
    return LicenseFile(path, found.spdx_id, found.score, detail, found.ids)


def _decode(data: bytes) -> tuple[str | None, str]:
    """The text of a file and a note on how it was read; None for binary content."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "read as UTF-16"
        except UnicodeDecodeError:
            return None, "not a text file (broken UTF-16)"
    if b"\x00" in data:
        return None, "not a text file (binary content)"
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        return data.decode("latin-1"), "not UTF-8: read as Latin-1"


# --- git remotes --------------------------------------------------------------------------

_SECTION = re.compile(r'^\s*\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]')
_URL_LINE = re.compile(r"^\s*url\s*=\s*(.*?)\s*$", re.IGNORECASE)
_SCP_LIKE = re.compile(r"^(?:[^@/\s]+@)?([^:/\s]+):(?!//)(.+)$")
_MAX_REMOTES = 64


def _remote_urls(root: Path) -> tuple[str, ...]:
    urls: list[str] = []
    for config in _config_files(root):
        try:
            with open(config, "rb") as handle:
                text = handle.read(_GIT_FILE_MAX_BYTES).decode("utf-8", "replace")
        except OSError:
            continue
        urls.extend(_parse_remotes(text))
    normalized = [url for url in (_normalize_remote(u) for u in urls) if url]
    return tuple(dict.fromkeys(normalized))[:_MAX_REMOTES]


def _config_files(root: Path) -> list[Path]:
    """The git config files of the repository at ``root``: ``.git/config``, or, when
    ``.git`` is a file (``gitdir: ...``, a worktree or a submodule), the config of the
    git folder it names and of its common folder (worktrees share the main one's)."""
    dotgit = root / ".git"
    try:
        if dotgit.is_dir():
            return [dotgit / "config"]
        with open(dotgit, "rb") as handle:
            pointer = handle.read(_GIT_FILE_MAX_BYTES).decode("utf-8", "replace")
    except OSError:
        return []
    match = re.match(r"\s*gitdir:\s*(.+?)\s*$", pointer, re.MULTILINE)
    if not match:
        return []
    gitdir = Path(match.group(1))
    if not gitdir.is_absolute():
        gitdir = root / gitdir
    files = []
    try:
        common = (gitdir / "commondir").read_text("utf-8", "replace").strip()
    except OSError:
        common = ""
    if common:
        common_dir = Path(common) if Path(common).is_absolute() else gitdir / common
        files.append(common_dir / "config")
    files.append(gitdir / "config")
    return files


def _parse_remotes(text: str) -> Iterator[str]:
    in_remote = False
    for line in text.splitlines():
        section = _SECTION.match(line)
        if section:
            name = section.group(1).lower()
            in_remote = (name == "remote" and section.group(2) is not None) or name.startswith(
                "remote."
            )
            continue
        if in_remote:
            match = _URL_LINE.match(line)
            if match:
                value = re.sub(r"\s+[#;].*$", "", match.group(1))
                if len(value) >= 2 and value[0] == value[-1] == '"':
                    value = value[1:-1]
                if value:
                    yield value


def _normalize_remote(url: str) -> str | None:
    """An https URL for SSH, scp-like and git:// remotes; credentials removed."""
    url = url.strip()
    if not url or any(c.isspace() for c in url):
        return None
    scheme, sep, rest = url.partition("://")
    if not sep:
        scp = _SCP_LIKE.match(url)
        if scp and not url.startswith(("/", ".", "~")):
            return f"https://{scp.group(1)}/{scp.group(2).lstrip('/')}"
        return url  # a local path
    scheme = scheme.lower()
    authority, slash, path = rest.partition("/")
    host = authority.rsplit("@", 1)[-1]
    if scheme in ("ssh", "git", "git+ssh", "ssh+git"):
        host = host.split(":", 1)[0]  # an SSH port is not the web port
        return f"https://{host}/{path}"
    if scheme in ("http", "https"):
        return f"{scheme}://{host}{slash}{path}"
    return f"{scheme}://{host}{slash}{path}" if scheme != "file" else url
