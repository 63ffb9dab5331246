from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from directory.models import Organisation
from directory.search import (
    covering_slugs,
    find_organisations,
    prefetch_for_listing,
    public_services,
    search_terms,
)
from home.models import SiteSettings
from portal.hubs import hub_for_request
from portal.navigation import find_site
from portal.pagination import page_from_request
from portal.search.forgiving import understand

from .forms import DirectorySearchForm

RESULTS_PER_PAGE = 10


LOCAL, COUNTY = "local", "county"


class ResultGroups:
    """Result lists paged as one list: every row of the first group, then the next. Each row fetched is marked
    with its group (``directory_group``) so the page can put a heading where a group starts."""

    def __init__(self, groups):
        self.groups = groups  # [(key, results)], results a queryset or Wagtail search results
        self._counts = None

    def counts(self):
        if self._counts is None:
            self._counts = {key: results.count() for key, results in self.groups}
        return self._counts

    def count(self):
        return sum(self.counts().values())

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop if index.stop is not None else self.count()
        rows, offset = [], 0
        for key, results in self.groups:
            size = self.counts()[key]
            low, high = max(start - offset, 0), min(stop - offset, size)
            if low < high:
                for organisation in results[low:high]:
                    organisation.directory_group = key
                    rows.append(organisation)
            offset += size
        return prefetch_for_listing(rows)


def directory_index(request):
    """Search and filter the published directory. Odd input is trimmed or ignored, never refused.

    On a hub's site the organisations with a service covering that hub come first ("Covering <hub>"); the rest of
    the county follows only when asked for (``county=1``: a checkbox and a link, no JavaScript needed)."""
    hub = hub_for_request(request)
    form = DirectorySearchForm(request.GET or None, hub=hub)
    query, filters, county = form.query(), form.filters(), form.wants_county()
    understanding = understand(" ".join(search_terms(query)), synonyms=hub_synonyms(request))
    found = {"filters": filters, "prefetch": False, "understanding": understanding}
    if hub is None:
        groups = [(COUNTY, find_organisations(**found))]
    else:
        local = covering_slugs(hub)
        groups = [(LOCAL, find_organisations(only=local, **found))]
        if county:
            groups.append((COUNTY, find_organisations(excluding=local, **found)))
    grouped = ResultGroups(groups)
    results = page_from_request(Paginator(grouped, RESULTS_PER_PAGE), request)
    return TemplateResponse(
        request,
        "directory/directory_index.html",
        {
            "form": form,
            "hub": hub,
            "county": county,
            "group_counts": grouped.counts(),
            "search_query": query,
            "understanding": understanding,
            "filters_applied": bool(filters) or bool(form.errors),
            "results": results,
            "county_query": county_query(request),
        },
    )


def hub_synonyms(request):
    """The synonyms list of the hub whose site answered (its site settings, kept in the cache)."""
    site = find_site(request)
    return SiteSettings.for_site(site).search_synonyms if site is not None else ""


def county_query(request):
    """The current search with the rest of the county asked for (back to page 1)."""
    params = request.GET.copy()
    params.pop("page", None)
    params["county"] = "1"
    return params.urlencode()


def organisation_detail(request, slug):
    """A published organisation as it is live: pending drafts stay in their revisions."""
    services = (
        public_services()
        .order_by("name")
        .prefetch_related("taxonomy_terms", "areas", "locations", "schedules", "contacts")
    )
    organisations = (
        Organisation.objects.published()
        .select_related("logo")
        .prefetch_related("logo__renditions", Prefetch("services", queryset=services, to_attr="public_services"))
    )
    organisation = get_object_or_404(organisations, slug=slug)
    return TemplateResponse(request, "directory/organisation.html", {"organisation": organisation})
