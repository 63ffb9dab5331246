"""The tasking vocabulary: a priority location's statuses and the table of which change is allowed from which,
a meeting's statuses, and the kinds of agenda item."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LocationStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")
    MONITORING = "monitoring", _("Monitoring")
    CLOSED = "closed", _("Closed")


# Where a priority location can go next, by the name of the step the admin offers. Closing records the
# assessment (counts before and after); a closed location stays closed (a new problem there is a new location).
LOCATION_STEPS = {
    "agree": ((LocationStatus.PROPOSED,), LocationStatus.ACTIVE),
    "monitor": ((LocationStatus.ACTIVE,), LocationStatus.MONITORING),
    "reactivate": ((LocationStatus.MONITORING,), LocationStatus.ACTIVE),
    "close": ((LocationStatus.PROPOSED, LocationStatus.ACTIVE, LocationStatus.MONITORING), LocationStatus.CLOSED),
}
STEP_LABELS = {
    "agree": _("Agree as a priority location"),
    "monitor": _("Move to monitoring"),
    "reactivate": _("Make active again"),
    "close": _("Close with an assessment"),
}
# The statuses in which referrals there are marked in triage and the queue.
LIVE_STATUSES = (LocationStatus.ACTIVE, LocationStatus.MONITORING)


def location_steps(status):
    """The names of the steps allowed from ``status``, in table order."""
    return [name for name, (sources, _target) in LOCATION_STEPS.items() if status in sources]


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held, minutes in draft")
    ISSUED = "issued", _("Minutes issued")


# planned -> held (who was there) -> issued (the minutes go to the agencies, one email each partner).
MEETING_TRANSITIONS = {
    MeetingStatus.PLANNED: [MeetingStatus.HELD],
    MeetingStatus.HELD: [MeetingStatus.ISSUED],
}
# Decisions and actions are recorded while the meeting is being held or its minutes are in draft.
MINUTABLE_STATUSES = (MeetingStatus.PLANNED, MeetingStatus.HELD)


class ItemKind(models.TextChoices):
    NEW_REFERRAL = "new_referral", _("New P1 or P2 referral")
    REVIEW_OVERDUE = "review_overdue", _("Referral past its review date")
    ACTIONS_OVERDUE = "actions_overdue", _("Actions overdue")
    REPEAT_LOCATION = "repeat_location", _("Repeat location")
    CASE_REVIEW = "case_review", _("ASB Case Review")
    LOCATION_REVIEW = "location_review", _("Priority location due for review")
    EVENT = "event", _("Forthcoming event")
    OTHER = "other", _("Other business")


# The agenda's sections, in order.
AGENDA_ORDER = list(ItemKind)
