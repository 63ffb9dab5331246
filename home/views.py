from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Page

from portal.navigation import private_sections_q
from portal.pagination import page_from_request
from portal.search.words import query_words

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def search_terms(query):
    return " ".join(query_words(query))


def search(request):
    """Site search over published public pages. Long or odd queries are trimmed, never refused."""
    query = " ".join(request.GET.get("q", "").replace("\x00", "").split())[:MAX_QUERY_LENGTH]
    terms = search_terms(query)
    results = None
    if query:
        matches = Page.objects.live().exclude(private_sections_q()).filter(depth__gt=1)
        matches = matches.search(terms, operator="or") if terms else matches.none()
        results = page_from_request(Paginator(matches, RESULTS_PER_PAGE), request)
        ranked_ids = [page.pk for page in results.object_list]
        specific = {page.pk: page for page in Page.objects.filter(pk__in=ranked_ids).specific()}
        results.object_list = [specific[pk] for pk in ranked_ids if pk in specific]
    return TemplateResponse(request, "home/search.html", {"search_query": query, "search_results": results})


@require_GET
def favicon(request):
    """/favicon.ico, where browsers and feed readers look whatever the page links: the static icon (a day's cache)."""
    response = redirect(static("images/favicon.ico"))
    patch_cache_control(response, public=True, max_age=60 * 60 * 24)
    return response
