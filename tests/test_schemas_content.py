"""Content tests for dpglint's own JSON Schemas (schemas/*.schema.json).

These tests build the schema registry inline, independently of the dpglint package, so the schema
files can be checked on their own: the two vendored DPGA schemas (draft-07) under their dpglint URNs
plus the merged-record and app-record schemas (Draft 2020-12), with format checks switched on.
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT7, DRAFT202012

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "schemas"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
API_V0 = SHARED / "corpus" / "dpga-api-v0"
APP_API = SHARED / "corpus" / "dpga-app-api"

MERGED_FILE = SCHEMAS / "merged-record.schema.json"
APP_FILE = SCHEMAS / "app-record.schema.json"
MERGED_URN = "urn:dpglint:schemas:merged-record"
APP_URN = "urn:dpglint:schemas:app-record"


def _load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


MERGED = _load(MERGED_FILE)
APP = _load(APP_FILE)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return (
        Registry()
        .with_resources(
            [
                (
                    "urn:dpglint:schemas:dpga-nominee",
                    DRAFT7.create_resource(_load(SCHEMAS / "dpga" / "nominee-schema.json")),
                ),
                (
                    "urn:dpglint:schemas:dpga-screening",
                    DRAFT7.create_resource(_load(SCHEMAS / "dpga" / "screening-schema.json")),
                ),
                (MERGED_URN, DRAFT202012.create_resource(MERGED)),
                (APP_URN, DRAFT202012.create_resource(APP)),
            ]
        )
        .crawl()
    )


def _validator(schema: dict, registry: Registry) -> Draft202012Validator:
    return Draft202012Validator(
        schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


@pytest.fixture(scope="module")
def merged(registry: Registry) -> Draft202012Validator:
    return _validator(MERGED, registry)


@pytest.fixture(scope="module")
def app(registry: Registry) -> Draft202012Validator:
    return _validator(APP, registry)


def _leaf_errors(validator: Draft202012Validator, instance) -> list:
    """All errors, with anyOf/allOf wrappers replaced by the errors inside them."""
    out = []

    def walk(errors):
        for err in errors:
            if err.context and err.validator in ("anyOf", "oneOf"):
                walk(err.context)
            else:
                out.append(err)

    walk(validator.iter_errors(instance))
    return out


def _pointer(err) -> str:
    return "".join(f"/{p}" for p in err.absolute_path)


# --- (a) the files are valid Draft 2020-12 schemas -------------------------------------------


@pytest.mark.parametrize("schema", [MERGED, APP], ids=["merged-record", "app-record"])
def test_is_valid_draft_2020_12_schema(schema: dict) -> None:
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_ids_and_titles() -> None:
    assert MERGED["$id"] == MERGED_URN
    assert MERGED["title"] == "DPG metadata record (merged)"
    assert APP["$id"] == APP_URN
    assert APP["title"] == "DPGA app API record"


@pytest.mark.parametrize("path", [MERGED_FILE, APP_FILE], ids=lambda p: p.name)
def test_pretty_printed_with_two_spaces(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"


def _properties_without_description(schema, where="#"):
    """Yield the location of every declared property that lacks a description."""
    if isinstance(schema, dict):
        for name, sub in schema.get("properties", {}).items():
            if isinstance(sub, dict) and "description" not in sub and where.count("allOf") == 0:
                yield f"{where}/properties/{name}"
        for key, value in schema.items():
            yield from _properties_without_description(value, f"{where}/{key}")
    elif isinstance(schema, list):
        for i, value in enumerate(schema):
            yield from _properties_without_description(value, f"{where}/{i}")


@pytest.mark.parametrize("schema", [MERGED, APP], ids=["merged-record", "app-record"])
def test_every_property_has_a_description(schema: dict) -> None:
    # Overlay fragments inside allOf (format/enum fixes on screening fields) are exempt: they
    # only add a constraint to a property that the vendored schema describes.
    assert list(_properties_without_description(schema)) == []


def test_merged_overlay_lists_every_nominee_and_screening_key() -> None:
    nominee = _load(SCHEMAS / "dpga" / "nominee-schema.json")
    screening = _load(SCHEMAS / "dpga" / "screening-schema.json")
    keys = set(MERGED["properties"])
    assert set(nominee["properties"]) <= keys
    assert set(screening["properties"]) <= keys
    assert {
        "$schema",
        "id",
        "stewardship",
        "businessModel",
        "interoperability",
        "community",
    } <= keys
    assert MERGED["additionalProperties"] is False
    # The nominee constraints are reused property by property, not copied.
    assert MERGED["required"] == nominee["required"]
    for name in nominee["properties"]:
        assert f"urn:dpglint:schemas:dpga-nominee#/properties/{name}" in json.dumps(
            MERGED["properties"][name]
        )
    assert "Apache-2.0" not in json.dumps(MERGED)


# --- (c) merged record: a full valid record and one error per invalid case ---------------------


VALID_PROJECT = {
    "$schema": "urn:dpglint:schemas:merged-record",
    "name": "Example Health Registry",
    "aliases": ["EHR"],
    "description": "An open registry of health facilities.",
    "website": "https://example.org",
    "license": [{"spdx": "MIT", "licenseURL": "https://github.com/o/r/blob/main/LICENSE"}],
    "SDGs": [{"SDGNumber": 3, "evidenceText": "Used by ministries of health to plan services."}],
    "type": ["software"],
    "repositories": [{"name": "main", "url": "https://github.com/o/r"}],
    "organizations": [
        {"name": "Example Org", "org_type": "owner", "contact_email": "team@example.org"}
    ],
    "stage": "nominee",
    "stewardship": {
        "steward": {"name": "Example Core Team", "website": "https://example.org/team"},
        "fiscalHome": {
            "name": "Example University",
            "website": "https://example.edu",
            "type": "university",
            "description": "Holds the IP, signs contracts and receives grants for the project.",
        },
        "productOwners": [
            {
                "name": "A. Owner",
                "organization": "Example University",
                "role": "Product owner",
                "contact_email": "owner@example.edu",
            }
        ],
        "governanceURL": "https://github.com/o/r/blob/main/GOVERNANCE.md",
        "roadmapURL": "https://github.com/o/r/projects/1",
    },
    "businessModel": {
        "description": "Core grant plus paid implementation services.",
        "revenueStreams": [
            {"type": "grants", "description": "Multi-year core grant."},
            {"type": "services"},
        ],
        "funders": [{"name": "Example Foundation", "type": "foundation"}],
        "sustainabilityPlanURL": "https://example.org/sustainability",
    },
    "interoperability": {
        "openStandards": [
            {"name": "HL7 FHIR R4", "conformanceURL": "https://example.org/fhir/validator-report"}
        ],
        "apiSpecs": [{"format": "openapi", "url": "https://example.org/openapi.json"}],
        "dataExportFormats": ["CSV", "JSON", "FHIR"],
    },
    "community": {
        "contributingURL": "https://github.com/o/r/blob/main/CONTRIBUTING.md",
        "codeOfConductURL": "https://github.com/o/r/blob/main/CODE_OF_CONDUCT.md",
        "supportURL": "https://example.org/forum",
        "deployments": [
            {"country": "Kenya", "organization": "Ministry of Health", "since": "2021"}
        ],
        "localPartners": [
            {"name": "Example Integrator", "country": "Kenya", "role": "implementer"}
        ],
    },
}

VALID_SCREENING = {
    "clearOwnership": {
        "isOwnershipExplicit": "Yes",
        "copyrightURL": "https://github.com/o/r/blob/main/LICENSE",
    },
    "platformIndependence": {"mandatoryDepsCreateMoreRestrictions": "No"},
    "documentation": {
        "isDocumentationAvailable": "Yes",
        "documentationURL": ["https://example.org/docs"],
    },
    "NonPII": {"collectsNonPII": "Yes"},
    "privacy": {"isPrivacyCompliant": "Yes"},
    "standards": {"supportStandards": "Yes", "implementBestPractices": "Yes"},
    "doNoHarm": {
        "preventHarm": {"stepsToPreventHarm": "Yes"},
        "dataPrivacySecurity": {"collectsPII": "No"},
        "inappropriateIllegalContent": {"collectStoreDistribute": "No", "type": "none"},
        "protectionFromHarassment": {"userInteraction": "No"},
    },
    "locations": {"developmentCountries": ["Kenya"], "deploymentCountries": ["Kenya"]},
}


def test_valid_project_record(merged: Draft202012Validator) -> None:
    assert [e.message for e in merged.iter_errors(VALID_PROJECT)] == []


def test_valid_project_record_with_screening(merged: Draft202012Validator) -> None:
    record = {**VALID_PROJECT, **VALID_SCREENING}
    assert [e.message for e in merged.iter_errors(record)] == []


def test_minimal_nominee_record_without_extensions(merged: Draft202012Validator) -> None:
    keep = ("name", "description", "license", "SDGs", "type", "organizations", "stage")
    record = {k: VALID_PROJECT[k] for k in keep}
    assert [e.message for e in merged.iter_errors(record)] == []


def _set(record: dict, path: tuple, value) -> dict:
    record = copy.deepcopy(record)
    target = record
    for part in path[:-1]:
        target = target[part]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return record


_DELETE = object()

INVALID_CASES = [
    # (id, base, path to change, new value, expected keyword, expected instance path)
    (
        "unknown-top-level-key",
        VALID_PROJECT,
        ("homepage",),
        "https://x.org",
        "additionalProperties",
        "",
    ),
    (
        "licenseURL-not-a-url",
        VALID_PROJECT,
        ("license", 0, "licenseURL"),
        "not a url",
        "format",
        "/license/0/licenseURL",
    ),
    (
        "contact-email-not-an-email",
        VALID_PROJECT,
        ("organizations", 0, "contact_email"),
        "nobody",
        "format",
        "/organizations/0/contact_email",
    ),
    (
        "fiscal-home-without-name",
        VALID_PROJECT,
        ("stewardship", "fiscalHome", "name"),
        _DELETE,
        "required",
        "/stewardship/fiscalHome",
    ),
    (
        "api-spec-format-swagger",
        VALID_PROJECT,
        ("interoperability", "apiSpecs", 0, "format"),
        "swagger",
        "enum",
        "/interoperability/apiSpecs/0/format",
    ),
    (
        "implement-best-practices-maybe",
        {**VALID_PROJECT, **VALID_SCREENING},
        ("standards", "implementBestPractices"),
        "Maybe",
        "enum",
        "/standards/implementBestPractices",
    ),
    # Further overlay checks.
    ("website-not-a-url", VALID_PROJECT, ("website",), "example dot org", "format", "/website"),
    (
        "unknown-key-in-license-item",
        VALID_PROJECT,
        ("license", 0, "year"),
        "2020",
        "additionalProperties",
        "/license/0",
    ),
    (
        "unknown-key-in-organization",
        VALID_PROJECT,
        ("organizations", 0, "phone"),
        "123",
        "additionalProperties",
        "/organizations/0",
    ),
    (
        "unknown-key-in-extension-block",
        VALID_PROJECT,
        ("community", "slack"),
        "https://x.org",
        "additionalProperties",
        "/community",
    ),
    (
        "nominee-enum-still-applies",
        VALID_PROJECT,
        ("license", 0, "spdx"),
        "WTFPL",
        "anyOf",  # the approved list, or the current id of a deprecated one on it
        "/license/0/spdx",
    ),
    ("nominee-required-still-applies", VALID_PROJECT, ("stage",), _DELETE, "required", ""),
    (
        "content-type-must-be-string",
        {**VALID_PROJECT, **VALID_SCREENING},
        ("doNoHarm", "inappropriateIllegalContent", "type"),
        ["books"],
        "type",
        "/doNoHarm/inappropriateIllegalContent/type",
    ),
    (
        "documentation-url-not-a-url",
        {**VALID_PROJECT, **VALID_SCREENING},
        ("documentation", "documentationURL", 0),
        "see the wiki",
        "format",
        "/documentation/documentationURL/0",
    ),
    (
        "revenue-stream-type-enum",
        VALID_PROJECT,
        ("businessModel", "revenueStreams", 0, "type"),
        "crypto",
        "enum",
        "/businessModel/revenueStreams/0/type",
    ),
    (
        "product-owners-min-items",
        VALID_PROJECT,
        ("stewardship", "productOwners"),
        [],
        "minItems",
        "/stewardship/productOwners",
    ),
    (
        "export-formats-unique",
        VALID_PROJECT,
        ("interoperability", "dataExportFormats"),
        ["CSV", "CSV"],
        "uniqueItems",
        "/interoperability/dataExportFormats",
    ),
    (
        "deployment-url-not-a-url",
        VALID_PROJECT,
        ("community", "deployments", 0, "url"),
        "nairobi.example",
        "format",
        "/community/deployments/0/url",
    ),
    (
        "screening-enum-still-applies",
        {**VALID_PROJECT, **VALID_SCREENING},
        ("NonPII", "collectsNonPII"),
        "Maybe",
        "enum",
        "/NonPII/collectsNonPII",
    ),
]


@pytest.mark.parametrize(
    "base,path,value,keyword,pointer",
    [case[1:] for case in INVALID_CASES],
    ids=[case[0] for case in INVALID_CASES],
)
def test_invalid_merged_record(
    merged: Draft202012Validator, base, path, value, keyword, pointer
) -> None:
    errors = list(merged.iter_errors(_set(base, path, value)))
    assert [(e.validator, _pointer(e)) for e in errors] == [(keyword, pointer)], [
        e.message for e in errors
    ]


# --- (d) the real DPGA static API v0 corpus ---------------------------------------------------

# Error kinds that real registry data is known to produce against the strict overlay: free text or
# empty strings where a URL is expected, text that is not an email, keys outside the schema, and
# enum answers outside Yes/No/Unknown.
EXPECTED_CORPUS_KEYWORDS = {"format", "enum", "additionalProperties"}


def _generalise(pointer: str) -> str:
    return "/".join("*" if part.isdigit() else part for part in pointer.split("/"))


@pytest.mark.skipif(not API_V0.is_dir(), reason="../shared corpus not available")
def test_api_v0_corpus(merged: Draft202012Validator) -> None:
    files = sorted(API_V0.glob("*.json"))
    assert len(files) >= 100
    keywords: Counter = Counter()
    locations: Counter = Counter()
    bad_files = 0
    unexpected = []
    for path in files:
        errors = _leaf_errors(merged, _load(path))
        bad_files += bool(errors)
        for err in errors:
            where = _generalise(_pointer(err))
            keywords[err.validator] += 1
            fmt = err.validator_value if err.validator == "format" else ""
            locations[(err.validator, where, fmt)] += 1
            if err.validator not in EXPECTED_CORPUS_KEYWORDS:
                unexpected.append(f"{path.name}: {err.validator} at {_pointer(err)}: {err.message}")
    print(f"\napi-v0: {len(files)} records, {bad_files} with errors")
    print("by keyword:", dict(keywords.most_common()))
    for (keyword, where, extra), count in locations.most_common():
        print(f"  {count:4d}  {keyword:<20} {extra:<6} {where or '/'}")
    assert unexpected == []


# --- (e) the DPGA app API examples ------------------------------------------------------------


def _app_records():
    if not APP_API.is_dir():
        return []
    records = []
    for path in sorted(APP_API.glob("*.json")):
        data = _load(path)
        if isinstance(data, list):
            records += [pytest.param(r, id=f"{path.stem}[{i}]") for i, r in enumerate(data)]
        else:
            records.append(pytest.param(data, id=path.stem))
    return records


@pytest.mark.skipif(not APP_API.is_dir(), reason="../shared corpus not available")
@pytest.mark.parametrize("record", _app_records())
def test_app_api_examples(app: Draft202012Validator, record: dict) -> None:
    assert [e.message for e in app.iter_errors(record)] == []


@pytest.mark.parametrize(
    "record",
    [
        {
            "id": "1",
            "name": "X",
            "aliases": "",
            "awardsReceived": "",
            "deploymentOrganisations": "",
        },
        {
            "id": "2",
            "name": "X",
            "aliases": ["A", " B"],
            "platformIndependence": [],
            "privacy": [[]],
        },
        {"id": "3", "name": "X", "sdgs": [{"sdg": "SDG4: Quality Education", "relevance": "..."}]},
        {"id": "4", "name": "X", "someNewField": {"anything": True}},
    ],
    ids=["empty-string-lists", "php-empty-arrays", "sdgs-as-list", "unknown-field"],
)
def test_app_schema_is_lenient(app: Draft202012Validator, record: dict) -> None:
    assert [e.message for e in app.iter_errors(record)] == []


@pytest.mark.parametrize(
    "record,keyword",
    [
        ({"id": "10623"}, "required"),
        ({"id": "abc", "name": "X"}, "pattern"),
        ({"id": 10623, "name": "X"}, "type"),
        ({"name": "X", "NonPII": {"collectsNonPII": ["Yes"]}}, "type"),
        ({"name": "X", "organizations": [{"name": 1}]}, "type"),
    ],
    ids=["no-name", "id-not-numeric", "id-not-string", "nested-type", "org-name-type"],
)
def test_app_schema_still_types_fields(app: Draft202012Validator, record: dict, keyword) -> None:
    errors = _leaf_errors(app, record)
    assert keyword in {e.validator for e in errors}, [e.message for e in errors]


def test_current_ids_of_deprecated_approved_licenses_are_accepted(
    merged: Draft202012Validator,
) -> None:
    record = copy.deepcopy(VALID_PROJECT)
    for spdx in ("GPL-3.0-only", "GPL-3.0", "AGPL-3.0-or-later", "LGPL-2.1-only"):
        record["license"][0]["spdx"] = spdx
        assert list(merged.iter_errors(record)) == [], spdx
