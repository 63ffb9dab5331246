"""Public pages stay within a fixed number of SQL queries, measured on the demo hub."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.demo import seed_all

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
]


@pytest.fixture
def demo(db):
    seed_all()


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
