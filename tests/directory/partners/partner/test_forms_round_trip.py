"""Every partner form posted back exactly as the page rendered it is accepted: what a partner sees in an input is
what the form reads (a time as 08:30, never "8:30 a.m."), for every kind of field. Passwords are never rendered."""

from datetime import time

import pytest
from django.urls import reverse

from directory.models import Organisation, Service
from directory.partners import invitations
from directory.referrals.models import Referral
from portal.groups import HUB_COORDINATORS
from tests.factories import (
    AreaFactory,
    OrganisationFactory,
    ReferralActionFactory,
    ServiceContactFactory,
    ServiceFactory,
    ServiceLocationFactory,
    ServiceScheduleFactory,
)
from tests.factories.directory import term
from tests.factories.hubs import make_hub

from ..form_scraper import form_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory(
        name="Westfield Youth Service",
        summary="Youth work across the borough.",
        description="Detached youth work.\nSport and music sessions.",
        how_to_refer="Phone the duty worker.",
        address="Civic Centre\nWestfield",
    )


@pytest.fixture
def service(organisation):
    carrick = make_hub("Carrick")
    areas = [AreaFactory(name="Harbour", slug="harbour"), AreaFactory(hub=carrick, name="Old town", slug="old-town")]
    service = ServiceFactory(
        organisation=organisation,
        name="Friday club",
        alert="Closed in August",
        terms=["young-people", "housing"],
        areas=areas,
        minimum_age=11,
        maximum_age=18,
        eligibility="Young people living in Westfield.",
        is_free=False,
        fees="£1 a session",
        how_to_access="Drop in.",
        url="https://example.org/friday-club",
        email="club@example.org",
        phone="01632 960555",
    )
    ServiceLocationFactory(service=service, name="Youth centre", address_1="2 Park Road", accessibility="Step free")
    ServiceScheduleFactory(service=service, weekday="FR", opens_at=time(8, 30), closes_at=time(17, 0), notes="Term")
    ServiceScheduleFactory(service=service, weekday="SA", opens_at=time(12, 0), closes_at=time(23, 45))
    ServiceContactFactory(service=service, name="Alex Jones", title="Youth worker")
    return service


def round_trip(client, url, **kwargs):
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, form_values(page.content.decode(), **kwargs))


def test_the_organisation_form_posted_back_unchanged_is_saved_unchanged(client, partner, organisation):
    response = round_trip(client, reverse("partners:edit_organisation", args=[organisation.pk]))
    assert response.status_code == 302, response.content.decode()
    draft = Organisation.objects.get(pk=organisation.pk).get_latest_revision_as_object()
    for name in ("summary", "description", "how_to_refer", "email", "phone", "website", "address"):
        assert getattr(draft, name) == getattr(organisation, name), name


def test_the_service_form_with_every_kind_of_row_posted_back_unchanged_is_saved_unchanged(client, partner, service):
    page = client.get(reverse("partners:edit_service", args=[service.organisation_id, service.pk])).content.decode()
    assert 'value="08:30"' in page and 'value="17:00"' in page and "a.m." not in page

    response = round_trip(client, reverse("partners:edit_service", args=[service.organisation_id, service.pk]))
    assert response.status_code == 302, response.content.decode()
    draft = Service.objects.get(pk=service.pk).get_latest_revision_as_object()
    assert [(row.weekday, row.opens_at, row.closes_at, row.notes) for row in draft.schedules.all()] == [
        ("FR", time(8, 30), time(17, 0), "Term"),
        ("SA", time(12, 0), time(23, 45), ""),
    ]
    assert [(row.name, row.address_1, row.accessibility) for row in draft.locations.all()] == [
        ("Youth centre", "2 Park Road", "Step free")
    ]
    assert [(row.name, row.title) for row in draft.contacts.all()] == [("Alex Jones", "Youth worker")]
    assert {area.slug for area in draft.areas.all()} == {"harbour", "old-town"}
    assert set(draft.taxonomy_terms.all()) == set(service.taxonomy_terms.all())
    for name in ("name", "description", "status", "alert", "minimum_age", "maximum_age", "eligibility", "is_free"):
        assert getattr(draft, name) == getattr(service, name), name
    for name in ("fees", "how_to_access", "url", "email", "phone"):
        assert getattr(draft, name) == getattr(service, name), name


