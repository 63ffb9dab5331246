"""Every state of a priority location, a meeting and a tasking action, through the services, on a controlled
clock; every domain error; the hub rule."""

from datetime import date, datetime, timedelta

import pytest

from directory.referrals.choices import ActionStatus
from directory.tasking import services
from directory.tasking.choices import LOCATION_STEPS, LocationStatus, MeetingStatus, location_steps
from directory.tasking.errors import InvalidTransition, MissingDetail, NoPlaces, NotAHubAgency, NotPermitted
from directory.tasking.models import PriorityLocation, TaskingAction
from portal.models import OutboundEmail
from tests.factories import OrganisationFactory, ReferralFactory, partner_of

from .conftest import NOW, TODAY

pytestmark = pytest.mark.django_db


def propose(hub, user, **changes):
    fields = {
        "hub": hub,
        "user": user,
        "name": "Market Square",
        "reason": "Street drinking every evening.",
        "postcodes": ["wf1 1aa"],
        "now": NOW,
    }
    fields.update(changes)
    return services.create_priority_location(**fields)


def test_a_location_is_proposed_with_its_places_as_the_referrals_place_keys(hub, area, coordinator, agency):
    location = propose(
        hub, coordinator, area_id=area.pk, lead_agency_id=agency.pk, streets=["Market Street"], postcodes=["wf11aa"]
    )
    assert location.status == LocationStatus.PROPOSED
    keys = sorted(location.places.values_list("key", flat=True))
    assert keys == [f"area:{area.pk}:market street", "pc:WF11AA"]


@pytest.mark.parametrize(
    "changes, error",
    [
        ({"name": " "}, MissingDetail),
        ({"reason": ""}, MissingDetail),
        ({"postcodes": []}, NoPlaces),
        ({"postcodes": [], "streets": ["Market Street"]}, MissingDetail),  # a street needs the area
    ],
)
def test_a_location_needs_a_name_a_reason_and_places(hub, coordinator, changes, error):
    with pytest.raises(error):
        propose(hub, coordinator, **changes)
    assert not PriorityLocation.objects.exists()


def test_only_the_hubs_staff_propose_and_only_its_agencies_lead(hub, carrick, coordinator, carrick_coordinator):
    with pytest.raises(NotPermitted):
        propose(hub, carrick_coordinator)
    with pytest.raises(NotPermitted):
        propose(hub, partner_of(OrganisationFactory()))
    carrick_only = OrganisationFactory(hubs=[carrick])
    with pytest.raises(NotAHubAgency):
        propose(hub, coordinator, lead_agency_id=carrick_only.pk)


def test_every_step_of_the_table_and_none_other(hub, coordinator):
    location = propose(hub, coordinator)
    assert location_steps(location.status) == ["agree", "close"]
    with pytest.raises(InvalidTransition):
        services.change_location_status(location_id=location.pk, user=coordinator, step="monitor", now=NOW)
    location = services.change_location_status(location_id=location.pk, user=coordinator, step="agree", now=NOW)
    assert (location.status, location.agreed_on, location.next_review) == (
        LocationStatus.ACTIVE,
        TODAY,
        TODAY + services.REVIEW_EVERY,
    )
    location = services.change_location_status(location_id=location.pk, user=coordinator, step="monitor", now=NOW)
    assert location.status == LocationStatus.MONITORING
    location = services.change_location_status(location_id=location.pk, user=coordinator, step="reactivate", now=NOW)
    assert location.status == LocationStatus.ACTIVE
    with pytest.raises(MissingDetail):
        services.change_location_status(location_id=location.pk, user=coordinator, step="close", now=NOW)
    location = services.change_location_status(
        location_id=location.pk, user=coordinator, step="close", assessment="Fewer reports.", now=NOW
    )
    assert location.status == LocationStatus.CLOSED
    for step in LOCATION_STEPS:
        with pytest.raises(InvalidTransition):
            services.change_location_status(location_id=location.pk, user=coordinator, step=step, now=NOW)
    with pytest.raises(InvalidTransition):
        services.update_plan(location_id=location.pk, user=coordinator, problem="x", analysis="y")
    with pytest.raises(InvalidTransition):
        services.review_location(
            location_id=location.pk, user=coordinator, next_review=TODAY + timedelta(days=30), now=NOW
        )


def at(day):
    return datetime.combine(day, datetime.min.time(), tzinfo=NOW.tzinfo) + timedelta(hours=12)


