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
