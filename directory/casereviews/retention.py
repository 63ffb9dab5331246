"""ASB Case Reviews finished long ago keep what the published figures count (hub, status, dates, whether the
review made recommendations) and lose who applied and everything written (DESIGN invariant 4). The status link
goes with them. The same period as referrals: the hub's ``referral_retention_months``, else
REFERRAL_RETENTION_MONTHS."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from portal.models import Hub

from .choices import Status
from .models import CaseReview, ReportMade

PERSONAL_FIELDS = (
    "applicant_name",
    "representative_name",
    "contact_email",
    "contact_phone",
    "what_happened",
    "impact",
    "decision_note",
    "recommendations",
    "response",
)
BLANKED = dict.fromkeys(PERSONAL_FIELDS, "") | {"status_token_hash": None, "submission_key": None, "area": None}


def anonymise_finished_case_reviews(*, now=None):
    """Blank the personal data of applications that ended (threshold not met, or response sent) more than their
    hub's retention period ago. Open ones are never touched. Idempotent. Returns how many were anonymised."""
    now = now or timezone.now()
    count = 0
    for hub in Hub.objects.order_by("pk"):
        months = hub.referral_retention_months or settings.REFERRAL_RETENTION_MONTHS
        cutoff = now - timedelta(days=round(months * 30.44))
        ended = Q(status=Status.NOT_MET, decided_at__lt=cutoff) | Q(status=Status.CLOSED, responded_at__lt=cutoff)
        due = CaseReview.objects.filter(ended, hub=hub, anonymised_at__isnull=True)
        with transaction.atomic():
            ReportMade.objects.filter(case_review__in=due.values("pk")).update(their_reference="")
            count += due.update(anonymised_at=now, **BLANKED)
    return count
