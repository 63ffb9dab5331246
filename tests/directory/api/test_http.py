"""Read-only, open to any origin, and every error is JSON that says what was wrong."""

import logging
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client

from tests.directory.api.conftest import API

pytestmark = pytest.mark.django_db

ID = "00000000-0000-0000-0000-000000000000"
ENDPOINTS = [
    "",
    "services",
    f"services/{ID}",
    "taxonomies",
    f"taxonomies/{ID}",
    "taxonomy_terms",
    f"taxonomy_terms/{ID}",
    "service_at_locations",
    f"service_at_locations/{ID}",
]


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_only_reading_is_allowed(client, path, method):
    response = getattr(client, method)(API + path, data={"name": "x"})
    assert response.status_code == 405
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json()["status"] == 405


@pytest.mark.parametrize("path", ["", "services", "service_at_locations"])
def test_head_answers_like_get(client, path):
    response = client.head(API + path)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_cors_preflight_is_answered(client):
    response = client.options(
        API + "services", HTTP_ORIGIN="https://elsewhere.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]


@pytest.mark.parametrize(
    "path", ["nothing-here", "services/a/b", "organizations", "services.json", "services/%3Cscript%3E", "services/🔊"]
)
def test_unknown_paths_are_json_404s(api, path):
    assert api(path, expected=404)["status"] == 404


def test_paths_work_with_or_without_a_trailing_slash(api):
    assert api("services/")["total_items"] == api("services")["total_items"]


@pytest.mark.parametrize(
    ("path", "parameter", "value"),
    [
        ("services", "minimum_age", "-1"),
        ("services", "minimum_age", "abc"),
        ("services", "maximum_age", "1e9"),
        ("services", "maximum_age", "ten"),
        ("services", "day", "XX"),
        ("services", "day", "Funday"),
        ("services", "day", "MO,XX"),
        ("services", "day", "9MOO"),
        ("services", "start_time", "25:99"),
        ("services", "start_time", "9am"),
        ("services", "start_time", ""),
        ("services", "start_time", "09:00:60"),
        ("services", "start_time", "09:00+24:00"),
        ("services", "start_time", "09:00 Z"),
        ("services", "end_time", "24:00"),
        ("services", "minimum_age", ""),
        ("services", "taxonomy_term_id", "<script>alert(1)</script>"),
        ("services", "taxonomy_id", "housing"),
        ("service_at_locations", "minimum_age", "-1"),
        ("service_at_locations", "day", "XX"),
        ("service_at_locations", "postcode", "NOT A POSTCODE"),
        ("service_at_locations", "postcode", "12345"),
        ("service_at_locations", "postcode", "CA28 7XY" * 1000),
    ],
)
def test_bad_filter_values_are_400_naming_the_parameter(api, path, parameter, value):
    data = api(path, expected=400, **{parameter: value})
    assert data["parameter"] == parameter
    assert parameter in data["message"]


@pytest.mark.parametrize("value", ["0", "-5", "far", "1e12", "nan", "inf"])
def test_a_bad_proximity_is_400(api, value):
    data = api("service_at_locations", expected=400, postcode="CA28 7XY", proximity=value)
    assert data["parameter"] == "proximity"


def test_proximity_needs_a_postcode(api):
    data = api("service_at_locations", expected=400, proximity="1000")
    assert data["parameter"] == "proximity"
    assert "postcode" in data["message"]


def test_an_oversized_search_is_trimmed_not_refused(api):
    data = api("services", search="noise " * 2000)
    assert data["total_items"] == 0


def assert_json_503(response):
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Retry-After"] == "5"
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert body["status"] == 503 and "Try again" in body["message"]


@pytest.mark.parametrize(
    ("path", "query", "failure"),
    [
        ("services", "services", OperationalError("database is locked")),
        (f"services/{ID}", "services_in_full", InterfaceError("connection already closed")),
        ("service_at_locations", "service_locations_for_list", OperationalError("could not connect to server")),
    ],
)
def test_a_database_failure_is_a_json_503_the_api_clients_can_read(client, caplog, path, query, failure):
    with (
        mock.patch(f"directory.api.queries.{query}", side_effect=failure),
        caplog.at_level(logging.INFO, logger="django.request"),
    ):
        response = client.get(API + path)

    assert_json_503(response)
    assert not [record for record in caplog.records if record.name == "django.request"]


@pytest.mark.parametrize("path", ["services", "nothing-here"])
def test_a_database_failure_before_the_view_is_a_json_503_too(path):
    """The site lookup in a middleware fails first: Django's handler500 answers, not the view."""
    client = Client(raise_request_exception=False)
    with mock.patch("portal.middleware.find_site", side_effect=OperationalError("database is locked")):
        response = client.get(API + path)

    assert_json_503(response)


def test_the_rest_of_the_site_still_gets_the_html_page():
    client = Client(raise_request_exception=False)
    with mock.patch("portal.middleware.find_site", side_effect=OperationalError("database is locked")):
        response = client.get("/directory/")

    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert "Access-Control-Allow-Origin" not in response
