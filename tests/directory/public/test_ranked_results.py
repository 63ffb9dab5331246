"""A directory search kept to some organisations (a hub's covering agencies, the filters) keeps to them after the
search, in rank order, not by sending thousands of slugs with it; past MAX_RANKED matches the search carries them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory import search
from directory.search import find_organisations
from tests.factories import OrganisationFactory, ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def canoeing():
    """Four organisations about canoeing, ranked by how much they say it: canoe-1 first."""
    made = []
    for number in range(1, 5):
        organisation = OrganisationFactory(
            name=f"Club {number}", slug=f"canoe-{number}", summary=" ".join(["canoeing"] * (5 - number)) + " on lakes"
        )
        ServiceFactory(organisation=organisation, name="Open sessions")
        made.append(organisation.slug)
    OrganisationFactory(name="Chess club", slug="chess", summary="Chess on Tuesdays")
    return made


def slugs(results):
    return [organisation.slug for organisation in results]


def test_kept_to_some_organisations_in_rank_order(canoeing):
    everyone = slugs(find_organisations("canoeing"))
    assert everyone == canoeing
    results = find_organisations("canoeing", only={"canoe-4", "canoe-2", "chess"})
    assert slugs(results) == ["canoe-2", "canoe-4"]
    assert results.count() == 2
    assert slugs(find_organisations("canoeing", excluding={"canoe-1", "canoe-3"})) == ["canoe-2", "canoe-4"]
    assert slugs(find_organisations("canoeing", only={"chess"})) == []


def test_the_search_does_not_carry_the_slugs(canoeing):
    only = {f"elsewhere-{number}" for number in range(500)} | {"canoe-3"}
    with CaptureQueriesContext(connection) as queries:
        assert slugs(find_organisations("canoeing", only=only)) == ["canoe-3"]
    assert all("elsewhere-1" not in str(query["sql"]) for query in queries.captured_queries)
    assert max(len(query["sql"]) for query in queries.captured_queries) < 5000


def test_past_max_ranked_the_search_carries_the_restriction(canoeing, monkeypatch):
    """With more matches than the ranked keys hold, the lowest-ranked kept organisation is still found and counted."""
    monkeypatch.setattr(search, "MAX_RANKED", 2)
    results = find_organisations("canoeing", only={"canoe-4"})
    assert slugs(results) == ["canoe-4"]
    assert results.count() == 1
    assert find_organisations("canoeing").count() == 4  # unrestricted: counted beyond the keys


def test_top_keeps_to_the_restriction(canoeing):
    results = find_organisations("canoeing", only={"canoe-2", "canoe-3"}, prefetch=False)
    assert slugs(results.top(1)) == ["canoe-2"]
    assert slugs(find_organisations("canoeing", prefetch=False).top(2)) == ["canoe-1", "canoe-2"]


def test_with_no_words_the_kept_organisations_are_listed_by_name(canoeing):
    only = {f"elsewhere-{number}" for number in range(500)} | {"canoe-3", "chess", "canoe-1"}
    with CaptureQueriesContext(connection) as queries:
        results = find_organisations("", only=only)
        assert results.count() == 3
        assert slugs(results[0:2]) == ["chess", "canoe-1"]  # "Chess club", "Club 1", "Club 3"
        assert slugs(results[2:10]) == ["canoe-3"]
    assert all("elsewhere-1" not in str(query["sql"]) for query in queries.captured_queries)
    assert slugs(find_organisations("", excluding={"chess", "canoe-2"})) == ["canoe-1", "canoe-3", "canoe-4"]
