"""Every state of an ASB Case Review, through the services, with the clock held: received -> threshold met or not
met -> review held -> response sent; the dates each step is due by; the applicant's emails (links only)."""

from datetime import date, timedelta

import pytest

from directory.casereviews import services
from directory.casereviews.choices import Status, Threshold
from directory.casereviews.errors import InvalidTransition, MissingDetail, NotPermitted, UnknownReferral
from directory.casereviews.models import CaseReview, CaseReviewSettings
from portal.models import HubLogEntry
from portal.tokens import hash_token
from tests.factories import AreaFactory, ReferralFactory, hub_coordinator

from .conftest import NOW

pytestmark = pytest.mark.django_db

TODAY = NOW.date()


def logged(case_review):
    return list(
        HubLogEntry.objects.filter(object_id=str(case_review.pk)).order_by("timestamp").values_list("action", flat=True)
    )


def test_an_application_gets_a_reference_a_hashed_token_and_its_decision_due_date(submit):
    case_review, token = submit(submission_key="k1")
    assert case_review.reference.startswith("CR-") and case_review.status == Status.RECEIVED
    assert case_review.status_token_hash == hash_token(token)
    assert case_review.due_on == TODAY + timedelta(days=10)
    assert [report.reported_to for report in case_review.reports.all()] == ["council", "police"]
    assert logged(case_review) == ["casereviews.submit"]


def test_the_hubs_published_timescale_sets_the_due_date(submit, hub):
    CaseReviewSettings.objects.create(hub=hub, decision_days=5)
    case_review, _token = submit()
    assert case_review.due_on == TODAY + timedelta(days=5)


def test_the_same_submission_twice_makes_one_application(submit):
    first, token = submit(submission_key="same")
    again, no_token = submit(submission_key="same")
    assert again.pk == first.pk and token and no_token is None
    assert CaseReview.objects.count() == 1


@pytest.mark.parametrize(
    "changes",
    [
        {"on_behalf": True, "consent_given": False, "representative_name": "Sam"},
        {"area": "other-hub"},
    ],
)
def test_an_application_without_consent_or_for_another_hubs_area_is_refused(submit, other_hub, changes):
    if changes.get("area") == "other-hub":
        changes["area"] = AreaFactory(hub=other_hub, name="Elsewhere", slug="elsewhere")
    with pytest.raises(MissingDetail):
        submit(**changes)
    assert not CaseReview.objects.exists()


def test_an_application_needs_a_report_and_a_hub(hub, application):
    details, _reports = application()
    with pytest.raises(MissingDetail):
        services.submit_application(hub=hub, details=details, reports=[])
    with pytest.raises(MissingDetail):
        services.submit_application(hub=None, details=details, reports=_reports)