def test_closing_counts_referrals_there_in_the_same_months_before_and_after(hub, coordinator, carrick):
    location = propose(hub, coordinator)
    agreed = datetime(2025, 10, 7, 10, tzinfo=NOW.tzinfo)
    services.change_location_status(location_id=location.pk, user=coordinator, step="agree", now=agreed)
    # October 2024 to March 2025: 5 there; October 2025 to March 2026: 2 there. Others elsewhere or in other months.
    for day in (date(2024, 10, 2), date(2024, 11, 5), date(2025, 1, 9), date(2025, 2, 1), date(2025, 3, 31)):
        ReferralFactory(hub=hub, place_key="pc:WF11AA", submitted_at=at(day))
    for day in (date(2025, 11, 3), date(2026, 3, 9)):
        ReferralFactory(hub=hub, place_key="pc:WF11AA", submitted_at=at(day))
    ReferralFactory(hub=hub, place_key="pc:WF11AA", submitted_at=at(date(2024, 9, 30)))  # before the months
    ReferralFactory(hub=hub, place_key="pc:WF99ZZ", submitted_at=at(date(2025, 12, 1)))  # another place
    ReferralFactory(hub=carrick, place_key="pc:WF11AA", submitted_at=at(date(2025, 12, 1)))  # another hub
    location = services.change_location_status(
        location_id=location.pk, user=coordinator, step="close", assessment="Fewer reports.", now=NOW
    )
    assert (location.count_before, location.count_after) == (5, 2)
    assert (location.assessed_from, location.assessed_to) == (date(2025, 10, 1), date(2026, 3, 31))


def test_a_street_covers_every_report_in_the_area_starting_with_it(hub, area, coordinator):
    location = propose(hub, coordinator, postcodes=[], streets=["Market Street"], area_id=area.pk)
    there = ReferralFactory(hub=hub, place_key=f"area:{area.pk}:market street by the bus station")
    ReferralFactory(hub=hub, place_key=f"area:{area.pk}:high street")
    ReferralFactory(hub=hub, place_key="area:999:market street")
    places = list(location.places.all())
    by_month = services.referrals_by_month(location, places, date(2000, 1, 1), date(2100, 1, 1))
    assert sum(by_month.values()) == 1
    assert services.month_start(there.submitted_at.date()) in by_month


def test_reviews_plans_and_actions(hub, coordinator, agency):
    location = propose(hub, coordinator)
    with pytest.raises(MissingDetail):
        services.review_location(location_id=location.pk, user=coordinator, next_review=TODAY, now=NOW)
    location = services.review_location(
        location_id=location.pk, user=coordinator, next_review=date(2026, 6, 2), now=NOW
    )
    assert (location.last_reviewed, location.next_review) == (TODAY, date(2026, 6, 2))
    location = services.update_plan(location_id=location.pk, user=coordinator, problem="Drinking", analysis="Shop")
    assert (location.problem, location.analysis) == ("Drinking", "Shop")
    action = services.add_location_action(
        location_id=location.pk,
        user=coordinator,
        organisation_id=agency.pk,
        description="Licensing visit",
        due_date=date(2026, 4, 1),
        now=NOW,
    )
    assert (action.priority_location, action.item, action.hub) == (location, None, hub)
    with pytest.raises(MissingDetail):
        services.add_location_action(
            location_id=location.pk, user=coordinator, organisation_id=agency.pk, description=" ", due_date=TODAY
        )


def test_an_action_moves_forwards_only_by_staff_or_the_agencys_partners(hub, coordinator, agency, partner):
    location = propose(hub, coordinator)
    action = services.add_location_action(
        location_id=location.pk,
        user=coordinator,
        organisation_id=agency.pk,
        description="Licensing visit",
        due_date=date(2026, 4, 1),
        now=NOW,
    )
    with pytest.raises(NotPermitted):
        services.update_tasking_action(
            action_id=action.pk, user=partner_of(OrganisationFactory()), status=ActionStatus.DONE
        )
    action = services.update_tasking_action(
        action_id=action.pk, user=partner, status=ActionStatus.IN_PROGRESS, note="Booked", now=NOW
    )
    assert (action.status, action.completed_at) == (ActionStatus.IN_PROGRESS, None)
    with pytest.raises(InvalidTransition):
        services.update_tasking_action(action_id=action.pk, user=partner, status=ActionStatus.OPEN)
    action = services.update_tasking_action(action_id=action.pk, user=coordinator, status=ActionStatus.DONE, now=NOW)
    assert (action.status, action.completed_at) == (ActionStatus.DONE, NOW)
    with pytest.raises(InvalidTransition):
        services.update_tasking_action(action_id=action.pk, user=coordinator, status=ActionStatus.CANCELLED)


