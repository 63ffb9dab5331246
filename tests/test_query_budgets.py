"""Public pages stay within a fixed number of SQL queries, measured on the demo hub."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import AreaFactory, OrganisationFactory, ServiceFactory

# Each test counts what rendering a page costs, not the page cache's answer (tests/portal/test_pagecache.py).
pytestmark = pytest.mark.usefixtures("no_page_cache")

PUBLIC_PAGE_BUDGET = 12

PUBLIC_PAGES = [
    "/",
    "/programmes/",
    "/programmes/?audience=schools&age=14",
    "/programmes/outdoor-residential/",
    "/programmes/future-pathways/",
    "/programmes/community-alcohol-partnership/",
    "/about/",
    "/privacy-notice/",
    "/search/",
    "/search/?q=residential",
    "/search/?q=zzzznothing",
    "/no-such-page/",
    "/directory/",
    "/directory/?q=noise",
    "/directory/?q=street+drinking&category=drugs-and-alcohol&area=northgate&age=15",
    "/directory/?q=zzzznothing&age=abc",
    "/directory/westfield-council-environmental-health/",
    "/directory/westfield-council-greenspaces/",
    "/directory/no-such-agency/",
]


@pytest.fixture
def demo(demo_readonly, db):
    """The demo hub, seeded once for this module's tests that read it (tests/demo.py)."""
    return demo_readonly


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_query_budget(client, demo, path):
    cache.clear()
    client.get(path)  # the first request fills the navigation cache and Wagtail's per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code in {200, 404}
    assert len(queries) <= PUBLIC_PAGE_BUDGET, "\n".join(query["sql"][:160] for query in queries.captured_queries)


def test_cold_caches_cost_only_a_few_queries_more(client, demo):
    """Site, settings, page structure and private sections are cached; filling them is a handful of queries."""
    client.get("/about/")
    with CaptureQueriesContext(connection) as warm:
        client.get("/about/")
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        client.get("/about/")
    assert len(cold) - len(warm) <= 5
    assert len(cold) <= PUBLIC_PAGE_BUDGET + 5


def _directory_of(count):
    area = AreaFactory(slug="northgate")
    for number in range(count):
        organisation = OrganisationFactory(name=f"Agency {number:02d}", keywords="help")
        ServiceFactory(organisation=organisation, terms=["housing", "young-people"], areas=[area], minimum_age=11)
        ServiceFactory(organisation=organisation, terms=["older-people"])


@pytest.mark.parametrize(
    "path", ["/directory/", "/directory/?q=help", "/directory/?q=help&category=housing&area=northgate&age=15"]
)
def test_directory_listing_queries_do_not_grow_with_the_results(client, home_page, path):
    def queries_for(count):
        _directory_of(count)
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert len(response.context["results"]) == min(count, 10)
        return len(queries)

    few = queries_for(3)
    many = queries_for(27)
    assert few == many
    assert many <= PUBLIC_PAGE_BUDGET


HUB_FLAT_PAGES = [
    "/",
    "/programmes/",
    "/programmes/a-programme/",
    "/about/",
    "/directory/",
    "/directory/?q=help",
    "/directory/an-agency/",
    "/report/",
    "/search/?q=programme",
    "/no-such-page/",
]


def test_public_pages_cost_the_same_with_one_hub_and_with_six(client, home_page):
    """Which hub a request is for is one cached lookup: more hubs add no queries to any public page."""
    from tests.factories import HomePageFactory, ProgrammeIndexPageFactory, ProgrammePageFactory, StandardPageFactory
    from tests.factories.hubs import make_hub

    index = ProgrammeIndexPageFactory(parent=home_page, slug="programmes")
    ProgrammePageFactory(parent=index, slug="a-programme")
    StandardPageFactory(parent=home_page, slug="about")
    OrganisationFactory(name="An agency", slug="an-agency", keywords="help")

    def counts():
        found = {}
        for path in HUB_FLAT_PAGES:
            cache.clear()
            client.get(path)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            assert response.status_code in {200, 302, 404}, path
            found[path] = len(queries)
        return found

    with_one = counts()
    root = home_page.get_parent()
    for number in range(5):
        home = HomePageFactory(parent=root, title=f"Hub {number}", slug=f"hub-{number}-home")
        ProgrammePageFactory(parent=ProgrammeIndexPageFactory(parent=home, slug="programmes"), slug="a-programme")
        make_hub(f"Hub {number}", home=home)
    with_six = counts()
    assert with_six == with_one
