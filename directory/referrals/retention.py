"""Referrals finished long ago keep their counts but lose who reported them and what was said (DESIGN invariant 4).

Category, type, area, dates, status, reasons and priority stay, so the hub's figures do not change; the audit
log entries stay too (they hold the reference and the step, never the free text). The status link goes: its
hash is cleared, so the link finds nothing and a repeated POST cannot derive it again.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from portal.models import Hub

from .choices import FINISHED_STATUSES
from .models import PERSONAL_FIELDS, ActionUpdate, Referral, ReferralAction, ReferralNote

BLANKED = {name: "" for name in (*PERSONAL_FIELDS, "postcode", "place_key")} | {"status_token_hash": None}


def anonymise_closed_referrals(*, now=None, months=None):
    """Blank the personal data and free text of referrals declined, resolved or closed more than ``months`` (if
    given) or else their hub's ``referral_retention_months`` (else REFERRAL_RETENTION_MONTHS) ago, with their
    notes, actions' descriptions and updates' notes.

    Open referrals are never touched. Idempotent. Returns the number of referrals anonymised.
    """
    now = now or timezone.now()
    count = 0
    for hub in Hub.objects.order_by("pk"):
        hub_months = months
        if hub_months is None:
            hub_months = hub.referral_retention_months
        if hub_months is None:
            hub_months = settings.REFERRAL_RETENTION_MONTHS
        count += _anonymise(now, hub_months, hub_id=hub.pk)
    return count


def _anonymise(now, months, *, hub_id):
    cutoff = now - timedelta(days=round(months * 30.44))
    due_referrals = Referral.objects.filter(
        hub_id=hub_id, status__in=FINISHED_STATUSES, finished_at__lt=cutoff, anonymised_at__isnull=True
    )
    due = due_referrals.values("pk")
    with transaction.atomic():
        # Children first: the subquery stops matching once the referrals are marked anonymised.
        ReferralNote.objects.filter(referral_id__in=due).update(text="")
        ReferralAction.objects.filter(referral_id__in=due).update(description="")
        ActionUpdate.objects.filter(action__referral_id__in=due).update(note="")
        return due_referrals.update(anonymised_at=now, **BLANKED)
