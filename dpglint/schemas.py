"""The JSON Schemas dpglint validates against, loaded once from package data.

Every schema is registered in one :class:`referencing.Registry`; a ``$ref`` to
anything outside it fails instead of being fetched.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from dpglint._resources import data_dir
from dpglint.kinds import RecordKind

NOMINEE_URI = "urn:dpglint:schemas:dpga-nominee"
SCREENING_URI = "urn:dpglint:schemas:dpga-screening"
MERGED_URI = "urn:dpglint:schemas:merged-record"
APP_URI = "urn:dpglint:schemas:app-record"

# URI -> file under schemas/
SCHEMA_FILES = {
    NOMINEE_URI: "dpga/nominee-schema.json",
    SCREENING_URI: "dpga/screening-schema.json",
    MERGED_URI: "merged-record.schema.json",
    APP_URI: "app-record.schema.json",
}
# the JSON Schema of dpglint's own ``--format json`` output (for its users; not loaded here)
OUTPUT_SCHEMA_FILE = "output.schema.json"

SCHEMA_FOR_KIND = {
    RecordKind.NOMINEE: NOMINEE_URI,
    RecordKind.SCREENING: SCREENING_URI,
    RecordKind.MERGED: MERGED_URI,
    RecordKind.APP: APP_URI,
}

_EMAIL_LOCAL = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+"
_EMAIL_DOMAIN = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}"


def schema_path(uri: str) -> Path:
    return data_dir("schemas") / SCHEMA_FILES[uri]


@cache
def load_schema(uri: str) -> dict[str, Any]:
    with schema_path(uri).open(encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


@cache
def _registry() -> Any:
    from referencing import Registry, Resource
    from referencing.exceptions import NoSuchResource
    from referencing.jsonschema import DRAFT7

    def refuse(uri: str) -> Resource[Any]:
        raise NoSuchResource(ref=uri)  # type: ignore[call-arg]  # attrs field

    resources = []
    for uri in SCHEMA_FILES:
        contents = load_schema(uri)
        resources.append((uri, Resource.from_contents(contents, default_specification=DRAFT7)))
    registry = Registry(retrieve=refuse)  # type: ignore[call-arg]  # attrs field
    return registry.with_resources(resources).crawl()


_EMAIL = re.compile(rf"^{_EMAIL_LOCAL}@{_EMAIL_DOMAIN}$")


def is_email(value: object) -> bool:
    """One email address (jsonschema's own ``email`` check only looks for an ``@``)."""
    return isinstance(value, str) and _EMAIL.match(value) is not None


@cache
def format_checker() -> Any:
    """The Draft 2020-12 format checker, with dpglint's check for ``email``."""
    from jsonschema import Draft202012Validator, FormatChecker

    checker = FormatChecker(formats=Draft202012Validator.FORMAT_CHECKER.checkers.keys())

    @checker.checks("email")  # type: ignore[untyped-decorator]
    def email(instance: object) -> bool:
        return not isinstance(instance, str) or is_email(instance)

    if "uri" not in checker.checkers:  # pragma: no cover - guards a broken install
        raise RuntimeError(
            "jsonschema's 'uri' format checker is missing: install rfc3986-validator"
        )
    return checker


@cache
def validator_for(uri: str) -> Any:
    """A compiled validator for the schema at ``uri``, built once per process."""
    from jsonschema.validators import validator_for as pick

    schema = load_schema(uri)
    cls = pick(schema)
    return cls(schema, registry=_registry(), format_checker=format_checker())


# The DPGA schemas (draft-07, no formats, no $ref) are also compiled to Python code by
# fastjsonschema, which checks a valid record about 13 times faster than jsonschema; only
# a record it rejects goes through jsonschema, whose errors say what and where. A test
# checks that both agree on every corpus record.
_FAST_KINDS = {RecordKind.NOMINEE: NOMINEE_URI, RecordKind.SCREENING: SCREENING_URI}


@cache
def _fast_validator(uri: str) -> Any:
    import fastjsonschema

    return fastjsonschema.compile(load_schema(uri))


def is_valid_fast(kind: RecordKind, data: Any) -> bool:
    """True when a fast compiled validator exists for ``kind`` and accepts ``data``;
    False means "not known valid" (invalid, or no fast validator for this kind)."""
    uri = _FAST_KINDS.get(kind)
    if uri is None:
        return False
    import fastjsonschema

    try:
        _fast_validator(uri)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    except Exception:  # a value the generated code does not expect: let jsonschema judge
        return False
    return True


def warm_up_schemas() -> None:
    """Compile the fast validators now (before forking workers, so they share them)."""
    for uri in _FAST_KINDS.values():
        _fast_validator(uri)


def validator_for_kind(kind: RecordKind) -> Any:
    return validator_for(SCHEMA_FOR_KIND[kind])
