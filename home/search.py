"""The site search (``/search/``): a hub's own pages and programmes, the partner agencies covering the hub, and
the hub's promoted results first, from one forgiving query (``portal.search.forgiving``).

Reads only; the view logs the search (``home.tasks``). Each group is fetched a slice at a time (one more row than
shown says whether there are more), so the page's queries do not grow with the number of results.
"""

from dataclasses import dataclass, field

from django.utils.html import strip_tags
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from directory.models import TaxonomyTerm
from directory.search import covering_slugs, find_organisations, prefetch_for_listing
from portal.navigation import private_sections_q
from portal.search import vocabulary
from portal.search.forgiving import understand
from portal.search.words import query_words
from programmes.models import ProgrammePage, Run

PAGES_PER_PAGE = 10
AGENCIES_SHOWN = 5
SERVICES_SHOWN = 3
SUGGESTIONS = 5


@dataclass
class SiteSearch:
    query: str
    understanding: object = None
    promoted: list = field(default_factory=list)
    pages: list = field(default_factory=list)
    more_pages: bool = False
    page_number: int = 1
    agencies: list = field(default_factory=list)
    more_agencies: bool = False
    suggestions: list = field(default_factory=list)
    categories: list = field(default_factory=list)

    @property
    def found(self):
        return bool(self.promoted or self.pages or self.agencies)


@dataclass
class PageHit:
    page: Page
    text: str
    next_run: Run | None = None


@dataclass
class AgencyHit:
    organisation: object
    services: list


def search_site(query, *, site, hub, synonyms="", page_number=1):
    """What ``/search/`` shows for ``query`` on ``site`` (the hub's pages) and ``hub`` (the agencies covering it:
    every published agency when there is no hub)."""
    understanding = understand(query, synonyms=synonyms)
    result = SiteSearch(query, understanding, page_number=page_number)
    if not understanding:
        return result
    if page_number == 1:
        result.promoted = promoted_pages(query, site)
    promoted_ids = {promotion.page_id for promotion in result.promoted}
    hits, result.more_pages = matching_pages(understanding, site, page_number)
    result.pages = [hit for hit in hits if hit.page.pk not in promoted_ids]
    if page_number == 1:
        result.agencies, result.more_agencies = matching_agencies(understanding, hub)
    if not result.found:
        result.suggestions = suggestions(query)
        result.categories = list(TaxonomyTerm.objects.filter(parent__isnull=True).order_by("name"))
    return result


def promoted_pages(query, site):
    """The hub's promoted results for this query (Wagtail's search promotions whose page is on the hub's site)."""
    root = site.root_page
    return list(
        SearchPromotion.objects.filter(
            query__query_string=normalise_query_string(query),
            page__live=True,
            page__path__startswith=root.path,
        )
        .exclude(page__in=Page.objects.filter(private_sections_q()))
        .select_related("page")
        .order_by("sort_order")
    )


def pages_on(site):
    return (
        Page.objects.live()
        .exclude(private_sections_q())
        .filter(depth__gt=site.root_page.depth - 1, path__startswith=site.root_page.path)
    )


def matching_pages(understanding, site, page_number):
    """A page of the hub's published pages (``PageHit``), and whether more follow. Every concept, else any."""
    start = (page_number - 1) * PAGES_PER_PAGE
    pages = pages_on(site)
    found = list(pages.search(understanding.expression("and"))[start : start + PAGES_PER_PAGE + 1])
    if not found and start == 0 and len(understanding.concepts) > 1:
        found = list(pages.search(understanding.expression("or"))[: PAGES_PER_PAGE + 1])
    more, found = len(found) > PAGES_PER_PAGE, found[:PAGES_PER_PAGE]
    specific = specific_pages(found)
    runs = next_runs([page.pk for page in specific if isinstance(page, ProgrammePage)])
    return [PageHit(page, page_text(page), runs.get(page.pk)) for page in specific], more


def specific_pages(pages):
    """The pages as their own types, in the same order: one query per type (no query for the base rows)."""
    by_model = {}
    for page in pages:
        by_model.setdefault(page.specific_class or Page, []).append(page.pk)
    specific = {}
    for model, ids in by_model.items():
        specific.update({page.pk: page for page in model.objects.filter(pk__in=ids)})
    return [specific[page.pk] for page in pages if page.pk in specific]


def page_text(page):
    """The page's own summary, for the excerpt that shows why it matched."""
    for name in ("search_description", "summary", "intro"):
        text = strip_tags(str(getattr(page, name, "") or "")).strip()
        if text:
            return text
    return ""


def next_runs(programme_ids):
    """``{programme id: its next run}``, with ``places_left`` and ``booking_status`` known (one query)."""
    if not programme_ids:
        return {}
    runs = Run.objects.filter(programme_id__in=programme_ids).upcoming().with_places_held()
    found = {}
    for run in runs.order_by("starts_at", "pk"):
        found.setdefault(run.programme_id, run)
    return found


def matching_agencies(understanding, hub):
    """The first agencies covering ``hub`` that match, each with its services that matched, and whether more do."""
    only = covering_slugs(hub) if hub is not None else None
    results = find_organisations(only=only, prefetch=False, understanding=understanding)
    found = prefetch_for_listing(results.top(AGENCIES_SHOWN + 1))
    words = understanding.words
    hits = [AgencyHit(organisation, matched_services(organisation, words)) for organisation in found]
    return hits[:AGENCIES_SHOWN], len(hits) > AGENCIES_SHOWN


def matched_services(organisation, words):
    """The organisation's published services whose own words include one the search matched."""
    stems = {vocabulary.stem(word) for word in words}
    matched = []
    for service in organisation.public_services:
        text = " ".join(
            [service.name, service.description, service.keywords, *(t.name for t in service.taxonomy_terms.all())]
        )
        if stems & {vocabulary.stem(word) for word in query_words(text)}:
            matched.append(service)
    return matched[:SERVICES_SHOWN]


def suggestions(query):
    """Known words close to the query's words, for a search that found nothing."""
    known = vocabulary.current()
    found = []
    for word in query_words(query)[:5]:
        found.extend(close for close in known.closest(word, count=3, cutoff=0.6, spread=4) if close != word)
    return list(dict.fromkeys(found))[:SUGGESTIONS]
