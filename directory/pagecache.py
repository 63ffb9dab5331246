"""What the directory tells the page cache (``portal.pagecache``): the directory is shared by every hub, so a change
to an organisation or service puts every site's pages out of date, and a CDN in front is told to purge the
directory and the organisation's page (registered in ``directory.wagtail_hooks``)."""

from functools import partial

from portal.pagecache_invalidation import bump_everywhere

from .models import Organisation


def organisation_changed(organisation_id=None, slug=None):
    if slug is None:
        slug = Organisation.objects.filter(pk=organisation_id).values_list("slug", flat=True).first()
    bump_everywhere(purge_paths=["/directory/", *([f"/directory/{slug}/"] if slug else [])])


def changes():
    return {
        "directory.organisation": lambda organisation: partial(organisation_changed, slug=organisation.slug),
        "directory.service": lambda service: partial(organisation_changed, service.organisation_id),
    }
