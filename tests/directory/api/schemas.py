"""Validate real API responses against the Open Referral UK schemas (a copy in ./oruk), offline.

The openapi document and the raw schemas refer to each other by raw.githubusercontent.com addresses; a
``referencing`` Registry serves those addresses from the local files instead.
"""

import json
import os
from datetime import datetime
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

BASE = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
SCHEMA_DIR = Path(os.environ.get("ORUK_SCHEMA_DIR", Path(__file__).parent / "oruk" / "schema"))
PAGE_FIELDS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"}


def _load(relative):
    path = SCHEMA_DIR / relative
    assert path.exists(), f"Open Referral UK schema {path} is missing (set ORUK_SCHEMA_DIR)"
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def registry():
    files = [path.relative_to(SCHEMA_DIR).as_posix() for path in SCHEMA_DIR.glob("**/*.json")]
    assert "openapi.json" in files, f"no Open Referral UK schemas under {SCHEMA_DIR}"
    resources = [
        (BASE + relative, Resource.from_contents(_load(relative), default_specification=DRAFT202012))
        for relative in files
    ]
    return Registry().with_resources(resources)


def _format_checker():
    checker = FormatChecker()

    @checker.checks("uri", raises=ValueError)
    def is_uri(value):
        parts = urlsplit(value)
        return bool(parts.scheme in {"http", "https"} and parts.netloc)

    @checker.checks("date-time", raises=ValueError)
    def is_date_time(value):
        return datetime.fromisoformat(value).tzinfo is not None

    return checker


def _validator(reference):
    return Draft202012Validator({"$ref": reference}, registry=registry(), format_checker=_format_checker())


def _openapi_response(path):
    pointer = path.replace("~", "~0").replace("/", "~1")
    return f"{BASE}openapi.json#/paths/{pointer}/get/responses/200/content/application~1json/schema"


def assert_valid(data, reference):
    errors = sorted(_validator(reference).iter_errors(data), key=lambda error: list(error.path))
    assert not errors, "\n".join(f"{list(error.path)}: {error.message}" for error in errors[:10])


def assert_no_empty_values(data, where="$"):
    """Optional fields that are empty are left out: no nulls, empty strings, lists or objects."""
    if isinstance(data, dict):
        for key, value in data.items():
            assert value not in (None, "", [], {}), f"{where}.{key} is empty: {value!r}"
            assert_no_empty_values(value, f"{where}.{key}")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            assert_no_empty_values(value, f"{where}[{index}]")


def assert_valid_page(data, openapi_path):
    """A list response: the openapi's own response schema (Page wrapper, items by compiled schema)."""
    assert set(data) == PAGE_FIELDS
    assert_valid(data, _openapi_response(openapi_path))
    for item in data["contents"]:
        assert_no_empty_values(item)


def assert_valid_entity(data, schema):
    """An item response against ``schema`` (e.g. "compiled/service.json"), with no empty optional field."""
    assert_valid(data, BASE + schema)
    assert_no_empty_values(data)


def assert_valid_root(data):
    assert_valid(data, _openapi_response("/"))
    assert set(data) == {"version", "profile", "openapi_url"}
