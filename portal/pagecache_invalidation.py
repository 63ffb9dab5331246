"""What makes cached public pages out of date (``portal.pagecache``), and the purges of a CDN in front.

Every saved or deleted row of a model whose content can show on a public page bumps the generation of the sites it
shows on once its transaction commits (a rolled-back booking bumps nothing): a page the sites whose tree holds it,
a run, its sessions and its bookings the site holding the run's programme, a site's settings that site, anything
else (the directory is shared by every hub) every site. Rows that never show on a public page, or that reading a
page writes (renditions, search logs, queued tasks, sessions, audit logs), are listed in ``IGNORED`` so they do
not empty the cache. ``QuerySet.update`` sends no signal: code that changes public content that way bumps itself
(``bump_all``).

With ``WAGTAILFRONTENDCACHE`` set, Wagtail itself purges a page from the CDN when it is published or unpublished;
here a change to a run's places purges its programme page and the pages above it (index, home page), and a
directory change each site's directory and the organisation's page, as tasks the worker runs (no web request
talks to the CDN). During a booking rush one purge per programme is waiting at a time: a change finds the purge
already queued (its flag is set) and the queued purge, which clears the flag before it purges, covers it.
"""

from functools import partial

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django_tasks import task
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from portal import pagecache

IGNORED_APPS = {
    "account",
    "auth",
    "contenttypes",
    "django_tasks_database",
    "mfa",
    "referrals",
    "sessions",
    "wagtailadmin",
    "wagtailembeds",
    "wagtailforms",
    "wagtailsearch",
    "wagtailusers",
}
IGNORED = {
    "bookings.allocation",
    "bookings.attendance",
    "bookings.bookinglink",
    "bookings.runchange",
    "home.searchtally",
    "partners.invitation",
    "partners.partnermembership",
    "portal.hublogentry",
    "portal.outboundemail",
    "wagtailcore.apitoken",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.groupcollectionpermission",
    "wagtailcore.grouppagepermission",
    "wagtailcore.groupsitepermission",
    "wagtailcore.modellogentry",
    "wagtailcore.pagelogentry",
    "wagtailcore.pagesubscription",
    "wagtailcore.referenceindex",
    "wagtailcore.revision",
    "wagtailcore.taskstate",
    "wagtailcore.uploadedfile",
    "wagtailcore.workflowstate",
    "wagtailimages.rendition",
    "wagtailsearchpromotions.query",
    "wagtailsearchpromotions.querydailyhits",
}
PURGE_FLAG = "pagecache:purge-queued:{kind}:{pk}"
PURGE_FLAG_SECONDS = 60


def ignored(model):
    meta = model._meta
    return meta.app_label in IGNORED_APPS or meta.label_lower in IGNORED


def all_site_ids():
    return list(Site.objects.values_list("pk", flat=True))


def site_ids_for_paths(paths):
    """The sites whose page tree holds any of these tree paths; every site if none does (the page is nowhere)."""
    roots = list(Site.objects.values_list("pk", "root_page__path"))
    found = {pk for pk, root in roots if any(path.startswith(root) for path in paths)}
    return found or {pk for pk, _root in roots}


def bump_all():
    _on_commit(lambda: pagecache.bump(all_site_ids()))


def _on_commit(callback):
    if pagecache.enabled() or frontend_cache_configured():
        transaction.on_commit(callback)


def frontend_cache_configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


# Bumps, run after the commit.


def _bump_paths(paths):
    if pagecache.enabled():
        pagecache.bump(site_ids_for_paths(paths))


def _bump_programme(programme_id):
    path = Page.objects.filter(pk=programme_id).values_list("path", flat=True).first()
    _bump_paths([path] if path else [])
    if path and frontend_cache_configured():
        _queue_purge("programme", programme_id)


def _bump_run(run_id):
    from programmes.models import Run

    programme_id = Run.objects.filter(pk=run_id).values_list("programme_id", flat=True).first()
    if programme_id is None:
        _bump_paths([])
    else:
        _bump_programme(programme_id)


