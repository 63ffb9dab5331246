"""Changes home makes: logging what people search for on a hub's site."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string

from .models import SearchTally


def record_search(*, hub_id, query, found, today=None, hits=1):
    """Count ``hits`` searches for ``query`` (one, or those a cached page answered since the last count): in
    Wagtail's query log (``Query``, daily hits: its promotions screen and its "popular searches") and in the hub's
    tally (``SearchTally``, with whether it found nothing), which the hub's search report reads. Safe under
    concurrent calls (each row is created once, then incremented in place)."""
    today = today or timezone.localdate()
    daily_hits, _ = QueryDailyHits.objects.get_or_create(query=Query.get(query), date=today)
    QueryDailyHits.objects.filter(pk=daily_hits.pk).update(hits=F("hits") + hits)
    if hub_id is None:
        return
    query_string = normalise_query_string(query)[: SearchTally._meta.get_field("query_string").max_length]
    changes = {"searches": F("searches") + hits, "without_results": F("without_results") + (0 if found else hits)}
    tally = SearchTally.objects.filter(hub_id=hub_id, query_string=query_string, date=today)
    if tally.update(**changes):
        return
    try:
        with transaction.atomic():
            SearchTally.objects.create(
                hub_id=hub_id,
                query_string=query_string,
                date=today,
                searches=hits,
                without_results=0 if found else hits,
            )
    except IntegrityError:
        tally.update(**changes)


SEARCH_TALLY_DAYS = 92


def delete_old_searches(*, now=None):
    """Forget what people searched for (it may name someone): the hub's tallies after ``SEARCH_TALLY_DAYS``,
    Wagtail's daily hits after ``WAGTAILSEARCH_HITS_MAX_AGE`` days, then queries with no hits nor promotions.
    Returns how many tallies and daily hits it deleted; safe to repeat."""
    today = timezone.localdate(now or timezone.now())
    tallies, _ = SearchTally.objects.filter(date__lt=today - timedelta(days=SEARCH_TALLY_DAYS)).delete()
    hits_cutoff = today - timedelta(days=settings.WAGTAILSEARCH_HITS_MAX_AGE)
    hits, _ = QueryDailyHits.objects.filter(date__lt=hits_cutoff).delete()
    Query.garbage_collect()
    return tallies + hits
