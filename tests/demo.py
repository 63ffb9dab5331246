"""The demo hub (portal.demo.seed_all, some 25 s) seeded once where tests only read it (a pytest plugin).

- ``demo_readonly``: the demo seeded once for a run of consecutive tests that ask for it, inside a
  transaction that is rolled back after the last of them (``pytest_runtest_teardown`` looks at the next
  test). Such tests ask for it before ``db`` (e.g. ``def demo(demo_readonly, db)``) and carry no
  ``django_db`` mark, so their own transaction is a savepoint inside that one: what a test changes is rolled
  back after it and the next test finds the demo as seeded. Tests that ask for it are moved together within
  their module (after any shuffling), so a module seeds it once per xdist worker.
- ``seed_demo_committed``: for transactional tests (the browser tests' ``demo_site``) on SQLite, the first
  seeding in a worker is copied with SQLite's backup API into an in-memory database, and later tests copy it
  back (milliseconds) instead of seeding again. Each test still ends with the usual flush.
"""

import sqlite3

import pytest
from django.core.cache import cache
from django.db import connection, transaction

from tests.support import restore_wagtail_roots

FIXTURE = "demo_readonly"
_open = {}


def _uses_demo(item):
    return FIXTURE in getattr(item, "fixturenames", ())


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Within each module (modules keep their order), the tests that read the demo run one after another."""
    modules = {}
    for item in items:
        modules.setdefault(item.module.__name__ if item.module else "", len(modules))
    items.sort(key=lambda item: (modules[item.module.__name__ if item.module else ""], not _uses_demo(item)))


def _close():
    atomic = _open.pop("atomic", None)
    if atomic is not None:
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
        cache.clear()


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item, nextitem):
    if "atomic" in _open and (nextitem is None or not _uses_demo(nextitem)):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            _close()


@pytest.fixture
def demo_readonly(django_db_setup, django_db_blocker):
    """The seed report (a list of lines); see the module docstring."""
    if "atomic" not in _open:
        from portal.demo import seed_all

        with django_db_blocker.unblock():
            assert not connection.in_atomic_block, f"ask for {FIXTURE} before db, without the django_db mark"
            atomic = transaction.atomic()
            atomic.__enter__()
            _open["atomic"] = atomic
            try:
                restore_wagtail_roots()
                _open["report"] = seed_all()
            except BaseException:
                _close()
                raise
    return _open["report"]


_snapshots = {}


def seed_demo_committed():
    """Seed the demo for a transactional test: from this worker's snapshot when there is one (SQLite)."""
    from portal.demo import seed_all

    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite" and name in _snapshots:
        snapshot, report = _snapshots[name]
        connection.ensure_connection()
        snapshot.backup(connection.connection)
        cache.clear()
        return list(report)
    restore_wagtail_roots()
    report = seed_all()
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        snapshot = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(snapshot)
        _snapshots[name] = (snapshot, list(report))
    return report
