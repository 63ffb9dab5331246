"""Adding, changing and removing services: drafts only, rows scoped to the service, hostile input refused."""

from datetime import time

import pytest
from django.urls import reverse

from directory.models import Service, ServiceLocation, ServiceStatus
from portal.groups import HUB_EDITORS
from portal.models import OutboundEmail
from tests.factories import (
    OrganisationFactory,
    ServiceContactFactory,
    ServiceFactory,
    ServiceLocationFactory,
    ServiceScheduleFactory,
)
from tests.factories.directory import term

from ..dashboard_support import HOSTILE_SCRIPT, TEN_THOUSAND, service_data

pytestmark = pytest.mark.django_db

LOCATION = {"location_type": "physical", "name": "Youth centre", "address_1": "2 Park Road", "city": "Westfield"}
SCHEDULE = {"weekday": "FR", "opens_at": "18:00", "closes_at": "22:00", "notes": "Drop in"}
CONTACT = {"name": "Alex Jones", "title": "Youth worker", "phone": "01632 960123", "email": "alex@example.org"}


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Westfield Youth Service")


@pytest.fixture
def service(organisation):
    service = ServiceFactory(organisation=organisation, name="Live name", terms=["young-people"])
    ServiceLocationFactory(service=service, name="Live hall")
    return service


def add_url(organisation):
    return reverse("partners:add_service", args=[organisation.pk])


def edit_url(service):
    return reverse("partners:edit_service", args=[service.organisation_id, service.pk])


def existing_location(location, **changes):
    return {"id": str(location.pk), **{key: getattr(location, key) for key in LOCATION}, **changes}


def test_a_new_service_is_stored_unpublished_with_a_revision_and_reviewers_get_a_link(
    client, organisation, partner, staff
):
    editor = staff(HUB_EDITORS)
    posted = service_data(
        terms=[term("young-people")], locations=[LOCATION], schedules=[SCHEDULE], contacts=[CONTACT], name="Night 🌙"
    )
    response = client.post(add_url(organisation), posted)
    assert response.status_code == 302, response.content.decode()
    service = Service.objects.get(name="Night 🌙")
    assert not service.live and service.has_unpublished_changes
    assert service.organisation == organisation
    assert service.latest_revision.user == partner
    assert [location.name for location in service.locations.all()] == ["Youth centre"]
    assert service.schedules.get().opens_at == time(18)
    assert service.contacts.get().email == "alex@example.org"
    assert not Service.objects.published().filter(pk=service.pk).exists()
    email = OutboundEmail.objects.get(to=editor.email)
    assert f"http://testserver/admin/snippets/directory/service/edit/{service.pk}/" in email.body
    assert "Night" not in email.body + email.subject and "Alex" not in email.body

    service.latest_revision.publish()
    assert Service.objects.published().get() == service


def test_a_change_is_a_draft_and_leaves_the_live_service_and_its_rows_alone(client, service, partner):
    location = service.locations.get()
    posted = service_data(
        terms=[term("young-people"), term("community-safety")],
        name="Draft name",
        locations=[existing_location(location, name="Draft hall"), LOCATION],
        schedules=[SCHEDULE],
        initial={"locations": 1},
    )
    response = client.post(edit_url(service), posted)
    assert response.status_code == 302, response.content.decode()
    service.refresh_from_db()
    assert service.name == "Live name" and service.has_unpublished_changes
    assert [row.name for row in ServiceLocation.objects.filter(service=service)] == ["Live hall"]
    assert service.schedules.count() == 0
    assert list(service.taxonomy_terms.values_list("slug", flat=True)) == ["young-people"]

    draft = service.latest_revision.as_object()
    assert draft.name == "Draft name"
    assert [row.name for row in draft.locations.all()] == ["Draft hall", "Youth centre"]
    assert draft.locations.all()[0].pk == location.pk

    response = client.get(edit_url(service))
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "Draft name" in page and "Draft hall" in page and "Youth centre" in page

    service.latest_revision.publish()
    service.refresh_from_db()
    assert service.name == "Draft name"
    assert sorted(service.locations.values_list("name", flat=True)) == ["Draft hall", "Youth centre"]
    assert ServiceLocation.objects.filter(pk=location.pk, name="Draft hall").exists()
    assert set(service.taxonomy_terms.values_list("slug", flat=True)) == {"young-people", "community-safety"}


