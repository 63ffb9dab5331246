from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from directory.search import clean_query
from portal.hubs import hub_for_request
from portal.navigation import find_site

from .models import SiteSettings
from .search import search_site
from .tasks import log_search

MAX_PAGE = 50


def page_number(request):
    """The page asked for, 1 to ``MAX_PAGE``; anything else is the first page."""
    value = request.GET.get("page", "")
    return min(int(value), MAX_PAGE) if value.isascii() and value.isdigit() and int(value) > 0 else 1


def search(request):
    """The site search: the hub's pages and programmes, the agencies covering it, its promoted results first. Long
    or odd queries are trimmed, never refused. A first page's search is logged by the task queue."""
    query = clean_query(request.GET.get("q", ""))
    site = find_site(request)
    results = None
    log = None
    if query and site is not None:
        hub = hub_for_request(request)
        synonyms = SiteSettings.for_site(site).search_synonyms
        number = page_number(request)
        results = search_site(query, site=site, hub=hub, synonyms=synonyms, page_number=number)
        if number == 1:
            log = {"hub_id": hub.pk if hub else None, "query": query, "found": results.found}
            log_search.enqueue(**log)
    response = TemplateResponse(request, "home/search.html", {"search_query": query, "search": results})
    if log is not None:
        # Served again from the page cache (portal.pagecache), the search is still logged.
        response.pagecache_on_hit = ("home.tasks.log_search", log)
    return response


@require_GET
def favicon(request):
    """/favicon.ico, where browsers and feed readers look whatever the page links: the static icon (a day's cache)."""
    response = redirect(static("images/favicon.ico"))
    patch_cache_control(response, public=True, max_age=60 * 60 * 24)
    return response