def test_the_service_form_saved_and_reloaded_with_more_rows_round_trips_again(client, partner, service):
    url = reverse("partners:edit_service", args=[service.organisation_id, service.pk])
    assert round_trip(client, url, button="add_row").status_code == 302
    response = round_trip(client, url)
    assert response.status_code == 302, response.content.decode()


def test_a_new_service_re_shown_with_an_error_is_accepted_once_the_error_is_fixed(client, partner, organisation):
    url = reverse("partners:add_service", args=[organisation.pk])
    page = client.get(url).content.decode()
    data = form_values(page)
    data.update({"name": ["Holiday club"], "description": [""], "taxonomy_terms": [str(term("young-people").pk)]})
    data.update({"schedules-0-weekday": ["MO"], "schedules-0-opens_at": ["9:05"], "schedules-0-closes_at": ["17:30"]})
    shown_again = client.post(url, data)
    assert "Enter a description of the service" in shown_again.content.decode()
    data = form_values(shown_again.content.decode())
    data["description"] = ["Games and trips in the holidays."]
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    service = Service.objects.get(name="Holiday club")
    schedule = service.get_latest_revision_as_object().schedules.get()
    assert (schedule.opens_at, schedule.closes_at) == (time(9, 5), time(17, 30))


def test_the_remove_service_form_posts_back(client, partner, service):
    url = reverse("partners:remove_service", args=[service.organisation_id, service.pk])
    data = form_values(client.get(url).content.decode())
    data["confirm"] = ["yes"]
    assert client.post(url, data).status_code == 302


def test_the_referral_form_re_shown_with_an_error_keeps_every_answer(client, partner, organisation):
    url = reverse("partners:refer")
    data = form_values(client.get(url).content.decode())
    data.update(
        {
            "subject_type": ["premises"],
            "location_description": ["12 Mill Lane\nby the shop"],
            "postcode": ["12345"],
            "category": ["nuisance"],
            "report_type": ["drugs"],
            "summary": ["Suspected cuckooing"],
            "description": ["Visitors at all hours."],
            "people_involved": ["Tenant"],
            "urgency": ["routine"],
            "vulnerable_person": ["yes"],
            "agencies_involved": ["Housing provider"],
            "sharing_basis": ["s115"],
        }
    )
    shown_again = client.post(url, data)
    assert "Enter a real postcode" in shown_again.content.decode()
    data = form_values(shown_again.content.decode())
    data["postcode"] = ["wf2 3db"]
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    referral = Referral.objects.get()
    assert (referral.location_description, referral.summary, referral.vulnerable_person) == (
        "12 Mill Lane\nby the shop",
        "Suspected cuckooing",
        True,
    )


def test_the_action_form_re_shown_with_an_error_keeps_the_note(client, partner, organisation):
    action = ReferralActionFactory(organisation=organisation)
    url = reverse("partners:update_action", args=[action.pk])
    data = form_values(client.get(url).content.decode())
    data["note"] = ["Visited on Friday"]
    shown_again = client.post(url, data)
    assert "Choose the progress made on the action" in shown_again.content.decode()
    data = form_values(shown_again.content.decode())
    data["status"] = ["in_progress"]
    assert client.post(url, data).status_code == 302
    assert action.updates.get().note == "Visited on Friday"


def test_the_set_password_form_never_shows_a_typed_password(client, staff):
    invitation = invitations.invite_partner(
        organisation=OrganisationFactory(), email="sam@example.org", invited_by=staff(HUB_COORDINATORS)
    )
    url = reverse("partners:accept_invitation", args=[invitations.invitation_token(invitation)])
    shown_again = client.post(url, {"password1": "correct horse battery", "password2": "another staple"})
    body = shown_again.content.decode()
    assert "The passwords do not match" in body
    assert "correct horse battery" not in body and "another staple" not in body
