from __future__ import annotations

import hashlib
import json

import pytest
from jsonschema import Draft7Validator, Draft202012Validator

from dpglint._resources import data_dir
from dpglint.kinds import RecordKind
from dpglint.schemas import (
    MERGED_URI,
    OUTPUT_SCHEMA_FILE,
    SCHEMA_FILES,
    format_checker,
    load_schema,
    validator_for,
    validator_for_kind,
)
from tests.conftest import SHARED

SCHEMAS = data_dir("schemas")


def test_vendored_dpga_schemas_match_their_recorded_sha256() -> None:
    recorded = {}
    for line in (SCHEMAS / "dpga" / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split()
        recorded[name] = digest
    assert set(recorded) == {"nominee-schema.json", "screening-schema.json"}
    for name, digest in recorded.items():
        assert hashlib.sha256((SCHEMAS / "dpga" / name).read_bytes()).hexdigest() == digest


@pytest.mark.skipif(not (SHARED / "anchors").is_dir(), reason="../shared is not present")
def test_vendored_dpga_schemas_are_unchanged_from_upstream() -> None:
    for name in ("nominee-schema.json", "screening-schema.json"):
        upstream = SHARED / "anchors" / "dpga-schema" / name
        assert (SCHEMAS / "dpga" / name).read_bytes() == upstream.read_bytes()


@pytest.mark.parametrize("uri", sorted(SCHEMA_FILES))
def test_every_bundled_schema_is_valid(uri: str) -> None:
    schema = load_schema(uri)
    if "draft-07" in schema.get("$schema", ""):
        Draft7Validator.check_schema(schema)
    else:
        Draft202012Validator.check_schema(schema)


def test_output_schema_is_valid() -> None:
    Draft202012Validator.check_schema(json.loads((SCHEMAS / OUTPUT_SCHEMA_FILE).read_text()))


def test_validators_are_built_once() -> None:
    assert validator_for_kind(RecordKind.MERGED) is validator_for(MERGED_URI)


@pytest.mark.parametrize(
    ("fmt", "value", "valid"),
    [
        ("uri", "https://example.org/LICENSE", True),
        ("uri", "not a url", False),
        ("uri", "docs.example.org", False),
        ("uri", "", False),
        ("email", "dpg@a2i.gov.bd", True),
        ("email", "nobody", False),
        ("email", "a@b", False),
        ("email", "raindolf@bisaapp.com ", False),
        ("email", "one@example.org, two@example.org", False),
    ],
)
def test_format_checks_really_run(fmt: str, value: str, valid: bool) -> None:
    assert format_checker().conforms(value, fmt) is valid


def test_schema_refs_are_never_fetched() -> None:
    from referencing.exceptions import Unresolvable

    registry = validator_for(MERGED_URI)._registry
    with pytest.raises(Unresolvable):
        registry.resolver().lookup("https://json-schema.org/draft/2020-12/schema#")
    with pytest.raises(Unresolvable):
        registry.resolver().lookup("https://example.org/remote.json")
