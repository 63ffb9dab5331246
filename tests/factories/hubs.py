"""Hubs for tests: the default one every record belongs to unless a test says otherwise, and more on demand."""

from django.apps import apps
from django.utils.text import slugify
from wagtail.models import Page, Site

from portal.groups import create_hub
from portal.hubs import default_hub


def the_default_hub():
    """The default site's hub (the migrations make one; after a flush it is made again, on a page of its own)."""
    hub = default_hub()
    if hub is not None:
        return hub
    root = Page.get_first_root_node()
    if root is None:  # a transactional test's flush took the tree: put back what migrations make, hub included
        from tests.support import restore_wagtail_roots

        restore_wagtail_roots()
        return default_hub()
    page = root.get_children().first() or root.add_child(title="Home", slug="home")
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.create(
        hostname="localhost", port=80, root_page=page, is_default_site=True, site_name="Test hub"
    )
    return create_hub(apps, site=site, name="Test hub", slug="test-hub")


def make_hub(name, *, hostname=None, home=None):
    """Another hub: its own home page (a HomePage unless ``home`` is given), site on ``<slug>.localhost``, groups."""
    from .pages import HomePageFactory

    slug = slugify(name)
    root = Page.get_first_root_node()
    home = home or HomePageFactory(parent=root, title=f"{name} hub", slug=f"{slug}-home")
    site = Site.objects.create(hostname=hostname or f"{slug}.localhost", port=80, root_page=home, site_name=name)
    return create_hub(apps, site=site, name=name, slug=slug)


def fresh_home_page():
    """A HomePage as the default site's root, replacing Wagtail's installer page (the ``home_page`` fixture)."""
    from tests.support import restore_wagtail_roots

    from .pages import HomePageFactory

    restore_wagtail_roots()
    root = Page.get_first_root_node()
    # The default site (and so the default hub) starts at a new home page in place of the installer's page; the
    # site moves to the tree's root meanwhile, as deleting its root page would delete it.
    site = the_default_hub().site
    Site.objects.exclude(pk=site.pk).filter(hub__isnull=True).delete()
    Site.objects.filter(pk=site.pk).update(root_page=root)
    Page.objects.child_of(root).delete()
    home = HomePageFactory(parent=root)
    site.hostname, site.port, site.root_page, site.is_default_site, site.site_name = (
        "localhost",
        80,
        home,
        True,
        "Test hub",
    )
    site.save()
    hub = site.hub
    create_hub(apps, site=site, name=hub.name, slug=hub.slug)  # its groups' page permissions, on the new home
    return home
