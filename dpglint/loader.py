"""Load JSON and YAML metadata into data plus the source positions of every value.

JSON is parsed by :mod:`json` (fast, strict); positions are found by a small scanner
that runs only when a finding needs a line and column. YAML is composed into nodes
once; values are built from the nodes with YAML 1.2 core-schema scalars, so ``NO``,
``on`` and ``2024-01-02`` stay strings, and positions come from the node marks.
Duplicate keys are reported, never silently dropped.
"""

from __future__ import annotations

import bisect
import json
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, ClassVar

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 500
MAX_YAML_NODES = 1_000_000

YAML_SUFFIXES = frozenset({".yaml", ".yml"})
EMPTY_FILE = "the file is empty"


class LoadError(Exception):
    """The file could not be parsed; carries a 1-based position."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = max(line, 1)
        self.column = max(column, 1)


@dataclass(frozen=True, slots=True)
class DuplicateKey:
    pointer: str  # pointer of the mapping that holds the key twice
    key: str
    line: int
    column: int
    first_line: int


def escape_pointer_token(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def pointer_join(pointer: str, token: str | int) -> str:
    return f"{pointer}/{escape_pointer_token(str(token))}"


def split_pointer(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/")]


class _LineIndex:
    """Turns a character offset into a 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self._starts = [0]
        self._starts.extend(m.end() for m in re.finditer(r"\n", text))

    def position(self, offset: int) -> tuple[int, int]:
        row = bisect.bisect_right(self._starts, offset) - 1
        return row + 1, offset - self._starts[row] + 1


# ---------------------------------------------------------------------------- JSON


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+', re.S)


def _decode_json_string(token: str) -> str:
    if "\\" not in token:
        return token[1:-1]
    value: str = json.loads(token)
    return value


def scan_json_positions(text: str) -> tuple[list[Any] | None, list[tuple[str, str, int, int]]]:
    """The positions of a valid JSON text as a tree of nodes ``[key offset, value
    offset, children]`` (children: a dict for an object, a list for an array, None for a
    scalar), so that a pointer is found by walking it; no pointer string is built.

    Also returns the duplicate keys as ``(object pointer, key, offset, first offset)``.
    For a duplicated key the tree keeps the last occurrence, the one :mod:`json` keeps.
    """
    root: list[Any] | None = None
    duplicates: list[tuple[str, str, int, int]] = []
    # frame: [node, is_object, key, key_offset, awaiting_key, path tokens]
    stack: list[list[Any]] = []
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        offset = match.start()
        first = token[0]
        if first == ",":
            if stack[-1][1]:
                stack[-1][4] = True
            continue
        if first == ":":
            continue
        if first in "}]":
            stack.pop()
            continue
        frame = stack[-1] if stack else None
        if frame is not None and frame[1] and frame[4]:
            key = _decode_json_string(token)
            children = frame[0][2]
            if key in children:
                pointer = "".join("/" + escape_pointer_token(t) for t in frame[5])
                duplicates.append((pointer, key, offset, children[key][0]))
            frame[2], frame[3], frame[4] = key, offset, False
            continue
        kids: dict[str, Any] | list[Any] | None = (
            {} if first == "{" else [] if first == "[" else None
        )
        if frame is None:
            node: list[Any] = [None, offset, kids]
            root = node
            path: tuple[str, ...] = ()
        elif frame[1]:
            node = [frame[3], offset, kids]
            frame[0][2][frame[2]] = node
            path = (*frame[5], frame[2])
        else:
            node = [None, offset, kids]
            path = (*frame[5], str(len(frame[0][2])))
            frame[0][2].append(node)
        if kids is not None:
            stack.append([node, first == "{", None, None, first == "{", path])
    return root, duplicates


