"""Referrals finished more than REFERRAL_RETENTION_MONTHS ago lose their personal data and free text, with a
controlled clock: before and after the boundary, open referrals never touched, idempotent."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse

from directory.referrals import services
from directory.referrals.choices import ActionStatus, Priority, Status
from directory.referrals.figures import hub_figures
from directory.referrals.models import PERSONAL_FIELDS, ActionUpdate, Referral, ReferralAction, ReferralNote
from directory.referrals.retention import anonymise_closed_referrals
from portal.models import HubLogEntry
from tests.factories.hubs import the_default_hub

from .conftest import NOW

pytestmark = pytest.mark.django_db

# 24 months at 30.44 days: the boundary is 731 days after the referral finished.
BOUNDARY = timedelta(days=731)


@pytest.fixture
def resolved(report_details, coordinator, agency):
    """A resident's report, accepted, given an action with an update and a note, then resolved at NOW."""
    referral, _ = services.submit_report(
        hub=the_default_hub(),
        details=report_details(
            vulnerable_person=True, vulnerability_details="Lives alone", description="Shouting every night"
        ),
        now=NOW - timedelta(days=30),
    )
    services.accept_referral(
        referral_id=referral.pk, user=coordinator, priority=Priority.P2, lead_agency_id=agency.pk, now=NOW
    )
    action = services.add_action(
        referral_id=referral.pk,
        user=coordinator,
        organisation_id=agency.pk,
        description="Visit number 12",
        due_date=NOW.date(),
        now=NOW,
    )
    services.update_action(
        action_id=action.pk, user=coordinator, status=ActionStatus.DONE, note="Spoke to Mr Smith", now=NOW
    )
    services.add_note(referral_id=referral.pk, user=coordinator, text="Reporter is frightened", now=NOW)
    return services.resolve_referral(referral_id=referral.pk, user=coordinator, note="Warning given", now=NOW)


def test_nothing_changes_before_the_boundary(resolved):
    assert anonymise_closed_referrals(now=NOW + BOUNDARY - timedelta(hours=1)) == 0
    referral = Referral.objects.get(pk=resolved.pk)
    assert referral.anonymised_at is None
    assert referral.reporter_email == "alex@example.org" and referral.description == "Shouting every night"
    assert ReferralNote.objects.get().text == "Reporter is frightened"


def test_personal_data_and_free_text_go_after_the_boundary_and_the_counts_stay(resolved):
    later = NOW + BOUNDARY + timedelta(hours=1)
    figures_before = hub_figures(hubs=[the_default_hub()], now=NOW + timedelta(days=1))

    assert anonymise_closed_referrals(now=later) == 1

    referral = Referral.objects.get(pk=resolved.pk)
    assert referral.anonymised_at == later
    for field in (*PERSONAL_FIELDS, "postcode", "place_key"):
        assert getattr(referral, field) == "", field
    assert ReferralNote.objects.get().text == ""
    assert ReferralAction.objects.get().description == ""
    assert ActionUpdate.objects.get().note == ""
    kept = (
        referral.reference,
        referral.status,
        referral.category,
        referral.report_type,
        referral.area_id,
        referral.priority,
        referral.closure_reason,
        referral.submitted_at,
        referral.accepted_at,
        referral.finished_at,
        referral.vulnerable_person,
    )
    assert kept == (
        resolved.reference,
        Status.RESOLVED,
        resolved.category,
        resolved.report_type,
        resolved.area_id,
        "P2",
        "resolved",
        resolved.submitted_at,
        resolved.accepted_at,
        resolved.finished_at,
        True,
    )
    assert ReferralAction.objects.get().status == ActionStatus.DONE and ActionUpdate.objects.get().status == "done"
    assert hub_figures(hubs=[the_default_hub()], now=NOW + timedelta(days=1)) == figures_before, (
        "the figures do not change"
    )


def test_audit_entries_are_kept(resolved):
    entries = list(HubLogEntry.objects.filter(object_id=str(resolved.pk)).values_list("action", "data"))
    assert anonymise_closed_referrals(now=NOW + BOUNDARY + timedelta(days=1)) == 1
    assert list(HubLogEntry.objects.filter(object_id=str(resolved.pk)).values_list("action", "data")) == entries
    assert (
        "referrals.resolve",
        {"reference": resolved.reference, "status": "resolved", "reason": "resolved"},
    ) in entries


