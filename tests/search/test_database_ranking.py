"""The database backend ranks a search of several words by how well each row matches them all, best first, on
SQLite (FTS5's bm25, portal.search.database) as on PostgreSQL."""

import pytest
from wagtail.search.query import And, Or, PlainText

from directory.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_row_matching_every_word_best_comes_first_for_a_query_of_several_words():
    own = OrganisationFactory(
        name="Westfield Homes", summary="Westfield Homes rents homes in Westfield.", description="Homes in Westfield."
    )
    passing = [
        OrganisationFactory(
            name=f"Westfield agency {n}",
            summary="Helps residents of Westfield with local problems, wherever they live.",
            description="We can visit you at home as well as in our office, and we work with the hub.",
        )
        for n in range(3)
    ]
    # Rows that match neither word make both rare, so each match scores high (where the old formula turned round).
    OrganisationFactory.create_batch(12, summary="Advice on debt and benefits.", description="Drop in on Tuesdays.")
    forgiving = And([PlainText("westfield"), Or([PlainText("homes"), PlainText("home")])])

    found = list(Organisation.objects.search(forgiving))

    assert set(found) == {own, *passing}
    assert found[0] == own


def test_postgresql_parses_each_query_once_per_search_not_once_per_row():
    """Wagtail writes ``to_tsquery('...')`` per word and alternative into the statement, which PostgreSQL parsed for
    every index entry it tested and ranked; ours makes each a scalar subquery, run once (an InitPlan)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql":
        pytest.skip("the query parsing is PostgreSQL's")
    own = OrganisationFactory(name="Canoe club", summary="Canoeing and kayaking on the lake.")
    OrganisationFactory(name="Chess club", summary="Chess on Tuesdays.")
    query = Or([PlainText("canoeing"), And([PlainText("kayak"), PlainText("lake")])])
    with CaptureQueriesContext(connection) as queries:
        found = list(Organisation.objects.search(query))
    assert found == [own]
    (sql,) = [captured["sql"] for captured in queries.captured_queries if "to_tsquery" in captured["sql"]]
    assert sql.count("to_tsquery(") == sql.count("(SELECT to_tsquery(") > 0
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "InitPlan" in plan
