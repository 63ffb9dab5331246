"""Hub coordinators triage referrals in the admin: the queue, the inspect view and its audit entries, and every
step through the services, refused ones shown as form errors."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from directory.referrals import services
from directory.referrals.choices import ActionStatus, LinkKind, Priority, Source, Status
from directory.referrals.errors import InvalidLink, InvalidTransition
from directory.referrals.models import ActionUpdate, Referral, ReferralLink, ReferralNote
from directory.referrals.workdays import add_working_days
from portal.models import HubLogEntry
from tests.factories import AreaFactory, OrganisationFactory
from tests.factories.hubs import the_default_hub

pytestmark = pytest.mark.django_db

ADMIN = "/admin/referrals/referral/"


def inspect_url(referral):
    return f"{ADMIN}inspect/{referral.pk}/"


def step_url(name, referral):
    return reverse(f"referrals_admin:{name}", args=[referral.pk])


def logged(referral, action, user=None):
    entries = HubLogEntry.objects.filter(object_id=str(referral.pk), action=action)
    return entries.filter(user=user) if user else entries


def message_texts(response):
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def submit(report_details):
    def make(**changes):
        referral, _ = services.submit_report(hub=the_default_hub(), details=report_details(**changes))
        return referral

    return make


@pytest.fixture
def accepted(submit, agency):
    def make(priority=Priority.P2, **changes):
        referral = submit(**changes)
        return services.accept_referral(referral_id=referral.pk, user=None, priority=priority, lead_agency_id=agency.pk)

    return make


def add_action(referral, agency, due_date=None, description="Patrol the square on Friday evenings"):
    return services.add_action(
        referral_id=referral.pk,
        user=None,
        organisation_id=agency.pk,
        description=description,
        due_date=due_date or timezone.localdate() + timedelta(days=7),
    )


# The queue


def listed_references(client, **params):
    content = client.get(ADMIN, params).content.decode()
    references = Referral.objects.values_list("reference", flat=True)
    return sorted((ref for ref in references if ref in content), key=content.index)


def test_the_queue_puts_new_reports_first_then_the_earliest_contact_date(coordinator_client, submit, accepted):
    now = timezone.now()
    p3_old = accepted(Priority.P3)
    p1 = accepted(Priority.P1)
    new_recent = submit()
    new_old = submit(postcode="WF2 2BB")
    Referral.objects.filter(pk=new_old.pk).update(submitted_at=now - timedelta(days=5))
    Referral.objects.filter(pk=p3_old.pk).update(submitted_at=now - timedelta(days=9))
    assert listed_references(coordinator_client) == [
        new_old.reference,
        new_recent.reference,
        p1.reference,
        p3_old.reference,
    ]
    page = coordinator_client.get(ADMIN).content.decode()
    assert "9 days" in page and "5 days" in page


def test_the_queue_filters_by_status_source_category_area_and_priority(
    coordinator_client, submit, accepted, partner, agency
):
    other_area = AreaFactory(name="Northgate", slug="northgate")
    new = submit()
    elsewhere = submit(area=other_area, category="environmental", report_type="litter", postcode="")
    p1 = accepted(Priority.P1, postcode="WF3 3CC")
    from_partner, _ = services.submit_partner_referral(
        hub=the_default_hub(),
        user=partner,
        organisation_id=agency.pk,
        details={
            "category": "nuisance",
            "report_type": "rowdy",
            "location_description": "Car park behind the library",
            "description": "Groups gather late at night.",
            "subject_type": "location",
            "summary": "Late-night gatherings",
            "urgency": "routine",
            "sharing_basis": "s115",
        },
    )
    everyone = {new.reference, elsewhere.reference, p1.reference, from_partner.reference}
    assert set(listed_references(coordinator_client)) == everyone
    assert listed_references(coordinator_client, status="accepted") == [p1.reference]
    assert listed_references(coordinator_client, source=Source.PARTNER) == [from_partner.reference]
    assert listed_references(coordinator_client, category="environmental") == [elsewhere.reference]
    assert listed_references(coordinator_client, area=str(other_area.pk)) == [elsewhere.reference]
    assert listed_references(coordinator_client, priority="P1") == [p1.reference]
    assert set(listed_references(coordinator_client, area="not-a-number")) == everyone


def test_the_queue_searches_by_reference(coordinator_client, submit):
    wanted, other = submit(), submit(postcode="WF9 9ZZ")
    assert listed_references(coordinator_client, q=wanted.reference) == [wanted.reference]
    assert listed_references(coordinator_client, q=wanted.reference.lower()[-4:]) == [wanted.reference]
    assert other.reference not in coordinator_client.get(ADMIN, {"q": "Market Square"}).content.decode()


def test_overdue_dates_and_the_case_review_flag_stand_out_in_the_queue(coordinator_client, submit, accepted):
    overdue = accepted(Priority.P1)
    yesterday = timezone.localdate() - timedelta(days=1)
    Referral.objects.filter(pk=overdue.pk).update(target_contact_date=yesterday, review_date=yesterday)
    page = coordinator_client.get(ADMIN).content.decode()
    assert page.count("(overdue)") == 2
    assert 'class="w-text-critical-200"' in page
    flag = 'w-status--primary">ASB Case Review<'
    assert flag not in page
    submit(), submit()
    page = coordinator_client.get(ADMIN).content.decode()
    assert page.count(flag) == 3, "three reports about WF1 1AA"


def test_the_queue_takes_the_same_number_of_queries_for_3_or_30_referrals(coordinator_client, submit, agency):
    def queries():
        coordinator_client.get(ADMIN)
        with CaptureQueriesContext(connection) as captured:
            response = coordinator_client.get(ADMIN)
        assert response.status_code == 200
        return len(captured)

    areas = [AreaFactory() for _ in range(3)]
    for index in range(3):
        submit(postcode=f"WF{index} 1AA", area=areas[index])
    few = queries()
    for index in range(27):
        submit(postcode=f"WF{index} 2BB", area=areas[index % 3])
    assert queries() == few


def test_queue_pages_are_never_cached(coordinator_client, submit):
    referral = submit()
    for url in (ADMIN, inspect_url(referral), step_url("accept", referral), f"{ADMIN}history/{referral.pk}/"):
        response = coordinator_client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url


# Inspecting


def test_every_inspect_view_is_in_the_audit_log(coordinator_client, coordinator, submit):
    referral = submit()
    for expected in (1, 2, 3):
        response = coordinator_client.get(inspect_url(referral))
        assert response.status_code == 200
        assert logged(referral, "referrals.view", coordinator).count() == expected
    entry = logged(referral, "referrals.view").first()
    assert entry.data == {"reference": referral.reference, "status": "submitted"}
    assert "Referral viewed" in response.content.decode()


def test_the_inspect_view_shows_the_whole_referral(coordinator_client, submit, agency):
    referral = submit(vulnerable_person=True, vulnerability_details="Elderly neighbour lives alone")
    content = coordinator_client.get(inspect_url(referral)).content.decode()
    for text in (
        referral.reference,
        "Benches by the war memorial, Market Square",
        "WF1 1AA",
        "Westfield town centre",
        "A group drinks on the benches every evening",
        "Four or five adults",
        "I avoid walking home that way.",
        "Alex Resident",
        "alex@example.org",
        "01632 960123",
        "Elderly neighbour lives alone",
    ):
        assert text in content, text
    assert step_url("accept", referral) in content and step_url("decline", referral) in content
    assert step_url("resolve", referral) not in content, "a new referral cannot be resolved yet"


def test_the_inspect_view_shows_actions_notes_links_and_overdue_items(
    coordinator_client, coordinator, accepted, agency
):
    referral = accepted()
    late = add_action(referral, agency, due_date=timezone.localdate() - timedelta(days=2), description="Late task")
    on_time = add_action(referral, OrganisationFactory(name="Fire service"), description="Home safety visit")
    services.update_action(action_id=on_time.pk, user=coordinator, status=ActionStatus.IN_PROGRESS, note="Booked")
    services.add_note(referral_id=referral.pk, user=coordinator, text="Spoke to the reporter")
    other = services.submit_report(
        hub=the_default_hub(), details={**referral_details(referral), "postcode": "WF5 5EE"}
    )[0]
    services.link_referrals(referral_id=referral.pk, other_reference=other.reference, kind="duplicate", user=None)
    Referral.objects.filter(pk=referral.pk).update(review_date=timezone.localdate() - timedelta(days=1))

    content = coordinator_client.get(inspect_url(referral)).content.decode()

    assert "Late task" in content and "Home safety visit" in content and "Booked" in content
    assert content.count('data-overdue="true"') == 1
    assert reverse("referrals_admin:update_action", args=[late.pk]) in content
    assert "Spoke to the reporter" in content
    assert other.reference in content
    assert 'data-field="review-by"><strong class="w-text-critical-200">' in content
    assert "Action added" in content and "Note added" in content and "Referrals linked" in content


def referral_details(referral):
    return {
        "category": referral.category,
        "report_type": referral.report_type,
        "location_description": "Somewhere else entirely",
        "description": "Something else",
        "area": referral.area,
    }


def test_same_place_reports_are_counted_and_flag_a_case_review(coordinator_client, submit):
    first, second, third = submit(), submit(), submit()
    content = coordinator_client.get(inspect_url(first)).content.decode()
    assert 'data-field="same-place-count">2' in content
    assert second.reference in content and third.reference in content
    assert 'data-flag="case-review"' in content


def test_hostile_text_is_shown_escaped(coordinator_client, submit):
    referral = submit(description='<script>alert("x")</script> 🚨', people_involved="<b>bold</b>")
    content = coordinator_client.get(inspect_url(referral)).content.decode()
    assert '<script>alert("x")</script>' not in content and "&lt;script&gt;" in content
    assert "<b>bold</b>" not in content and "🚨" in content


def test_an_anonymised_referral_says_so(coordinator_client, submit):
    referral = submit()
    Referral.objects.filter(pk=referral.pk).update(anonymised_at=timezone.now(), description="")
    assert "removed on" in coordinator_client.get(inspect_url(referral)).content.decode()


# Each step through the services


def post_step(client, name, referral, data):
    return client.post(step_url(name, referral), data)


def test_accept_sets_priority_target_date_lead_agency_and_review_date(coordinator_client, coordinator, submit, agency):
    referral = submit()
    review = timezone.localdate() + timedelta(days=10)
    response = post_step(
        coordinator_client, "accept", referral, {"priority": "P1", "lead_agency": agency.pk, "review_date": review}
    )
    assert response.status_code == 302 and response["Location"] == inspect_url(referral)
    referral.refresh_from_db()
    assert (referral.status, referral.priority, referral.lead_agency_id) == (Status.ACCEPTED, "P1", agency.pk)
    assert referral.target_contact_date == add_working_days(timezone.localdate(), 1)
    assert referral.review_date == review
    assert logged(referral, "referrals.accept", coordinator).count() == 1
    assert message_texts(response) == [f"Referral {referral.reference} accepted."]


def test_decline_signposted_records_the_agency(coordinator_client, coordinator, submit, agency):
    referral = submit()
    response = post_step(
        coordinator_client,
        "decline",
        referral,
        {"reason": "signposted", "signposted_to": agency.pk, "note": "Housing matter"},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.decline_reason, referral.signposted_to_id) == (
        "declined",
        "signposted",
        agency.pk,
    )
    assert referral.decline_note == "Housing matter" and referral.finished_at
    assert logged(referral, "referrals.decline", coordinator).count() == 1


def test_add_action_puts_the_referral_in_progress(coordinator_client, coordinator, accepted, agency):
    referral = accepted()
    due = timezone.localdate() + timedelta(days=5)
    response = post_step(
        coordinator_client,
        "add_action",
        referral,
        {"organisation": agency.pk, "description": "Visit the shop", "due_date": due.isoformat()},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    action = referral.actions.get()
    assert (action.organisation_id, action.description, action.due_date) == (agency.pk, "Visit the shop", due)
    assert referral.status == Status.IN_PROGRESS
    assert logged(referral, "referrals.add_action", coordinator).count() == 1


def test_update_action_records_the_status_and_note(coordinator_client, coordinator, accepted, agency):
    referral = accepted()
    action = add_action(referral, agency)
    url = reverse("referrals_admin:update_action", args=[action.pk])
    page = coordinator_client.get(url)
    assert page.status_code == 200 and "Patrol the square" in page.content.decode()
    response = coordinator_client.post(url, {"status": "done", "note": "Patrolled twice"})
    assert response.status_code == 302 and response["Location"] == inspect_url(referral)
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE and action.completed_at
    assert ActionUpdate.objects.get(action=action).note == "Patrolled twice"
    assert logged(referral, "referrals.update_action", coordinator).count() == 1


def test_a_note_is_added(coordinator_client, coordinator, submit):
    referral = submit()
    response = post_step(coordinator_client, "note", referral, {"text": "Called the reporter back"})
    assert response.status_code == 302
    assert ReferralNote.objects.get(referral=referral).text == "Called the reporter back"
    assert logged(referral, "referrals.add_note", coordinator).count() == 1


@pytest.mark.parametrize("kind", [LinkKind.RELATED, LinkKind.DUPLICATE])
def test_another_referral_is_linked_by_reference(coordinator_client, coordinator, submit, kind):
    referral, other = submit(), submit(postcode="WF7 7GG")
    response = post_step(
        coordinator_client, "link", referral, {"reference": f" {other.reference.lower()} ", "kind": kind}
    )
    assert response.status_code == 302
    assert ReferralLink.objects.filter(from_referral=referral, to_referral=other, kind=kind).exists()
    assert logged(referral, "referrals.link", coordinator).count() == 1


def test_resolve(coordinator_client, coordinator, accepted):
    referral = accepted()
    response = post_step(coordinator_client, "resolve", referral, {"note": "Group moved on"})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.closure_reason, referral.closure_note) == (
        "resolved",
        "resolved",
        "Group moved on",
    )
    assert logged(referral, "referrals.resolve", coordinator).count() == 1


def test_close_with_a_reason(coordinator_client, coordinator, accepted):
    referral = accepted()
    response = post_step(coordinator_client, "close", referral, {"reason": "no_contact", "note": ""})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.closure_reason) == ("closed", "no_contact")
    assert logged(referral, "referrals.close", coordinator).count() == 1


# Refused steps come back as form errors, and nothing changes


def assert_error_shown(response, message):
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content and str(message) in content


@pytest.mark.parametrize(
    ("step", "data"),
    [
        ("accept", {"priority": "P2"}),
        ("decline", {"reason": "not_asb"}),
    ],
)
def test_a_referral_already_accepted_cannot_be_accepted_or_declined(coordinator_client, accepted, agency, step, data):
    referral = accepted(Priority.P3)
    response = post_step(coordinator_client, step, referral, {**data, "lead_agency": agency.pk})
    assert_error_shown(response, InvalidTransition.message)
    referral.refresh_from_db()
    assert (referral.status, referral.priority) == (Status.ACCEPTED, "P3")
    assert not logged(referral, f"referrals.{step}").exclude(user=None).exists()


@pytest.mark.parametrize(
    ("step", "data"),
    [
        ("add_action", {"description": "Patrol", "due_date": "2099-01-01"}),
        ("resolve", {"note": ""}),
        ("close", {"reason": "no_further_action"}),
    ],
)
def test_a_new_referral_cannot_get_actions_or_be_finished(coordinator_client, submit, agency, step, data):
    referral = submit()
    response = post_step(coordinator_client, step, referral, {**data, "organisation": agency.pk})
    assert_error_shown(response, InvalidTransition.message)
    referral.refresh_from_db()
    assert referral.status == Status.SUBMITTED and not referral.actions.exists()


def test_a_finished_action_cannot_be_updated(coordinator_client, coordinator, accepted, agency):
    referral = accepted()
    action = add_action(referral, agency)
    services.update_action(action_id=action.pk, user=coordinator, status=ActionStatus.DONE)
    url = reverse("referrals_admin:update_action", args=[action.pk])
    response = coordinator_client.post(url, {"status": "in_progress", "note": "Again"})
    assert_error_shown(response, InvalidTransition.message)
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE and action.updates.count() == 1


@pytest.mark.parametrize("reference", ["HUB-XXXX-XXXX", "self"])
def test_an_unknown_or_own_reference_cannot_be_linked(coordinator_client, submit, reference):
    referral = submit()
    reference = referral.reference if reference == "self" else reference
    response = post_step(coordinator_client, "link", referral, {"reference": reference, "kind": "related"})
    assert_error_shown(response, InvalidLink.message)
    assert not ReferralLink.objects.exclude(kind=LinkKind.SAME_PLACE).exists()


def test_a_link_that_exists_already_is_refused(coordinator_client, submit):
    referral, other = submit(), submit(postcode="WF7 7GG")
    data = {"reference": other.reference, "kind": "related"}
    post_step(coordinator_client, "link", referral, data)
    assert_error_shown(
        post_step(coordinator_client, "link", other, {**data, "reference": referral.reference}), InvalidLink.message
    )
    assert ReferralLink.objects.filter(kind=LinkKind.RELATED).count() == 1


@pytest.mark.parametrize(
    ("step", "data", "field", "message"),
    [
        ("accept", {}, "priority", "Choose a priority"),
        ("accept", {"priority": "P9"}, "priority", "Select a valid choice"),
        ("accept", {"priority": "P1"}, "lead_agency", "Choose an agency"),
        ("accept", {"priority": "P1", "review_date": "2020-01-01"}, "review_date", "today or in the future"),
        ("accept", {"priority": "P1", "review_date": "31/02/2027"}, "review_date", "Enter a real date"),
        ("decline", {"reason": "signposted"}, "signposted_to", "Choose the agency the reporter was signposted to"),
        ("decline", {"reason": "not_asb", "note": "x" * 10_000}, "note", "2000 characters or fewer"),
        ("note", {"text": "   "}, "text", "Enter the note"),
        ("note", {"text": "x" * 10_000}, "text", "5000 characters or fewer"),
        ("link", {"reference": "", "kind": "related"}, "reference", "Enter the other referral"),
        ("link", {"reference": "HUB-1", "kind": "same_place"}, "kind", "Select a valid choice"),
        ("close", {"reason": "resolved"}, "reason", "Select a valid choice"),
    ],
)
def test_bad_answers_are_refused_clearly(coordinator_client, submit, step, data, field, message):
    referral = submit()
    before = HubLogEntry.objects.count()
    response = post_step(coordinator_client, step, referral, data)
    assert_error_shown(response, message)
    assert f'href="#id_{field}' in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == Status.SUBMITTED and not ReferralNote.objects.exists()
    assert HubLogEntry.objects.count() == before


def test_an_unpublished_agency_cannot_lead(coordinator_client, submit):
    referral = submit()
    draft = OrganisationFactory(name="Not yet published", live=False)
    response = post_step(coordinator_client, "accept", referral, {"priority": "P1", "lead_agency": draft.pk})
    assert_error_shown(response, "Choose an agency from the list")
    assert "Not yet published" not in coordinator_client.get(step_url("accept", referral)).content.decode()


def test_add_action_refuses_a_past_due_date_and_keeps_the_answers(coordinator_client, accepted, agency):
    referral = accepted()
    response = post_step(
        coordinator_client,
        "add_action",
        referral,
        {"organisation": agency.pk, "description": "Visit <b>the</b> shop 🚲", "due_date": "2020-01-01"},
    )
    assert_error_shown(response, "today or in the future")
    content = response.content.decode()
    assert "Visit &lt;b&gt;the&lt;/b&gt; shop 🚲" in content
    assert not referral.actions.exists()


def test_steps_need_a_csrf_token(coordinator, submit):
    referral = submit()
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    assert client.post(step_url("note", referral), {"text": "Forged"}).status_code == 403
    assert not ReferralNote.objects.exists()


def test_an_unknown_referral_or_action_is_not_found(coordinator_client):
    assert coordinator_client.get(reverse("referrals_admin:accept", args=[999999])).status_code == 404
    assert coordinator_client.post(reverse("referrals_admin:update_action", args=[999999])).status_code == 404
    assert coordinator_client.get(f"{ADMIN}inspect/999999/").status_code == 404
