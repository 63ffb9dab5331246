from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from directory.models import Organisation
from directory.search import find_organisations, public_services
from portal.pagination import page_from_request

from .forms import DirectorySearchForm

RESULTS_PER_PAGE = 10


def directory_index(request):
    """Search and filter the published directory. Odd input is trimmed or ignored, never refused."""
    form = DirectorySearchForm(request.GET or None)
    query, filters = form.query(), form.filters()
    results = page_from_request(Paginator(find_organisations(query, filters), RESULTS_PER_PAGE), request)
    return TemplateResponse(
        request,
        "directory/directory_index.html",
        {
            "form": form,
            "search_query": query,
            "filters_applied": bool(filters) or bool(form.errors),
            "results": results,
        },
    )


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
