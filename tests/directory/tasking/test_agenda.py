"""The agenda a meeting is given: what the hub has in hand, in agenda order, in references, places and agencies
only; nothing of another hub's."""

from datetime import date, datetime, timedelta

import pytest

from directory.casereviews.choices import Status as CaseReviewStatus
from directory.referrals.choices import ActionStatus, Priority
from directory.tasking import services
from directory.tasking.agenda import SECTION_LIMIT, _new_referrals, case_reviews_in_hand
from directory.tasking.choices import ItemKind
from tests.factories import ReferralActionFactory, ReferralFactory
from tests.factories.casereviews import CaseReviewFactory
from tests.factories.tasking import ForwardEventFactory, MeetingFactory, PriorityLocationFactory, TaskingActionFactory

from .conftest import NOW, TODAY

pytestmark = pytest.mark.django_db

SECRET = "Jo Bloggs at number 4 shouts"


def when(day):
    return datetime.combine(day, datetime.min.time(), tzinfo=NOW.tzinfo) + timedelta(hours=9)


def in_hand(hub, agency, area):
    """One of each thing the agenda collects, for ``hub``; returns what should and should not be on it."""
    MeetingFactory(hub=hub, held_on=date(2026, 2, 3))  # the last meeting
    new = ReferralFactory(
        hub=hub,
        accepted=True,
        priority=Priority.P1,
        accepted_at=when(date(2026, 2, 20)),
        area=area,
        review_date=TODAY + timedelta(days=20),
        description=SECRET,
        location_description=SECRET,
    )
    old = ReferralFactory(hub=hub, accepted=True, priority=Priority.P2, accepted_at=when(date(2026, 1, 5)))
    old.review_date = TODAY - timedelta(days=1)
    old.save()
    ReferralFactory(hub=hub, accepted=True, priority=Priority.P3, accepted_at=when(date(2026, 2, 20)))
    ReferralActionFactory(referral=old, organisation=agency, due_date=TODAY - timedelta(days=3))
    TaskingActionFactory(hub=hub, organisation=agency, due_date=TODAY - timedelta(days=1))
    TaskingActionFactory(hub=hub, organisation=agency, due_date=TODAY - timedelta(days=1), status=ActionStatus.DONE)
    for _ in range(3):
        ReferralFactory(hub=hub, place_key="pc:WF11AA", postcode="WF1 1AA", submitted_at=when(date(2026, 2, 1)))
    case_review = CaseReviewFactory(hub=hub, area=area, due_on=TODAY - timedelta(days=2), what_happened=SECRET)
    location = PriorityLocationFactory(hub=hub, name="Market Square", next_review=TODAY)
    PriorityLocationFactory(hub=hub, name="Later", next_review=TODAY + timedelta(days=1))
    ForwardEventFactory(hub=hub, name="Bonfire night", starts_on=TODAY + timedelta(days=40), place="Castle Park")
    ForwardEventFactory(hub=hub, name="Too far off", starts_on=TODAY + timedelta(days=90))
    ForwardEventFactory(hub=hub, name="Already past", starts_on=TODAY - timedelta(days=1))
    return new, old, case_review, location


def test_the_agenda_holds_what_the_hub_has_in_hand_in_order(hub, coordinator, agency, area, carrick):
    new, old, case_review, location = in_hand(hub, agency, area)
    in_hand(carrick, agency, None)  # another hub's: none of it on this agenda
    meeting = services.schedule_meeting(hub=hub, user=coordinator, held_on=TODAY, chair="Inspector", now=NOW)
    items = list(meeting.items.order_by("position"))
    kinds = [item.kind for item in items]
    assert kinds == [
        ItemKind.NEW_REFERRAL,
        ItemKind.REVIEW_OVERDUE,
        ItemKind.ACTIONS_OVERDUE,
        ItemKind.REPEAT_LOCATION,
        ItemKind.CASE_REVIEW,
        ItemKind.LOCATION_REVIEW,
        ItemKind.EVENT,
    ]
    by_kind = {item.kind: item for item in items}
    assert by_kind[ItemKind.NEW_REFERRAL].referral == new
    assert by_kind[ItemKind.NEW_REFERRAL].title == f"{new.reference}, Noise, Westfield town centre (P1)"
    assert by_kind[ItemKind.REVIEW_OVERDUE].referral == old
    assert by_kind[ItemKind.ACTIONS_OVERDUE].title == "Westfield Council ASB team: 2 overdue"
    assert by_kind[ItemKind.REPEAT_LOCATION].title == "WF1 1AA: 3 reports in six months"
    assert by_kind[ItemKind.CASE_REVIEW].title == (
        f"{case_review.reference}, Received: the hub is checking the threshold, Westfield town centre, "
        f"next step due {(TODAY - timedelta(days=2)):%-d %b %Y}"
    )
    assert by_kind[ItemKind.LOCATION_REVIEW].priority_location == location
    assert by_kind[ItemKind.EVENT].title == "Bonfire night, Castle Park, 19 Apr 2026"
    assert not any(SECRET in item.title for item in items)


def test_refreshing_adds_only_what_is_new(hub, coordinator, agency, area):
    meeting = services.schedule_meeting(hub=hub, user=coordinator, held_on=TODAY, chair="Inspector", now=NOW)
    assert not meeting.items.exists()
    ForwardEventFactory(hub=hub, starts_on=TODAY + timedelta(days=3))
    assert len(services.refresh_agenda(meeting_id=meeting.pk, user=coordinator)) == 1
    assert services.refresh_agenda(meeting_id=meeting.pk, user=coordinator) == []
    assert meeting.items.count() == 1


def test_case_reviews_are_the_hubs_open_applications_next_step_first(hub, carrick):
    later = CaseReviewFactory(hub=hub, due_on=TODAY + timedelta(days=9))
    sooner = CaseReviewFactory(hub=hub, due_on=TODAY + timedelta(days=1))
    CaseReviewFactory(hub=carrick)
    CaseReviewFactory(hub=hub, status=CaseReviewStatus.CLOSED, due_on=None)
    CaseReviewFactory(hub=hub, status=CaseReviewStatus.NOT_MET, due_on=None)
    titles = [item.title for item in case_reviews_in_hand(hub.pk)]
    assert [title.split(",")[0] for title in titles] == [sooner.reference, later.reference]
    assert all(item.referral_id is None for item in case_reviews_in_hand(hub.pk))
    assert not any("Sam Applicant" in title or "Shouting" in title for title in titles)


def test_a_long_section_ends_with_how_many_more(hub):
    for _ in range(SECTION_LIMIT + 2):
        ReferralFactory(hub=hub, accepted=True, priority=Priority.P1, accepted_at=NOW)
    items = _new_referrals(hub.pk, TODAY - timedelta(days=30))
    assert len(items) == SECTION_LIMIT + 1
    assert items[-1].referral_id is None and items[-1].title == "and 2 more: see the triage queue"


def test_a_long_case_review_section_ends_with_how_many_more(hub):
    for _ in range(SECTION_LIMIT + 2):
        CaseReviewFactory(hub=hub)
    items = case_reviews_in_hand(hub.pk)
    assert len(items) == SECTION_LIMIT + 1
    assert items[-1].title == "and 2 more: see ASB Case Reviews"
