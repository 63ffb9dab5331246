"""Two ASB Case Reviews for the default hub, through the services with a backdated clock: one that met the
threshold and was reviewed, with recommendations and a response; one that did not meet it."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from directory.casereviews import services
from directory.casereviews.models import CaseReview
from directory.models import Area
from directory.referrals.models import Referral
from portal.hubs import default_hub

from .data import load

DATA = load("casereviews")


def seed_case_reviews(today, report, hub=None):
    hub = hub or default_hub()
    now = min(timezone.make_aware(datetime.combine(today, time(11))), timezone.now())
    made = 0
    for facts in DATA["applications"]:
        if CaseReview.objects.filter(submission_key=facts["key"]).exists():
            continue
        _application(hub, now, facts)
        made += 1
    if made:
        report.append(f"Created {made} demo ASB Case Reviews for {hub.name}.")


def _application(hub, now, facts):
    submitted = now - timedelta(days=facts["days_ago"])
    details = {
        "applicant_name": facts["applicant_name"],
        "contact_email": facts.get("contact_email", ""),
        "contact_phone": facts.get("contact_phone", ""),
        "area": Area.objects.filter(hub=hub, slug=facts["area"]).first() if facts["area"] else None,
        "what_happened": facts["what_happened"],
        "impact": facts["impact"],
    }
    reports = [
        {"reported_to": to, "reported_on": (now - timedelta(days=days)).date(), "their_reference": ""}
        for to, days in facts["reports"]
    ]
    case_review, _token = services.submit_application(
        hub=hub, details=details, reports=reports, submission_key=facts["key"], now=submitted
    )
    if facts["link_repeat_location"]:
        repeat = Referral.objects.filter(hub=hub, case_review_flag=True, submitted_at__lt=submitted)
        for reference in repeat.values_list("reference", flat=True)[:4]:
            services.link_referral(case_review_id=case_review.pk, user=None, reference=reference)
    decision = facts["decision"]
    services.decide_threshold(
        case_review_id=case_review.pk,
        user=None,
        met=decision["met"],
        threshold="national",
        note=decision["note"],
        now=submitted + timedelta(days=decision["days_after"]),
    )
    if "review" in facts:
        review = facts["review"]
        held = submitted + timedelta(days=review["days_after"])
        services.record_review(
            case_review_id=case_review.pk,
            user=None,
            held_on=timezone.localdate(held),
            agencies_present=review["agencies"],
            recommendations_made=True,
            recommendations=review["recommendations"],
            now=held,
        )
        response = facts["response"]
        services.record_response(
            case_review_id=case_review.pk,
            user=None,
            response=response["text"],
            now=submitted + timedelta(days=response["days_after"]),
        )
