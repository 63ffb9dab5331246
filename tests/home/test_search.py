import pytest


@pytest.fixture
def demo(demo_readonly, db):
    """The demo hub, seeded once for this module's tests (tests/demo.py)."""
    return demo_readonly


def result_titles(response):
    return [page.title for page in response.context["search_results"]]


def test_finds_pages_by_their_content(client, demo):
    response = client.get("/search/", {"q": "residential"})
    assert response.status_code == 200
    assert "Outdoor residential" in result_titles(response)


def test_no_results_page_offers_help(client, demo):
    response = client.get("/search/", {"q": "zzzznothing"})
    assert result_titles(response) == []
    assert "0 results" in response.content.decode()
    assert "double-checking your spelling" in response.content.decode()


def test_empty_query_shows_the_form_only(client, demo):
    response = client.get("/search/")
    assert response.status_code == 200
    assert response.context["search_results"] is None


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced quote',
        "AND OR NOT",
        "residential*",
        "(((",
        "NEAR(residential)",
        "-- ; DROP TABLE wagtailcore_page;",
        "<script>alert('x')</script>",
        "émoji 🚨 street drinking",
        "\x00null byte",
        "residential " * 2000,
    ],
)
def test_odd_and_huge_queries_answer_normally(client, demo, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert('x')</script>" not in body
    assert len(response.context["search_query"]) <= 200


def test_pagination_of_results(client, demo):
    response = client.get("/search/", {"q": "hub westfield programme young people", "page": "999"})
    assert response.status_code == 200
    assert response.context["search_results"].number == response.context["search_results"].paginator.num_pages


def test_drafts_are_not_found(client, demo):
    from programmes.models import ProgrammePage

    ProgrammePage.objects.get(slug="outdoor-residential").unpublish()
    assert "Outdoor residential" not in result_titles(client.get("/search/", {"q": "residential"}))
