"""The site's page structure, cached so menus, breadcrumbs and privacy checks cost no queries.

Holds, per site, every live public page (title, URL, menu flag) and, for all sites, the paths of
private sections. Any change to a page, site or view restriction clears it. The cache is shared
between processes when REDIS_URL is set; with the per-process default cache the timeout bounds how
stale another process can be.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

STRUCTURE_KEY = "portal:site-structure:{site_id}"
PRIVATE_KEY = "portal:private-sections"
SITES_KEY = "portal:sites-by-host"
CACHE_TIMEOUT = 300


@dataclass(frozen=True)
class NavPage:
    id: int
    title: str
    url: str
    path: str
    depth: int
    in_menu: bool


@dataclass(frozen=True)
class SiteStructure:
    root_depth: int
    pages: dict  # tree path -> NavPage

    def by_id(self, page_id):
        return next((page for page in self.pages.values() if page.id == page_id), None)

    def menu(self):
        return [page for page in self.pages.values() if page.depth == self.root_depth + 1 and page.in_menu]

    def ancestors(self, page):
        step = Page.steplen
        paths = [page.path[:length] for length in range(step, len(page.path), step)]
        return [self.pages[path] for path in paths if path in self.pages]

    def is_public(self, page):
        return page.path in self.pages


def site_structure(site):
    key = STRUCTURE_KEY.format(site_id=site.pk)
    structure = cache.get(key)
    if structure is None:
        structure = _build(site)
        cache.set(key, structure, CACHE_TIMEOUT)
    return structure


def _build(site):
    root = site.root_page
    pages = Page.objects.descendant_of(root, inclusive=True).live().exclude(private_sections_q()).order_by("path")
    prefix_length = len(root.url_path)
    nav_pages = {}
    for page in pages.only("id", "title", "url_path", "path", "depth", "show_in_menus"):
        url = "/" + page.url_path[prefix_length:]
        nav_pages[page.path] = NavPage(page.pk, page.title, url, page.path, page.depth, page.show_in_menus)
    return SiteStructure(root_depth=root.depth, pages=nav_pages)


def private_sections_q():
    """Q matching pages in a private section: Wagtail's ``PageQuerySet.private_q`` from a cached list."""
    sections = cache.get(PRIVATE_KEY)
    if sections is None:
        sections = list(PageViewRestriction.objects.values_list("page__path", "page__depth"))
        cache.set(PRIVATE_KEY, sections, CACHE_TIMEOUT)
    q = Q()
    for path, depth in sections:
        q |= Q(path__startswith=path, depth__gte=depth)
    return q if q else Q(pk__in=[])


def find_site(request):
    """Wagtail's ``Site.find_for_request``, remembered per host and port."""
    cached = getattr(request, "_wagtail_site", None)
    if cached is not None:
        return cached
    host = f"{request.get_host()}|{request.get_port()}"
    sites = cache.get(SITES_KEY) or {}
    if host in sites:
        request._wagtail_site = sites[host]
        return sites[host]
    site = Site.find_for_request(request)
    cache.set(SITES_KEY, {**sites, host: site}, CACHE_TIMEOUT)
    return site


def clear_site_structure(**kwargs):
    keys = [STRUCTURE_KEY.format(site_id=pk) for pk in Site.objects.values_list("pk", flat=True)]
    cache.delete_many([*keys, PRIVATE_KEY, SITES_KEY])


@receiver(post_save)
@receiver(post_delete)
def _page_or_restriction_changed(sender, instance, **kwargs):
    if isinstance(instance, Page | PageViewRestriction | Site):
        clear_site_structure()


page_published.connect(clear_site_structure)
page_unpublished.connect(clear_site_structure)
post_page_move.connect(clear_site_structure)
