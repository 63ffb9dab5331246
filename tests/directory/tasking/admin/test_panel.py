"""The dashboard's tasking panel: the next meeting of the coordinator's hubs and the priority locations due for
review by then; nothing of another hub's."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories.tasking import MeetingFactory, PriorityLocationFactory

pytestmark = pytest.mark.django_db


def test_the_panel_shows_the_next_meeting_and_the_locations_due_by_then(hub, carrick, coordinator):
    today = timezone.localdate()
    MeetingFactory(hub=hub, held_on=today + timedelta(days=6))
    MeetingFactory(hub=carrick, held_on=today + timedelta(days=2))
    PriorityLocationFactory(hub=hub, name="Due before the meeting", next_review=today + timedelta(days=5))
    PriorityLocationFactory(hub=hub, name="Due after it", next_review=today + timedelta(days=30))
    PriorityLocationFactory(hub=carrick, name="Carrick's own", next_review=today)
    client = Client()
    client.force_login(coordinator)
    body = client.get("/admin/").content.decode()
    assert "dashboard-tasking" in body
    assert "Due before the meeting" in body
    assert "next meeting " + (today + timedelta(days=6)).strftime("%-d %b %Y") in body
    assert "Due after it" not in body and "Carrick&#x27;s own" not in body and "Carrick's own" not in body
