"""The retention steps ``apply_retention`` runs. Each app adds its own step here."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from bookings.retention import anonymise_past_bookings
from directory.partners.retention import delete_unused_partner_logos
from directory.referrals.retention import anonymise_closed_referrals

from .models import OutboundEmail
from .sessions import delete_expired_sessions


def delete_sent_emails(*, now=None, days=None):
    now = now or timezone.now()
    days = settings.OUTBOX_RETENTION_DAYS if days is None else days
    deleted, _ = OutboundEmail.objects.filter(sent_at__lt=now - timedelta(days=days)).delete()
    return deleted


STEPS = [
    ("expired sessions deleted", delete_expired_sessions),
    ("bookings anonymised", anonymise_past_bookings),
    ("referrals anonymised", anonymise_closed_referrals),
    ("sent emails deleted", delete_sent_emails),
    ("unused partner logos deleted", delete_unused_partner_logos),
]


def apply_retention(*, now=None):
    return [(label, step(now=now)) for label, step in STEPS]
