"""Partners see and move only their organisations' tasking actions, on their dashboard and the action page, and
download only the issued minutes of a meeting of a hub their organisation works with, which it attended or was
given actions at. Everything else is a 404."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from directory.referrals.choices import ActionStatus
from directory.tasking import services
from tests.factories import OrganisationFactory, partner_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(hub, agency, police):
    today = timezone.localdate()
    meeting = services.schedule_meeting(hub=hub, user=None, held_on=today, chair="Inspector")
    item = services.add_agenda_item(meeting_id=meeting.pk, user=None, title="Town centre patrols")
    action = services.add_item_action(
        item_id=item.pk, user=None, organisation_id=agency.pk, description="Patrol", due_date=today - timedelta(days=1)
    )
    services.record_meeting_held(meeting_id=meeting.pk, user=None, agency_ids=[police.pk])
    services.issue_minutes(meeting_id=meeting.pk, user=None)
    return meeting, action


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_partner_sees_the_action_on_the_dashboard_and_moves_it(issued, partner):
    meeting, action = issued
    client = signed_in(partner)
    body = client.get(reverse("partners:dashboard")).content.decode()
    assert reverse("partners:tasking_action", args=[action.pk]) in body and "Overdue" in body
    url = reverse("partners:tasking_action", args=[action.pk])
    page = client.get(url)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert reverse("partners:tasking_minutes", args=[meeting.pk]) in page.content.decode()
    response = client.post(url, {"status": ActionStatus.DONE, "note": "Done on Friday"})
    assert response.url == reverse("partners:dashboard")
    action.refresh_from_db()
    assert (action.status, action.note) == (ActionStatus.DONE, "Done on Friday")
    assert (
        reverse("partners:tasking_action", args=[action.pk])
        not in client.get(reverse("partners:dashboard")).content.decode()
    )


def test_another_organisations_partner_finds_nothing(issued, other_partner):
    meeting, action = issued
    client = signed_in(other_partner)
    url = reverse("partners:tasking_action", args=[action.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"status": ActionStatus.DONE}).status_code == 404
    assert client.get(reverse("partners:tasking_minutes", args=[meeting.pk])).status_code == 404
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN


def test_partners_of_agencies_present_or_with_actions_download_the_minutes(issued, partner, police):
    meeting, _action = issued
    for user in (partner, partner_of(police, username="pc", email="pc@example.org")):
        response = signed_in(user).get(reverse("partners:tasking_minutes", args=[meeting.pk]))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/vnd.oasis.opendocument.text"
        assert "no-store" in response["Cache-Control"]


def test_minutes_of_another_hubs_meeting_or_not_yet_issued_are_not_found(hub, carrick, agency, partner):
    carrick_agency = OrganisationFactory(hubs=[carrick])
    theirs = services.schedule_meeting(hub=carrick, user=None, held_on=timezone.localdate(), chair="Inspector")
    services.record_meeting_held(meeting_id=theirs.pk, user=None, agency_ids=[carrick_agency.pk])
    services.issue_minutes(meeting_id=theirs.pk, user=None)
    draft = services.schedule_meeting(hub=hub, user=None, held_on=timezone.localdate(), chair="Inspector")
    services.record_meeting_held(meeting_id=draft.pk, user=None, agency_ids=[agency.pk])
    client = signed_in(partner)
    assert client.get(reverse("partners:tasking_minutes", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("partners:tasking_minutes", args=[draft.pk])).status_code == 404
    # a partner of an agency of the other hub, even if present, does not reach this hub's minutes
    stranger = partner_of(carrick_agency, username="cz", email="cz@example.org")
    assert signed_in(stranger).get(reverse("partners:tasking_minutes", args=[draft.pk])).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(issued):
    meeting, action = issued
    for url in (
        reverse("partners:tasking_action", args=[action.pk]),
        reverse("partners:tasking_minutes", args=[meeting.pk]),
    ):
        assert Client().get(url).status_code == 302
