"""Finding published partner organisations: words through Wagtail search, filters through their services.

Filters become a list of organisation slugs (a FilterField) before the search runs, so the same query works on
the database backends and on Elasticsearch, which cannot follow related lookups inside a search.
"""

import time
from dataclasses import dataclass
from functools import cached_property

from django.core.cache import cache
from django.db.models import Prefetch, Q, prefetch_related_objects

from portal.search.forgiving import understand
from portal.search.words import query_words

from .choices import PUBLIC_SERVICE_STATUSES
from .models import Organisation, Service

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
COVERAGE_VERSION_KEY = "directory-coverage-version"
COVERAGE_SECONDS = 600  # at most, whatever changed without a signal (a queryset update)
MAX_RANKED = 10_000  # matches ranked by one query (a search server's default result window)


@dataclass(frozen=True)
class DirectoryFilters:
    category: str = ""
    area: str = ""
    age: int | None = None

    def __bool__(self):
        return bool(self.category or self.area or self.age is not None)


def clean_query(text):
    """What the person typed, on one line, without control characters, short enough to echo back."""
    text = "".join(character for character in text if character.isprintable())
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def search_terms(query):
    """The query's first MAX_TERMS plain words."""
    return query_words(query)[:MAX_TERMS]


def public_services():
    return Service.objects.filter(live=True, status__in=PUBLIC_SERVICE_STATUSES)


def listing_prefetch():
    services = public_services().order_by("name").prefetch_related("taxonomy_terms")
    return Prefetch("services", queryset=services, to_attr="public_services")


def for_listing(organisations):
    """Each organisation's published services and their categories, fetched in two queries for any page size."""
    return organisations.prefetch_related(listing_prefetch())


def prefetch_for_listing(organisations):
    """The same two queries for a page of organisations already fetched (a page that spans two result groups)."""
    organisations = list(organisations)
    prefetch_related_objects(organisations, listing_prefetch())
    return organisations


def covers_hub_q(hub, prefix=""):
    """Services covering ``hub``: one of their areas is the hub's, or they name no area (they cover them all)."""
    return Q(**{f"{prefix}areas__hub_id": hub.pk}) | Q(**{f"{prefix}areas__isnull": True})


def covering_slugs(hub):
    """Slugs of organisations listed under ``hub``: with a published service covering it, or, for an organisation
    with no published service yet, working with the hub (its hub partnership). One query over every service (a
    tenth of a second at 6,000), so kept in the shared cache until a directory row changes (``coverage_changed``)."""
    version = cache.get(COVERAGE_VERSION_KEY)
    if version is None:
        version = coverage_changed()
    key = f"directory-covering-slugs:{hub.pk}:{version}"
    slugs = cache.get(key)
    if slugs is None:
        slugs = read_covering_slugs(hub)
        cache.set(key, slugs, COVERAGE_SECONDS)
    return slugs


def coverage_changed(**kwargs):
    """Every hub's covering slugs are read again (a signal receiver: ``directory.signals``). Returns the new version."""
    version = time.time_ns()
    cache.set(COVERAGE_VERSION_KEY, version, COVERAGE_SECONDS)
    return version


def read_covering_slugs(hub):
    services = Service.objects.published()
    covering = services.filter(covers_hub_q(hub)).values("organisation_id")
    without_services = Q(hub_partnerships__hub_id=hub.pk) & ~Q(pk__in=services.values("organisation_id"))
    organisations = Organisation.objects.filter(Q(pk__in=covering) | without_services)
    return set(organisations.order_by().values_list("slug", flat=True).distinct())


def matching_slugs(filters):
    """Slugs of organisations with a published service that meets every filter; a service naming no area
    is taken to cover them all."""
    services = Service.objects.published()
    if filters.category:
        services = services.filter(taxonomy_terms__slug=filters.category)
    if filters.area:
        services = services.filter(Q(areas__slug=filters.area) | Q(areas__isnull=True))
    if filters.age is not None:
        services = services.filter(
            Q(minimum_age__isnull=True) | Q(minimum_age__lte=filters.age),
            Q(maximum_age__isnull=True) | Q(maximum_age__gte=filters.age),
        )
    return list(services.order_by().values_list("organisation__slug", flat=True).distinct())


