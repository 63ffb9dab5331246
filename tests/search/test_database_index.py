"""The PostgreSQL index that lets Wagtail's database search skip a full scan (directory migration 0003)."""

import pytest
from django.db import connection


@pytest.mark.django_db
def test_postgresql_searches_use_an_index_on_the_expression_they_match():
    if connection.vendor != "postgresql":
        pytest.skip("the index exists only on PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'wagtailsearch_indexentry' "
            "AND indexname = 'wagtailsearch_indexentry_title_body_gin'"
        )
        (definition,) = cursor.fetchone()
    assert "gin" in definition and "(title || body)" in definition
