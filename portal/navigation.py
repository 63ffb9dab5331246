"""The site's page structure, cached so menus, breadcrumbs, privacy checks and page routing cost no queries.

Holds, per site, every live public page (title, URL, menu flag, page type) and, for all sites, the paths of
private sections and of alias pages. Any change to a page, site or view restriction clears it, at once and
again when the change commits (so a request reading the database meanwhile cannot cache what was there before).
The cache is shared between processes when REDIS_URL is set; with the per-process default cache the timeout
bounds how stale another process can be.

``CachedPageMixin`` lets page models use it: a live public page is routed to in one query (``route_in_structure``,
from ``CachedPageMixin.route``) and a page outside every private section answers Wagtail's view restriction check
without a query.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import Http404
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

# v2: a NavPage also knows its url_path and page type.
STRUCTURE_KEY = "portal:site-structure:v2:{site_id}"
PRIVATE_KEY = "portal:private-sections"
ALIASES_KEY = "portal:alias-pages"
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
    url_path: str = ""
    model: str = ""  # the page type's label, "programmes.programmepage"


@dataclass(frozen=True)
class SiteStructure:
    root_depth: int
    pages: dict  # tree path -> NavPage
    url_paths: dict = field(default_factory=dict)  # Wagtail url_path -> tree path

    def by_id(self, page_id):
        return next((page for page in self.pages.values() if page.id == page_id), None)

    def by_url_path(self, url_path):
        path = self.url_paths.get(url_path)
        return self.pages[path] if path else None

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
    for page in pages.only("id", "title", "url_path", "path", "depth", "show_in_menus", "content_type"):
        url = "/" + page.url_path[prefix_length:]
        model = page.specific_class._meta.label_lower if page.specific_class else ""
        nav_pages[page.path] = NavPage(
            page.pk, page.title, url, page.path, page.depth, page.show_in_menus, page.url_path, model
        )
    url_paths = {page.url_path: page.path for page in nav_pages.values()}
    return SiteStructure(root_depth=root.depth, pages=nav_pages, url_paths=url_paths)


def private_sections():
    """The (path, depth) of every page with a view restriction, for all sites."""
    sections = cache.get(PRIVATE_KEY)
    if sections is None:
        sections = list(PageViewRestriction.objects.values_list("page__path", "page__depth"))
        cache.set(PRIVATE_KEY, sections, CACHE_TIMEOUT)
    return sections


def private_sections_q(prefix=""):
    """Q matching pages in a private section: Wagtail's ``PageQuerySet.private_q`` from a cached list. ``prefix``
    names the page from another model (``"programme__"``)."""
    q = Q()
    for path, depth in private_sections():
        q |= Q(**{f"{prefix}path__startswith": path, f"{prefix}depth__gte": depth})
    return q if q else Q(**{f"{prefix}id__in": []})


def alias_paths():
    """The tree paths of alias pages, for all sites (Wagtail checks an alias's view restrictions on its source)."""
    paths = cache.get(ALIASES_KEY)
    if paths is None:
        paths = list(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True))
        cache.set(ALIASES_KEY, paths, CACHE_TIMEOUT)
    return paths


def _uses_wagtails_route(model):
    return model is not None and model.route in (Page.route, CachedPageMixin.route)


def _model(label):
    try:
        return apps.get_model(label) if label else None
    except LookupError:
        return None


def route_in_structure(root, request, path_components):
    """The live public page at ``path_components`` below ``root`` (a specific page instance, fetched in one query
    with its model's ``objects_for_serving``), or None when the structure cannot say: the path is no live public
    page of the request's site, or a page on the way routes its own way. The caller then routes as Wagtail does, so
    the answer is always Wagtail's own."""
    if not path_components or getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return None
    site = find_site(request)
    if site is None:
        return None
    structure = site_structure(site)
    target = structure.by_url_path(root.url_path + "".join(f"{component}/" for component in path_components))
    if target is None or not target.path.startswith(root.path):
        return None
    step = Page.steplen
    between = [
        structure.pages.get(target.path[:length]) for length in range(len(root.path) + step, len(target.path), step)
    ]
    if any(page is None or not _uses_wagtails_route(_model(page.model)) for page in between):
        return None
    model = _model(target.model)
    if model is None:
        return None
    serving = model.objects_for_serving() if hasattr(model, "objects_for_serving") else model._default_manager
    return serving.filter(pk=target.id).first()


def find_site(request):
    """Wagtail's ``Site.find_for_request``, remembered per host and port.

    The site's root page is remembered as its own type without its own fields (``specific_deferred``): Wagtail's
    routing starts from ``site.root_page.specific`` and so costs no query for it; ``CachedPageMixin.route`` fetches
    the root page whole only when it is the page asked for."""
    cached = getattr(request, "_wagtail_site", None)
    if cached is not None:
        return cached
    host = f"{request.get_host()}|{request.get_port()}"
    sites = cache.get(SITES_KEY) or {}
    if host in sites:
        request._wagtail_site = sites[host]
        return sites[host]
    site = Site.find_for_request(request)
    if site is not None and issubclass(site.root_page.specific_class or Page, CachedPageMixin):
        site.root_page = site.root_page.specific_deferred
    cache.set(SITES_KEY, {**sites, host: site}, CACHE_TIMEOUT)
    return site


class CachedPageMixin:
    """For page models (before ``Page`` in the bases): routing through the cached structure, Wagtail's view
    restriction check answered from the cached private sections, and what a routed page is fetched with."""

    @classmethod
    def objects_for_serving(cls):
        """The queryset a routed page is fetched from: override to ``select_related`` what its template shows."""
        return cls._default_manager.all()

    def route(self, request, path_components):
        """Wagtail's ``route``, answered in one query for a live public page below this one (``route_in_structure``).
        A page asked for itself but known only by its type (a site's root, from ``find_site``) is fetched whole."""
        if path_components:
            page = route_in_structure(self, request, path_components)
            if page is not None:
                return page.route(request, [])
        elif self.get_deferred_fields():
            page = self.objects_for_serving().filter(pk=self.pk).first()
            if page is None:
                raise Http404
            return page.route(request, [])
        return super().route(request, path_components)

    def get_view_restrictions(self):
        """Wagtail's, without a query for a page outside every private section that is no alias and has no alias
        above it (which is every public page: Wagtail's own query then finds nothing either)."""
        if not self.path or self.alias_of_id is not None:
            return super().get_view_restrictions()
        if any(self.path.startswith(path) for path, _ in private_sections()):
            return super().get_view_restrictions()
        if any(self.path.startswith(path) for path in alias_paths()):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()


def _forget():
    keys = [STRUCTURE_KEY.format(site_id=pk) for pk in Site.objects.values_list("pk", flat=True)]
    cache.delete_many([*keys, PRIVATE_KEY, ALIASES_KEY, SITES_KEY])


def clear_site_structure(**kwargs):
    _forget()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_forget)


@receiver(post_save)
@receiver(post_delete)
def _page_or_restriction_changed(sender, instance, **kwargs):
    if isinstance(instance, Page | PageViewRestriction | Site):
        clear_site_structure()


page_published.connect(clear_site_structure)
page_unpublished.connect(clear_site_structure)
post_page_move.connect(clear_site_structure)
