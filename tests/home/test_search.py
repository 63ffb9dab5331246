"""The site search (``/search/``): the hub's pages, programmes and agencies, promoted results first, no dead ends,
hostile input answered normally (on the database and on a search server), a flat query budget, and logging."""

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Site

from home.models import SearchTally, SiteSettings
from portal.search import vocabulary
from portal.search.fallback import DatabaseFallbackResults
from tests.factories import (
    AreaFactory,
    OrganisationFactory,
    ProgrammePageFactory,
    ServiceFactory,
    StandardPageFactory,
)
from tests.factories.programmes import RunFactory, SessionFactory
from tests.search.live import wired_to

pytestmark = pytest.mark.django_db

HOSTILE = [
    '"unbalanced quote',
    "AND OR NOT",
    "noise*",
    "(((",
    "NEAR(noise)",
    "noise^10 title:graffiti ~2",
    "-- ; DROP TABLE wagtailcore_page;",
    "<script>alert('x')</script>",
    "émoji 🚨 street drinking 🍺",
    "\x00null byte",
    "\u202enoise\u200b",
    "noise " * 2000,
    "x" * 10000,
]


@pytest.fixture
def content(home_page, programme_index, other_hub):
    vocabulary.forget()
    StandardPageFactory(parent=home_page, title="Noise at night", slug="noise", intro="What to do about loud music.")
    StandardPageFactory(parent=home_page, title="Draft noise page", slug="draft", intro="Noise.", live=False)
    StandardPageFactory(parent=other_hub.site.root_page, title="Other hub noise", slug="other-noise", intro="Noise.")
    programme = ProgrammePageFactory(parent=programme_index, title="Outdoor residential", slug="res", image=None)
    run = RunFactory(programme=programme, title="Spring residential", capacity=12)
    SessionFactory(run=run)
    environmental = OrganisationFactory(
        name="Environmental Health", slug="env", summary="Noise nuisance <script>alert(1)</script> and pests."
    )
    ServiceFactory(organisation=environmental, name="Noise team", description="Loud music and barking dogs.")
    ServiceFactory(organisation=environmental, name="Pest control", description="Rats and mice.")
    elsewhere = OrganisationFactory(name="Other hub noise line", slug="other-line", hubs=[other_hub])
    ServiceFactory(organisation=elsewhere, name="Noise line", areas=[AreaFactory(hub=other_hub, slug="far")])
    environmental.save()
    elsewhere.save()
    yield
    vocabulary.forget()


def search(client, query, **params):
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return response


def test_finds_the_hubs_pages_programmes_and_agencies(client, content):
    found = search(client, "noise").context["search"]
    assert [hit.page.slug for hit in found.pages] == ["noise"]
    assert [hit.organisation.slug for hit in found.agencies] == ["env"]
    assert [service.name for service in found.agencies[0].services] == ["Noise team"]
    programme = search(client, "residential").context["search"].pages[0]
    assert programme.page.slug == "res"
    assert programme.next_run.places_left == 12
    assert "12 places left" in search(client, "residential").content.decode()


def test_word_forms_synonyms_and_typos(client, content):
    assert search(client, "noisy neighbours").context["search"].found
    assert [hit.page.slug for hit in search(client, "loud musics").context["search"].pages] == ["noise"]
    found = search(client, "residental")
    assert found.context["search"].understanding.corrections == [("residental", "residential")]
    assert "Did you mean" in found.content.decode()
    assert found.context["search"].pages[0].page.slug == "res"


def test_promoted_results_come_first_on_their_hub_only(client, content, other_hub):
    query = Query.get("help")
    noise = StandardPageFactory._meta.model.objects.get(slug="noise")
    SearchPromotion.objects.create(query=query, page=noise, sort_order=0, description="Start here.")
    elsewhere = StandardPageFactory._meta.model.objects.get(slug="other-noise")
    SearchPromotion.objects.create(query=query, page=elsewhere, sort_order=1)
    response = search(client, "Help")
    assert [promotion.page.slug for promotion in response.context["search"].promoted] == ["noise"]
    assert "Recommended by the hub" in response.content.decode()
    other = client.get("/search/", {"q": "help"}, HTTP_HOST="other.localhost").context["search"]
    assert [promotion.page.slug for promotion in other.promoted] == ["other-noise"]


