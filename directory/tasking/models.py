"""Tasking: the hub's priority locations and their problem-solving plans, the monthly tasking meeting (its agenda
items, decisions and minutes), the forward plan of known events, and the actions agreed for agencies.

Nothing here holds a resident's details: agenda items name referrals by reference, places by postcode, street
or area, and agencies by name.
"""

from functools import reduce
from operator import or_

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.lookups import Exact, StartsWith
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import Area, Organisation
from directory.referrals.choices import ActionStatus

from .choices import LIVE_STATUSES, ItemKind, LocationStatus, MeetingStatus

OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class PriorityLocationQuerySet(models.QuerySet):
    def for_hubs(self, hub_ids):
        return self.filter(hub_id__in=hub_ids)

    def live(self):
        return self.filter(status__in=LIVE_STATUSES)

    def due_for_review(self, on_date):
        """Not closed, and the next review falls on or before ``on_date``."""
        return self.exclude(status=LocationStatus.CLOSED).filter(next_review__lte=on_date)


class PriorityLocation(models.Model):
    hub = models.ForeignKey("portal.Hub", verbose_name=_("hub"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=120)
    area = models.ForeignKey(Area, verbose_name=_("area"), null=True, blank=True, on_delete=models.SET_NULL)
    reason = models.TextField(_("why it is a priority"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=12, choices=LocationStatus.choices, default=LocationStatus.PROPOSED
    )
    lead_agency = models.ForeignKey(
        Organisation, verbose_name=_("lead agency"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agreed_on = models.DateField(_("agreed"), null=True, blank=True)
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    next_review = models.DateField(_("next review"), null=True, blank=True)
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    problem = models.TextField(_("the problem as seen"), max_length=4000, blank=True)
    analysis = models.TextField(_("analysis"), max_length=4000, blank=True)
    # Published on the hub's "You said, we did" page while the location is active or monitored.
    public_summary = models.TextField(_("what residents are told"), max_length=600, blank=True)
    assessment = models.TextField(_("assessment at closure"), max_length=4000, blank=True)
    # Referrals there in the months it was a priority (assessed_from to assessed_to), and in the same months a
    # year before: worked out when it closes, so the figure stays as agreed.
    assessed_from = models.DateField(null=True, blank=True)
    assessed_to = models.DateField(null=True, blank=True)
    count_before = models.PositiveIntegerField(_("referrals before"), null=True, blank=True)
    count_after = models.PositiveIntegerField(_("referrals after"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = PriorityLocationQuerySet.as_manager()

    class Meta:
        verbose_name = _("priority location")
        verbose_name_plural = _("priority locations")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    @property
    def log_hub(self):
        return self.hub


class PlaceKind(models.TextChoices):
    POSTCODE = "postcode", _("Postcode")
    STREET = "street", _("Street or place in the area")


class PriorityPlace(models.Model):
    """One postcode or street a priority location covers, as the key the referrals' repeat detection gives a
    report there (``directory.referrals.services.place_key``): a postcode matches exactly, a street matches
    every report in the location's area whose description starts with it."""

    location = models.ForeignKey(PriorityLocation, on_delete=models.CASCADE, related_name="places")
    kind = models.CharField(max_length=10, choices=PlaceKind.choices)
    label = models.CharField(_("postcode or street"), max_length=100)
    key = models.CharField(max_length=120, db_index=True)

    class Meta:
        ordering = ["kind", "label"]
        constraints = [models.UniqueConstraint(fields=["location", "key"], name="unique_priority_place")]

    def __str__(self):
        return self.label

    @property
    def is_prefix(self):
        return self.kind == PlaceKind.STREET


def referrals_at_q(places):
    """A Q on Referral for the reports at any of ``places`` (PriorityPlace rows); matches nothing without any."""
    exact = [place.key for place in places if not place.is_prefix]
    parts = [Q(place_key__in=exact)] if exact else []
    parts += [Q(place_key__startswith=place.key) for place in places if place.is_prefix]
    return reduce(or_, parts) if parts else Q(pk__in=[])


def in_priority_location():
    """An Exists to annotate a Referral queryset with: true for a referral at a live priority location of its
    own hub. One subquery in the listing's query, whatever the number of rows."""
    same_key = Exact(F("key"), OuterRef("place_key"))
    within_street = Q(kind=PlaceKind.STREET) & StartsWith(OuterRef("place_key"), F("key"))
    places = PriorityPlace.objects.filter(
        location__hub_id=OuterRef("hub_id"), location__status__in=LIVE_STATUSES
    ).filter(Q(same_key) | within_street)
    return Exists(places)


class ForwardEvent(models.Model):
    """A known event partners plan for (fireworks night, a market, a festival): on the agenda before it happens."""

    hub = models.ForeignKey("portal.Hub", verbose_name=_("hub"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=120)
    starts_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    lead = models.ForeignKey(
        Organisation, verbose_name=_("lead agency"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    partners = models.ManyToManyField(Organisation, verbose_name=_("partners involved"), blank=True, related_name="+")

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("forward plan")
        ordering = ["starts_on", "pk"]

    def __str__(self):
        return self.name

    @property
    def log_hub(self):
        return self.hub


class MeetingQuerySet(models.QuerySet):
    def for_hubs(self, hub_ids):
        return self.filter(hub_id__in=hub_ids)

    def next_for(self, hub_ids, today):
        return self.for_hubs(hub_ids).filter(held_on__gte=today, status=MeetingStatus.PLANNED).order_by("held_on")


class Meeting(models.Model):
    hub = models.ForeignKey("portal.Hub", verbose_name=_("hub"), on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("date"))
    chair = models.CharField(_("chair"), max_length=120, help_text=_("A role, such as “Neighbourhood inspector”."))
    status = models.CharField(_("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    agencies_present = models.ManyToManyField(
        Organisation, verbose_name=_("agencies present"), blank=True, related_name="+"
    )
    issued_at = models.DateTimeField(_("minutes issued"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("tasking meeting")
        verbose_name_plural = _("tasking meetings")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.held_on:%d %b %Y}"

    @property
    def log_hub(self):
        return self.hub


class AgendaItem(models.Model):
    """One item on a meeting's agenda: built from what is in hand, or added by staff. Its title holds only
    references, places and agencies."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(
        _("item"), max_length=300, help_text=_("References, places and agencies only: no names of residents.")
    )
    referral = models.ForeignKey(
        "referrals.Referral", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    priority_location = models.ForeignKey(
        PriorityLocation, null=True, blank=True, on_delete=models.SET_NULL, related_name="agenda_items"
    )
    event = models.ForeignKey(ForwardEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decision = models.TextField(_("decision"), max_length=2000, blank=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class TaskingActionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_ACTION_STATUSES)

    def overdue(self, today):
        return self.open().filter(due_date__lt=today)

    def assigned_to(self, organisation_ids):
        return self.filter(organisation_id__in=organisation_ids)


class TaskingAction(models.Model):
    """Something an agency agreed to do about a priority location (its problem-solving plan) or an agenda item.
    Exactly one of the two owns it. Its statuses and their transitions are the referral actions' ones."""

    hub = models.ForeignKey("portal.Hub", on_delete=models.PROTECT, related_name="+")
    priority_location = models.ForeignKey(
        PriorityLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.CASCADE, related_name="actions")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="tasking_actions"
    )
    description = models.TextField(_("what"), max_length=2000)
    due_date = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    note = models.TextField(_("latest update"), max_length=2000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = TaskingActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("tasking action")
        verbose_name_plural = _("tasking actions")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(priority_location__isnull=False) & Q(item__isnull=True))
                | (Q(priority_location__isnull=True) & Q(item__isnull=False)),
                name="tasking_action_has_one_owner",
            )
        ]

    def __str__(self):
        return f"{self.organisation}: {self.due_date:%d %b %Y}"

    @property
    def is_open(self):
        return self.status in OPEN_ACTION_STATUSES

    def is_overdue(self, today):
        return self.is_open and self.due_date < today

    @property
    def log_hub(self):
        return self.hub


def live_locations_at(referral):
    """The live priority locations of the referral's hub that cover where it happened (one query)."""
    key = referral.place_key
    if not key:
        return []
    places = PriorityPlace.objects.filter(
        location__hub_id=referral.hub_id, location__status__in=LIVE_STATUSES
    ).select_related("location")
    found = {
        place.location_id: place.location
        for place in places
        if place.key == key or (place.is_prefix and key.startswith(place.key))
    }
    return sorted(found.values(), key=lambda location: location.name)
