"""Configuration: ``.dpglint.yaml`` (or ``.dpglint.yml``) found by walking up from the
working directory, or ``[tool.dpglint]`` in ``pyproject.toml``.

Every problem is a :class:`ConfigError` that names the file, line and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from dpglint.loader import EMPTY_FILE, LoadError, load_path, pointer_join
from dpglint.model import Severity, Waiver

CONFIG_FILE_NAMES = (".dpglint.yaml", ".dpglint.yml")
FAIL_ON_CHOICES = ("error", "warning", "info", "never")

_KEYS: dict[str, str] = {
    "select": "list of rule id prefixes to run (default: all)",
    "ignore": "list of rule id prefixes not to run",
    "severity": "mapping of rule id to error, warning or info",
    "fail-on": "lowest severity that makes the run fail: error, warning, info or never",
    "license-policy": "mapping: non-commercial-content: accept, warn or reject",
    "limits": "mapping: max-sdgs, max-description-length, stale-days, max-file-size "
    "(positive integers)",
    "waivers": "list of {rule, path, reason, expires}: findings accepted on purpose",
}
_WAIVER_KEYS = ("rule", "path", "reason", "expires")
_LICENSE_POLICY_KEYS = {"non-commercial-content": ("accept", "warn", "reject")}
_LIMIT_KEYS = {
    "max-sdgs": "max_sdgs",
    "max-description-length": "max_description_length",
    "stale-days": "stale_days",
    "max-file-size": "max_file_size",
}


class ConfigError(Exception):
    """The configuration cannot be used; the run stops with exit code 2."""

    def __init__(self, message: str, path: str, line: int = 1, column: int = 1) -> None:
        super().__init__(f"{path}:{line}:{column}: {message}")
        self.message, self.path, self.line, self.column = message, path, line, column


@dataclass(frozen=True, slots=True)
class Config:
    """The options a configuration file sets; ``None`` means 'not set here'."""

    path: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    severity: dict[str, Severity] = field(default_factory=dict)
    fail_on: Severity | None = None
    fail_never: bool = False
    #: RuleOptions fields set by this file (``license-policy`` and ``limits``)
    options: dict[str, Any] = field(default_factory=dict)
    waivers: tuple[Waiver, ...] = ()


def parse_fail_on(text: str) -> tuple[Severity | None, bool]:
    """``(severity, never)`` for a ``fail-on`` value; raises ValueError."""
    if text == "never":
        return None, True
    if text not in FAIL_ON_CHOICES:
        raise ValueError(f"expected one of {', '.join(FAIL_ON_CHOICES)}, got {text!r}")
    return Severity.parse(text), False


class _Positions(Protocol):
    """Where a key or value of the configuration is, for error messages."""

    def locate(self, pointer: str, *, key: bool = False) -> tuple[int, int]: ...


class _DocumentPositions:
    def __init__(self, document: Any) -> None:
        self._document = document

    def locate(self, pointer: str, *, key: bool = False) -> tuple[int, int]:
        position: tuple[int, int] = self._document.locate(pointer, key=key)
        return position


class _TomlPositions:
    """Approximate positions inside ``[tool.dpglint]``: the line of the key."""

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()
        self._table = 0
        for number, line in enumerate(self._lines):
            if re.match(r"^\s*\[\s*tool\s*\.\s*dpglint\s*\]", line):
                self._table = number
                break

    def locate(self, pointer: str, *, key: bool = False) -> tuple[int, int]:
        tokens = [t for t in pointer.split("/") if t]
        if not tokens:
            return self._table + 1, 1
        name = re.escape(tokens[-1] if key or len(tokens) == 1 else tokens[0])
        pattern = re.compile(rf'^\s*["\']?{name}["\']?\s*=|\[\s*tool\s*\.\s*dpglint\s*\.\s*{name}')
        for number in range(self._table, len(self._lines)):
            match = pattern.search(self._lines[number])
            if match:
                indent = len(self._lines[number]) - len(self._lines[number].lstrip())
                return number + 1, indent + 1
        return self._table + 1, 1


def _string_list(value: Any, pointer: str, path: str, where: _Positions) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ConfigError(
            f"{pointer[1:]}: expected a list of rule id prefixes", path, *where.locate(pointer)
        )
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise ConfigError(
                f"{pointer[1:]}: expected a rule id prefix, got {item!r}",
                path,
                *where.locate(pointer_join(pointer, index)),
            )
    return tuple(item.strip() for item in value)


def _check_prefixes(
    prefixes: tuple[str, ...], known: Iterable[str], pointer: str, path: str, where: _Positions
) -> None:
    ids = list(known)
    for index, prefix in enumerate(prefixes):
        if prefix != "ALL" and not any(i.startswith(prefix) for i in ids):
            raise ConfigError(
                f"{pointer[1:]}: {prefix!r} matches no rule id (see 'dpglint rules')",
                path,
                *where.locate(pointer_join(pointer, index)),
            )


def build_config(raw: Any, path: str, where: _Positions, known_ids: Iterable[str]) -> Config:
    """Check the raw mapping read from a configuration file and turn it into a Config."""
    known = list(known_ids)
    if raw is None:
        return Config(path=path)
    if not isinstance(raw, Mapping):
        raise ConfigError("the configuration must be a mapping of options", path, *where.locate(""))
    for key in raw:
        if key not in _KEYS:
            options = ", ".join(_KEYS)
            raise ConfigError(
                f"unknown option {key!r} (known options: {options})",
                path,
                *where.locate(pointer_join("", key), key=True),
            )
    select = ignore = None
    if "select" in raw:
        select = _string_list(raw["select"], "/select", path, where)
        _check_prefixes(select, known, "/select", path, where)
    if "ignore" in raw:
        ignore = _string_list(raw["ignore"], "/ignore", path, where)
        _check_prefixes(ignore, known, "/ignore", path, where)
    severity: dict[str, Severity] = {}
    overrides = raw.get("severity", {})
    if not isinstance(overrides, Mapping):
        raise ConfigError(
            "severity: expected a mapping of rule id to severity", path, *where.locate("/severity")
        )
    for rule_id, level in overrides.items():
        pointer = pointer_join("/severity", rule_id)
        if rule_id not in known:
            raise ConfigError(
                f"severity: {rule_id!r} is not a rule id (see 'dpglint rules')",
                path,
                *where.locate(pointer, key=True),
            )
        try:
            severity[rule_id] = Severity.parse(str(level))
        except ValueError as exc:
            raise ConfigError(f"severity: {rule_id}: {exc}", path, *where.locate(pointer)) from None
    fail_on, never = None, False
    if "fail-on" in raw:
        try:
            fail_on, never = parse_fail_on(str(raw["fail-on"]))
        except ValueError as exc:
            raise ConfigError(f"fail-on: {exc}", path, *where.locate("/fail-on")) from None
    rule_options = _rule_options(raw, path, where)
    waivers = _waivers(raw, path, where, known)
    return Config(
        path=path,
        waivers=waivers,
        options=rule_options,
        select=select,
        ignore=ignore,
        severity=severity,
        fail_on=fail_on,
        fail_never=never,
    )


def _waivers(
    raw: Mapping[str, Any], path: str, where: _Positions, known: list[str]
) -> tuple[Waiver, ...]:
    """Check ``waivers``: each a mapping with a rule id (or prefix), an optional path
    glob (relative to the configuration file's folder), a reason and an optional
    expiry date (YYYY-MM-DD)."""
    entries = raw.get("waivers", [])
    if not isinstance(entries, list):
        raise ConfigError("waivers: expected a list", path, *where.locate("/waivers"))
    base = Path(path).resolve().parent
    waivers = []
    for index, entry in enumerate(entries):
        pointer = pointer_join("/waivers", index)
        if not isinstance(entry, Mapping):
            raise ConfigError(
                "waivers: each waiver is a mapping with rule, path, reason, expires",
                path,
                *where.locate(pointer),
            )
        for key in entry:
            if key not in _WAIVER_KEYS:
                raise ConfigError(
                    f"waivers: unknown key {key!r} (known: {', '.join(_WAIVER_KEYS)})",
                    path,
                    *where.locate(pointer_join(pointer, key), key=True),
                )
        rule = entry.get("rule")
        if (
            not isinstance(rule, str)
            or not any(i.startswith(rule.strip()) for i in known)
            or (not rule.strip())
        ):
            raise ConfigError(
                f"waivers: rule {rule!r} matches no rule id (see 'dpglint rules')",
                path,
                *where.locate(pointer_join(pointer, "rule")),
            )
        reason = entry.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise ConfigError(
                "waivers: a waiver needs a reason (why the finding is accepted)",
                path,
                *where.locate(pointer_join(pointer, "reason")),
            )
        glob = entry.get("path", "*")
        if not isinstance(glob, str) or not glob.strip():
            raise ConfigError(
                "waivers: path must be a file name or glob, relative to this file's folder",
                path,
                *where.locate(pointer_join(pointer, "path")),
            )
        expires = entry.get("expires")
        if expires is not None:
            try:
                expires = date.fromisoformat(str(expires)).isoformat()
            except ValueError:
                raise ConfigError(
                    f"waivers: expires {expires!r} is not a date (write YYYY-MM-DD)",
                    path,
                    *where.locate(pointer_join(pointer, "expires")),
                ) from None
        line, column = where.locate(pointer)
        waivers.append(
            Waiver(
                rule=rule.strip(),
                path=str(base / glob.strip()),
                reason=reason.strip(),
                expires=expires,
                source=f"{path}:{line}:{column}",
            )
        )
    return tuple(waivers)


def _mapping(raw: Mapping[str, Any], key: str, path: str, where: _Positions) -> Mapping[str, Any]:
    value = raw.get(key, {})
    if not isinstance(value, Mapping):
        raise ConfigError(f"{key}: expected a mapping", path, *where.locate("/" + key))
    return value


def _rule_options(raw: Mapping[str, Any], path: str, where: _Positions) -> dict[str, Any]:
    options: dict[str, Any] = {}
    policy = _mapping(raw, "license-policy", path, where)
    for name, value in policy.items():
        pointer = pointer_join("/license-policy", name)
        if name not in _LICENSE_POLICY_KEYS:
            known = ", ".join(_LICENSE_POLICY_KEYS)
            raise ConfigError(
                f"license-policy: unknown option {name!r} (known: {known})",
                path,
                *where.locate(pointer, key=True),
            )
        allowed = _LICENSE_POLICY_KEYS[name]
        if value not in allowed:
            raise ConfigError(
                f"license-policy: {name}: expected one of {', '.join(allowed)}, got {value!r}",
                path,
                *where.locate(pointer),
            )
        options[name.replace("-", "_")] = value
    limits = _mapping(raw, "limits", path, where)
    for name, value in limits.items():
        pointer = pointer_join("/limits", name)
        if name not in _LIMIT_KEYS:
            raise ConfigError(
                f"limits: unknown option {name!r} (known: {', '.join(_LIMIT_KEYS)})",
                path,
                *where.locate(pointer, key=True),
            )
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ConfigError(
                f"limits: {name}: expected a positive integer, got {value!r}",
                path,
                *where.locate(pointer),
            )
        options[_LIMIT_KEYS[name]] = value
    return options


def read_config_file(path: Path, known_ids: Iterable[str]) -> Config:
    """Read one configuration file (YAML, or a ``pyproject.toml``)."""
    shown = str(path)
    if path.name == "pyproject.toml":
        import tomllib

        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot read: {exc.strerror}", shown) from None
        except UnicodeDecodeError:
            raise ConfigError("the file is not valid UTF-8", shown) from None
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            found = re.search(r"line (\d+), column (\d+)", str(exc))
            if found:
                line, column = int(found.group(1)), int(found.group(2))
            else:  # "at end of document"
                line = text.count("\n") + 1
                column = len(text) - (text.rfind("\n") + 1) + 1
            raise ConfigError(f"invalid TOML: {exc}", shown, line, column) from None
        raw = data.get("tool", {}).get("dpglint")
        return build_config(raw, shown, _TomlPositions(text), known_ids)
    try:
        document = load_path(path)
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", shown) from None
    if document.error is not None and document.error.message == EMPTY_FILE:
        return Config(path=shown)
    if document.error is not None:
        error: LoadError = document.error
        raise ConfigError(error.message, shown, error.line, error.column)
    for duplicate in document.duplicate_keys():
        raise ConfigError(
            f"option {duplicate.key!r} is set twice", shown, duplicate.line, duplicate.column
        )
    return build_config(document.data, shown, _DocumentPositions(document), known_ids)


def _pyproject_has_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[\s*tool\s*\.\s*dpglint\s*[\].]", text, re.M) is not None


def find_config_file(start: Path) -> Path | None:
    """The nearest configuration file in ``start`` or one of its parents."""
    directory = start.resolve()
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILE_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _pyproject_has_table(pyproject):
            return pyproject
    return None