def test_results_say_why_they_matched_with_markup_escaped(client, content):
    body = search(client, "noise").content.decode()
    assert '<mark class="app-search-mark">Noise</mark> at night' in body
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "Matched: noise" in body


def test_no_results_offers_a_way_on(client, content):
    response = search(client, "zzzzqqq")
    found = response.context["search"]
    assert not found.found
    body = response.content.decode()
    assert "No results for" in body
    assert "/report/" in body
    assert "/directory/?category=" in body


def test_closest_words_when_nothing_matches(client, content):
    assert "residential" in search(client, "rsdntial").context["search"].suggestions


def test_empty_query_shows_the_form_only(client, content):
    assert search(client, "").context["search"] is None


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_answer_normally(client, content, query):
    response = search(client, query)
    assert "<script>alert('x')</script>" not in response.content.decode()
    assert len(response.context["search_query"]) <= 200


@pytest.mark.search_server
def test_hostile_queries_answer_normally_on_a_search_server(client, content, search_server, monkeypatch):
    monkeypatch.setattr(DatabaseFallbackResults, "_fall_back", raise_the_server_error)
    with wired_to(search_server) as live:
        live.rebuild()
        assert [hit.page.slug for hit in search(client, "noise").context["search"].pages] == ["noise"]
        for query in HOSTILE:
            search(client, query)
            client.get("/directory/", {"q": query})


def raise_the_server_error(results, error):
    raise error


def test_query_budget_is_flat(client, content, programme_index, django_assert_max_num_queries, settings):
    """At most 12 queries with one result or a full page of each kind; the search is logged as production logs it
    (one write to the database task queue)."""
    immediate, queued = settings.TASKS, {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    search(client, "noise")  # the vocabulary, built once per process every ten minutes
    settings.TASKS = queued
    with django_assert_max_num_queries(12):
        search(client, "noise")
    settings.TASKS = immediate
    for number in range(12):
        page = ProgrammePageFactory(parent=programme_index, title=f"Noise club {number}", image=None)
        SessionFactory(run=RunFactory(programme=page))
        ServiceFactory(organisation=OrganisationFactory(name=f"Noise agency {number}"), name="Noise help")
    search(client, "noise")  # the navigation and site caches, refilled once after pages change
    settings.TASKS = queued
    with django_assert_max_num_queries(12):
        found = search(client, "noise").context["search"]
    assert len(found.pages) == 10 and found.more_pages
    assert len(found.agencies) == 5 and found.more_agencies


def test_searches_are_logged_for_the_hub(client, content, hub):
    """Queued, then counted by the worker (the immediate task backend here): Wagtail's log and the hub's tally."""
    search(client, "Noise")
    search(client, "noise ")
    search(client, "zzzzqqq")
    search(client, "noise", page="2")
    assert Query.objects.get(query_string="noise").hits == 2
    tally = SearchTally.objects.get(hub=hub, query_string="noise")
    assert (tally.searches, tally.without_results) == (2, 0)
    assert SearchTally.objects.get(hub=hub, query_string="zzzzqqq").without_results == 1


def test_drafts_and_other_hubs_are_not_found(client, content):
    slugs = [hit.page.slug for hit in search(client, "noise").context["search"].pages]
    assert "draft" not in slugs and "other-noise" not in slugs
    assert "other-line" not in [hit.organisation.slug for hit in search(client, "noise").context["search"].agencies]


def test_also_searched_for_says_only_what_the_page_does_not_already_say(client, content):
    """A correction is in the "did you mean" line, the words as typed in the heading: neither again."""
    corrected = search(client, "residental")
    understanding = corrected.context["search"].understanding
    assert understanding.corrections == [("residental", "residential")]
    assert all("residential" not in others for _said, others in understanding.explained())
    body = corrected.content.decode()
    assert "Did you mean" in body and "Also searched for: residential" not in body
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.search_synonyms = "loud music, noise, noisy"
    site_settings.save()
    explained = search(client, "loud music").context["search"].understanding.explained()
    assert explained == [("loud music", ["noise", "noisy"])]
    assert "Also searched for: noise, noisy" in search(client, "loud music").content.decode()
