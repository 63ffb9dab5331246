"""The number of SQL queries a response makes does not grow with the page size (and stays within 12)."""

from datetime import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import TaxonomyTerm, Weekday
from tests.directory.api.conftest import API
from tests.factories.directory import (
    AreaFactory,
    ServiceContactFactory,
    ServiceFactory,
    ServiceLocationFactory,
    ServiceScheduleFactory,
)

pytestmark = pytest.mark.django_db

BUDGET = 12
LIST_QUERIES = [
    ("services", {}),
    ("services", {"search": "youth"}),
    ("services", {"taxonomy_term_id": "young-people", "day": "MO", "start_time": "09:00", "minimum_age": "1"}),
    ("service_at_locations", {}),
    ("service_at_locations", {"search": "youth", "maximum_age": "30"}),
    ("service_at_locations", {"postcode": "CA28 7XY"}),
    ("service_at_locations", {"postcode": "CA28 7XY", "proximity": "5000", "search": "youth"}),
]


def rich_services(count, start=0):
    area = AreaFactory(name="Budget area", slug="budget-area")
    for number in range(start, start + count):
        service = ServiceFactory(
            name=f"Youth project {number:03}", minimum_age=11, maximum_age=25, terms=["young-people"], areas=[area]
        )
        ServiceLocationFactory(
            service=service, postcode="CA28 7XY", latitude=f"{54.5 + number / 10000:.6f}", longitude="-3.587000"
        )
        ServiceScheduleFactory(service=service, weekday=Weekday.MONDAY, opens_at=time(10), closes_at=time(12))
        ServiceContactFactory(service=service)


def count_queries(client, path, query):
    client.get(API + path, query)  # warm per-process caches (content types, site)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(API + path, query)
    assert response.status_code == 200
    return response.json(), len(queries)


@pytest.mark.parametrize(("path", "query"), LIST_QUERIES)
def test_list_queries_do_not_grow_with_the_page(client, path, query):
    rich_services(5)
    small, small_count = count_queries(client, path, {**query, "per_page": 5})
    rich_services(45, start=5)
    large, large_count = count_queries(client, path, {**query, "per_page": 50})
    assert (small["size"], large["size"]) == (5, 50)
    assert small_count == large_count <= BUDGET


def test_a_full_service_costs_the_same_with_many_related_rows(client):
    service = ServiceFactory(terms=["young-people"])
    ServiceLocationFactory(service=service)
    ServiceScheduleFactory(service=service)
    ServiceContactFactory(service=service)
    _, few = count_queries(client, f"services/{service.uuid}", {})
    for _ in range(20):
        ServiceLocationFactory(service=service)
        ServiceScheduleFactory(service=service, weekday=Weekday.TUESDAY)
        ServiceContactFactory(service=service)
    service.taxonomy_terms.set(TaxonomyTerm.objects.all())
    service.save()
    data, many = count_queries(client, f"services/{service.uuid}", {})
    assert len(data["service_at_locations"]) == 21 and len(data["attributes"]) >= 16
    assert few == many <= BUDGET


def test_a_full_service_at_location_stays_within_budget(client, full_service):
    location = full_service.locations.get()
    _, count = count_queries(client, f"service_at_locations/{location.service_at_location_uuid}", {})
    assert count <= BUDGET


@pytest.mark.parametrize("path", ["", "taxonomies", "taxonomy_terms"])
def test_vocabulary_endpoints_stay_within_budget(client, path):
    _, count = count_queries(client, path, {"per_page": 50})
    assert count <= BUDGET
