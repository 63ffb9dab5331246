"""Helpers shared by fixtures."""

import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from importlib import import_module

import pytest
import redis
from allauth.mfa.totp.internal import auth as totp
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.test import Client, override_settings
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME
from django_tasks_db.management.commands.db_worker import Worker
from wagtail.models import Collection, Locale, Page

from directory.vocabulary import ensure_vocabulary
from portal.groups import HUB_COORDINATORS
from portal.models import OutboundEmail
from portal.outbox import render_queued

# The data migrations that make the hub's staff groups and grant their permissions, in the order migrate runs them.
STAFF_GROUP_MIGRATIONS = (
    ("home.migrations.0003_hub_staff_groups", "create_groups"),
    ("bookings.migrations.0002_staff_permissions", "grant_booking_permissions"),
    ("directory.migrations.0002_vocabulary_and_staff_permissions", "grant_directory_permissions"),
    ("directory.partners.migrations.0002_invitation_permissions", "grant_invitation_permissions"),
    ("directory.partners.migrations.0003_only_coordinators_invite", "revoke_from_editors"),
    ("directory.referrals.migrations.0002_staff_permissions", "grant_referral_permissions"),
    ("directory.partners.migrations.0005_coordinators_manage_hub_partnerships", "grant_to_coordinators"),
    ("portal.migrations.0002_hub", "create_hubs"),
    ("portal.migrations.0003_county_analysts_group", "create_group"),
    ("home.migrations.0004_site_settings_per_hub", "settings_per_hub"),
    ("home.migrations.0007_hub_editors_promote_search_results", "grant_promotions"),
)


def restore_wagtail_roots():
    """Put back the rows migrations create (locale, root page, root collection, the directory's vocabulary, the
    staff groups and their permissions).

    Transactional tests end by flushing every table, so the next test may find them gone.
    """
    ensure_vocabulary()
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(title="Root", slug="root", locale=locale)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    if not Group.objects.filter(name=HUB_COORDINATORS).exists():
        # The migrations' own functions, given the migrated state's apps registry as migrate gives them.
        historical_apps = MigrationLoader(connections["default"]).project_state().apps
        for module, step in STAFF_GROUP_MIGRATIONS:
            getattr(import_module(module), step)(historical_apps, None)
    from tests.factories.hubs import the_default_hub

    the_default_hub()


def activate_totp(user):
    """Give ``user`` an activated authenticator app, as staff must have for the admin. Returns the secret."""
    secret = totp.generate_totp_secret()
    totp.TOTP.activate(user, secret)
    return secret


def totp_code(secret, at=None):
    """The code an authenticator app shows for ``secret`` now (or at the Unix time ``at``)."""
    counter = int(at if at is not None else time.time()) // 30
    return totp.format_hotp_value(totp.hotp_value(secret, counter))


REDIS_TEST_URL = "redis://127.0.0.1:6379/5"


@contextmanager
def shared_cache(kind):
    """The default cache as production shares it between processes: ``"locmem"`` (one per process, which the
    threads of a test share) or ``"redis"`` (a key prefix of this test's own, skipped if Redis is not there)."""
    if kind == "locmem":
        with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}):
            yield
        return
    try:
        redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"Redis is not reachable at {REDIS_TEST_URL}")
    prefix = f"hubportal-test-{uuid.uuid4().hex}"
    backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_TEST_URL}
    with override_settings(CACHES={"default": {**backend, "KEY_PREFIX": prefix}}):
        try:
            yield
        finally:
            client = redis.Redis.from_url(REDIS_TEST_URL)
            for key in client.scan_iter(match=f"{prefix}:*"):
                client.delete(key)


def post_at_once(posts):
    """Send ``(client, url, data)`` POSTs from one thread each, released together; the responses in order."""
    barrier = threading.Barrier(len(posts))

    def post(client, url, data):
        barrier.wait(timeout=60)
        try:
            return client.post(url, data)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(posts)) as pool:
        return list(pool.map(lambda arguments: post(*arguments), posts))


def twin_of(client):
    """A second browser tab of ``client``: another test client sharing its cookies, and so its session."""
    twin = Client()
    twin.cookies = client.cookies
    return twin


def accepted_up_to(limit, posts, responses):
    """Of ``posts`` sent at once, exactly ``limit`` were accepted (302) and the rest refused (429); returns the
    refused ones as ``(client, response)``."""
    statuses = [response.status_code for response in responses]
    assert statuses.count(302) == limit and statuses.count(429) == len(posts) - limit, statuses
    return [(post[0], response) for post, response in zip(posts, responses, strict=True) if response.status_code != 302]


class HangingMailServer(BaseEmailBackend):
    """An email backend for a mail server that accepts the connection and does not answer.

    Until a test sets ``answers``, each send waits (as a socket would until EMAIL_TIMEOUT) and then fails;
    ``called`` records that anything tried to send at all.
    """

    WAIT_SECONDS = 2
    called = threading.Event()
    answers = threading.Event()
    delivered = []

    @classmethod
    def reset(cls):
        cls.called.clear()
        cls.answers.clear()
        cls.delivered.clear()

    def send_messages(self, email_messages):
        self.called.set()
        if not self.answers.wait(timeout=self.WAIT_SECONDS):
            raise TimeoutError("the mail server did not answer")
        self.delivered.extend(email_messages)
        return len(email_messages)


def run_task_worker():
    """Run the database queue's worker (what ``manage.py db_worker`` runs) until no task is ready.

    The Worker itself rather than the command, which would take over the test process's signal handlers.
    """
    Worker(
        queue_names=[DEFAULT_TASK_QUEUE_NAME],
        excluded_queue_names=[],
        interval=0,
        batch=True,
        backend_name=DEFAULT_TASK_BACKEND_ALIAS,
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
    ).run()


def render_queued_emails():
    """Render the emails queued unrendered (``portal.outbox.queue_email_later``: a new booking's) as the worker
    does before sending, for tests that read the outbox's rows inside a transaction that never commits."""
    for email in OutboundEmail.objects.filter(render_later__isnull=False).order_by("pk"):
        render_queued(email)
