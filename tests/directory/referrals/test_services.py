from datetime import date, timedelta

import pytest

from directory.referrals import services
from directory.referrals.choices import (
    ActionStatus,
    ClosureReason,
    DeclineReason,
    LinkKind,
    Priority,
    SharingBasis,
    Source,
    Status,
    SubjectType,
    Urgency,
)
from directory.referrals.errors import InvalidLink, InvalidTransition, MissingDetail, NotPermitted
from directory.referrals.models import Referral, ReferralLink
from directory.referrals.workdays import add_working_days
from portal.models import HubLogEntry
from portal.tokens import hash_token
from tests.factories import OrganisationFactory
from tests.factories.hubs import the_default_hub

from .conftest import NOW

pytestmark = pytest.mark.django_db


def submit(report_details, **changes):
    return services.submit_report(hub=the_default_hub(), details=report_details(**changes), now=NOW)


def accepted(report_details, coordinator, agency, priority=Priority.P2, **changes):
    referral, _ = submit(report_details, **changes)
    return services.accept_referral(
        referral_id=referral.pk, user=coordinator, priority=priority, lead_agency_id=agency.pk, now=NOW
    )


def actions_logged(referral):
    return list(
        HubLogEntry.objects.filter(object_id=str(referral.pk)).order_by("timestamp").values_list("action", flat=True)
    )


# Submitting


def test_a_report_gets_a_random_reference_and_a_status_token_stored_only_as_a_hash(report_details):
    referral, token = submit(report_details)
    assert referral.status == Status.SUBMITTED and referral.source == Source.PUBLIC
    assert len(token) >= 43
    assert referral.status_token_hash == hash_token(token)
    assert token not in referral.status_token_hash
    other, _ = submit(report_details)
    assert referral.reference != other.reference
    assert referral.reference.startswith("HUB-") and len(referral.reference) == 13
    assert referral.postcode == "WF1 1AA"


def test_the_same_submission_twice_makes_one_report(report_details):
    first, token = services.submit_report(
        hub=the_default_hub(), details=report_details(), submission_key="journey-1", now=NOW
    )
    again, no_token = services.submit_report(
        hub=the_default_hub(), details=report_details(), submission_key="journey-1", now=NOW
    )
    assert again.pk == first.pk and token and no_token is None
    assert Referral.objects.count() == 1


def test_an_anonymous_report_keeps_no_identity(report_details):
    referral, _ = submit(report_details, reporter_anonymous=True)
    referral.refresh_from_db()
    assert (referral.reporter_name, referral.reporter_email, referral.reporter_phone) == ("", "", "")


