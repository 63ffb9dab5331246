import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.views.defaults import server_error
from wagtail.models import PageViewRestriction

from home.models import FeaturedProgramme
from tests.factories import ProgrammePageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def test_home_shows_routes_and_featured_programmes_in_order(client, home_page, programme_index):
    first = ProgrammePageFactory(parent=programme_index, title="Zebra programme")
    second = ProgrammePageFactory(parent=programme_index, title="Alpha programme")
    hidden = ProgrammePageFactory(parent=programme_index, title="Draft programme")
    home_page.featured_programmes = [
        FeaturedProgramme(programme=first),
        FeaturedProgramme(programme=second),
        FeaturedProgramme(programme=hidden),
    ]
    home_page.routes = [
        ("route", {"title": "Book a programme", "description": "Places.", "page": programme_index, "url": ""}),
        (
            "route",
            {"title": "Report anti-social behaviour", "description": "Tell us.", "page": None, "url": "/report/"},
        ),
    ]
    home_page.save_revision().publish()
    hidden.unpublish()

    response = client.get("/")
    body = response.content.decode()
    assert [programme.title for programme in response.context["featured_programmes"]] == [
        "Zebra programme",
        "Alpha programme",
    ]
    assert '<a href="/programmes/">Book a programme</a>' in body
    assert '<a href="/report/">Report anti-social behaviour</a>' in body
    assert "Draft programme" not in body


def test_route_to_an_unpublished_page_is_left_out(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Gone", slug="gone")
    home_page.routes = [("route", {"title": "Gone away", "description": "x", "page": page, "url": ""})]
    home_page.save_revision().publish()
    page.unpublish()
    assert "Gone away" not in client.get("/").content.decode()


def test_standard_page_renders_its_stream_and_breadcrumbs(client, home_page):
    parent = StandardPageFactory(parent=home_page, title="About the hub", slug="about")
    child = StandardPageFactory(
        parent=parent,
        title="Our partners",
        slug="partners",
        body=[
            ("heading", "Who we work with"),
            ("paragraph", "<p>The <b>council</b> and the police.</p>"),
            ("warning_text", {"text": "Call 999 in an emergency."}),
        ],
    )
    body = client.get(child.url).content.decode()
    assert '<h2 class="govuk-heading-l">Who we work with</h2>' in body
    assert "<b>council</b>" in body
    assert "govuk-warning-text" in body
    assert 'class="govuk-breadcrumbs__link" href="/about/">About the hub</a>' in body


def test_not_found_page_is_the_sites_own(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "Skip to main content" in response.content.decode()


def test_server_error_page_renders_without_the_database(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()
    assert "999" in response.content.decode()


def test_a_featured_programme_in_a_private_section_is_left_out(client, home_page, programme_index):
    public = ProgrammePageFactory(parent=programme_index, title="Open programme")
    private = ProgrammePageFactory(parent=programme_index, title="Staff-only programme")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    home_page.featured_programmes = [FeaturedProgramme(programme=private), FeaturedProgramme(programme=public)]
    home_page.save_revision().publish()
    response = client.get("/")
    assert response.context["featured_programmes"] == [public]
    assert "Staff-only programme" not in response.content.decode()


@pytest.mark.parametrize("with_a_private_section", [False, True])
def test_the_preview_of_a_home_page_shows_its_unsaved_featured_programmes(
    home_page, programme_index, with_a_private_section
):
    programme = ProgrammePageFactory(parent=programme_index, title="Previewed programme")
    private = ProgrammePageFactory(parent=programme_index, title="Staff-only programme")
    if with_a_private_section:
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    home_page.featured_programmes = [FeaturedProgramme(programme=programme), FeaturedProgramme(programme=private)]
    response = home_page.make_preview_request()
    assert response.status_code == 200
    assert "Previewed programme" in response.content.decode()
    assert ("Staff-only programme" in response.content.decode()) is not with_a_private_section


def test_home_page_queries_do_not_grow_with_featured_programmes(client, home_page, programme_index, no_page_cache):
    def queries_with(count):
        home_page.featured_programmes = [
            FeaturedProgramme(programme=ProgrammePageFactory(parent=programme_index)) for _ in range(count)
        ]
        home_page.save_revision().publish()
        client.get("/")
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/")
        assert len(response.context["featured_programmes"]) == count
        return len(queries)

    one, six = queries_with(1), queries_with(6)
    assert one == six <= 6