def find_organisations(
    query="", filters=DirectoryFilters(), *, only=None, excluding=None, prefetch=True, understanding=None
):
    """Published organisations for the query and filters, most relevant first (by name with no query).

    The query is understood forgivingly (``portal.search.forgiving``: word forms, the hub's synonyms, spelling);
    pass ``understanding`` to use the hub's synonyms. Every word must match (each by any of its alternatives); when
    no organisation has them all, any word may (a long question still finds something). ``only``/``excluding``
    are organisation slugs to keep to or leave out (a hub's own group and the rest of the county). Returns a
    queryset (no query, nothing kept out), ``ListedResults`` (no query) or ``RankedResults``: all paginate and
    count.
    """
    organisations = Organisation.objects.published()
    if prefetch:
        organisations = for_listing(organisations)
    if filters:
        slugs = set(matching_slugs(filters))
        only = slugs if only is None else slugs & set(only)
    if understanding is None:
        understanding = understand(" ".join(search_terms(query)))
    if not understanding:
        if only is None and not excluding:
            return organisations.order_by("name")
        return ListedResults(organisations, only=only, excluding=excluding)
    expressions = [understanding.expression("and")]
    if len(understanding.concepts) > 1:
        expressions.append(understanding.expression("or"))
    return RankedResults(organisations, expressions, only=only, excluding=excluding)


def restrict(organisations, only=None, excluding=None):
    """``organisations`` kept to the slugs ``only`` and without the slugs ``excluding`` (None: no restriction)."""
    if only is not None:
        organisations = organisations.filter(slug__in=sorted(only))
    if excluding:
        organisations = organisations.exclude(slug__in=sorted(excluding))
    return organisations


def ranked_keys(results):
    """``(pk, slug)`` of Wagtail search results, in order. On the database backends only those two columns are read
    (the rows' search vectors, which the backend selects to match them, stay in the database)."""
    get_queryset = getattr(results, "get_queryset", None)
    if get_queryset is not None:
        return list(get_queryset().values_list("pk", "slug"))
    return [(row.pk, row.slug) for row in results]


class KeptResults:
    """Organisations of ``queryset`` in the order of ``_keys()`` (subclasses), kept to the slugs ``only`` and without
    those ``excluding``. Counts, slices and iterates as Django's Paginator and the templates need: the keys come from
    one query (their number is the count), then a slice's rows from one more (with the queryset's prefetches).

    The restriction (a hub's covering agencies, the filters: thousands of slugs) is applied to the keys here, not
    sent with the query: a list of thousands of slugs in the statement cost more to build, send and match than
    the search itself (at 20,000 agencies, 0.1 s a page)."""

    def __init__(self, queryset, only=None, excluding=None):
        self.queryset = queryset
        self.only = None if only is None else frozenset(only)
        self.excluding = frozenset(excluding or ())

    @property
    def restricting(self):
        return self.only is not None or bool(self.excluding)

    def restricted(self):
        """The queryset with the restriction in the query itself."""
        return restrict(self.queryset, self.only, self.excluding)

    def kept(self, keys):
        if not self.restricting:
            return keys
        only, excluding = self.only, self.excluding
        return [(pk, slug) for pk, slug in keys if (only is None or slug in only) and slug not in excluding]

    @cached_property
    def ids(self):
        return [pk for pk, _slug in self.kept(self._keys())]

    def _keys(self):
        raise NotImplementedError

    def count(self):
        return len(self.ids)

    def __len__(self):
        return self.count()

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        wanted = self.ids[index]
        if not wanted:
            return []
        rows = {row.pk: row for row in self.queryset.filter(pk__in=wanted).order_by()}
        return [rows[pk] for pk in wanted if pk in rows]


class ListedResults(KeptResults):
    """Every organisation of the queryset kept, by name (the directory with no words searched)."""

    def _keys(self):
        return list(self.queryset.order_by("name", "pk").values_list("pk", "slug"))


class RankedResults(KeptResults):
    """What the first of ``expressions`` that matches anything finds, best first. Only when the search finds
    ``MAX_RANKED`` matches or more, where the ranked keys may not hold every match that the restriction keeps, does
    the search carry the restriction itself (``restricted()``); and only then is the count a COUNT query."""

    def __init__(self, queryset, expressions, only=None, excluding=None):
        super().__init__(queryset, only=only, excluding=excluding)
        self.expressions = expressions

    @cached_property
    def _matches(self):
        """``(ranked pks, expression)``: at most MAX_RANKED of them."""
        keys = self.queryset.order_by().only("pk", "slug")
        for expression in self.expressions:
            found = ranked_keys(keys.search(expression)[:MAX_RANKED])
            if found and self.restricting and len(found) >= MAX_RANKED:
                found = ranked_keys(self.restricted().order_by().only("pk", "slug").search(expression)[:MAX_RANKED])
            else:
                found = self.kept(found)
            if found:
                return [pk for pk, _slug in found], expression
        return [], self.expressions[-1]

    @property
    def ids(self):
        return self._matches[0]

    def top(self, size):
        """The first ``size`` matches with their rows (one query when nothing is restricted, else two)."""
        if self.restricting:
            return self[:size]
        for expression in self.expressions:
            rows = list(self.queryset.search(expression)[:size])
            if rows:
                return rows
        return []

    @cached_property
    def _count(self):
        ids, expression = self._matches
        if len(ids) < MAX_RANKED:
            return len(ids)
        return self.restricted().order_by().search(expression).count()

    def count(self):
        return self._count
