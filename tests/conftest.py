import shutil

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core.cache import cache
from wagtail.models import Page, Site

from portal.groups import create_hub
from tests.factories import HomePageFactory, ProgrammeIndexPageFactory, staff_user, superuser
from tests.factories.hubs import make_hub, the_default_hub
from tests.support import HangingMailServer, restore_wagtail_roots, run_task_worker

pytest_plugins = ["tests.search.live", "tests.demo"]


@pytest.fixture(autouse=True, scope="session")
def _clean_test_media():
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: navigation and settings must not leak between tests."""
    cache.clear()


@pytest.fixture
def home_page(db):
    """A HomePage as the default site's root, replacing Wagtail's installer page."""
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
    create_hub(django_apps, site=site, name=hub.name, slug=hub.slug)  # its groups' page permissions, on the new home
    return home


@pytest.fixture
def hub(home_page):
    """The default site's hub, whose home page is ``home_page``."""
    return the_default_hub()


@pytest.fixture
def other_hub(home_page):
    """A second hub on ``other.localhost``, with its own home page and groups: for wrong-hub tests."""
    return make_hub("Other")


@pytest.fixture
def programme_index(home_page):
    return ProgrammeIndexPageFactory(parent=home_page)


@pytest.fixture
def staff(db):
    """Make a user in a staff group. Staff must use two-factor authentication, so each has an authenticator app
    (``totp=False`` for one that has not set it up yet)."""

    def make(group_name=None, *, totp=True):
        name = (group_name or "no group").lower().replace(" ", "-")
        return staff_user(group_name, totp=totp, username=name, email=f"{name}@example.org")

    return make


@pytest.fixture
def admin_user(db):
    """pytest-django's superuser (behind ``admin_client``), with the authenticator app staff must have."""
    return superuser(username="admin", email="admin@example.org", password="password")


@pytest.fixture
def task_queue(settings):
    """The database task queue production uses (instead of running tasks at once); returns the worker to run."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return run_task_worker


@pytest.fixture
def hanging_mail_server(settings):
    """Emails go to a mail server that accepts and never answers, until the test sets ``answers``."""
    settings.OUTBOX_DELIVERY_BACKEND = "tests.support.HangingMailServer"
    HangingMailServer.reset()
    yield HangingMailServer
    HangingMailServer.answers.set()
