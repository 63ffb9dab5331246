"""Open Referral UK API: the hub's published directory as HSDS 3.0 (UK profile) JSON, at /api/oruk/.

Endpoints (all GET; HEAD and OPTIONS too; any other method gets 405):

- ``/``: ``version`` (HSDS-UK-3.0), ``profile`` and ``openapi_url``.
- ``/services``: a page of services, each with its one-to-one fields and its organisation.
- ``/services/{id}``: one fully nested service: schedules, service areas, service at locations (with the
  location, its address and accessibility note), cost options, contacts, attributes (its taxonomy terms).
- ``/taxonomies``, ``/taxonomies/{id}`` (with its terms), ``/taxonomy_terms``, ``/taxonomy_terms/{id}``.
- ``/service_at_locations``: a page of the places where services are offered, each with the location and
  the service summary. ``/service_at_locations/{id}``: one, with its location and full service.

Only published data: services that are live, of a live organisation and running or temporarily closed.
Drafts, unpublished organisations and their services are invisible everywhere, item endpoints included.
Ids are UUIDs. Rows the directory does not store separately (service areas, cost options, attributes,
addresses, accessibility, phones) have ids derived from their parents' ids, stable between responses.
Empty optional fields are left out. Beyond the UK profile, contacts carry ``email`` and ``phones`` and
services ``phones``, as in HSDS 3.0.

Paging (every list): ``page`` counts from 1, and 0 or below is the first page; ``per_page`` defaults to 50,
0 or below is the default, and any value above 200 is served as 200. A page past the last one (any page
above 1,000,000 is served as page 1,000,000) is an empty page (200), not an error. Every page carries
total_items, total_pages (0 when nothing matches), page_number, size (the items on this page),
first_page, last_page, empty (this page has no items) and contents.

Filters on /services and /service_at_locations (all optional; together they must all hold):

- ``search``: full-text search (Wagtail search: names, descriptions, eligibility, keywords, category and
  organisation names). Every word must match, by any of its forms (homeless, homelessness) or, for a word
  no entry uses, the closest word that one does (alchohol: alcohol), as the directory's search forgives;
  results come best match first. Punctuation is ignored and a search without words is no filter. At most
  the first 10 words and the best 10,000 matches are considered.
- ``taxonomy_term_id``: services with this taxonomy term, given by its id or its stable code (e.g.
  ``drugs-and-alcohol``). ``taxonomy_id``: services with any term of this taxonomy.
- ``minimum_age``: services whose minimum age is at least this (a service without a minimum age counts as
  0). ``maximum_age``: services whose maximum age is at most this (a service without one has no upper
  limit, so it is left out). Ages are numbers of years, 0 or more.
- ``day`` (MO, TU, WE, TH, FR, SA, SU in any case, perhaps after an occurrence in a month as in 2MO or
  -1FR, or the day's English name; several comma-separated: any of them), ``start_time`` and ``end_time``
  (HH:MM or HH:MM:SS, perhaps with a fraction, then Z, an offset or nothing; with Z or an offset converted
  to the hub's local time as it falls today, since opening times are stored in local time): services with
  one opening time that is on that day, opens at start_time or later and closes at end_time or earlier.
- ``service_area``: services covering an area, given by the area's id or its code (e.g. ``northgate``), or
  by a hub's code (e.g. ``carlisle``: services naming any area of that hub). Each service's
  ``service_areas`` carry its areas (``name`` is the area's name). The API publishes the whole county;
  services naming no area are left out of this filter, since they name no coverage to match.
- ``postcode`` (/service_at_locations only): a UK postcode (CA28 7XY) or district (CA28). Without
  ``proximity`` it returns the locations in that postcode district (there is no geocoder and the areas a
  service covers are named places without boundaries, so the district is the coverage rule).
- ``proximity`` (/service_at_locations only, needs ``postcode``): locations within this many metres of
  the postcode, nearest first. The postcode is placed at the centre of the directory's own geocoded
  locations with that postcode, else of those in its district; if the directory has none there, the
  answer is 400 naming ``postcode``, since no distance can be measured. Locations without coordinates are
  left out.

Unknown ids in filters (a well-formed id that matches nothing) give an empty page.

Errors are JSON ``{"status": ..., "message": ..., "parameter": ...}``:

- 400 for a bad parameter value, naming the parameter: page or per_page that is not a whole number, an
  empty, negative or non-numeric age, a day that is not a day, a time that is not a time of day (or is empty), a
  filter id that is neither an id nor a code, a postcode not in UK form, proximity that is not a positive
  distance (up to 1,000 km) or comes without a postcode.
- 404 for an id that is malformed or unknown, or that belongs to something unpublished, and for any path
  the API does not have. 405 for methods other than GET, HEAD and OPTIONS.
- 503 when the database is locked or unreachable, with ``Retry-After`` and ``Cache-Control: no-store``.

Every response, errors included, carries ``Access-Control-Allow-Origin: *``. The number of SQL queries a
response makes does not grow with the page size.
"""

