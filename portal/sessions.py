"""Expired sessions still hold the answers of unfinished bookings and reports: retention deletes their rows.

Django's ``clearsessions`` does the same for the configured engine, but against the real clock; this takes
``now`` like every retention step. The project's engines keep sessions in the database (``db``, or
``cached_db`` with Redis, whose cached copies expire by themselves when the session does).
"""

from importlib import import_module

from django.conf import settings
from django.utils import timezone


def delete_expired_sessions(*, now=None):
    """Delete the session rows that expired before ``now``. Idempotent. Returns the number deleted."""
    now = now or timezone.now()
    session_model = import_module(settings.SESSION_ENGINE).SessionStore.get_model_class()
    deleted, _ = session_model.objects.filter(expire_date__lt=now).delete()
    return deleted
