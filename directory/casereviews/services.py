"""Every change to an ASB Case Review goes through here.

Each function validates, locks the application row (``select_for_update`` on PostgreSQL; SQLite's IMMEDIATE
transactions hold the write lock from BEGIN), checks the step is allowed from its state (``choices.STEPS``),
changes it, sets the date the next step is due by from the hub's published timescales, writes an audit-log entry
(the reference and the step, never the free text) and queues emails that go after commit. Functions take ``now``
so tests control the clock. Domain errors are in ``errors``.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from directory.referrals.models import Referral
from portal.hubs import hub_ids_for
from portal.submissions import create_once

from . import notifications
from .choices import FIRST_TIMESCALE, STEPS, Threshold
from .errors import InvalidTransition, MissingDetail, NotPermitted, UnknownReferral
from .models import CaseReview, CaseReviewSettings, ReportMade, due_after

REFERENCE_ATTEMPTS = 5
MAX_REPORTS = 10


def _audit(case_review, action, user, **data):
    log(case_review, action, user=user, data={"reference": case_review.reference, "status": case_review.status, **data})


def _check_hub(case_review, user):
    """Staff act only on the applications of the hubs they work for (``user`` None: the system, the demo)."""
    if user is not None and case_review.hub_id not in hub_ids_for(user):
        raise NotPermitted()


def _take_step(case_review_id, step_name, user):
    """Lock the application and check ``user`` and the step. Returns (case review, step). Raises NotPermitted,
    InvalidTransition."""
    case_review = CaseReview.objects.select_for_update().get(pk=case_review_id)
    _check_hub(case_review, user)
    step = STEPS[step_name]
    if not step.allowed_from(case_review.status):
        raise InvalidTransition()
    return case_review, step


def _move(case_review, step, now):
    """Leave ``case_review`` in the step's target state, due by the hub's timescale for what comes next."""
    case_review.status = step.target
    case_review.due_on = None
    if step.next_timescale:
        days = CaseReviewSettings.for_hub(case_review.hub_id).days(step.next_timescale)
        case_review.due_on = due_after(timezone.localdate(now), days)


def _create(case_review, reports):
    for attempt in range(REFERENCE_ATTEMPTS):
        try:
            with transaction.atomic():
                case_review.save(force_insert=True)
                ReportMade.objects.bulk_create(
                    ReportMade(case_review=case_review, **report) for report in reports[:MAX_REPORTS]
                )
            return case_review
        except IntegrityError:
            taken = CaseReview.objects.filter(submission_key=case_review.submission_key).exists()
            if (case_review.submission_key and taken) or attempt == REFERENCE_ATTEMPTS - 1:
                raise
            case_review.reference = CaseReview._meta.get_field("reference").default()
    return case_review


def submit_application(*, hub, details, reports, submission_key=None, now=None):
    """Store an ASB Case Review application to ``hub`` (the hub whose site took it). ``details`` are CaseReview
    field values, ``reports`` ReportMade field values (at least one), both from the validated answers.

    The same ``submission_key`` twice returns the first application. Returns (case review, status token); the
    token is None for a repeat. Raises MissingDetail without a hub, without a report, for another hub's area, or
    for an application on someone's behalf without their consent.
    """
    now = now or timezone.now()
    if hub is None or not reports:
        raise MissingDetail()
    case_review = CaseReview(hub=hub, **details)
    if case_review.area_id and case_review.area.hub_id != hub.pk:
        raise MissingDetail()
    if case_review.on_behalf and not case_review.consent_given:
        raise MissingDetail()
    if not case_review.on_behalf:
        case_review.representative_name = ""

    def create():
        case_review.submission_key = submission_key
        case_review.submitted_at = now
        case_review.due_on = due_after(
            timezone.localdate(now), CaseReviewSettings.for_hub(hub.pk).days(FIRST_TIMESCALE)
        )
        token = case_review.set_status_token(submission_key)
        with transaction.atomic():
            _create(case_review, reports)
            _audit(case_review, "casereviews.submit", None)
            notifications.application_received(case_review, token)
        return case_review, token

    return create_once(CaseReview, submission_key, create)


def link_referral(*, case_review_id, user, reference):
    """Link the hub's referral ``reference`` (a report the applicant made) to the application. Raises
    UnknownReferral for a reference no referral of the application's hub has."""
    with transaction.atomic():
        case_review = CaseReview.objects.select_for_update().get(pk=case_review_id)
        _check_hub(case_review, user)
        referral = Referral.objects.filter(hub_id=case_review.hub_id, reference=reference.strip().upper()).first()
        if referral is None:
            raise UnknownReferral()
        case_review.linked_referrals.add(referral)
        _audit(case_review, "casereviews.link", user, referral=referral.reference)
    return referral


