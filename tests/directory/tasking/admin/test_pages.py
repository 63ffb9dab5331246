"""The tasking screens in the admin: each one works for the hub's coordinator, is refused to staff who may not
triage, and finds nothing of another hub's (404, like an unknown id), GET and POST alike."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from directory.referrals.choices import ActionStatus, Priority
from directory.tasking import services
from directory.tasking.choices import LocationStatus, MeetingStatus
from directory.tasking.models import ForwardEvent, Meeting, PriorityLocation, TaskingAction
from tests.factories import ReferralFactory, hub_editor
from tests.factories.casereviews import CaseReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(hub, coordinator, agency, area):
    """A location with an action, a held meeting with an item, a decision and an action, and an event."""
    today = timezone.localdate()
    location = services.create_priority_location(
        hub=hub, user=None, name="Market Square", reason="Street drinking", area_id=area.pk, postcodes=["WF1 1AA"]
    )
    location_action = services.add_location_action(
        location_id=location.pk, user=None, organisation_id=agency.pk, description="Visit", due_date=today
    )
    meeting = services.schedule_meeting(hub=hub, user=None, held_on=today, chair="Inspector")
    item = services.add_agenda_item(meeting_id=meeting.pk, user=None, title="Town centre patrols")
    item_action = services.add_item_action(
        item_id=item.pk, user=None, organisation_id=agency.pk, description="Patrol", due_date=today
    )
    event = services.add_event(hub=hub, user=None, name="Market", starts_on=today + timedelta(days=9), place="Square")
    return {
        "location": location,
        "location_action": location_action,
        "meeting": meeting,
        "item": item,
        "item_action": item_action,
        "event": event,
    }


def urls(world):
    location, meeting, item = world["location"].pk, world["meeting"].pk, world["item"].pk
    return [
        reverse("tasking_admin:location", args=[location]),
        reverse("tasking_admin:location_plan", args=[location]),
        reverse("tasking_admin:location_action", args=[location]),
        reverse("tasking_admin:location_review", args=[location]),
        reverse("tasking_admin:location_step", args=[location, "agree"]),
        reverse("tasking_admin:meeting", args=[meeting]),
        reverse("tasking_admin:meeting_item_new", args=[meeting]),
        reverse("tasking_admin:item", args=[meeting, item]),
        reverse("tasking_admin:item_action", args=[meeting, item]),
        reverse("tasking_admin:meeting_refresh", args=[meeting]),
        reverse("tasking_admin:meeting_held", args=[meeting]),
        reverse("tasking_admin:meeting_issue", args=[meeting]),
        reverse("tasking_admin:meeting_minutes", args=[meeting]),
        reverse("tasking_admin:meeting_download", args=[meeting]),
        reverse("tasking_admin:action", args=[world["location_action"].pk]),
        reverse("tasking_admin:action", args=[world["item_action"].pk]),
    ]


LISTS = ("tasking_admin:locations", "tasking_admin:meetings", "tasking_admin:events")
FORMS = ("tasking_admin:location_new", "tasking_admin:meeting_new", "tasking_admin:event_new")


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_hubs_coordinator_sees_every_page(world, coordinator):
    client = signed_in(coordinator)
    for url in [*urls(world), *(reverse(name) for name in LISTS + FORMS)]:
        assert client.get(url).status_code == 200, url
    body = client.get(reverse("tasking_admin:location", args=[world["location"].pk])).content.decode()
    assert 'data-table="months"' in body and "<svg" in body


def test_another_hubs_coordinator_finds_nothing(world, carrick_coordinator):
    client = signed_in(carrick_coordinator)
    for url in urls(world):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"title": "x", "decision": "x", "status": "done"}).status_code == 404, url
    for name in LISTS:
        body = client.get(reverse(name)).content.decode()
        assert "Market" not in body and "Inspector" not in body
    assert Meeting.objects.get().items.count() == 1
    assert TaskingAction.objects.filter(status=ActionStatus.OPEN).count() == 2


def test_staff_who_may_not_triage_and_anonymous_visitors_are_refused(world, hub):
    editor = signed_in(hub_editor(username="ed", email="ed@example.org"))
    anonymous = Client()
    for url in [*urls(world), *(reverse(name) for name in LISTS + FORMS)]:
        assert editor.get(url).status_code in (302, 403), url
        assert anonymous.get(url).status_code == 302, url


def test_a_location_through_its_life_in_the_admin(hub, coordinator, agency, area):
    client = signed_in(coordinator)
    response = client.post(
        reverse("tasking_admin:location_new"),
        {
            "name": "Market Square",
            "area": area.pk,
            "postcodes": "wf1 1aa\nWF1 1AB",
            "streets": "Market Street",
            "reason": "Street drinking",
            "lead_agency": agency.pk,
        },
    )
    location = PriorityLocation.objects.get()
    assert response.url == reverse("tasking_admin:location", args=[location.pk])
    assert location.places.count() == 3
    client.post(reverse("tasking_admin:location_step", args=[location.pk, "agree"]), {"next_review": ""})
    client.post(
        reverse("tasking_admin:location_plan", args=[location.pk]), {"problem": "Drinking", "analysis": "One shop"}
    )
    due = (timezone.localdate() + timedelta(days=7)).isoformat()
    client.post(
        reverse("tasking_admin:location_action", args=[location.pk]),
        {"organisation": agency.pk, "description": "Licensing visit", "due_date": due},
    )
    response = client.post(reverse("tasking_admin:location_step", args=[location.pk, "close"]), {"assessment": ""})
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    client.post(reverse("tasking_admin:location_step", args=[location.pk, "close"]), {"assessment": "Better"})
    location.refresh_from_db()
    assert (location.status, location.problem, location.actions.count()) == (LocationStatus.CLOSED, "Drinking", 1)
    body = client.get(reverse("tasking_admin:location", args=[location.pk])).content.decode()
    assert 'data-count="before"' in body and "Licensing visit" in body


def test_a_meeting_through_its_life_in_the_admin(hub, coordinator, agency):
    client = signed_in(coordinator)
    today = timezone.localdate()
    client.post(reverse("tasking_admin:meeting_new"), {"held_on": today.isoformat(), "chair": "Inspector"})
    meeting = Meeting.objects.get()
    client.post(reverse("tasking_admin:meeting_item_new", args=[meeting.pk]), {"title": "Bonfire night"})
    item = meeting.items.get()
    client.post(reverse("tasking_admin:item", args=[meeting.pk, item.pk]), {"decision": "Joint patrol"})
    client.post(
        reverse("tasking_admin:item_action", args=[meeting.pk, item.pk]),
        {"organisation": agency.pk, "description": "Patrol the park", "due_date": today.isoformat()},
    )
    client.post(reverse("tasking_admin:meeting_held", args=[meeting.pk]), {"agencies": [agency.pk]})
    client.post(reverse("tasking_admin:meeting_issue", args=[meeting.pk]), {})
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.ISSUED
    minutes = client.get(reverse("tasking_admin:meeting_minutes", args=[meeting.pk])).content.decode()
    assert "Joint patrol" in minutes and "Patrol the park" in minutes and "@media print" in minutes
    response = client.get(reverse("tasking_admin:meeting_download", args=[meeting.pk]))
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.text"
    content = zipfile.ZipFile(io.BytesIO(response.content)).read("content.xml").decode()
    assert "Joint patrol" in content and "Patrol the park" in content and agency.name in content


def test_events_are_added_to_the_forward_plan(hub, coordinator, agency):
    client = signed_in(coordinator)
    day = (timezone.localdate() + timedelta(days=20)).isoformat()
    client.post(
        reverse("tasking_admin:event_new"),
        {"name": "Bonfire night", "starts_on": day, "place": "Castle Park", "lead": agency.pk, "partners": [agency.pk]},
    )
    assert ForwardEvent.objects.get().lead == agency
    assert "Bonfire night" in client.get(reverse("tasking_admin:events")).content.decode()


def test_the_minutes_hold_no_resident_details(hub, coordinator):
    referral = ReferralFactory(
        hub=hub, accepted=True, priority=Priority.P1, accepted_at=timezone.now(), reporter_name="Alex Resident"
    )
    case_review = CaseReviewFactory(hub=hub, applicant_name="Sam Applicant")
    meeting = services.schedule_meeting(hub=hub, user=None, held_on=timezone.localdate(), chair="Inspector")
    client = signed_in(coordinator)
    minutes = client.get(reverse("tasking_admin:meeting_minutes", args=[meeting.pk])).content.decode()
    assert referral.reference in minutes and case_review.reference in minutes
    assert "Alex Resident" not in minutes and referral.description not in minutes
    assert "Sam Applicant" not in minutes and case_review.what_happened not in minutes
