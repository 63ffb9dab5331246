"""The service form's areas question groups the areas under their hub, so a county partner ticks every district it
covers; the grouped checkboxes round-trip unchanged. The dashboard shows the hubs the organisation works with."""

import re

import pytest
from django.urls import reverse

from directory.partners.models import HubPartnership
from tests.factories import AreaFactory, OrganisationFactory, ServiceFactory
from tests.factories.directory import term

from ..dashboard_support import make_partner, service_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas(hub, other_hub):
    return {
        "northgate": AreaFactory(name="Northgate", slug="northgate", hub=hub),
        "riverside": AreaFactory(name="Riverside", slug="riverside", hub=hub),
        "eden": AreaFactory(name="Eden Valley", slug="eden-valley", hub=other_hub),
    }


@pytest.fixture
def service(areas):
    organisation = OrganisationFactory(name="County Youth Trust")
    return ServiceFactory(
        organisation=organisation, name="Outreach", terms=["young-people"], areas=[areas["northgate"], areas["eden"]]
    )


@pytest.fixture
def partner(client, service):
    user = make_partner(service.organisation)
    client.force_login(user)
    return user


def edit_url(service):
    return reverse("partners:edit_service", args=[service.organisation_id, service.pk])


def checked_areas(page):
    return set(re.findall(r'name="areas" type="checkbox" value="(\d+)" checked', page))


def test_areas_are_grouped_under_their_hub(client, service, partner, hub, other_hub, areas):
    page = client.get(edit_url(service)).content.decode()
    fieldset = page[page.index("Areas covered") :]
    assert re.search(
        rf">{re.escape(hub.name)}</h3>.*Northgate.*Riverside.*>Other</h3>.*Eden Valley", fieldset, re.S
    ) or (re.search(rf">Other</h3>.*Eden Valley.*>{re.escape(hub.name)}</h3>.*Northgate.*Riverside", fieldset, re.S))
    ids = re.findall(r'id="(id_areas(?:-\d+)?)" name="areas"', page)
    assert len(ids) == len(set(ids)) == 3, "every checkbox has its own id"
    assert "id_areas" in ids, "the first checkbox has the field's id, for the error summary"
    assert checked_areas(page) == {str(areas["northgate"].pk), str(areas["eden"].pk)}


def test_saving_unchanged_keeps_the_areas(client, service, partner, areas):
    page = client.get(edit_url(service)).content.decode()
    posted = service_data(terms=[term("young-people")], name="Outreach", areas=sorted(checked_areas(page)))
    response = client.post(edit_url(service), posted)
    assert response.status_code == 302, response.content.decode()
    service.refresh_from_db()
    draft = service.get_latest_revision_as_object()
    assert {area.pk for area in draft.areas.all()} == {areas["northgate"].pk, areas["eden"].pk}
    again = client.get(edit_url(service)).content.decode()
    assert checked_areas(again) == checked_areas(page)


def test_areas_of_several_hubs_can_be_ticked(client, service, partner, areas):
    chosen = [areas["riverside"].pk, areas["eden"].pk]
    response = client.post(edit_url(service), service_data(terms=[term("young-people")], areas=chosen))
    assert response.status_code == 302
    service.refresh_from_db()  # the new draft revision
    assert {area.pk for area in service.get_latest_revision_as_object().areas.all()} == set(chosen)


def test_the_dashboard_shows_the_hubs_the_organisation_works_with(client, service, partner, hub, other_hub):
    HubPartnership.objects.create(hub=other_hub, organisation=service.organisation)
    page = client.get(reverse("partners:dashboard")).content.decode()
    assert "Hubs you work with" in page
    assert hub.name in page and "Other" in page


def test_the_dashboard_says_when_no_hub_is_set_yet(client, service, partner):
    HubPartnership.objects.filter(organisation=service.organisation).delete()
    page = client.get(reverse("partners:dashboard")).content.decode()
    assert "None yet" in page