def test_the_applicant_is_emailed_a_link_and_staff_a_link_never_the_content(
    submit, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case_review, token = submit(submission_key="k")
    to_applicant = [message for message in mailoutbox if message.to == ["alex@example.org"]]
    to_staff = [message for message in mailoutbox if message.to == [coordinator.email]]
    assert len(to_applicant) == 1 and token in to_applicant[0].body
    assert case_review.reference in to_staff[0].body and "/admin/" in to_staff[0].body
    for message in mailoutbox:
        assert "broken glass" not in message.body and "Alex" not in message.body


def test_threshold_met_makes_the_review_due_and_tells_the_applicant_by_link(
    submit, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    case_review, token = submit(submission_key="k")
    decided_at = NOW + timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        decided = services.decide_threshold(
            case_review_id=case_review.pk,
            user=coordinator,
            met=True,
            threshold=Threshold.NATIONAL,
            note="Three reports to police and council since January.",
            now=decided_at,
        )
    assert decided.status == Status.REVIEW_DUE
    assert decided.due_on == decided_at.date() + timedelta(days=25)
    assert [message.to for message in mailoutbox] == [["alex@example.org"]]
    assert token in mailoutbox[0].body and "Three reports" not in mailoutbox[0].body


def test_threshold_not_met_ends_the_application_with_nothing_due(submit, coordinator):
    case_review, _ = submit()
    decided = services.decide_threshold(
        case_review_id=case_review.pk, user=coordinator, met=False, threshold=Threshold.NATIONAL, note="One report."
    )
    assert decided.status == Status.NOT_MET and decided.due_on is None and not decided.is_open
    with pytest.raises(InvalidTransition):
        services.record_review(
            case_review_id=case_review.pk,
            user=coordinator,
            held_on=TODAY,
            agencies_present="Police",
            recommendations_made=False,
            recommendations="",
        )


def test_a_local_threshold_can_be_used_only_once_the_hub_has_set_one(submit, coordinator, hub):
    case_review, _ = submit()
    with pytest.raises(MissingDetail):
        services.decide_threshold(
            case_review_id=case_review.pk, user=coordinator, met=True, threshold=Threshold.LOCAL, note="Vulnerable."
        )
    services.update_settings(hub_id=hub.pk, user=coordinator, values={"local_reports": 1, "local_window_days": 90})
    decided = services.decide_threshold(
        case_review_id=case_review.pk, user=coordinator, met=True, threshold=Threshold.LOCAL, note="Vulnerable."
    )
    assert decided.threshold == Threshold.LOCAL


def test_a_decision_needs_reasons(submit, coordinator):
    case_review, _ = submit()
    with pytest.raises(MissingDetail):
        services.decide_threshold(
            case_review_id=case_review.pk, user=coordinator, met=True, threshold=Threshold.NATIONAL, note="  "
        )


def test_the_review_then_the_response_close_it_and_send_the_outcome(
    submit, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    case_review, token = submit(submission_key="k")
    services.decide_threshold(
        case_review_id=case_review.pk, user=coordinator, met=True, threshold=Threshold.NATIONAL, note="Met.", now=NOW
    )
    review_day = NOW + timedelta(days=20)
    with pytest.raises(MissingDetail):
        services.record_review(
            case_review_id=case_review.pk,
            user=coordinator,
            held_on=review_day.date(),
            agencies_present="Police, council",
            recommendations_made=True,
            recommendations="",
            now=review_day,
        )
    reviewed = services.record_review(
        case_review_id=case_review.pk,
        user=coordinator,
        held_on=review_day.date(),
        agencies_present="Police, council",
        recommendations_made=True,
        recommendations="Joint patrols on Friday nights.",
        now=review_day,
    )
    assert reviewed.status == Status.REVIEWED and reviewed.due_on == review_day.date() + timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        closed = services.record_response(
            case_review_id=case_review.pk, user=coordinator, response="Patrols start on 1 May.", now=review_day
        )
    assert closed.status == Status.CLOSED and closed.due_on is None
    assert token in mailoutbox[-1].body and "Patrols" not in mailoutbox[-1].body
    assert logged(closed) == [
        "casereviews.submit",
        "casereviews.decide",
        "casereviews.review",
        "casereviews.respond",
    ]


def test_a_review_cannot_be_dated_in_the_future(submit, coordinator):
    case_review, _ = submit()
    services.decide_threshold(
        case_review_id=case_review.pk, user=coordinator, met=True, threshold=Threshold.NATIONAL, note="Met.", now=NOW
    )
    with pytest.raises(MissingDetail):
        services.record_review(
            case_review_id=case_review.pk,
            user=coordinator,
            held_on=date(2026, 4, 1),
            agencies_present="Police",
            recommendations_made=False,
            recommendations="",
            now=NOW,
        )


def test_a_response_before_the_review_is_refused(submit, coordinator):
    case_review, _ = submit()
    with pytest.raises(InvalidTransition):
        services.record_response(case_review_id=case_review.pk, user=coordinator, response="Too soon.")


def test_staff_of_another_hub_cannot_take_a_step(submit, other_hub):
    case_review, _ = submit()
    stranger = hub_coordinator(hubs=[other_hub], username="olga", email="olga@example.org")
    with pytest.raises(NotPermitted):
        services.decide_threshold(
            case_review_id=case_review.pk, user=stranger, met=True, threshold=Threshold.NATIONAL, note="Met."
        )
    with pytest.raises(NotPermitted):
        services.link_referral(case_review_id=case_review.pk, user=stranger, reference="HUB-AAAA-AAAA")
    with pytest.raises(NotPermitted):
        services.update_settings(hub_id=case_review.hub_id, user=stranger, values={"decision_days": 1})


def test_the_hubs_own_referrals_link_and_count_against_the_threshold(submit, coordinator, hub, other_hub):
    case_review, _ = submit()
    recent = [ReferralFactory(hub=hub, submitted_at=NOW - timedelta(days=days)) for days in (10, 40, 90)]
    old = ReferralFactory(hub=hub, submitted_at=NOW - timedelta(days=400))
    theirs = ReferralFactory(hub=other_hub)
    for referral in [*recent, old]:
        services.link_referral(case_review_id=case_review.pk, user=coordinator, reference=referral.reference.lower())
    with pytest.raises(UnknownReferral):
        services.link_referral(case_review_id=case_review.pk, user=coordinator, reference=theirs.reference)
    counted, needed, days = services.qualifying_referrals(CaseReview.objects.get(pk=case_review.pk))
    assert [referral.pk for referral in counted] == [referral.pk for referral in reversed(recent)]
    assert (needed, days) == (3, 183)


def test_overdue_steps_are_found_by_the_date_they_were_due(submit, coordinator):
    late, _ = submit(now=NOW - timedelta(days=30))
    in_time, _ = submit(now=NOW)
    finished, _ = submit(now=NOW - timedelta(days=30))
    services.decide_threshold(
        case_review_id=finished.pk, user=coordinator, met=False, threshold=Threshold.NATIONAL, note="No."
    )
    assert list(CaseReview.objects.overdue(TODAY)) == [late]
    assert not in_time.is_overdue(TODAY) and late.is_overdue(TODAY)


def test_the_yearly_figures_count_what_the_act_expects(submit, coordinator):
    not_met, _ = submit()
    services.decide_threshold(case_review_id=not_met.pk, user=coordinator, met=False, threshold="national", note="x")
    for recommendations in (True, False):
        reviewed, _ = submit()
        services.decide_threshold(
            case_review_id=reviewed.pk, user=coordinator, met=True, threshold="national", note="x"
        )
        services.record_review(
            case_review_id=reviewed.pk,
            user=coordinator,
            held_on=TODAY,
            agencies_present="Police",
            recommendations_made=recommendations,
            recommendations="Patrols" if recommendations else "",
            now=NOW,
        )
    submit()
    submit(now=NOW.replace(year=2025))
    figures = list(CaseReview.objects.yearly_figures())
    assert figures[0] == {
        "submitted_at__year": 2026,
        "received": 4,
        "not_met": 1,
        "reviews": 2,
        "with_recommendations": 1,
    }
    assert figures[1]["received"] == 1
