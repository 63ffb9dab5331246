"""The staff dashboard (the admin home): each panel counts only the hubs the user works for, links to the admin
listing of exactly the rows it counts, and is absent for a user without the role or permission."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from bookings.choices import BookingStatus
from directory.casereviews.choices import Status as CaseReviewStatus
from directory.casereviews.models import CaseReview
from directory.referrals.choices import ActionStatus, Priority
from portal.groups import HUB_COORDINATORS, HUB_SAFEGUARDING_LEADS
from portal.models import OutboundEmail
from tests.factories import (
    BookingFactory,
    OrganisationFactory,
    ReferralActionFactory,
    ReferralFactory,
    RunFactory,
    ServiceFactory,
    hub_coordinator,
    hub_editor,
    partner_of,
    staff_user,
    superuser,
)
from tests.factories.pages import ProgrammePageFactory

pytestmark = pytest.mark.django_db

COORDINATOR_PANELS = {
    "awaiting-triage",
    "referrals-overdue",
    "actions-overdue",
    "case-reviews",
    "bookings",
    "directory-drafts",
    "failing-emails",
}
EDITOR_PANELS = {"directory-drafts", "directory-review-due"}


def make_hub_data(hub, home, tag):
    """One hub's worth of work: what the dashboard of a coordinator of ``hub`` counts."""
    today = timezone.localdate()
    now = timezone.now()
    ReferralFactory(hub=hub, vulnerable_person=True, reference=f"{tag}-VUL")
    ReferralFactory(hub=hub, priority=Priority.P1, reference=f"{tag}-P1")
    for number in range(6):
        ReferralFactory(hub=hub, reference=f"{tag}-NEW{number}", submitted_at=now - timedelta(days=number + 1))
    ReferralFactory(hub=hub, accepted=True, target_contact_date=today - timedelta(days=1), reference=f"{tag}-LATE")
    ReferralFactory(hub=hub, accepted=True, review_date=today - timedelta(days=1), reference=f"{tag}-REVIEW")
    ReferralFactory(hub=hub, accepted=True, case_review_flag=True, reference=f"{tag}-CR")
    ReferralFactory(hub=hub, closed=True, case_review_flag=True, review_date=today - timedelta(days=9))
    CaseReview.objects.create(hub=hub, reference=f"CR-{tag}-NEW", applicant_name="A", what_happened="x")
    CaseReview.objects.create(
        hub=hub,
        reference=f"CR-{tag}-LATE",
        status=CaseReviewStatus.REVIEW_DUE,
        due_on=today - timedelta(days=1),
        applicant_name="A",
        what_happened="x",
    )
    agency_x = OrganisationFactory(name=f"{tag} police", hubs=[hub])
    agency_y = OrganisationFactory(name=f"{tag} housing", hubs=[hub])
    overdue = today - timedelta(days=2)
    with_actions = ReferralFactory(hub=hub, accepted=True, reference=f"{tag}-ACT")
    ReferralActionFactory(referral=with_actions, organisation=agency_x, due_date=overdue)
    ReferralActionFactory(
        referral=with_actions, organisation=agency_x, due_date=overdue, status=ActionStatus.IN_PROGRESS
    )
    ReferralActionFactory(referral=with_actions, organisation=agency_y, due_date=overdue)
    ReferralActionFactory(referral=with_actions, organisation=agency_y, due_date=overdue, status=ActionStatus.DONE)
    ReferralActionFactory(referral=with_actions, organisation=agency_y, due_date=today + timedelta(days=3))

    programme = ProgrammePageFactory(parent=home, title=f"{tag} residential")
    full = RunFactory(programme=programme, title="Full", capacity=10)
    BookingFactory(run=full, places=9)
    waiting = RunFactory(programme=programme, title="Waiting", capacity=30, needs_approval=True)
    BookingFactory(run=waiting, places=2, pending=True)
    BookingFactory(run=waiting, places=2, status=BookingStatus.OFFERED, offer_expires_at=now + timedelta(hours=12))
    BookingFactory(run=waiting, places=2, status=BookingStatus.OFFERED, offer_expires_at=now + timedelta(hours=40))
    closed = RunFactory(
        programme=programme, title="Past", capacity=2, booking_opens=now - timedelta(days=9), booking_closes=now
    )
    BookingFactory(run=closed, places=2)

    draft = OrganisationFactory(name=f"{tag} youth club", hubs=[hub], has_unpublished_changes=True)
    ServiceFactory(organisation=draft, name=f"{tag} drop-in", has_unpublished_changes=True)
    OrganisationFactory(name=f"{tag} stale", hubs=[hub], last_reviewed_at=today - timedelta(days=800))

    for template, attempts in (("booking_cancelled", 1), ("booking_cancelled", 10), ("referral_accepted", 3)):
        OutboundEmail.objects.create(
            to=f"{tag}@example.org", subject="s", body="b", hub=hub, template=template, attempts=attempts
        )
    OutboundEmail.objects.create(to="ok@example.org", subject="s", body="", hub=hub, sent_at=now, attempts=1)


