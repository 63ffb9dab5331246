"""Hub staff's ASB Case Review screens: listing, inspect (with the linked referrals and the threshold), each step,
the settings; scoped by hub (another hub's application is not found) and closed to users who may not triage."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from directory.casereviews import services
from directory.casereviews.choices import Status
from directory.casereviews.models import CaseReview, CaseReviewSettings
from tests.factories import ReferralFactory, hub_coordinator, hub_editor

pytestmark = pytest.mark.django_db

ADMIN = "/admin/casereviews/casereview/"


@pytest.fixture
def ours(submit):
    return submit()[0]


@pytest.fixture
def theirs(submit, other_hub):
    return submit(hub=other_hub, area=None)[0]


def step_urls(case_review):
    return [f"/admin/case-reviews/{case_review.pk}/{name}/" for name in ("threshold_met", "threshold_not_met", "link")]


def test_the_listing_and_inspect_show_only_the_users_hub(coordinator_client, ours, theirs, hub):
    listing = coordinator_client.get(ADMIN).content.decode()
    assert ours.reference in listing and theirs.reference not in listing
    referral = ReferralFactory(hub=hub, submitted_at=timezone.now() - timedelta(days=5))
    services.link_referral(case_review_id=ours.pk, user=None, reference=referral.reference)
    inspect = coordinator_client.get(f"{ADMIN}inspect/{ours.pk}/")
    page = inspect.content.decode()
    assert inspect.status_code == 200
    assert referral.reference in page and f"/admin/referrals/referral/inspect/{referral.pk}/" in page
    assert "Record: threshold met" in page and "Alex Resident" in page
    assert coordinator_client.get(f"{ADMIN}inspect/{theirs.pk}/").status_code == 404
    assert coordinator_client.get(f"{ADMIN}history/{theirs.pk}/").status_code == 404


@pytest.mark.parametrize("index", range(3))
def test_another_hubs_application_is_not_found_by_any_step(coordinator_client, theirs, index):
    url = step_urls(theirs)[index]
    assert coordinator_client.get(url).status_code == 404
    assert coordinator_client.post(url, {"threshold": "national", "note": "x", "reference": "X"}).status_code == 404
    assert CaseReview.objects.get(pk=theirs.pk).status == Status.RECEIVED


@pytest.mark.parametrize("make_user", [hub_editor, None], ids=["editor", "signed-out"])
def test_users_who_may_not_triage_reach_nothing(make_user, ours):
    client = Client()
    if make_user:
        client.force_login(make_user())
    for url in [ADMIN, f"{ADMIN}inspect/{ours.pk}/", *step_urls(ours), "/admin/case-reviews/settings/"]:
        assert client.get(url).status_code in (302, 403), url
    assert client.post(step_urls(ours)[0], {"threshold": "national", "note": "x"}).status_code in (302, 403)
    assert CaseReview.objects.get(pk=ours.pk).status == Status.RECEIVED


def test_a_coordinator_takes_each_step_through_the_forms(coordinator_client, ours):
    base = f"/admin/case-reviews/{ours.pk}"
    refused = coordinator_client.post(f"{base}/threshold_met/", {"threshold": "national", "note": ""})
    assert refused.status_code == 200
    response = coordinator_client.post(f"{base}/threshold_met/", {"threshold": "national", "note": "Three reports."})
    assert response.status_code == 302
    assert CaseReview.objects.get(pk=ours.pk).status == Status.REVIEW_DUE
    too_late = coordinator_client.post(f"{base}/threshold_not_met/", {"threshold": "national", "note": "No."})
    assert "cannot be done" in too_late.content.decode()
    coordinator_client.post(
        f"{base}/review/",
        {
            "held_on": timezone.localdate().isoformat(),
            "agencies_present": "Police",
            "recommendations_made": "on",
            "recommendations": "Patrols",
        },
    )
    coordinator_client.post(f"{base}/respond/", {"response": "Patrols from May."})
    closed = CaseReview.objects.get(pk=ours.pk)
    assert closed.status == Status.CLOSED and closed.recommendations == "Patrols"


def test_linking_another_hubs_referral_is_refused_as_a_form_error(coordinator_client, ours, other_hub):
    theirs = ReferralFactory(hub=other_hub)
    response = coordinator_client.post(f"/admin/case-reviews/{ours.pk}/link/", {"reference": theirs.reference})
    assert response.status_code == 200 and "No referral of this hub" in response.content.decode()
    assert not CaseReview.objects.get(pk=ours.pk).linked_referrals.exists()


def test_settings_are_per_hub_and_only_for_the_users_hubs(coordinator_client, hub, other_hub):
    assert coordinator_client.get("/admin/case-reviews/settings/").status_code == 200
    assert coordinator_client.get(f"/admin/case-reviews/settings/{other_hub.pk}/").status_code == 404
    values = {"local_reports": "2", "local_window_days": "90", "decision_days": "7", "review_days": "20"}
    response = coordinator_client.post(f"/admin/case-reviews/settings/{hub.pk}/", {**values, "response_days": "5"})
    assert response.status_code == 302
    saved = CaseReviewSettings.objects.get(hub=hub)
    assert (saved.local_reports, saved.decision_days, saved.response_days) == (2, 7, 5)
    assert coordinator_client.post(f"/admin/case-reviews/settings/{other_hub.pk}/", values).status_code == 404
    assert not CaseReviewSettings.objects.filter(hub=other_hub).exists()


def test_the_dashboard_counts_waiting_and_overdue_steps_of_the_users_hubs(coordinator_client, submit, other_hub):
    now = timezone.now()
    late, _ = submit(now=now - timedelta(days=30))
    submit(now=now)
    submit(hub=other_hub, area=None, now=now - timedelta(days=30))
    response = coordinator_client.get("/admin/")
    panel = next(panel for panel in response.context["panels"] if getattr(panel, "name", "") == "case-reviews")
    lines = {str(line.label): line for line in panel.get_lines(response.wsgi_request)}
    assert lines["Waiting for a threshold decision"].count == 2
    overdue = lines["Steps overdue"]
    assert overdue.count == 1 and [row.label for row in overdue.rows] == [late.reference]
    assert late.reference in response.content.decode()
    listing = coordinator_client.get(overdue.url)
    assert {str(row) for row in listing.context["object_list"]} == {late.reference}


def test_staff_of_another_hub_see_none_of_it_on_their_dashboard(submit, other_hub):
    submit(now=timezone.now() - timedelta(days=30))
    client = Client()
    client.force_login(hub_coordinator(hubs=[other_hub], username="olga", email="olga@example.org"))
    page = client.get("/admin/").content.decode()
    assert "CR-" not in page