def test_the_reporter_gets_the_status_link_by_email_and_staff_get_nothing_for_a_routine_report(
    report_details, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        referral, token = submit(report_details)
    assert [message.to for message in mailoutbox] == [["alex@example.org"]]
    assert referral.reference in mailoutbox[0].subject
    assert token in mailoutbox[0].body
    assert "war memorial" not in mailoutbox[0].body


def test_a_report_about_a_vulnerable_person_alerts_triage_staff_with_a_link_only(
    report_details, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        referral, _ = submit(report_details, vulnerable_person=True, vulnerability_details="Elderly neighbour")
    staff_mail = [message for message in mailoutbox if message.to == [coordinator.email]]
    assert len(staff_mail) == 1
    body = staff_mail[0].body
    assert f"/admin/referrals/referral/inspect/{referral.pk}/" in body
    for private in ("Elderly neighbour", "war memorial", "Alex", "alex@example.org", "benches"):
        assert private not in body


def test_anonymous_reporters_get_no_email(report_details, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit(report_details, reporter_anonymous=True)
    assert mailoutbox == []


def test_reports_about_the_same_place_are_linked_and_three_flag_a_case_review(report_details):
    first, _ = services.submit_report(
        hub=the_default_hub(), details=report_details(postcode="WF1 1AA"), now=NOW - timedelta(days=90)
    )
    second, _ = services.submit_report(
        hub=the_default_hub(), details=report_details(postcode="wf11aa"), now=NOW - timedelta(days=10)
    )
    first.refresh_from_db()
    assert not first.case_review_flag and not second.case_review_flag
    assert ReferralLink.objects.filter(from_referral=first, to_referral=second, kind=LinkKind.SAME_PLACE).exists()

    third, _ = submit(report_details, postcode="WF1 1AA")
    assert third.case_review_flag
    assert set(Referral.objects.filter(case_review_flag=True)) == {first, second, third}


def test_reports_older_than_six_months_or_elsewhere_do_not_count(report_details):
    services.submit_report(hub=the_default_hub(), details=report_details(), now=NOW - timedelta(days=200))
    submit(report_details, postcode="WF2 2BB")
    submit(report_details)
    latest, _ = submit(report_details)
    assert not latest.case_review_flag
    assert latest.links_to.count() == 1


def test_without_a_postcode_the_area_and_description_locate_the_place(report_details):
    submit(report_details, postcode="")
    submit(report_details, postcode="", location_description="Benches by the War Memorial, market square!")
    third, _ = submit(report_details, postcode="")
    assert third.case_review_flag


# Partner referrals


def partner_details(**changes):
    details = {
        "category": "nuisance",
        "report_type": "drugs",
        "subject_type": SubjectType.PREMISES,
        "location_description": "12 Mill Lane",
        "postcode": "WF2 3DB",
        "summary": "Suspected cuckooing",
        "description": "Visitors at all hours; the tenant seems frightened.",
        "urgency": Urgency.ROUTINE,
        "agencies_involved": "Housing provider",
        "sharing_basis": SharingBasis.SECTION_115,
    }
    details.update(changes)
    return details


def test_a_partner_refers_for_their_own_organisation(partner, agency):
    referral, _ = services.submit_partner_referral(
        hub=the_default_hub(), user=partner, organisation_id=agency.pk, details=partner_details(), now=NOW
    )
    assert referral.source == Source.PARTNER
    assert referral.referred_by == partner and referral.referring_organisation == agency


def test_a_partner_cannot_refer_for_another_organisation(other_partner, agency):
    with pytest.raises(NotPermitted):
        services.submit_partner_referral(
            hub=the_default_hub(), user=other_partner, organisation_id=agency.pk, details=partner_details(), now=NOW
        )
    assert not Referral.objects.exists()


def test_another_basis_for_sharing_must_be_explained(partner, agency):
    with pytest.raises(MissingDetail):
        services.submit_partner_referral(
            hub=the_default_hub(),
            user=partner,
            organisation_id=agency.pk,
            details=partner_details(sharing_basis=SharingBasis.OTHER, sharing_explanation="  "),
            now=NOW,
        )


def test_an_urgent_partner_referral_alerts_triage_staff(
    partner, agency, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_partner_referral(
            hub=the_default_hub(),
            user=partner,
            organisation_id=agency.pk,
            details=partner_details(urgency=Urgency.URGENT),
            now=NOW,
        )
    assert [message.to for message in mailoutbox] == [[coordinator.email]]
    assert "cuckooing" not in mailoutbox[0].body


# Triage


@pytest.mark.parametrize(
    ("priority", "target"),
    [(Priority.P1, date(2026, 3, 11)), (Priority.P2, date(2026, 3, 12)), (Priority.P3, date(2026, 3, 17))],
)
def test_accepting_sets_the_target_contact_date_in_working_days(report_details, coordinator, agency, priority, target):
    referral = accepted(report_details, coordinator, agency, priority=priority)
    assert referral.status == Status.ACCEPTED
    assert referral.target_contact_date == target
    assert referral.review_date == date(2026, 3, 10) + timedelta(days=28)
    assert referral.lead_agency == agency


def test_working_days_skip_weekends_and_bank_holidays():
    assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)  # Good Friday and Easter Monday
    assert add_working_days(date(2026, 12, 24), 2) == date(2026, 12, 30)


def test_accepting_tells_the_reporter_without_details(
    report_details, coordinator, agency, mailoutbox, django_capture_on_commit_callbacks
):
    referral, _ = submit(report_details)
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_referral(
            referral_id=referral.pk, user=coordinator, priority=Priority.P3, lead_agency_id=agency.pk, now=NOW
        )
    assert [message.to for message in mailoutbox] == [["alex@example.org"]]
    assert "accepted" in mailoutbox[0].subject
    assert agency.name not in mailoutbox[0].body


def test_a_p1_alerts_triage_staff(report_details, coordinator, agency, mailoutbox, django_capture_on_commit_callbacks):
    referral, _ = submit(report_details)
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_referral(
            referral_id=referral.pk, user=coordinator, priority=Priority.P1, lead_agency_id=agency.pk, now=NOW
        )
    assert coordinator.email in [message.to[0] for message in mailoutbox]


def test_a_referral_is_accepted_only_once(report_details, coordinator, agency):
    referral = accepted(report_details, coordinator, agency)
    with pytest.raises(InvalidTransition):
        services.accept_referral(
            referral_id=referral.pk, user=coordinator, priority=Priority.P1, lead_agency_id=agency.pk, now=NOW
        )


def test_accepting_needs_a_priority_and_a_published_lead_agency(report_details, coordinator):
    referral, _ = submit(report_details)
    hidden = OrganisationFactory(live=False)
    with pytest.raises(MissingDetail):
        services.accept_referral(referral_id=referral.pk, user=coordinator, priority="P9", lead_agency_id=hidden.pk)
    with pytest.raises(MissingDetail):
        services.accept_referral(
            referral_id=referral.pk, user=coordinator, priority=Priority.P1, lead_agency_id=hidden.pk
        )
    referral.refresh_from_db()
    assert referral.status == Status.SUBMITTED


def test_declining_with_a_signpost_needs_the_agency(report_details, coordinator, agency):
    referral, _ = submit(report_details)
    with pytest.raises(MissingDetail):
        services.decline_referral(referral_id=referral.pk, user=coordinator, reason=DeclineReason.SIGNPOSTED)
    declined = services.decline_referral(
        referral_id=referral.pk, user=coordinator, reason=DeclineReason.SIGNPOSTED, signposted_to_id=agency.pk, now=NOW
    )
    assert declined.status == Status.DECLINED and declined.signposted_to == agency
    assert declined.finished_at == NOW
    with pytest.raises(InvalidTransition):
        services.decline_referral(referral_id=referral.pk, user=coordinator, reason=DeclineReason.NOT_ASB)


def test_an_action_moves_the_referral_into_progress_and_tells_the_agency(
    report_details, coordinator, agency, partner, mailoutbox, django_capture_on_commit_callbacks
):
    referral = accepted(report_details, coordinator, agency)
    with django_capture_on_commit_callbacks(execute=True):
        action = services.add_action(
            referral_id=referral.pk,
            user=coordinator,
            organisation_id=agency.pk,
            description="Visit the square on Friday evening",
            due_date=date(2026, 3, 20),
            now=NOW,
        )
    referral.refresh_from_db()
    assert referral.status == Status.IN_PROGRESS
    assert action.status == ActionStatus.OPEN
    assert [message.to for message in mailoutbox] == [[partner.email]]
    assert "/partners/referrals/" in mailoutbox[0].body
    assert "Friday evening" not in mailoutbox[0].body


def test_actions_need_an_accepted_referral_and_a_description(report_details, coordinator, agency):
    referral, _ = submit(report_details)
    with pytest.raises(InvalidTransition):
        services.add_action(
            referral_id=referral.pk, user=coordinator, organisation_id=agency.pk, description="x", due_date=date.today()
        )
    services.accept_referral(referral_id=referral.pk, user=coordinator, priority="P2", lead_agency_id=agency.pk)
    with pytest.raises(MissingDetail):
        services.add_action(
            referral_id=referral.pk, user=coordinator, organisation_id=agency.pk, description=" ", due_date=date.today()
        )


def test_the_assigned_agency_updates_its_action_and_nobody_else_can(
    report_details, coordinator, agency, partner, other_partner
):
    referral = accepted(report_details, coordinator, agency)
    action = services.add_action(
        referral_id=referral.pk, user=coordinator, organisation_id=agency.pk, description="Visit", due_date=date.today()
    )
    with pytest.raises(NotPermitted):
        services.update_action(action_id=action.pk, user=other_partner, status=ActionStatus.DONE)
    services.update_action(
        action_id=action.pk, user=partner, status=ActionStatus.IN_PROGRESS, note="Visited once", now=NOW
    )
    done = services.update_action(action_id=action.pk, user=coordinator, status=ActionStatus.DONE, now=NOW)
    assert done.completed_at == NOW
    assert list(done.updates.values_list("status", "note")) == [("in_progress", "Visited once"), ("done", "")]
    with pytest.raises(InvalidTransition):
        services.update_action(action_id=action.pk, user=partner, status=ActionStatus.IN_PROGRESS)


def test_links_by_reference_refuse_itself_unknown_and_repeats(report_details, coordinator):
    referral, _ = submit(report_details, postcode="WF9 9ZZ")
    other, _ = submit(report_details, postcode="WF8 8YY")
    link = services.link_referrals(
        referral_id=referral.pk, other_reference=other.reference.lower(), kind=LinkKind.DUPLICATE, user=coordinator
    )
    assert link.to_referral == other
    for reference in (referral.reference, "HUB-XXXX-XXXX", other.reference):
        with pytest.raises(InvalidLink):
            services.link_referrals(
                referral_id=referral.pk, other_reference=reference, kind=LinkKind.DUPLICATE, user=coordinator
            )
    with pytest.raises(InvalidLink):
        services.link_referrals(
            referral_id=other.pk, other_reference=referral.reference, kind=LinkKind.DUPLICATE, user=coordinator
        )


def test_resolving_and_closing_tell_the_reporter_and_end_the_referral(
    report_details, coordinator, agency, mailoutbox, django_capture_on_commit_callbacks
):
    resolved = accepted(report_details, coordinator, agency)
    with django_capture_on_commit_callbacks(execute=True):
        services.resolve_referral(referral_id=resolved.pk, user=coordinator, note="Group moved on", now=NOW)
    resolved.refresh_from_db()
    assert resolved.status == Status.RESOLVED and resolved.closure_reason == ClosureReason.RESOLVED
    assert "closed" in mailoutbox[-1].subject and "moved on" not in mailoutbox[-1].body

    closed = accepted(report_details, coordinator, agency, postcode="WF3 3AA")
    with pytest.raises(MissingDetail):
        services.close_referral(referral_id=closed.pk, user=coordinator, reason="bored")
    services.close_referral(referral_id=closed.pk, user=coordinator, reason=ClosureReason.NO_CONTACT)
    for finished in (resolved, closed):
        with pytest.raises(InvalidTransition):
            services.resolve_referral(referral_id=finished.pk, user=coordinator)


def test_a_new_referral_cannot_be_resolved_before_triage(report_details, coordinator):
    referral, _ = submit(report_details)
    with pytest.raises(InvalidTransition):
        services.resolve_referral(referral_id=referral.pk, user=coordinator)


def test_every_change_and_view_is_in_the_audit_log_without_free_text(report_details, coordinator, agency):
    referral = accepted(report_details, coordinator, agency)
    services.add_note(referral_id=referral.pk, user=coordinator, text="Spoke to the reporter")
    services.record_view(referral=referral, user=coordinator)
    assert actions_logged(referral) == [
        "referrals.submit",
        "referrals.accept",
        "referrals.add_note",
        "referrals.view",
    ]
    entries = HubLogEntry.objects.filter(object_id=str(referral.pk))
    assert all("Spoke" not in str(entry.data) and "benches" not in str(entry.data) for entry in entries)
    assert entries.filter(action="referrals.view", user=coordinator).exists()


def test_an_empty_note_is_refused(report_details, coordinator):
    referral, _ = submit(report_details)
    with pytest.raises(MissingDetail):
        services.add_note(referral_id=referral.pk, user=coordinator, text="   ")
