"""Every change to tasking goes through here: priority locations and their plans, meetings, their agendas,
decisions and minutes, the forward plan, and the actions agreed for agencies.

Each function checks the user works for the hub (``user`` None is the system itself: the demo and commands),
validates, locks the row it changes, changes it, logs it (Wagtail's log, ids and statuses only) and queues emails
that go after commit. Functions take ``now`` so tests control the clock. Domain errors are in ``errors``.
"""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Count, DateField
from django.db.models.functions import TruncMonth
from django.utils import timezone
from wagtail.log_actions import log

from directory.models import Area, Organisation
from directory.partners.models import PartnerMembership
from directory.referrals.choices import ACTION_TRANSITIONS, ActionStatus
from directory.referrals.models import Referral
from directory.referrals.services import normalise_postcode, place_key
from portal.hubs import hub_ids_for

from . import notifications
from .agenda import agenda_in_hand
from .choices import LOCATION_STEPS, MEETING_TRANSITIONS, MINUTABLE_STATUSES, ItemKind, LocationStatus, MeetingStatus
from .errors import InvalidTransition, MissingDetail, NoPlaces, NotAHubAgency, NotPermitted
from .models import (
    AgendaItem,
    ForwardEvent,
    Meeting,
    PlaceKind,
    PriorityLocation,
    PriorityPlace,
    TaskingAction,
    referrals_at_q,
)

TRIAGE_PERMISSION = "referrals.triage_referral"
REVIEW_EVERY = timedelta(days=91)
ASSESSED_MONTHS = 12


def may_task(user, hub_id):
    """Hub coordinators (and superusers) of the hub: the people who run its tasking meeting."""
    return user is None or (user.has_perm(TRIAGE_PERMISSION) and hub_id in hub_ids_for(user))


def _check_staff(user, hub_id):
    if not may_task(user, hub_id):
        raise NotPermitted()


def _agency(organisation_id, hub_id):
    """An agency that works with the hub (``HubPartnership``), or NotAHubAgency."""
    organisation = Organisation.objects.filter(pk=organisation_id, hub_partnerships__hub_id=hub_id).first()
    if organisation is None:
        raise NotAHubAgency()
    return organisation


def _audit(instance, action, user, **data):
    log(instance, action, user=user, data={"id": instance.pk, **data})


def _places(location, postcodes, streets):
    places = {}
    for value in postcodes:
        postcode = normalise_postcode(value)
        if postcode:
            key = place_key(postcode=postcode, area_id=None, location_description="")
            places[key] = PriorityPlace(location=location, kind=PlaceKind.POSTCODE, label=postcode, key=key)
    for value in streets:
        key = place_key(postcode="", area_id=location.area_id, location_description=value)
        if key:
            places[key] = PriorityPlace(location=location, kind=PlaceKind.STREET, label=value.strip(), key=key)
    if not places:
        raise NoPlaces()
    return list(places.values())


def create_priority_location(
    *, hub, user, name, reason, area_id=None, lead_agency_id=None, postcodes=(), streets=(), problem="", now=None
):
    """Propose a priority location covering ``postcodes`` and ``streets`` (a street needs the area, as the
    referrals' place keys do). Raises NotPermitted, MissingDetail, NoPlaces, NotAHubAgency."""
    now = now or timezone.now()
    _check_staff(user, hub.pk)
    if not (name or "").strip() or not (reason or "").strip():
        raise MissingDetail()
    if area_id and not Area.objects.filter(pk=area_id, hub_id=hub.pk).exists():
        raise MissingDetail()
    if streets and any(street.strip() for street in streets) and not area_id:
        raise MissingDetail()
    with transaction.atomic():
        if lead_agency_id:
            _agency(lead_agency_id, hub.pk)
        location = PriorityLocation(
            hub=hub,
            name=name.strip(),
            reason=reason,
            area_id=area_id,
            lead_agency_id=lead_agency_id,
            problem=problem,
            created_at=now,
        )
        places = _places(location, postcodes, streets)
        location.save()
        PriorityPlace.objects.bulk_create(places)
        _audit(location, "tasking.location_create", user)
    return location