from django.utils.translation import gettext as _

from . import queries, serializers
from .http import NotFound, api_view, json_response
from .paging import page_of_queryset, page_of_ranked
from .params import read_paging, read_service_filters, read_uuid

API_INFO = {
    "version": "HSDS-UK-3.0",
    "profile": "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md",
    "openapi_url": "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/openapi.json",
}


def _get_or_404(queryset, raw_id, *, field="uuid"):
    found = queryset.filter(**{field: read_uuid(raw_id)}).first()
    if found is None:
        raise NotFound(_("There is nothing published with this id."))
    return found


@api_view
def root(request):
    return json_response(API_INFO)


@api_view
def service_list(request):
    paging = read_paging(request.GET)
    filters = read_service_filters(request.GET)
    matching = queries.filter_services(queries.services(), filters)
    if filters.search:
        page = page_of_ranked(matching, queries.ranked_service_ids(matching, filters.search), paging)
    else:
        page = page_of_queryset(matching, paging)
    absolute_url = request.build_absolute_uri
    return json_response(page.as_json([serializers.service_summary(s, absolute_url=absolute_url) for s in page.items]))


@api_view
def service_detail(request, id):
    service = _get_or_404(queries.services_in_full(), id)
    return json_response(serializers.service_full(service, absolute_url=request.build_absolute_uri))


@api_view
def taxonomy_list(request):
    page = page_of_queryset(queries.taxonomies(), read_paging(request.GET))
    return json_response(page.as_json([serializers.taxonomy(taxonomy) for taxonomy in page.items]))


@api_view
def taxonomy_detail(request, id):
    taxonomy = _get_or_404(queries.taxonomy_with_terms(), id)
    return json_response(serializers.taxonomy(taxonomy, terms=taxonomy.terms.all()))


@api_view
def taxonomy_term_list(request):
    page = page_of_queryset(queries.terms(), read_paging(request.GET))
    return json_response(page.as_json([serializers.taxonomy_term(term) for term in page.items]))


@api_view
def taxonomy_term_detail(request, id):
    return json_response(serializers.taxonomy_term(_get_or_404(queries.terms(), id)))


def _service_at_location_page(filters, paging):
    matching = queries.filter_services(queries.service_locations_for_list(), filters, service_field="service")
    if filters.proximity:
        return page_of_ranked(matching, queries.nearest_location_ids(matching, filters), paging)
    if filters.postcode:
        matching = queries.locations_in_district(matching, filters.postcode)
    if filters.search:
        return page_of_ranked(matching, queries.ranked_location_ids(matching, filters.search), paging)
    return page_of_queryset(matching, paging)


@api_view
def service_at_location_list(request):
    paging = read_paging(request.GET)
    page = _service_at_location_page(read_service_filters(request.GET, places=True), paging)
    absolute_url = request.build_absolute_uri
    contents = [serializers.service_at_location_summary(place, absolute_url=absolute_url) for place in page.items]
    return json_response(page.as_json(contents))


@api_view
def service_at_location_detail(request, id):
    place = _get_or_404(queries.service_locations_in_full(), id, field="service_at_location_uuid")
    return json_response(serializers.service_at_location_full(place, absolute_url=request.build_absolute_uri))


@api_view
def not_found(request, path=""):
    raise NotFound(_("The Open Referral UK API has no such endpoint. See /api/oruk/ for what it offers."))
