"""What the tasking meeting has in hand: the agenda items a meeting of a hub is given when it is scheduled (or its
agenda refreshed). Each source is one aggregate query, whatever the number of referrals; the titles hold
references, report types, areas, postcodes and agency names only, never what a report said."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, F, Max, Window
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from directory.casereviews.choices import Status as CaseReviewStatus
from directory.casereviews.models import CaseReview
from directory.referrals.choices import Priority, ReportType
from directory.referrals.models import Referral, ReferralAction
from directory.referrals.services import CASE_REVIEW_THRESHOLD, REPEAT_WINDOW

from .choices import AGENDA_ORDER, ItemKind
from .models import ForwardEvent, Meeting, PriorityLocation, TaskingAction

EVENTS_AHEAD = timedelta(days=61)
# A section lists at most this many referrals, then one item saying how many more the triage queue holds: an
# agenda partners can get through, and a fixed number of rows to write however much is in hand.
SECTION_LIMIT = 30
DEFAULT_SINCE = timedelta(days=31)


@dataclass(frozen=True)
class Proposed:
    kind: str
    title: str
    referral_id: int | None = None
    priority_location_id: int | None = None
    event_id: int | None = None
    organisation_id: int | None = None

    @property
    def identity(self):
        return (self.kind, self.referral_id, self.priority_location_id, self.event_id, self.organisation_id, self.title)


def _referral_title(row):
    parts = [row["reference"], str(ReportType(row["report_type"]).label)]
    if row["area__name"]:
        parts.append(row["area__name"])
    title = ", ".join(parts)
    return f"{title} ({row['priority']})" if row.get("priority") else title


REFERRAL_FIELDS = ("pk", "reference", "report_type", "area__name", "priority")


def _capped(queryset, kind):
    """Items of ``kind`` for the first SECTION_LIMIT referrals of ``queryset`` and, when there are more, one
    item saying how many (the total is a window aggregate: one query)."""
    rows = list(
        queryset.annotate(section_total=Window(Count("pk"))).values(*REFERRAL_FIELDS, "section_total")[:SECTION_LIMIT]
    )
    items = [Proposed(kind, _referral_title(row), referral_id=row["pk"]) for row in rows]
    more = rows[0]["section_total"] - len(rows) if rows else 0
    if more > 0:
        items.append(Proposed(kind, _("and %(count)d more: see the triage queue") % {"count": more}))
    return items


def since_last_meeting(meeting):
    """The date of the hub's previous meeting, or a month before this one when it is the first."""
    previous = (
        Meeting.objects.filter(hub_id=meeting.hub_id, held_on__lt=meeting.held_on)
        .order_by("-held_on")
        .values_list("held_on", flat=True)
        .first()
    )
    return previous or meeting.held_on - DEFAULT_SINCE


def case_reviews_in_hand(hub_id):
    """The hub's open ASB Case Reviews (``directory.casereviews``), as agenda items: reference, where it has got
    to, the area and when its next step is due (soonest first, so overdue ones lead), never the applicant or what
    they said. At most SECTION_LIMIT, then one item saying how many more; one query. A title changes only when the
    application moves on, so refreshing the agenda adds nothing for a Case Review that has not."""
    rows = list(
        CaseReview.objects.open()
        .filter(hub_id=hub_id)
        .annotate(section_total=Window(Count("pk")))
        .order_by(F("due_on").asc(nulls_last=True), "submitted_at", "pk")
        .values("reference", "status", "area__name", "due_on", "section_total")[:SECTION_LIMIT]
    )
    items = []
    for row in rows:
        parts = [row["reference"], str(CaseReviewStatus(row["status"]).label)]
        if row["area__name"]:
            parts.append(row["area__name"])
        if row["due_on"]:
            parts.append(_("next step due %(date)s") % {"date": date_format(row["due_on"], "j M Y")})
        items.append(Proposed(ItemKind.CASE_REVIEW, ", ".join(parts)))
    more = rows[0]["section_total"] - len(rows) if rows else 0
    if more > 0:
        items.append(Proposed(ItemKind.CASE_REVIEW, _("and %(count)d more: see ASB Case Reviews") % {"count": more}))
    return items