def _lock_location(location_id, user):
    location = PriorityLocation.objects.select_for_update().get(pk=location_id)
    _check_staff(user, location.hub_id)
    return location


def update_plan(*, location_id, user, problem, analysis, public_summary=None):
    """Record the problem as seen, the analysis and (when given) what residents are told of a location that is not
    closed."""
    with transaction.atomic():
        location = _lock_location(location_id, user)
        if location.status == LocationStatus.CLOSED:
            raise InvalidTransition()
        location.problem, location.analysis = problem, analysis
        if public_summary is not None:
            location.public_summary = public_summary
        location.save(update_fields=["problem", "analysis", "public_summary"])
        _audit(location, "tasking.location_plan", user)
    return location


def month_start(day):
    return day.replace(day=1)


def add_months(day, months):
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def assessment_months(agreed_on, closed_on):
    """The months a location was a priority (from the month it was agreed to the month it closed, at most
    ASSESSED_MONTHS, the latest ones): (first day, first day after)."""
    end = add_months(month_start(closed_on), 1)
    start = max(month_start(agreed_on or closed_on), add_months(end, -ASSESSED_MONTHS))
    return start, end


def count_referrals(location, start, end, places=None):
    """Referrals at ``location`` received from ``start`` up to (not including) ``end``."""
    places = list(location.places.all()) if places is None else places
    return (
        Referral.objects.filter(referrals_at_q(places), hub_id=location.hub_id)
        .filter(submitted_at__date__gte=start, submitted_at__date__lt=end)
        .count()
    )


def referrals_by_month(location, places, start, end):
    """{first day of month: count} of the referrals at ``location`` from ``start`` to ``end``: one query."""
    rows = (
        Referral.objects.filter(referrals_at_q(places), hub_id=location.hub_id)
        .filter(submitted_at__date__gte=start, submitted_at__date__lt=end)
        .annotate(month=TruncMonth("submitted_at", output_field=DateField()))
        .values("month")
        .annotate(count=Count("pk"))
    )
    return {row["month"]: row["count"] for row in rows}


def _close(location, today, assessment):
    if not (assessment or "").strip():
        raise MissingDetail()
    start, end = assessment_months(location.agreed_on, today)
    places = list(location.places.all())
    location.assessed_from, location.assessed_to = start, end - timedelta(days=1)
    location.count_after = count_referrals(location, start, end, places)
    location.count_before = count_referrals(location, add_months(start, -12), add_months(end, -12), places)
    location.assessment = assessment
    location.closed_on = today
    location.next_review = None


