"""Hub staff reviewing partners' drafts in the admin: the listings mark and filter the entries with changes
waiting, the edit page and the tag lead to Wagtail's comparison of live and latest, field by field."""

from datetime import time

import pytest
from django.urls import reverse

from directory.models import Organisation
from directory.partners import services
from portal.groups import HUB_EDITORS
from tests.factories import (
    OrganisationFactory,
    ServiceContactFactory,
    ServiceFactory,
    ServiceLocationFactory,
    ServiceScheduleFactory,
    partner_of,
)
from tests.factories.directory import term

from .partners.dashboard_support import service_data

pytestmark = pytest.mark.django_db

ORGANISATIONS_URL = "/admin/snippets/directory/organisation/"
SERVICES_URL = "/admin/snippets/directory/service/"


def compare_url(entry):
    model = entry._meta.model_name
    return f"/admin/snippets/directory/{model}/history/{entry.pk}/revisions/compare/live...latest/"


def edit_url(entry):
    return f"/admin/snippets/directory/{entry._meta.model_name}/edit/{entry.pk}/"


def draft(entry, user=None, **changes):
    entry = entry.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(entry, name, value)
    return entry.save_revision(user=user)


@pytest.fixture
def editor_client(client, staff):
    client.force_login(staff(HUB_EDITORS))
    return client


def test_the_organisation_listing_tags_and_filters_the_changes_waiting(editor_client):
    waiting = OrganisationFactory(name="Waiting Trust")
    draft(waiting, summary="Draft summary")
    OrganisationFactory(name="Settled Trust")
    never_published = OrganisationFactory(name="Brand New Trust", live=False)
    draft(never_published, summary="First words")

    page = editor_client.get(ORGANISATIONS_URL).content.decode()
    assert "Changes waiting for review" in page
    assert f'href="{compare_url(waiting)}"' in page, "the tag leads to the comparison with what is live"
    assert f'href="{edit_url(never_published)}" class="w-status w-status--primary"' in page.replace("\n", "")
    assert "live + draft" in page

    filtered = editor_client.get(ORGANISATIONS_URL, {"has_unpublished_changes": "true"}).content.decode()
    assert "Waiting Trust" in filtered and "Brand New Trust" in filtered and "Settled Trust" not in filtered
    settled = editor_client.get(ORGANISATIONS_URL, {"has_unpublished_changes": "false"}).content.decode()
    assert "Settled Trust" in settled and "Waiting Trust" not in settled


def test_the_service_listing_tags_and_filters_the_changes_waiting(editor_client):
    waiting = ServiceFactory(name="Waiting service")
    draft(waiting, description="Draft description")
    ServiceFactory(name="Settled service")

    page = editor_client.get(SERVICES_URL).content.decode()
    assert f'href="{compare_url(waiting)}"' in page
    filtered = editor_client.get(SERVICES_URL, {"has_unpublished_changes": "true"}).content.decode()
    assert "Waiting service" in filtered and "Settled service" not in filtered


def test_the_listings_query_count_does_not_grow_with_the_entries(editor_client, django_assert_max_num_queries):
    partner = partner_of(OrganisationFactory(name="Partner's own"), username="p", email="p@example.org")
    for number in range(50):
        organisation = OrganisationFactory(name=f"Agency {number:02}")
        service = ServiceFactory(organisation=organisation, name=f"Service {number:02}")
        if number % 2:
            draft(organisation, user=partner, summary="Draft")
            draft(service, user=partner, description="Draft")
    for url in (ORGANISATIONS_URL, SERVICES_URL):
        with django_assert_max_num_queries(22):
            response = editor_client.get(url, {"has_unpublished_changes": "true"})
        assert response.content.decode().count('/revisions/compare/live...latest/"') == 20, "a full page of drafts"
        with django_assert_max_num_queries(22):
            editor_client.get(url)


def test_the_edit_page_offers_the_comparison_with_live_first(editor_client):
    organisation = OrganisationFactory(name="Waiting Trust")
    assert compare_url(organisation) not in editor_client.get(edit_url(organisation)).content.decode()
    draft(organisation, summary="Draft summary")
    page = editor_client.get(edit_url(organisation)).content.decode()
    assert "Changes waiting: compare with live" in page
    assert f'href="{compare_url(organisation)}"' in page


def test_the_comparison_shows_a_partners_changes_to_a_service_and_its_rows_field_by_field(client, staff):
    organisation = OrganisationFactory(name="Westfield Youth Service")
    service = ServiceFactory(
        organisation=organisation, name="Night club", description="Old description words", terms=["young-people"]
    )
    schedule = ServiceScheduleFactory(service=service, opens_at=time(9), closes_at=time(17), notes="Old note")
    location = ServiceLocationFactory(service=service, name="Old hall")
    contact = ServiceContactFactory(service=service, name="Sam Old")
    partner = partner_of(organisation, username="partner", email="partner@example.org")
    client.force_login(partner)
    posted = service_data(
        terms=[term("young-people"), term("community-safety")],
        name="Night club",
        description="New description words",
        schedules=[{"id": str(schedule.pk), "weekday": "MO", "opens_at": "10:30", "closes_at": "17:00", "notes": ""}],
        locations=[{"id": str(location.pk), "location_type": "physical", "name": "New hall"}],
        contacts=[{"id": str(contact.pk), "name": "Sam New"}],
        initial={"schedules": 1, "locations": 1, "contacts": 1},
    )
    response = client.post(reverse("partners:edit_service", args=[organisation.pk, service.pk]), posted)
    assert response.status_code == 302, response.content.decode()
    assert client.get(compare_url(service)).status_code == 403, "partners never reach the admin"

    client.force_login(staff(HUB_EDITORS))
    response = client.get(compare_url(service))
    assert response.status_code == 200
    comparison = {diff.field_label(): diff for diff in response.context["comparison"]}
    assert set(comparison) == {"Description", "Categories", "Locations", "Opening times", "Named contacts"}
    page = response.content.decode()
    assert '<span class="deletion">Old</span>' in page and '<span class="addition">New</span>' in page
    assert "09:00" in page and "10:30" in page, "the schedule row's old and new opening times"
    assert "Old note" in page
    assert "Community safety" in page and "Young people" in page
    assert "Old hall" in page and "New hall" in page
    assert "Sam" in page and comparison["Named contacts"].has_changed()


def test_the_comparison_of_an_organisation_shows_old_and_new_values(editor_client):
    organisation = OrganisationFactory(name="Westfield Housing Trust", summary="Old summary")
    partner = partner_of(organisation, username="partner", email="partner@example.org")
    organisation.summary = "New summary"
    services.save_organisation_draft(organisation=Organisation.objects.get(pk=organisation.pk), user=partner)
    organisation = Organisation.objects.get(pk=organisation.pk)
    revision_object = organisation.get_latest_revision_as_object()
    revision_object.summary = "New summary"
    revision_object.save_revision(user=partner)
    response = editor_client.get(compare_url(organisation))
    labels = [diff.field_label() for diff in response.context["comparison"]]
    assert labels == ["Summary"]
    page = response.content.decode()
    assert '<span class="deletion">Old</span>' in page and '<span class="addition">New</span>' in page