def _new_referrals(hub_id, since):
    new = Referral.objects.filter(
        hub_id=hub_id, priority__in=[Priority.P1, Priority.P2], accepted_at__date__gte=since
    ).order_by("priority", "accepted_at", "pk")
    return _capped(new, ItemKind.NEW_REFERRAL)


def _reviews_overdue(hub_id, on_date):
    overdue = Referral.objects.filter(hub_id=hub_id).overdue_reviews(on_date).order_by("review_date", "pk")
    return _capped(overdue, ItemKind.REVIEW_OVERDUE)


def _actions_overdue(hub_id, on_date):
    counts = {}
    for queryset in (
        ReferralAction.objects.overdue(on_date).filter(referral__hub_id=hub_id),
        TaskingAction.objects.overdue(on_date).filter(hub_id=hub_id),
    ):
        for row in queryset.values("organisation_id", "organisation__name").annotate(count=Count("pk")):
            key = (row["organisation_id"], row["organisation__name"])
            counts[key] = counts.get(key, 0) + row["count"]
    return [
        Proposed(
            ItemKind.ACTIONS_OVERDUE,
            _("%(agency)s: %(count)d overdue") % {"agency": name, "count": count},
            organisation_id=organisation_id,
        )
        for (organisation_id, name), count in sorted(counts.items(), key=lambda pair: pair[0][1])
    ]


def _repeat_locations(hub_id, on_date):
    """Places with three or more reports in the repeat window; a postcode is named, any other place by its area
    only (the rest of its key is words a resident wrote)."""
    rows = (
        Referral.objects.filter(hub_id=hub_id, submitted_at__date__gte=on_date - REPEAT_WINDOW)
        .exclude(place_key="")
        .values("place_key")
        .annotate(count=Count("pk"), area=Max("area__name"), postcode=Max("postcode"))
        .filter(count__gte=CASE_REVIEW_THRESHOLD)
        .order_by("-count", "place_key")
    )
    proposed = []
    for row in rows:
        place = row["postcode"] if row["place_key"].startswith("pc:") else row["area"] or _("an unnamed area")
        title = _("%(place)s: %(count)d reports in six months") % {"place": place, "count": row["count"]}
        proposed.append(Proposed(ItemKind.REPEAT_LOCATION, title))
    return proposed


def _locations_due(hub_id, on_date):
    rows = PriorityLocation.objects.filter(hub_id=hub_id).due_for_review(on_date).values("pk", "name", "next_review")
    return [
        Proposed(
            ItemKind.LOCATION_REVIEW,
            _("%(name)s: review due %(date)s") % {"name": row["name"], "date": row["next_review"].strftime("%d %b %Y")},
            priority_location_id=row["pk"],
        )
        for row in rows
    ]


def _events(hub_id, on_date):
    rows = ForwardEvent.objects.filter(hub_id=hub_id, starts_on__gte=on_date, starts_on__lte=on_date + EVENTS_AHEAD)
    return [
        Proposed(
            ItemKind.EVENT,
            f"{row['name']}, {row['place']}, {row['starts_on']:%d %b %Y}",
            event_id=row["pk"],
        )
        for row in rows.values("pk", "name", "place", "starts_on")
    ]


def agenda_in_hand(meeting):
    """Every item the hub has in hand for ``meeting``, in agenda order."""
    hub_id, on_date = meeting.hub_id, meeting.held_on
    proposed = [
        *_new_referrals(hub_id, since_last_meeting(meeting)),
        *_reviews_overdue(hub_id, on_date),
        *_actions_overdue(hub_id, on_date),
        *_repeat_locations(hub_id, on_date),
        *case_reviews_in_hand(hub_id),
        *_locations_due(hub_id, on_date),
        *_events(hub_id, on_date),
    ]
    return sorted(proposed, key=lambda item: AGENDA_ORDER.index(item.kind))