def qualifying_referrals(case_review, *, threshold=Threshold.NATIONAL):
    """The linked referrals within the threshold's window before the application, and the reports the threshold
    asks for: (referrals, reports needed, window in days). What staff weigh; the decision is theirs."""
    settings = CaseReviewSettings.for_hub(case_review.hub_id)
    needed, days = settings.threshold_for(threshold)
    since = case_review.submitted_at - timedelta(days=days)
    referrals = list(
        case_review.linked_referrals.filter(submitted_at__gte=since, submitted_at__lte=case_review.submitted_at)
        .select_related("area")
        .order_by("submitted_at")
    )
    return referrals, needed, days


def decide_threshold(*, case_review_id, user, met, threshold, note, now=None):
    """Record whether the application meets the threshold (national, or the hub's local one) and tell the
    applicant. A met threshold makes the review due within the hub's timescale. Raises MissingDetail without the
    reasons, or for a local threshold the hub has not set."""
    now = now or timezone.now()
    if not (note or "").strip() or threshold not in Threshold.values:
        raise MissingDetail()
    with transaction.atomic():
        case_review, step = _take_step(case_review_id, "threshold_met" if met else "threshold_not_met", user)
        if threshold == Threshold.LOCAL and not CaseReviewSettings.for_hub(case_review.hub_id).local_reports:
            raise MissingDetail()
        _move(case_review, step, now)
        case_review.threshold = threshold
        case_review.decision_note = note.strip()
        case_review.decided_at = now
        case_review.save()
        _audit(case_review, "casereviews.decide", user, met=bool(met), threshold=threshold)
        notifications.decision_made(case_review)
    return case_review


def record_review(*, case_review_id, user, held_on, agencies_present, recommendations_made, recommendations, now=None):
    """Record the review meeting: when, which agencies, and its recommendations (required when it made some).
    The response to the applicant is then due within the hub's timescale."""
    now = now or timezone.now()
    if held_on is None or held_on > timezone.localdate(now) or not (agencies_present or "").strip():
        raise MissingDetail()
    if recommendations_made and not (recommendations or "").strip():
        raise MissingDetail()
    with transaction.atomic():
        case_review, step = _take_step(case_review_id, "review", user)
        _move(case_review, step, now)
        case_review.review_held_on = held_on
        case_review.agencies_present = agencies_present.strip()
        case_review.recommendations_made = bool(recommendations_made)
        case_review.recommendations = recommendations.strip() if recommendations_made else ""
        case_review.reviewed_at = now
        case_review.save()
        _audit(case_review, "casereviews.review", user, recommendations=bool(recommendations_made))
    return case_review


def record_response(*, case_review_id, user, response, now=None):
    """Record the partners' response and send the applicant the outcome (by link). Nothing more is due."""
    now = now or timezone.now()
    if not (response or "").strip():
        raise MissingDetail()
    with transaction.atomic():
        case_review, step = _take_step(case_review_id, "respond", user)
        _move(case_review, step, now)
        case_review.response = response.strip()
        case_review.responded_at = now
        case_review.save()
        _audit(case_review, "casereviews.respond", user)
        notifications.outcome_sent(case_review)
    return case_review


def record_view(*, case_review, user):
    _audit(case_review, "casereviews.view", user)


SETTING_FIELDS = ("local_reports", "local_window_days", "decision_days", "review_days", "response_days")


def update_settings(*, hub_id, user, values):
    """Set ``hub_id``'s threshold and timescales (``values``: validated CaseReviewSettings fields). Steps already due
    keep their dates. Raises NotPermitted for a hub the user does not work for."""
    if user is not None and hub_id not in hub_ids_for(user):
        raise NotPermitted()
    settings, _created = CaseReviewSettings.objects.update_or_create(
        hub_id=hub_id, defaults={name: values[name] for name in SETTING_FIELDS if name in values}
    )
    return settings