def test_a_row_can_be_removed_in_the_draft(client, service, partner):
    location = service.locations.get()
    posted = service_data(
        terms=[term("young-people")], locations=[existing_location(location, DELETE="yes")], initial={"locations": 1}
    )
    assert client.post(edit_url(service), posted).status_code == 302
    service.refresh_from_db()
    assert service.locations.count() == 1
    assert service.latest_revision.as_object().locations.count() == 0


def test_save_and_add_more_rows_comes_back_to_the_form(client, organisation, partner):
    posted = {**service_data(terms=[term("young-people")]), "add_row": "yes"}
    response = client.post(add_url(organisation), posted)
    service = Service.objects.get()
    assert response["Location"] == edit_url(service)


def test_removing_a_service_is_a_defunct_draft_for_staff_to_publish(client, service, partner):
    url = reverse("partners:remove_service", args=[service.organisation_id, service.pk])
    page = client.get(url)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    response = client.post(url, {})
    assert "Confirm that the service has closed for good" in response.content.decode()
    assert not service.revisions.exists()

    assert client.post(url, {"confirm": "yes"}).status_code == 302
    service.refresh_from_db()
    assert service.status == ServiceStatus.ACTIVE and Service.objects.published().filter(pk=service.pk).exists()
    assert service.latest_revision.as_object().status == ServiceStatus.DEFUNCT

    service.latest_revision.publish()
    assert Service.objects.filter(pk=service.pk).exists()
    assert not Service.objects.published().filter(pk=service.pk).exists()


