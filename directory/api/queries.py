"""What the API reads: only published entries, filtered, ordered, and fetched in a fixed number of queries."""

from uuid import UUID

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from directory.models import (
    PUBLIC_SERVICE_STATUSES,
    Service,
    ServiceLocation,
    Taxonomy,
    TaxonomyTerm,
)
from portal.search.forgiving import understand

from . import geo
from .http import BadParameter

MAX_SEARCH_HITS = 10_000  # Elasticsearch's default result window


def terms():
    return TaxonomyTerm.objects.select_related("taxonomy", "parent").order_by("taxonomy__name", "name", "pk")


def taxonomies():
    return Taxonomy.objects.order_by("name", "pk")


def taxonomy_with_terms():
    return taxonomies().prefetch_related(Prefetch("terms", queryset=terms()))


def services():
    """Published services with what a list item shows (the service and its organisation)."""
    return Service.objects.published().select_related("organisation__logo").order_by("name", "pk")


def services_in_full():
    """Published services with every related row a full service shows, in a fixed number of queries."""
    return services().prefetch_related(
        "schedules",
        "areas",
        "locations",
        "contacts",
        Prefetch("taxonomy_terms", queryset=terms()),
    )


def service_locations():
    return ServiceLocation.objects.filter(service__in=Service.objects.published()).order_by(
        "service__name", "service_id", "sort_order", "pk"
    )


def service_locations_for_list():
    return service_locations().select_related("service__organisation__logo")


def service_locations_in_full():
    return (
        service_locations()
        .select_related("service__organisation__logo")
        .prefetch_related(
            "service__schedules",
            "service__areas",
            "service__locations",
            "service__contacts",
            Prefetch("service__taxonomy_terms", queryset=terms()),
        )
    )


def _term_lookup(value):
    try:
        return Q(taxonomy_terms__uuid=UUID(value))
    except ValueError:
        return Q(taxonomy_terms__slug=value)


def _area_lookup(value):
    """Services naming the area (by id or slug) or any area of the hub with this slug."""
    try:
        return Q(areas__uuid=UUID(value))
    except ValueError:
        return Q(areas__slug=value) | Q(areas__hub__slug=value)


def _schedule_lookup(filters):
    """One opening must match every time filter: on one of ``days``, opening at ``start_time`` or later, closing by
    ``end_time`` (times in the hub's local time, as openings are stored)."""
    lookup = Q()
    if filters.days:
        lookup &= Q(schedules__weekday__in=filters.days)
    if filters.start_time:
        lookup &= Q(schedules__opens_at__gte=filters.start_time)
    if filters.end_time:
        lookup &= Q(schedules__closes_at__lte=filters.end_time)
    return lookup


def matching_service_ids(filters):
    """A subquery of the services that pass the taxonomy, age and time filters (search and place aside)."""
    matching = Service.objects.all()
    if not filters.narrows_services:
        return None
    if filters.taxonomy_term:
        matching = matching.filter(_term_lookup(filters.taxonomy_term))
    if filters.taxonomy:
        matching = matching.filter(taxonomy_terms__taxonomy__uuid=filters.taxonomy)
    if filters.minimum_age is not None and filters.minimum_age > 0:
        matching = matching.filter(minimum_age__gte=filters.minimum_age)
    if filters.maximum_age is not None:
        matching = matching.filter(maximum_age__lte=filters.maximum_age)
    if filters.has_schedule:
        matching = matching.filter(_schedule_lookup(filters))
    if filters.service_area:
        matching = matching.filter(_area_lookup(filters.service_area))
    return matching.values("pk")


def filter_services(queryset, filters, *, service_field="pk"):
    matching = matching_service_ids(filters)
    return queryset if matching is None else queryset.filter(**{f"{service_field}__in": matching})


def searchable_services():
    """The rows a search runs over, filtered only on index.FilterField fields so every backend can run it."""
    return Service.objects.filter(live=True, status__in=PUBLIC_SERVICE_STATUSES).only("pk")


def search_ranking(search):
    """Service pk -> rank (0 is the best match) for a full-text search through Wagtail search, forgiving as the
    directory's search is (word forms and misspellings, ``portal.search.forgiving``): every word must match, each by
    any of its forms or its correction."""
    hits = searchable_services().search(understand(search).expression("and"))[:MAX_SEARCH_HITS]
    return {service.pk: rank for rank, service in enumerate(hits)}


def ranked_service_ids(queryset, search):
    """pks of ``queryset`` (services) that match ``search``, best match first."""
    ranking = search_ranking(search)
    matches = [pk for pk in queryset.values_list("pk", flat=True) if pk in ranking]
    return sorted(matches, key=ranking.__getitem__)


def ranked_location_ids(queryset, search):
    """pks of ``queryset`` (service locations) whose service matches ``search``, best match first."""
    ranking = search_ranking(search)
    rows = [(pk, service_id) for pk, service_id in queryset.values_list("pk", "service_id") if service_id in ranking]
    return [pk for pk, service_id in sorted(rows, key=lambda row: ranking[row[1]])]


def locations_in_district(queryset, postcode):
    return geo.located_in_district(queryset, postcode.outward)


def nearest_location_ids(queryset, filters):
    """pks of geocoded ``queryset`` rows within ``filters.proximity`` metres of the postcode, nearest first."""
    origin = geo.centroid(service_locations(), filters.postcode)
    if origin is None:
        raise BadParameter(
            "postcode",
            _(
                "No location in this directory has the postcode %(postcode)s or is in its district, "
                "so distances from it cannot be measured."
            )
            % {"postcode": filters.postcode},
        )
    rows = queryset.filter(geo.bounding_box(origin, filters.proximity)).values_list(
        "pk", "service_id", "latitude", "longitude"
    )
    if filters.search:
        ranking = search_ranking(filters.search)
        rows = [row for row in rows if row[1] in ranking]
    nearby = geo.nearest(((pk, lat, lon) for pk, _service, lat, lon in rows), origin, filters.proximity)
    return [pk for pk, _distance in nearby]
