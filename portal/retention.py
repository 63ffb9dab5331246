"""The retention steps ``apply_retention`` runs: the portal's own, then each app's.

An app adds its steps from its ``wagtail_hooks.py``::

    @hooks.register("register_retention_steps")
    def retention_steps():
        return [("bookings anonymised", anonymise_past_bookings)]

A step takes the keyword ``now`` and returns how many records it changed; it must be safe to repeat.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from wagtail import hooks

from .models import OutboundEmail
from .outbox import MAX_ATTEMPTS
from .sessions import delete_expired_sessions


def delete_old_emails(*, now=None, days=None):
    """Delete emails sent more than ``OUTBOX_RETENTION_DAYS`` ago, and emails queued that long ago whose attempts
    ran out (nothing will send them, and they still hold their private links)."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.OUTBOX_RETENTION_DAYS if days is None else days)
    sent = Q(sent_at__lt=cutoff)
    undeliverable = Q(sent_at__isnull=True, attempts__gte=MAX_ATTEMPTS, created_at__lt=cutoff)
    deleted, _ = OutboundEmail.objects.filter(sent | undeliverable).delete()
    return deleted


PORTAL_STEPS = [
    ("expired sessions deleted", delete_expired_sessions),
    ("old emails deleted (sent or undeliverable)", delete_old_emails),
]
HOOK = "register_retention_steps"


def retention_steps():
    steps = list(PORTAL_STEPS)
    for app_steps in hooks.get_hooks(HOOK):
        steps.extend(app_steps())
    return steps


def apply_retention(*, now=None):
    return [(label, step(now=now)) for label, step in retention_steps()]