def change_location_status(*, location_id, user, step, next_review=None, assessment="", now=None):
    """Take ``step`` (``choices.LOCATION_STEPS``). Agreeing sets the date agreed and the next review (in
    REVIEW_EVERY unless given); closing needs the assessment and counts the referrals there in the months it was
    a priority and in the same months a year before. Raises InvalidTransition, MissingDetail, NotPermitted."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if step not in LOCATION_STEPS:
        raise InvalidTransition()
    sources, target = LOCATION_STEPS[step]
    with transaction.atomic():
        location = _lock_location(location_id, user)
        if location.status not in sources:
            raise InvalidTransition()
        if step == "agree":
            location.agreed_on = today
            location.next_review = next_review or today + REVIEW_EVERY
        elif step == "close":
            _close(location, today, assessment)
        elif next_review:
            location.next_review = next_review
        location.status = target
        location.save()
        _audit(location, "tasking.location_status", user, status=target)
    return location


def review_location(*, location_id, user, next_review, now=None):
    """Record a review of a live or proposed location and set the next. Raises InvalidTransition once closed."""
    today = timezone.localdate(now or timezone.now())
    if next_review is None or next_review <= today:
        raise MissingDetail()
    with transaction.atomic():
        location = _lock_location(location_id, user)
        if location.status == LocationStatus.CLOSED:
            raise InvalidTransition()
        location.last_reviewed, location.next_review = today, next_review
        location.save(update_fields=["last_reviewed", "next_review"])
        _audit(location, "tasking.location_review", user)
    return location


def _new_action(*, hub_id, user, organisation_id, description, due_date, now, **owner):
    if not (description or "").strip() or due_date is None:
        raise MissingDetail()
    _agency(organisation_id, hub_id)
    return TaskingAction.objects.create(
        hub_id=hub_id,
        organisation_id=organisation_id,
        description=description,
        due_date=due_date,
        created_by=user,
        created_at=now,
        **owner,
    )


def add_location_action(*, location_id, user, organisation_id, description, due_date, now=None):
    """An agreed response in the location's plan: an agency, what, by when. Raises InvalidTransition once
    closed, MissingDetail, NotAHubAgency."""
    now = now or timezone.now()
    with transaction.atomic():
        location = _lock_location(location_id, user)
        if location.status == LocationStatus.CLOSED:
            raise InvalidTransition()
        action = _new_action(
            hub_id=location.hub_id,
            user=user,
            organisation_id=organisation_id,
            description=description,
            due_date=due_date,
            now=now,
            priority_location=location,
        )
        _audit(location, "tasking.add_action", user, action_id=action.pk)
    return action


def can_update_action(user, action):
    if may_task(user, action.hub_id):
        return True
    return PartnerMembership.objects.filter(user=user, organisation_id=action.organisation_id).exists()


def update_tasking_action(*, action_id, user, status, note="", now=None):
    """Record progress: by the hub's staff or a partner of the agency. Raises NotPermitted, InvalidTransition
    (the referral actions' table: forwards only)."""
    now = now or timezone.now()
    with transaction.atomic():
        action = TaskingAction.objects.select_for_update().get(pk=action_id)
        if user is None or not can_update_action(user, action):
            raise NotPermitted()
        if status not in ACTION_TRANSITIONS.get(action.status, []):
            raise InvalidTransition()
        action.status = status
        action.note = note
        action.completed_at = now if status in (ActionStatus.DONE, ActionStatus.CANCELLED) else None
        action.save(update_fields=["status", "note", "completed_at"])
        _audit(action, "tasking.update_action", user, action_status=status)
    return action


def _items_for(meeting, existing=()):
    taken = {
        (item.kind, item.referral_id, item.priority_location_id, item.event_id, item.organisation_id, item.title)
        for item in existing
    }
    start = max((item.position for item in existing), default=0)
    items = []
    for proposed in agenda_in_hand(meeting):
        if proposed.identity in taken:
            continue
        items.append(
            AgendaItem(
                meeting=meeting,
                kind=proposed.kind,
                title=proposed.title[:300],
                referral_id=proposed.referral_id,
                priority_location_id=proposed.priority_location_id,
                event_id=proposed.event_id,
                organisation_id=proposed.organisation_id,
                position=start + len(items) + 1,
            )
        )
    return AgendaItem.objects.bulk_create(items)


def schedule_meeting(*, hub, user, held_on, chair, now=None):
    """A planned meeting, its agenda built from what the hub has in hand. Raises NotPermitted, MissingDetail."""
    now = now or timezone.now()
    _check_staff(user, hub.pk)
    if held_on is None or not (chair or "").strip():
        raise MissingDetail()
    with transaction.atomic():
        meeting = Meeting.objects.create(hub=hub, held_on=held_on, chair=chair.strip(), created_at=now)
        _items_for(meeting)
        _audit(meeting, "tasking.meeting_schedule", user)
    return meeting


def _lock_meeting(meeting_id, user, statuses):
    meeting = Meeting.objects.select_for_update().get(pk=meeting_id)
    _check_staff(user, meeting.hub_id)
    if meeting.status not in statuses:
        raise InvalidTransition()
    return meeting


def refresh_agenda(*, meeting_id, user):
    """Add what has come in hand since the agenda was built; items already there stay as they are."""
    with transaction.atomic():
        meeting = _lock_meeting(meeting_id, user, (MeetingStatus.PLANNED,))
        added = _items_for(meeting, list(meeting.items.all()))
        _audit(meeting, "tasking.meeting_refresh", user, added=len(added))
    return added


def add_agenda_item(*, meeting_id, user, title):
    with transaction.atomic():
        meeting = _lock_meeting(meeting_id, user, MINUTABLE_STATUSES)
        if not (title or "").strip():
            raise MissingDetail()
        last = meeting.items.order_by("-position").values_list("position", flat=True).first() or 0
        item = AgendaItem.objects.create(meeting=meeting, kind=ItemKind.OTHER, title=title.strip(), position=last + 1)
        _audit(meeting, "tasking.add_item", user, item_id=item.pk)
    return item


def _lock_item(item_id, user):
    meeting_id = AgendaItem.objects.values_list("meeting_id", flat=True).get(pk=item_id)
    meeting = _lock_meeting(meeting_id, user, MINUTABLE_STATUSES)
    return meeting, AgendaItem.objects.get(pk=item_id)


def record_decision(*, item_id, user, decision):
    with transaction.atomic():
        meeting, item = _lock_item(item_id, user)
        item.decision = (decision or "").strip()
        item.save(update_fields=["decision"])
        _audit(meeting, "tasking.decision", user, item_id=item.pk)
    return item


def add_item_action(*, item_id, user, organisation_id, description, due_date, now=None):
    """An action agreed on an agenda item, for an agency. Raises InvalidTransition once the minutes are issued."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting, item = _lock_item(item_id, user)
        action = _new_action(
            hub_id=meeting.hub_id,
            user=user,
            organisation_id=organisation_id,
            description=description,
            due_date=due_date,
            now=now,
            item=item,
        )
        _audit(meeting, "tasking.add_action", user, action_id=action.pk)
    return action


def record_meeting_held(*, meeting_id, user, agency_ids):
    """The meeting took place with ``agency_ids`` present: its minutes are now in draft."""
    if not agency_ids:
        raise MissingDetail()
    with transaction.atomic():
        meeting = _lock_meeting(meeting_id, user, (MeetingStatus.PLANNED,))
        agencies = [_agency(agency_id, meeting.hub_id) for agency_id in agency_ids]
        meeting.agencies_present.set(agencies)
        meeting.status = MeetingStatus.HELD
        meeting.save(update_fields=["status"])
        _audit(meeting, "tasking.meeting_held", user)
    return meeting


def issue_minutes(*, meeting_id, user, now=None):
    """Issue the minutes: the meeting is final and each partner of an agency with actions gets one email listing
    links to them. Raises InvalidTransition unless the meeting is held."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting = _lock_meeting(meeting_id, user, (MeetingStatus.HELD,))
        target = MEETING_TRANSITIONS[meeting.status][0]
        meeting.status, meeting.issued_at = target, now
        meeting.save(update_fields=["status", "issued_at"])
        actions = list(TaskingAction.objects.filter(item__meeting=meeting).select_related("hub").order_by("pk"))
        notifications.minutes_issued(meeting, actions)
        _audit(meeting, "tasking.minutes_issued", user, actions=len(actions))
    return meeting


def add_event(*, hub, user, name, starts_on, place, lead_id=None, partner_ids=()):
    """An event on the forward plan. Raises NotPermitted, MissingDetail, NotAHubAgency."""
    _check_staff(user, hub.pk)
    if not (name or "").strip() or starts_on is None or not (place or "").strip():
        raise MissingDetail()
    with transaction.atomic():
        if lead_id:
            _agency(lead_id, hub.pk)
        partners = [_agency(pk, hub.pk) for pk in partner_ids]
        event = ForwardEvent.objects.create(
            hub=hub, name=name.strip(), starts_on=starts_on, place=place.strip(), lead_id=lead_id
        )
        event.partners.set(partners)
        _audit(event, "tasking.add_event", user)
    return event