def test_it_is_idempotent(resolved):
    first = NOW + BOUNDARY + timedelta(days=1)
    assert anonymise_closed_referrals(now=first) == 1
    assert anonymise_closed_referrals(now=first + timedelta(days=30)) == 0
    assert Referral.objects.get(pk=resolved.pk).anonymised_at == first


@pytest.mark.parametrize("state", ["submitted", "accepted", "in_progress"])
def test_open_referrals_are_never_touched(report_details, coordinator, agency, state):
    referral, _ = services.submit_report(
        hub=the_default_hub(), details=report_details(), now=NOW - timedelta(days=2000)
    )
    if state != "submitted":
        services.accept_referral(
            referral_id=referral.pk, user=coordinator, priority=Priority.P3, lead_agency_id=agency.pk, now=NOW
        )
    if state == "in_progress":
        services.add_action(
            referral_id=referral.pk,
            user=coordinator,
            organisation_id=agency.pk,
            description="Visit",
            due_date=NOW.date(),
            now=NOW,
        )
    assert anonymise_closed_referrals(now=NOW + timedelta(days=4000)) == 0
    referral.refresh_from_db()
    assert referral.status == state and referral.anonymised_at is None
    assert referral.reporter_email == "alex@example.org"
    assert all(action.description == "Visit" for action in referral.actions.all())


def test_declined_and_closed_referrals_go_too(report_details, coordinator, agency):
    declined, _ = services.submit_report(hub=the_default_hub(), details=report_details(), now=NOW)
    services.decline_referral(
        referral_id=declined.pk, user=coordinator, reason="not_asb", note="A civil dispute", now=NOW
    )
    closed, _ = services.submit_report(hub=the_default_hub(), details=report_details(postcode="WF9 9ZZ"), now=NOW)
    services.accept_referral(
        referral_id=closed.pk, user=coordinator, priority=Priority.P3, lead_agency_id=agency.pk, now=NOW
    )
    services.close_referral(
        referral_id=closed.pk, user=coordinator, reason="no_contact", note="Tried three times", now=NOW
    )
    assert anonymise_closed_referrals(now=NOW + BOUNDARY + timedelta(days=1)) == 2
    declined.refresh_from_db()
    closed.refresh_from_db()
    assert (declined.decline_note, declined.decline_reason) == ("", "not_asb")
    assert (closed.closure_note, closed.closure_reason) == ("", "no_contact")


def test_the_retention_period_is_configurable(resolved, settings):
    settings.REFERRAL_RETENTION_MONTHS = 6
    assert anonymise_closed_referrals(now=NOW + timedelta(days=180)) == 0
    assert anonymise_closed_referrals(now=NOW + timedelta(days=185)) == 1


def test_apply_retention_runs_the_referral_step(resolved, capsys, settings):
    settings.REFERRAL_RETENTION_MONTHS = 0
    call_command("apply_retention")
    assert "1 referrals anonymised." in capsys.readouterr().out
    assert Referral.objects.get(pk=resolved.pk).anonymised_at is not None


def test_the_status_link_stops_working_once_the_report_is_anonymised(
    client, home_page, report_details, coordinator, agency
):
    referral, token = services.submit_report(
        hub=the_default_hub(), details=report_details(), submission_key="k", now=NOW - timedelta(days=5)
    )
    services.decline_referral(referral_id=referral.pk, user=coordinator, reason="not_asb", now=NOW)
    link = reverse("referrals:status", args=[token])
    assert client.get(link).status_code == 200

    assert anonymise_closed_referrals(now=NOW + BOUNDARY + timedelta(hours=1)) == 1

    response = client.get(link)
    assert response.status_code == 404
    assert referral.reference not in response.content.decode()
    anonymised = Referral.objects.get(pk=referral.pk)
    assert anonymised.status_token_hash is None, "nothing derived from the token is kept"
    assert anonymised.status_token_again("k") is None, "and a repeated POST cannot show it again"


def test_the_status_link_of_an_open_report_keeps_working(client, home_page, report_details):
    referral, token = services.submit_report(
        hub=the_default_hub(), details=report_details(), now=NOW - timedelta(days=2000)
    )

    assert anonymise_closed_referrals(now=NOW + BOUNDARY) == 0

    response = client.get(reverse("referrals:status", args=[token]))
    assert response.status_code == 200 and referral.reference in response.content.decode()
