import gc
import shutil

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from portal.search import vocabulary
from tests.factories import ProgrammeIndexPageFactory, staff_user, superuser
from tests.factories.hubs import fresh_home_page, make_hub, the_default_hub
from tests.support import HangingMailServer, restore_wagtail_roots, run_task_worker

pytest_plugins = ["tests.search.live", "tests.demo"]


def _is_transactional(item):
    names = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    return bool({"transactional_db", "live_server"} & set(names)) or bool(marker and marker.kwargs.get("transaction"))


def _flushes_the_database(item):
    """A transactional test without a live server (browser tests put back what they need themselves: their
    fixtures restore the migrations' rows, or the demo snapshot, before each test)."""
    return _is_transactional(item) and "live_server" not in getattr(item, "fixturenames", ())


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test ends by flushing every table, the rows migrations create included (staff groups,
    the directory's vocabulary, Wagtail's roots): put them back, so the next test on this worker finds the
    database as migrated whatever ran before it."""
    yield
    if not _is_transactional(item):
        return
    forget_content_types()
    if _flushes_the_database(item):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            # After a live server test on SQLite this thread's connection may be a fresh, empty in-memory
            # database (the next test's own connection has the tables): nothing to put back there.
            if "auth_group" in connection.introspection.table_names():
                restore_wagtail_roots()


def forget_content_types():
    """The flush recreated the content types under new ids; Wagtail's permission policies keep the one they
    first read for the life of the process (a cached property), so a later test's permission check would compare
    against an id that no longer exists (a hub editor refused their own hub's settings). Forget them."""
    from wagtail.permission_policies.base import BaseDjangoAuthPermissionPolicy

    for policy in gc.get_objects():
        # type(), not isinstance(): isinstance would evaluate lazy objects' __class__.
        if issubclass(type(policy), BaseDjangoAuthPermissionPolicy):
            policy.__dict__.pop("_content_type", None)


@pytest.fixture(autouse=True, scope="session")
def _clean_test_media():
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: navigation and settings (and the search vocabulary) must not leak
    between tests."""
    cache.clear()
    vocabulary.forget()


@pytest.fixture
def no_page_cache(settings):
    """Query budgets count what rendering a page costs: a second request must not be answered by the page cache
    (portal/pagecache.py; tests/portal/test_pagecache.py proves its answers cost no query)."""
    settings.PAGECACHE_ENABLED = False


@pytest.fixture
def django_assert_num_queries(django_assert_num_queries, no_page_cache):
    return django_assert_num_queries


@pytest.fixture
def django_assert_max_num_queries(django_assert_max_num_queries, no_page_cache):
    return django_assert_max_num_queries


@pytest.fixture
def home_page(db):
    """A HomePage as the default site's root, replacing Wagtail's installer page."""
    return fresh_home_page()


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