def test_row_ids_of_another_service_are_refused(client, service, partner):
    stranger = ServiceFactory(name="Another agency's service", terms=["housing"])
    foreign = {
        "locations": ServiceLocationFactory(service=stranger, name="Their secret venue"),
        "schedules": ServiceScheduleFactory(service=stranger),
        "contacts": ServiceContactFactory(service=stranger, name="Their private contact"),
    }
    rows = {
        "locations": {**LOCATION, "id": str(foreign["locations"].pk)},
        "schedules": {**SCHEDULE, "id": str(foreign["schedules"].pk)},
        "contacts": {**CONTACT, "id": str(foreign["contacts"].pk)},
    }
    for prefix, row in rows.items():
        posted = service_data(terms=[term("young-people")], name="Kept name", initial={prefix: 1}, **{prefix: [row]})
        for url in (edit_url(service), add_url(service.organisation)):
            response = client.post(url, posted)
            body = response.content.decode()
            assert response.status_code == 200, (prefix, url)
            assert "does not belong to this service" in body
            assert "Kept name" in body
            assert "Their secret venue" not in body and "Their private contact" not in body
    assert not service.revisions.exists() and Service.objects.count() == 2
    assert not stranger.revisions.exists()
    assert stranger.locations.get().name == "Their secret venue"
    assert stranger.contacts.get().name == "Their private contact"


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"name": ""}, "Enter the name of the service"),
        ({"name": TEN_THOUSAND}, "Name must be 150 characters or fewer"),
        ({"description": TEN_THOUSAND}, "Description must be 5000 characters or fewer"),
        ({"description": HOSTILE_SCRIPT}, "Remove the HTML tags"),
        ({"alert": "<img src=x onerror=alert(1)>"}, "Remove the HTML tags"),
        ({"taxonomy_terms": None}, "Select at least one category"),
        ({"taxonomy_terms": ["999999"]}, "Select categories from the list"),
        ({"status": "defunct"}, "Select a valid choice"),
        ({"minimum_age": "18", "maximum_age": "11"}, "The oldest age must be the same as or more than the youngest"),
        ({"minimum_age": "-3"}, "Enter an age of 0 or more"),
        ({"maximum_age": "9" * 10_000}, "Enter an age"),
        ({"maximum_age": "twelve"}, "Enter an age as a whole number"),
        ({"url": "javascript:alert(1)"}, "Enter a full web address"),
        ({"email": "nobody@"}, "Enter an email address in the correct format"),
        ({"phone": HOSTILE_SCRIPT}, "Enter a telephone number"),
        ({"schedules": [{**SCHEDULE, "opens_at": "17:00", "closes_at": "09:00"}]}, "The closing time must be later"),
        ({"schedules": [{**SCHEDULE, "opens_at": "25:99"}]}, "Enter the opening time as hours and minutes"),
        ({"schedules": [{**SCHEDULE, "weekday": ""}]}, "Select the day it opens"),
        ({"locations": [{**LOCATION, "name": HOSTILE_SCRIPT}]}, "Remove the HTML tags"),
        ({"locations": [{**LOCATION, "postcode": TEN_THOUSAND}]}, "Postcode must be 10 characters or fewer"),
        ({"contacts": [{**CONTACT, "email": "alex at example"}]}, "Enter an email address in the correct format"),
        ({"contacts": [{**CONTACT, "name": "", "title": ""}]}, "Enter a name or a job title for the contact"),
    ],
)
def test_bad_answers_get_a_clear_error_nothing_is_stored_and_other_answers_are_kept(
    client, service, partner, answers, message
):
    fields = {"eligibility": "Kept answer 🙂", **answers}
    if fields.get("taxonomy_terms", "") is None:
        fields.pop("taxonomy_terms")
        terms = []
    else:
        terms = [term("young-people")]
    for url in (edit_url(service), add_url(service.organisation)):
        response = client.post(url, service_data(terms=terms, **fields))
        body = response.content.decode()
        assert response.status_code == 200
        assert message in body
        assert "There is a problem" in body and "<title>Error:" in body
        assert "Kept answer 🙂" in body
        assert HOSTILE_SCRIPT not in body and "<img src=x" not in body
    assert Service.objects.count() == 1
    service.refresh_from_db()
    assert not service.revisions.exists() and not service.has_unpublished_changes
    assert not OutboundEmail.objects.exists()


def test_error_summary_links_point_at_the_row_fields(client, service, partner):
    bad = {**SCHEDULE, "opens_at": "17:00", "closes_at": "09:00"}
    body = client.post(edit_url(service), service_data(terms=[term("young-people")], schedules=[bad])).content.decode()
    assert '<a href="#id_schedules-0-closes_at">The closing time must be later than the opening time</a>' in body
    assert 'id="id_schedules-0-closes_at"' in body


def test_the_forms_offer_blank_rows_without_javascript(client, organisation, partner):
    body = client.get(add_url(organisation)).content.decode()
    for prefix in ("locations", "schedules", "contacts"):
        assert f'name="{prefix}-TOTAL_FORMS" value="1"' in body
        assert f'id="id_{prefix}-0-' in body


def test_a_tampered_form_without_its_row_counts_is_refused(client, service, partner):
    posted = service_data(terms=[term("young-people")], name="Kept name")
    del posted["schedules-TOTAL_FORMS"]
    response = client.post(edit_url(service), posted)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Part of the form is missing" in body and "Kept name" in body
    assert not service.revisions.exists()


def test_too_many_rows_are_refused(client, service, partner):
    posted = service_data(terms=[term("young-people")], locations=[LOCATION] * 21)
    body = client.post(edit_url(service), posted).content.decode()
    assert "You can add up to 20 rows here" in body
    assert not service.revisions.exists()
