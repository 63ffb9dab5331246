"""The site's page structure (titles, URLs, menu flags), cached so menus and breadcrumbs cost no queries.

Any change to a page or a view restriction clears it. The cache is shared between processes when
REDIS_URL is set; with the per-process default cache the timeout bounds how stale another process
can be.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

CACHE_KEY = "portal:site-structure:{site_id}"
CACHE_TIMEOUT = 300


@dataclass(frozen=True)
class NavPage:
    id: int
    title: str
    url: str
    path: str
    depth: int
    in_menu: bool


def site_structure(site):
    """Every live, public page of ``site`` as NavPage, keyed by tree path."""
    key = CACHE_KEY.format(site_id=site.pk)
    structure = cache.get(key)
    if structure is None:
        structure = _build(site)
        cache.set(key, structure, CACHE_TIMEOUT)
    return structure


def _build(site):
    root = site.root_page
    pages = Page.objects.descendant_of(root, inclusive=True).live().public().order_by("path")
    structure = {}
    root_url_path_length = len(root.url_path)
    for page in pages.only("id", "title", "url_path", "path", "depth", "show_in_menus"):
        url = "/" + page.url_path[root_url_path_length:]
        structure[page.path] = NavPage(page.pk, page.title, url, page.path, page.depth, page.show_in_menus)
    return structure


def menu_items(site):
    structure = site_structure(site)
    root_depth = site.root_page.depth
    return [item for item in structure.values() if item.depth == root_depth + 1 and item.in_menu]


def ancestors_of(site, page):
    """The live ancestors of ``page`` from the site root down, for breadcrumbs."""
    structure = site_structure(site)
    step = Page.steplen
    paths = [page.path[:length] for length in range(step, len(page.path), step)]
    return [structure[path] for path in paths if path in structure]


def clear_site_structure(**kwargs):
    cache.delete_many([CACHE_KEY.format(site_id=pk) for pk in Site.objects.values_list("pk", flat=True)])


@receiver(post_save)
@receiver(post_delete)
def _page_or_restriction_changed(sender, instance, **kwargs):
    if isinstance(instance, Page | PageViewRestriction | Site):
        clear_site_structure()


page_published.connect(clear_site_structure)
page_unpublished.connect(clear_site_structure)
post_page_move.connect(clear_site_structure)