class _JsonLocator:
    def __init__(self, text: str) -> None:
        self._text = text
        self._lines = _LineIndex(text)
        self._root: list[Any] | None = None
        self._scanned = False
        self._duplicates: list[tuple[str, str, int, int]] = []

    def _scan(self) -> list[Any] | None:
        if not self._scanned:
            self._root, self._duplicates = scan_json_positions(self._text)
            self._scanned = True
        return self._root

    def locate(self, pointer: str, key: bool) -> tuple[int, int]:
        node = self._scan()
        if node is None:
            return 1, 1
        for token in split_pointer(pointer):
            children = node[2]
            child = None
            if isinstance(children, dict):
                child = children.get(token)
            elif isinstance(children, list) and token.isdigit() and int(token) < len(children):
                child = children[int(token)]
            if child is None:
                return self._lines.position(node[1])  # the nearest ancestor's value
            node = child
        offset = node[0] if key and node[0] is not None else node[1]
        return self._lines.position(offset)

    def duplicates(self) -> list[DuplicateKey]:
        self._scan()
        result = []
        for pointer, key, offset, first in self._duplicates:
            line, column = self._lines.position(offset)
            result.append(DuplicateKey(pointer, key, line, column, self._lines.position(first)[0]))
        return result


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _check_json_depth(text: str) -> None:
    """Refuse a document nested deeper than MAX_DEPTH before parsing it: the rules walk
    records recursively, and a record that deep is no DPG metadata."""
    depth = 0
    for match in _JSON_TOKEN.finditer(text):
        first = match.group()[0]
        if first in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
                raise LoadError(
                    f"invalid JSON: the document is nested deeper than {MAX_DEPTH} levels",
                    line,
                    column,
                )
        elif first in "]}":
            depth -= 1


def _parse_json(text: str) -> tuple[Any, bool]:
    """Parse JSON; return the data and whether some object repeated a key."""
    repeated = False

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeated
        result = dict(pairs)
        if len(result) != len(pairs):
            repeated = True
        return result

    if text.count("[") + text.count("{") > MAX_DEPTH:
        _check_json_depth(text)
    try:
        data = json.loads(text, object_pairs_hook=pairs_hook, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise LoadError(f"invalid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except ValueError as exc:  # NaN / Infinity
        raise LoadError(f"invalid JSON: {exc}") from None
    except RecursionError:
        raise LoadError("invalid JSON: the document is nested too deeply") from None
    return data, repeated


# ---------------------------------------------------------------------------- YAML

_YAML_NS = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_YAML_NS + t for t in ("str", "int", "float", "bool", "null"))
_SEQ, _MAP = _YAML_NS + "seq", _YAML_NS + "map"

# YAML 1.2 core schema: only these plain scalars are not strings.
_CORE_SCALARS: list[tuple[str, re.Pattern[str], str]] = [
    (_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    (_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), "~nN"),
    (_INT, re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), "-+0123456789"),
    (
        _FLOAT,
        re.compile(
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        "-+.0123456789",
    ),
]


def _yaml_module() -> Any:
    import yaml

    return yaml


def _make_yaml_loader() -> type:
    yaml = _yaml_module()
    base = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader

    class CoreSchemaLoader(base):  # type: ignore[misc,valid-type]
        yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}

    for tag, pattern, first in _CORE_SCALARS:
        CoreSchemaLoader.add_implicit_resolver(tag, pattern, list(first))
    # the empty plain scalar (``key:`` with no value) is null
    CoreSchemaLoader.yaml_implicit_resolvers.setdefault("", []).append((_NULL, _CORE_SCALARS[1][1]))
    return CoreSchemaLoader


_yaml_loader_class: type | None = None


def _compose_yaml(text: str) -> Any:
    global _yaml_loader_class
    yaml = _yaml_module()
    if _yaml_loader_class is None:
        _yaml_loader_class = _make_yaml_loader()
    loader = _yaml_loader_class(text)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(p for p in (exc.context, exc.problem) if p) or str(exc)
        if mark is None:
            raise LoadError(f"invalid YAML: {message}") from None
        raise LoadError(f"invalid YAML: {message}", mark.line + 1, mark.column + 1) from None
    except yaml.YAMLError as exc:
        raise LoadError(f"invalid YAML: {exc}") from None
    except RecursionError:
        raise LoadError("invalid YAML: the document is nested too deeply") from None
    finally:
        loader.dispose()