def test_an_action_has_exactly_one_owner(hub, agency):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        TaskingAction.objects.create(hub=hub, organisation=agency, description="x", due_date=TODAY)


def test_a_meeting_is_planned_held_and_its_minutes_issued_with_one_email_per_partner(
    hub, coordinator, agency, police, partner
):
    partner_of(agency, police, username="both", email="both@example.org")
    meeting = services.schedule_meeting(hub=hub, user=coordinator, held_on=TODAY, chair="Inspector", now=NOW)
    assert meeting.status == MeetingStatus.PLANNED
    item = services.add_agenda_item(meeting_id=meeting.pk, user=coordinator, title="Bonfire night patrols")
    services.record_decision(item_id=item.pk, user=coordinator, decision="Joint patrol agreed")
    for organisation in (agency, agency, police):
        services.add_item_action(
            item_id=item.pk,
            user=coordinator,
            organisation_id=organisation.pk,
            description="Patrol",
            due_date=date(2026, 4, 1),
            now=NOW,
        )
    with pytest.raises(InvalidTransition):
        services.issue_minutes(meeting_id=meeting.pk, user=coordinator, now=NOW)
    with pytest.raises(MissingDetail):
        services.record_meeting_held(meeting_id=meeting.pk, user=coordinator, agency_ids=[])
    meeting = services.record_meeting_held(meeting_id=meeting.pk, user=coordinator, agency_ids=[agency.pk, police.pk])
    assert meeting.status == MeetingStatus.HELD
    with pytest.raises(InvalidTransition):
        services.refresh_agenda(meeting_id=meeting.pk, user=coordinator)
    meeting = services.issue_minutes(meeting_id=meeting.pk, user=coordinator, now=NOW)
    assert (meeting.status, meeting.issued_at) == (MeetingStatus.ISSUED, NOW)
    emails = OutboundEmail.objects.filter(template="tasking_minutes_issued")
    assert sorted(emails.values_list("to", flat=True)) == ["both@example.org", "pat@example.org"]
    both = emails.get(to="both@example.org")
    assert both.body.count("/partners/tasking/actions/") == 3
    assert emails.get(to="pat@example.org").body.count("/partners/tasking/actions/") == 2
    assert "Patrol" not in both.body  # links only
    for change in (
        lambda: services.add_agenda_item(meeting_id=meeting.pk, user=coordinator, title="Late"),
        lambda: services.record_decision(item_id=item.pk, user=coordinator, decision="Changed"),
        lambda: services.issue_minutes(meeting_id=meeting.pk, user=coordinator),
    ):
        with pytest.raises(InvalidTransition):
            change()


def test_another_hubs_staff_cannot_touch_a_meeting(hub, coordinator, carrick_coordinator, agency):
    meeting = services.schedule_meeting(hub=hub, user=coordinator, held_on=TODAY, chair="Inspector", now=NOW)
    with pytest.raises(NotPermitted):
        services.schedule_meeting(hub=hub, user=carrick_coordinator, held_on=TODAY, chair="Inspector")
    with pytest.raises(NotPermitted):
        services.add_agenda_item(meeting_id=meeting.pk, user=carrick_coordinator, title="x")
    with pytest.raises(NotPermitted):
        services.record_meeting_held(meeting_id=meeting.pk, user=carrick_coordinator, agency_ids=[agency.pk])


def test_events_belong_to_the_hub_and_its_agencies(hub, carrick, coordinator, agency):
    event = services.add_event(
        hub=hub,
        user=coordinator,
        name="Bonfire night",
        starts_on=date(2026, 11, 5),
        place="Castle Park",
        lead_id=agency.pk,
        partner_ids=[agency.pk],
    )
    assert list(event.partners.all()) == [agency]
    with pytest.raises(NotAHubAgency):
        services.add_event(
            hub=hub,
            user=coordinator,
            name="Market",
            starts_on=TODAY,
            place="Square",
            partner_ids=[OrganisationFactory(hubs=[carrick]).pk],
        )
    with pytest.raises(MissingDetail):
        services.add_event(hub=hub, user=coordinator, name="", starts_on=TODAY, place="Square")
