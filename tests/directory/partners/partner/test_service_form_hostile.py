"""Forged row ids, category and area ids no table could hold, and oversized row counts on the partner service
form: each a clear form error with the partner's answers kept, never a server error, and never thousands of
rows built to be refused."""

import pytest
from django.urls import reverse

from directory.models import Service
from directory.partners.partner.forms import CHILD_FORMSETS
from tests.factories import OrganisationFactory, ServiceFactory, ServiceLocationFactory
from tests.factories.directory import term

from ..dashboard_support import make_partner, service_data

pytestmark = pytest.mark.django_db

LOCATION = {"location_type": "physical", "name": "Youth centre", "address_1": "2 Park Road", "city": "Westfield"}
FORGED_ROW_IDS = ["16abc", "²", "1.0", "-1", "99999999999999999999", "9223372036854775808", "x" * 10_000]
FORGED_CHOICES = ["99999999999999999999", "9223372036854775808", "9" * 100, "-1", "0", "²", "abc", "1.5", "x" * 10_000]


@pytest.fixture
def service():
    service = ServiceFactory(organisation=OrganisationFactory(), name="Live name", terms=["young-people"])
    ServiceLocationFactory(service=service, name="Live hall")
    return service


@pytest.fixture
def urls(client, service):
    client.force_login(make_partner(service.organisation))
    return [
        reverse("partners:edit_service", args=[service.organisation_id, service.pk]),
        reverse("partners:add_service", args=[service.organisation_id]),
    ]


def assert_refused(response, message):
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert "There is a problem" in body
    assert "Kept name" in body


def assert_nothing_stored(service):
    assert Service.objects.count() == 1
    assert not service.revisions.exists()


@pytest.mark.parametrize("row_id", FORGED_ROW_IDS)
def test_a_forged_row_id_is_refused_as_a_form_error(client, service, urls, row_id):
    posted = service_data(
        terms=[term("young-people")], name="Kept name", initial={"locations": 1}, locations=[{**LOCATION, "id": row_id}]
    )
    for url in urls:
        assert_refused(client.post(url, posted), "does not belong to this service")
    assert_nothing_stored(service)


def test_rows_said_to_exist_but_posted_without_their_ids_are_refused(client, service, urls):
    posted = service_data(
        terms=[term("young-people")], name="Kept name", initial={"locations": 3}, locations=[LOCATION] * 3
    )
    for url in urls:
        assert_refused(client.post(url, posted), "does not belong to this service")
    assert_nothing_stored(service)


@pytest.mark.parametrize("value", FORGED_CHOICES)
@pytest.mark.parametrize(
    ("field", "message"),
    [("taxonomy_terms", "Select categories from the list"), ("areas", "Select areas from the list")],
)
def test_forged_category_and_area_ids_are_refused_as_a_form_error(client, service, urls, field, message, value):
    young_people = term("young-people")
    posted = service_data(terms=[young_people], name="Kept name")
    posted[field] = [str(young_people.pk), value] if field == "taxonomy_terms" else [value]
    for url in urls:
        assert_refused(client.post(url, posted), message)
    assert_nothing_stored(service)


@pytest.mark.parametrize("prefix", list(CHILD_FORMSETS))
@pytest.mark.parametrize("count", ["100000", "99999999999999999999"])
def test_an_oversized_row_count_builds_no_more_rows_than_may_be_saved(client, service, urls, prefix, count):
    posted = service_data(terms=[term("young-people")], name="Kept name")
    posted[f"{prefix}-TOTAL_FORMS"] = count
    most = CHILD_FORMSETS[prefix]["max_num"]
    for url in urls:
        response = client.post(url, posted)
        assert_refused(response, f"You can add up to {most} rows here")
        assert len(response.context["form"].formsets[prefix].forms) <= most
    assert_nothing_stored(service)


@pytest.mark.parametrize("count", ["-5", "abc", "²"])
def test_a_nonsense_row_count_is_refused(client, service, urls, count):
    posted = service_data(terms=[term("young-people")], name="Kept name")
    posted["locations-TOTAL_FORMS"] = count
    posted["locations-INITIAL_FORMS"] = count
    for url in urls:
        assert_refused(client.post(url, posted), "Part of the form is missing")
    assert_nothing_stored(service)
