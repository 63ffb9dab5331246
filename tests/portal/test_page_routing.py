"""Public pages are routed from the cached site structure (``portal.navigation.route_in_structure``, called by
``CachedPageMixin.route``) and answer Wagtail's view restriction check from the cached private sections: whatever
changes, a page answers as Wagtail's own routing would, at once."""

import pytest
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from portal.navigation import route_in_structure
from tests.factories import OrganisationFactory, ProgrammePageFactory, StandardPageFactory

# Routing itself, under the page cache (portal.pagecache, tested on its own): each request here is routed.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def status(client, url, **headers):
    return client.get(url, **headers).status_code


def test_a_public_page_is_fetched_in_one_query_with_what_its_template_shows(
    home_page, programme_index, django_assert_num_queries
):
    partner = OrganisationFactory()
    programme = ProgrammePageFactory(parent=programme_index, slug="residential", delivery_partner=partner)
    request = RequestFactory().get("/programmes/residential/")
    route_in_structure(home_page, request, ["programmes", "residential"])  # fills the caches
    with django_assert_num_queries(1):
        page = route_in_structure(home_page, request, ["programmes", "residential"])
        assert (page, page.image, page.delivery_partner) == (programme, programme.image, partner)
        assert page.summary == programme.summary
    assert route_in_structure(home_page, request, ["programmes", "no-such-programme"]) is None


def test_renamed_moved_and_unpublished_pages_are_routed_at_once(client, home_page):
    other = StandardPageFactory(parent=home_page, slug="other")
    page = StandardPageFactory(parent=home_page, slug="about")
    assert status(client, "/about/") == 200

    page.slug = "about-us"
    page.save_revision().publish()
    assert status(client, "/about-us/") == 200
    assert status(client, "/about/") != 200

    page.refresh_from_db()
    page.move(other, pos="last-child")
    assert status(client, "/other/about-us/") == 200
    assert status(client, "/about-us/") != 200  # Wagtail's redirect to the new address, or not found

    page.refresh_from_db()
    page.unpublish()
    assert status(client, "/other/about-us/") == 404


def test_a_page_made_private_asks_for_sign_in_at_once(client, home_page):
    section = StandardPageFactory(parent=home_page, slug="staff-area")
    StandardPageFactory(parent=section, slug="notes")
    assert status(client, "/staff-area/notes/") == 200

    restriction = PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/staff-area/notes/")
    assert response.status_code == 302 and "/_util/login/" in response["Location"]

    restriction.delete()
    assert status(client, "/staff-area/notes/") == 200


def test_an_alias_of_a_private_page_is_private_too(client, home_page):
    """Wagtail checks an alias against its source page's restrictions; the cached check leaves aliases to it."""
    notes = StandardPageFactory(parent=home_page, slug="notes")
    PageViewRestriction.objects.create(page=notes, restriction_type=PageViewRestriction.LOGIN)
    notes.create_alias(parent=home_page, update_slug="notes-copy")
    assert (status(client, "/notes/"), status(client, "/notes-copy/")) == (302, 302)


def test_a_live_page_below_an_unpublished_one_is_served_as_wagtail_serves_it(client, home_page):
    parent = StandardPageFactory(parent=home_page, slug="parent")
    StandardPageFactory(parent=parent, slug="child")
    parent.unpublish()
    assert (status(client, "/parent/"), status(client, "/parent/child/")) == (404, 200)


def test_each_hub_reaches_only_its_own_pages(client, home_page, other_hub):
    StandardPageFactory(parent=other_hub.site.root_page, slug="only-there")
    StandardPageFactory(parent=home_page, slug="only-here")
    assert status(client, "/only-there/", HTTP_HOST="other.localhost") == 200
    assert status(client, "/only-there/") == 404
    assert status(client, "/only-here/", HTTP_HOST="other.localhost") == 404


def test_view_restrictions_cost_no_query_outside_private_sections(home_page, django_assert_num_queries):
    public = StandardPageFactory(parent=home_page, slug="public")
    section = StandardPageFactory(parent=home_page, slug="private")
    inside = StandardPageFactory(parent=section, slug="inside")
    restriction = PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    list(public.get_view_restrictions())  # fills the caches
    with django_assert_num_queries(0):
        assert list(public.get_view_restrictions()) == []
    assert list(inside.get_view_restrictions()) == [restriction]
    assert list(section.get_view_restrictions()) == [restriction]