def _mark(node: Any) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _YamlBuilder:
    """Builds plain data from a composed YAML node graph.

    Shared (aliased) nodes become shared objects, and the size the document would
    have once every alias is expanded is counted, so an alias bomb is refused instead
    of being expanded by later stages.
    """

    def __init__(self) -> None:
        yaml = _yaml_module()
        self._nodes = yaml.nodes
        self._built: dict[int, Any] = {}
        self._sizes: dict[int, int] = {}
        self._in_progress: set[int] = set()
        self.duplicates: list[DuplicateKey] = []

    def build(self, node: Any, pointer: str = "", depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise LoadError(
                f"invalid YAML: the document is nested deeper than {MAX_DEPTH} levels", *_mark(node)
            )
        if id(node) in self._in_progress:
            raise LoadError(
                "invalid YAML: an alias refers to a value that contains it", *_mark(node)
            )
        if id(node) in self._built:
            return self._built[id(node)]
        nodes = self._nodes
        value: Any
        size = 1
        if isinstance(node, nodes.ScalarNode):
            value = self._scalar(node)
        elif isinstance(node, nodes.SequenceNode):
            if node.tag != _SEQ:
                raise LoadError(f"unsupported YAML tag {node.tag!r}", *_mark(node))
            value = []
            self._in_progress.add(id(node))
            for index, item in enumerate(node.value):
                value.append(self.build(item, pointer_join(pointer, index), depth + 1))
                size += self._sizes.get(id(item), 1)
        else:
            if node.tag != _MAP:
                raise LoadError(f"unsupported YAML tag {node.tag!r}", *_mark(node))
            value = {}
            self._in_progress.add(id(node))
            first_seen: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = self._key(key_node)
                if key in first_seen:
                    self.duplicates.append(
                        DuplicateKey(pointer, key, *_mark(key_node), _mark(first_seen[key])[0])
                    )
                first_seen[key] = key_node
                value[key] = self.build(value_node, pointer_join(pointer, key), depth + 1)
                size += self._sizes.get(id(value_node), 1)
        self._in_progress.discard(id(node))
        self._built[id(node)] = value
        self._sizes[id(node)] = size
        if size > MAX_YAML_NODES:
            raise LoadError(
                f"invalid YAML: the document expands to more than {MAX_YAML_NODES:,} values "
                "(too many aliases)",
                *_mark(node),
            )
        return value

    def _key(self, node: Any) -> str:
        if not isinstance(node, self._nodes.ScalarNode):
            raise LoadError("invalid YAML: a mapping key must be a plain value", *_mark(node))
        if node.tag not in (_STR, _INT, _FLOAT, _BOOL, _NULL):
            raise LoadError(f"unsupported YAML tag {node.tag!r}", *_mark(node))
        return str(node.value)

    def _scalar(self, node: Any) -> Any:
        tag, text = node.tag, node.value
        try:
            if tag == _STR:
                return text
            if tag == _NULL:
                return None
            if tag == _BOOL:
                return text.lower() == "true"
            if tag == _INT:
                if text.startswith("0o"):
                    return int(text[2:], 8)
                if text.startswith("0x"):
                    return int(text[2:], 16)
                return int(text)
            if tag == _FLOAT:
                lowered = text.lower()
                if lowered.endswith(".inf"):
                    return float("-inf") if lowered.startswith("-") else float("inf")
                if lowered == ".nan":
                    return float("nan")
                return float(text)
        except ValueError:
            raise LoadError(
                f"invalid YAML: {text!r} is not a valid {tag[len(_YAML_NS) :]}", *_mark(node)
            ) from None
        raise LoadError(f"unsupported YAML tag {tag!r}", *_mark(node))


class _YamlLocator:
    def __init__(self, root: Any) -> None:
        self._root = root

    def locate(self, pointer: str, key: bool) -> tuple[int, int]:
        yaml = _yaml_module()
        node = self._root
        key_node = None
        if node is None:
            return 1, 1
        for token in split_pointer(pointer):
            child = None
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:  # the last duplicate wins, as in the data
                    if isinstance(k, yaml.ScalarNode) and k.value == token:
                        key_node, child = k, v
            elif isinstance(node, yaml.SequenceNode) and token.isdigit():
                index = int(token)
                if index < len(node.value):
                    key_node, child = None, node.value[index]
            if child is None:
                return _mark(node)
            node = child
        if key and key_node is not None:
            return _mark(key_node)
        return _mark(node)


# ---------------------------------------------------------------------------- documents


@dataclass
class Document:
    """A parsed file: its data, and how to turn a JSON pointer into a line and column."""

    path: str
    format: str  # "json" or "yaml"
    data: Any = None
    error: LoadError | None = None
    #: JSON pointer of this record inside its file ("" for a whole file; "/3" for the
    #: fourth record of a list of app-API records)
    prefix: str = ""
    _locate: Callable[[str, bool], tuple[int, int]] | None = field(default=None, repr=False)
    _duplicates: Callable[[], list[DuplicateKey]] | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return self.error is None

    def locate(self, pointer: str, *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at ``pointer`` (or of its key with
        ``key=True``); for a missing pointer, the position of its nearest ancestor."""
        if self._locate is None:
            return 1, 1
        return self._locate(pointer, key)

    def duplicate_keys(self) -> list[DuplicateKey]:
        return self._duplicates() if self._duplicates is not None else []

    def child(self, index: int) -> Document:
        """The ``index``-th item of a list document, as a document of its own whose
        pointers are relative to it (positions still come from the whole file)."""
        prefix = f"/{index}"
        parent_locate, parent_duplicates = self._locate, self._duplicates

        def locate(pointer: str, key: bool) -> tuple[int, int]:
            return parent_locate(prefix + pointer, key) if parent_locate else (1, 1)

        def duplicates() -> list[DuplicateKey]:
            found = parent_duplicates() if parent_duplicates else []
            return [
                replace(d, pointer=d.pointer[len(prefix) :])
                for d in found
                if d.pointer == prefix or d.pointer.startswith(prefix + "/")
            ]

        return Document(
            path=self.path,
            format=self.format,
            data=self.data[index],
            prefix=self.prefix + prefix,
            _locate=locate,
            _duplicates=duplicates,
        )


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise LoadError(
                "the file starts with a UTF-16 byte order mark but is not UTF-16"
            ) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise LoadError(
            f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            line,
            column,
        ) from None


def is_yaml_path(path: str | Path) -> bool:
    return Path(path).suffix.lower() in YAML_SUFFIXES


def parse_text(text: str, path: str, fmt: str | None = None) -> Document:
    """Parse ``text``; parse problems are kept on the document, never raised."""
    fmt = fmt or ("yaml" if is_yaml_path(path) else "json")
    document = Document(path=path, format=fmt)
    try:
        if "\x00" in text:
            offset = text.index("\x00")
            line = text.count("\n", 0, offset) + 1
            column = offset - (text.rfind("\n", 0, offset) + 1) + 1
            raise LoadError("the file contains a NUL byte", line, column)
        if not text.strip():
            raise LoadError(EMPTY_FILE)
        if fmt == "yaml":
            root = _compose_yaml(text)
            builder = _YamlBuilder()
            document.data = builder.build(root) if root is not None else None
            yaml_duplicates = builder.duplicates
            document._locate = _YamlLocator(root).locate
            document._duplicates = lambda: yaml_duplicates
        else:
            data, repeated = _parse_json(text)
            document.data = data
            locator = _JsonLocator(text)
            document._locate = locator.locate
            document._duplicates = locator.duplicates if repeated else None
    except LoadError as exc:
        document.data = None
        document.error = exc
        document._locate = None
    return document


def load_path(
    path: str | Path, *, display: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """Read and parse one file. Problems with the content become ``Document.error``;
    problems reaching the file (missing, unreadable) raise :class:`OSError`."""
    path = Path(path)
    shown = display if display is not None else str(path)
    fmt = "yaml" if is_yaml_path(path) else "json"
    # O_NONBLOCK: opening a FIFO must not wait for a writer; then only regular files
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return Document(
                path=shown,
                format=fmt,
                error=LoadError("not a regular file (a FIFO, socket or device): not read"),
            )
        raw = handle.read(max_bytes + 1)
    if len(raw) > max_bytes:
        return Document(
            path=shown,
            format=fmt,
            error=LoadError(f"the file is larger than the {max_bytes:,}-byte limit"),
        )
    try:
        text = _decode(raw)
    except LoadError as exc:
        return Document(path=shown, format=fmt, error=exc)
    return parse_text(text, shown, fmt)
