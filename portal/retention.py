"""The retention steps ``apply_retention`` runs. Each app adds its own step here."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from bookings.retention import anonymise_past_bookings
from directory.partners.retention import delete_unused_partner_logos
from directory.referrals.retention import anonymise_closed_referrals

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


STEPS = [
    ("expired sessions deleted", delete_expired_sessions),
    ("bookings anonymised", anonymise_past_bookings),
    ("referrals anonymised", anonymise_closed_referrals),
    ("old emails deleted (sent or undeliverable)", delete_old_emails),
    ("unused partner logos deleted", delete_unused_partner_logos),
]


def apply_retention(*, now=None):
    return [(label, step(now=now)) for label, step in STEPS]