@pytest.fixture
def two_hubs(hub, other_hub, home_page):
    make_hub_data(hub, home_page, "A")
    make_hub_data(other_hub, other_hub.site.root_page, "B")
    OutboundEmail.objects.create(to="x@example.org", subject="s", body="b", attempts=2, template="")
    return hub, other_hub


def dashboard(user):
    client = Client()
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    panels = {panel.name: panel for panel in response.context["panels"] if getattr(panel, "name", "")}
    return client, response, panels


def lines_of(panel, response):
    return {str(line.label): line for line in panel.get_lines(response.wsgi_request)}


def counts(panel, response):
    return {label: line.count for label, line in lines_of(panel, response).items()}


def listed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return {str(row) for row in response.context["object_list"]}


def test_coordinator_sees_their_hubs_work_only(two_hubs):
    user = hub_coordinator()
    client, response, panels = dashboard(user)
    assert set(panels) >= COORDINATOR_PANELS
    assert "directory-review-due" not in panels

    triage = lines_of(panels["awaiting-triage"], response)
    assert triage["Waiting for triage"].count == 8
    assert [row.label for row in triage["Waiting for triage"].rows] == ["A-VUL", "A-P1", "A-NEW5", "A-NEW4", "A-NEW3"]
    assert triage["Waiting for triage"].more == 3
    assert triage["Someone affected may be vulnerable"].count == 1
    assert triage["Priority P1"].count == 1
    html = response.content.decode()
    assert "and 3 more" in html and "A-VUL" in html and "B-VUL" not in html
    assert listed(client, triage["Waiting for triage"].url) == {
        "A-VUL",
        "A-P1",
        *(f"A-NEW{number}" for number in range(6)),
    }
    assert listed(client, triage["Someone affected may be vulnerable"].url) == {"A-VUL"}
    assert listed(client, triage["Priority P1"].url) == {"A-P1"}

    overdue = lines_of(panels["referrals-overdue"], response)
    assert overdue["Contacts overdue"].count == 1
    assert listed(client, overdue["Contacts overdue"].url) == {"A-LATE"}
    assert overdue["Reviews overdue"].count == 1
    assert listed(client, overdue["Reviews overdue"].url) == {"A-REVIEW"}

    actions = lines_of(panels["actions-overdue"], response)
    assert {label: line.count for label, line in actions.items()} == {"A police": 2, "A housing": 1}
    assert list(actions) == ["A police", "A housing"]
    assert listed(client, actions["A police"].url) == {"A-ACT"}

    reviews = lines_of(panels["case-reviews"], response)
    assert reviews["Waiting for a threshold decision"].count == 1
    assert reviews["Steps overdue"].count == 1
    assert listed(client, reviews["Steps overdue"].url) == {"CR-A-LATE"}

    bookings = lines_of(panels["bookings"], response)
    assert bookings["Offers expiring in the next 24 hours"].count == 1
    assert len(listed(client, bookings["Offers expiring in the next 24 hours"].url)) == 1
    assert bookings["Runs nearly full"].count == 1
    assert [row.label for row in bookings["Runs nearly full"].rows] == ["A residential: Full"]
    assert listed(client, bookings["Runs nearly full"].url) == {"A residential: Full"}
    assert bookings["Runs with bookings awaiting approval"].count == 1
    assert listed(client, bookings["Runs with bookings awaiting approval"].url) == {"A residential: Waiting"}
    pending_row = bookings["Runs with bookings awaiting approval"].rows[0]
    assert len(listed(client, pending_row.url)) == 1

    drafts = lines_of(panels["directory-drafts"], response)
    assert [row.label for row in drafts["Organisations"].rows] == ["A youth club"]
    assert [row.label for row in drafts["Services"].rows] == ["A drop-in"]
    assert listed(client, drafts["Organisations"].url) == {"A youth club"}
    assert listed(client, drafts["Services"].url) == {"A drop-in"}
    assert client.get(drafts["Organisations"].rows[0].url).status_code == 200

    emails = lines_of(panels["failing-emails"], response)
    assert emails["Still being retried"].count == 2
    assert emails["Given up on"].count == 1
    assert {row.label for row in emails["Still being retried"].rows} == {"booking_cancelled", "referral_accepted"}
    assert "A@example.org" not in html and "a@example.org" not in html.lower()


