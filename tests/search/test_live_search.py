"""Wagtail search on a live server, wired as the settings wire it (tests/search/live.py starts the server).

The directory's relevance tests run here too (tests/directory/test_search_relevance.py, on both backends), and
the ORUK API's search (tests/directory/api/test_search_backend.py).
"""

import logging

import pytest
from wagtail.models import Page

from directory.search import DirectoryFilters, find_organisations
from programmes.models import ProgrammePage
from tests.factories import OrganisationFactory, ProgrammePageFactory, ServiceFactory, StandardPageFactory

pytestmark = [pytest.mark.search_server, pytest.mark.django_db]

OUR_INDEXES = ("wagtailcore_page", "directory_organisation", "directory_service", "directory_taxonomyterm")


def fallbacks(caplog):
    return [record for record in caplog.records if record.name == "portal.search.fallback"]


def test_every_index_is_named_with_the_prefix(live_search, programme_index):
    ProgrammePageFactory(parent=programme_index, title="Canoeing residential", image=None)
    OrganisationFactory(name="Environmental Health")
    live_search.rebuild()
    names = live_search.server_indexes()
    assert {live_search.prefix + index for index in OUR_INDEXES} <= names
    assert not [name for name in names if name.startswith(OUR_INDEXES)]


def test_the_site_search_finds_pages_through_the_server(live_search, client, home_page, programme_index, caplog):
    ProgrammePageFactory(parent=programme_index, title="Canoeing residential", image=None)
    StandardPageFactory(parent=home_page, title="About the hub", intro="Who runs the hub and how to reach us.")
    draft = StandardPageFactory(parent=home_page, title="Canoeing draft", intro="Not yet.")
    draft.unpublish()
    live_search.rebuild()
    response = client.get("/search/", {"q": "canoeing"})
    assert response.status_code == 200
    assert [hit.page.title for hit in response.context["search"].pages] == ["Canoeing residential"]
    assert ProgrammePage.objects.search("canoeing").count() == 1
    assert Page.objects.live().search("reach").count() == 1
    odd = client.get("/search/", {"q": '"(( canoeing* -- <script> \x00' + " canoeing" * 500})
    assert [hit.page.title for hit in odd.context["search"].pages] == ["Canoeing residential"]
    assert not fallbacks(caplog)


def test_the_directory_finds_published_organisations_through_the_server(live_search, caplog):
    caplog.set_level(logging.WARNING)
    noise = OrganisationFactory(name="Environmental Health", slug="environmental-health", keywords="noise")
    ServiceFactory(organisation=noise, name="Noise nuisance", terms=["environment-and-enforcement"])
    youth = OrganisationFactory(name="Youth Service", slug="youth-service", keywords="teenagers")
    ServiceFactory(organisation=youth, name="Youth clubs", terms=["young-people"], minimum_age=11, maximum_age=18)
    OrganisationFactory(name="Hidden Noise Team", slug="hidden", keywords="noise", live=False)
    live_search.rebuild()
    assert [found.slug for found in find_organisations("noise")] == ["environmental-health"]
    assert [found.slug for found in find_organisations("clubs")] == ["youth-service"]
    assert list(find_organisations("noise", DirectoryFilters(category="young-people"))) == []
    assert [found.slug for found in find_organisations("youth", DirectoryFilters(age=15))] == ["youth-service"]
    assert not fallbacks(caplog)