def _run_changed(programme_id=None, run_id=None):
    """A run or its sessions changed: its dates may move the next time boundary too."""
    pagecache.forget_boundary()
    if programme_id is not None:
        _bump_programme(programme_id)
    else:
        _bump_run(run_id)


def _bump_sites(site_ids):
    if pagecache.enabled():
        pagecache.bump(site_ids)


def _bump_everything(organisation_id=None):
    if pagecache.enabled():
        pagecache.bump(all_site_ids())
    if frontend_cache_configured():
        _queue_purge("directory", organisation_id or 0)


# Receivers.


def content_changed(sender, instance, raw=False, **kwargs):
    if raw or sender._meta.apps is not apps or ignored(sender):
        return  # loading fixtures, or a migration's historical model
    from directory.models import Organisation, Service
    from programmes.models import Run, Session

    if isinstance(instance, Page):
        _on_commit(partial(_bump_paths, [instance.path]))
    elif isinstance(instance, Run):
        _on_commit(partial(_run_changed, programme_id=instance.programme_id))
    elif isinstance(instance, Session):
        _on_commit(partial(_run_changed, run_id=instance.run_id))
    elif sender._meta.label_lower == "bookings.booking":
        _on_commit(partial(_bump_run, instance.run_id))
    elif getattr(instance, "site_id", None) is not None and sender._meta.app_label != "wagtailcore":
        _on_commit(partial(_bump_sites, [instance.site_id]))  # a site's settings
    elif isinstance(instance, Organisation):
        _on_commit(partial(_bump_everything, instance.pk))
    elif isinstance(instance, Service):
        _on_commit(partial(_bump_everything, instance.organisation_id))
    else:
        _on_commit(_bump_everything)


def relation_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        content_changed(type(instance), instance)


def page_moved(sender, instance, url_path_before=None, url_path_after=None, **kwargs):
    _on_commit(partial(_bump_sites, all_site_ids()))


def page_changed(sender, instance, **kwargs):
    _on_commit(partial(_bump_paths, [instance.path]))


def snippet_published(sender, instance, **kwargs):
    content_changed(type(instance), instance)


def connect():
    post_save.connect(content_changed, dispatch_uid="pagecache-saved")
    post_delete.connect(content_changed, dispatch_uid="pagecache-deleted")
    m2m_changed.connect(relation_changed, dispatch_uid="pagecache-relation")
    page_published.connect(page_changed, dispatch_uid="pagecache-page-published")
    page_unpublished.connect(page_changed, dispatch_uid="pagecache-page-unpublished")
    post_page_move.connect(page_moved, dispatch_uid="pagecache-page-moved")
    published.connect(snippet_published, dispatch_uid="pagecache-published")
    unpublished.connect(snippet_published, dispatch_uid="pagecache-unpublished")


# Purges of a CDN in front (WAGTAILFRONTENDCACHE), queued.


def _queue_purge(kind, pk):
    if cache.add(PURGE_FLAG.format(kind=kind, pk=pk), 1, PURGE_FLAG_SECONDS):
        purge.enqueue(kind=kind, pk=pk)


@task()
def purge(kind, pk):
    """Purge from the CDN the pages showing a programme's runs (``kind`` "programme": the programme page and the
    pages above it) or the directory (``kind`` "directory": each site's directory and the organisation's page)."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    cache.delete(PURGE_FLAG.format(kind=kind, pk=pk))  # changes from now on queue another purge
    batch = PurgeBatch()
    if kind == "programme":
        programme = Page.objects.filter(pk=pk).first()
        if programme is not None:
            batch.add_pages(Page.objects.ancestor_of(programme, inclusive=True).filter(depth__gt=1))
    else:
        from directory.models import Organisation

        organisation = Organisation.objects.filter(pk=pk).first()
        for site in Site.objects.all():
            batch.add_url(f"{site.root_url}/directory/")
            if organisation is not None and getattr(organisation, "slug", None):
                batch.add_url(f"{site.root_url}/directory/{organisation.slug}/")
    batch.purge()