def test_superuser_counts_every_hub_and_hubless_emails(two_hubs):
    _client, response, panels = dashboard(superuser())
    assert counts(panels["awaiting-triage"], response)["Waiting for triage"] == 16
    assert counts(panels["failing-emails"], response)["Still being retried"] == 5


def test_editor_sees_drafts_and_reviews_due_of_their_hub(two_hubs):
    client, response, panels = dashboard(hub_editor())
    assert set(panels) & (COORDINATOR_PANELS | EDITOR_PANELS) == EDITOR_PANELS
    due = lines_of(panels["directory-review-due"], response)["Overdue for review"]
    assert [row.label for row in due.rows] == ["A stale"]
    assert listed(client, due.url) == {"A stale"}
    drafts = lines_of(panels["directory-drafts"], response)
    assert drafts["Organisations"].count == 1
    assert "B youth club" not in response.content.decode()
    # Wagtail's own workflow panel ("pages in moderation") stays.
    assert any(type(panel).__name__ == "WorkflowObjectsToModeratePanel" for panel in response.context["panels"])


def test_coordinator_of_the_other_hub_sees_only_theirs(two_hubs):
    _hub, other_hub = two_hubs
    _client, response, panels = dashboard(hub_coordinator(hubs=[other_hub]))
    triage = lines_of(panels["awaiting-triage"], response)["Waiting for triage"]
    assert {row.label for row in triage.rows} <= {"B-VUL", "B-P1", *(f"B-NEW{n}" for n in range(6))}
    assert set(counts(panels["actions-overdue"], response)) == {"B police", "B housing"}


def test_staff_in_neither_role_see_wagtails_home(two_hubs):
    _client, _response, panels = dashboard(staff_user(HUB_SAFEGUARDING_LEADS))
    assert not (COORDINATOR_PANELS | EDITOR_PANELS) & set(panels)
    assert "recent_edits" in panels


def test_panels_hide_without_their_permission(two_hubs):
    from django.contrib.auth.models import Group

    coordinators = Group.objects.get(name=HUB_COORDINATORS)
    coordinators.permissions.remove(
        *coordinators.permissions.filter(codename__in=["view_booking", "publish_organisation", "publish_service"])
    )
    _client, _response, panels = dashboard(hub_coordinator())
    assert "bookings" not in panels and "directory-drafts" not in panels
    assert "awaiting-triage" in panels


def test_a_partner_cannot_reach_the_dashboard(two_hubs):
    client = Client()
    client.force_login(partner_of(OrganisationFactory()))
    response = client.get("/admin/")
    assert response.status_code in {302, 403}
    assert b"Waiting for triage" not in response.content


def test_queued_emails_remember_their_hub_and_template(hub):
    from portal.outbox import queue_email

    email = queue_email(to="a@example.org", template="referral_accepted", context={"reference": "X"}, hub=hub)
    assert (email.hub, email.template) == (hub, "referral_accepted")
