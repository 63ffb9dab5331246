"""What makes cached public pages out of date (``portal.pagecache``), and the purges of a CDN in front.

Every saved or deleted row of a model whose content can show on a public page bumps the generation of the sites it
shows on once its transaction commits (a rolled-back booking bumps nothing): a page the sites whose tree holds it,
a run, its sessions and its bookings the site holding the run's programme, a site's settings that site, anything
else (the directory is shared by every hub) every site. Rows that never show on a public page, or that reading a
page writes (renditions, search logs, queued tasks, sessions, audit logs), are listed in ``IGNORED`` so they do
not empty the cache. ``QuerySet.update`` sends no signal: code that changes public content that way bumps itself
(``bump_all``).

What a domain row puts out of date is the domain's to say: an app's ``register_pagecache_changes`` hook returns
``{model label: function(instance) -> what to run after the commit}`` (``programmes.pagecache``: a run, a session
or a booking bumps the site holding its programme and purges that page and the pages above it;
``directory.pagecache``: an organisation or service bumps every site and purges the directories). Rows no hook
names bump every site: the safe default.

With ``WAGTAILFRONTENDCACHE`` set, Wagtail itself purges a page from the CDN when it is published or unpublished;
the purges here run as tasks the worker runs (no web request talks to the CDN). During a booking rush one purge
per page is waiting at a time: a change finds the purge already queued (its flag is set) and the queued purge,
which clears the flag before it purges, covers it.
"""

import hashlib
import json
from functools import cache as remembered
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
PURGE_FLAG = "pagecache:purge-queued:{digest}"
CHANGES_HOOK = "register_pagecache_changes"
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


# What domains' changes run after the commit (``register_pagecache_changes``).


def bump_page(page_id):
    """The sites holding the page are out of date; a CDN is told to purge the page and the pages above it (an index
    and the home page list what it shows). Every site when the page is gone."""
    path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first() if page_id else None
    _bump_paths([path] if path else [])
    if path and frontend_cache_configured():
        _queue_purge(page_id=page_id)


def bump_everywhere(purge_paths=()):
    """Every site is out of date (the directory is shared); a CDN is told to purge ``purge_paths`` on each site."""
    if pagecache.enabled():
        pagecache.bump(all_site_ids())
    if purge_paths and frontend_cache_configured():
        _queue_purge(paths=list(purge_paths))


def _bump_paths(paths):
    if pagecache.enabled():
        pagecache.bump(site_ids_for_paths(paths))


def _bump_sites(site_ids):
    if pagecache.enabled():
        pagecache.bump(site_ids)


@remembered
def domain_changes():
    from wagtail import hooks

    changes = {}
    for app_changes in hooks.get_hooks(CHANGES_HOOK):
        changes.update(app_changes())
    return changes


# Receivers.


def content_changed(sender, instance, raw=False, **kwargs):
    if raw or sender._meta.apps is not apps or ignored(sender):
        return  # loading fixtures, or a migration's historical model
    change = domain_changes().get(sender._meta.label_lower)
    if isinstance(instance, Page):
        _on_commit(partial(_bump_paths, [instance.path]))
    elif change is not None:
        _on_commit(change(instance))
    elif getattr(instance, "site_id", None) is not None and sender._meta.app_label != "wagtailcore":
        _on_commit(partial(_bump_sites, [instance.site_id]))  # a site's settings
    else:
        _on_commit(partial(bump_everywhere, purge_paths=["/directory/"]))  # taxonomy, snippets: all, and the directory


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


def _queue_purge(**what):
    digest = hashlib.sha256(json.dumps(what, sort_keys=True).encode()).hexdigest()[:32]
    if cache.add(PURGE_FLAG.format(digest=digest), 1, PURGE_FLAG_SECONDS):
        purge.enqueue(digest=digest, **what)


@task()
def purge(digest, page_id=None, paths=()):
    """Purge from the CDN a page and the pages above it (``page_id``), or ``paths`` on every site."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    cache.delete(PURGE_FLAG.format(digest=digest))  # changes from now on queue another purge
    batch = PurgeBatch()
    if page_id is not None:
        page = Page.objects.filter(pk=page_id).first()
        if page is not None:
            batch.add_pages(Page.objects.ancestor_of(page, inclusive=True).filter(depth__gt=1))
    for site in Site.objects.all() if paths else ():
        for path in paths:
            batch.add_url(f"{site.root_url}{path}")
    batch.purge()
