"""A programme's delivery partner links to its directory entry while that entry is published."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import OrganisationFactory, ProgrammePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(home_page):
    return OrganisationFactory(name="Fellside Outdoor Trust", slug="fellside-outdoor-trust")


def programme_with(programme_index, **fields):
    defaults = {"delivery_partner_name": "Fell Trust", "delivery_partner_url": "https://fell.example.org/"}
    return ProgrammePageFactory(parent=programme_index, image=None, **{**defaults, **fields})


def test_links_to_the_published_directory_entry(client, programme_index, partner):
    programme = programme_with(programme_index, delivery_partner=partner)
    content = client.get(programme.url).content.decode()
    assert '<a class="govuk-link" href="/directory/fellside-outdoor-trust/">Fellside Outdoor Trust</a>' in content
    assert "https://fell.example.org/" not in content


def test_falls_back_to_the_name_and_link_when_the_entry_is_not_published(client, programme_index, partner):
    partner.live = False
    partner.save()
    programme = programme_with(programme_index, delivery_partner=partner)
    content = client.get(programme.url).content.decode()
    assert "/directory/fellside-outdoor-trust/" not in content
    assert '<a class="govuk-link" href="https://fell.example.org/">Fell Trust</a>' in content


def test_without_an_entry_shows_the_name_alone_or_with_its_link(client, programme_index):
    with_link = programme_with(programme_index)
    name_only = programme_with(programme_index, delivery_partner_url="")
    assert 'href="https://fell.example.org/">Fell Trust</a>' in client.get(with_link.url).content.decode()
    content = client.get(name_only.url).content.decode()
    assert "Fell Trust" in content and 'href="https://fell.example.org/"' not in content


def test_deleting_the_organisation_keeps_the_programme(client, programme_index, partner):
    programme = programme_with(programme_index, delivery_partner=partner)
    partner.delete()
    programme.refresh_from_db()
    assert programme.delivery_partner is None
    assert client.get(programme.url).status_code == 200


def test_the_link_costs_no_query(client, programme_index, partner, no_page_cache):
    """The entry is fetched with the page (``ProgrammePage.objects_for_serving``)."""
    linked = programme_with(programme_index, delivery_partner=partner)
    plain = programme_with(programme_index)

    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)

    assert count(linked.url) == count(plain.url)
