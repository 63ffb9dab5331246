import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Max, Min, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from bookings.choices import HELD_STATUSES, BookingStatus
from home.blocks import RICH_TEXT_FEATURES, BodyBlock
from portal.admin_forms import BoundedRowsAdminForm
from portal.hubs import hub_of_page
from portal.navigation import CachedPageMixin

from .choices import MAX_AGE, MIN_AGE, Allocation, Audience, BookingMode, BookingWindow, PriorityRule
from .listing import programme_listing_context

MAX_SESSIONS = 100


class ProgrammeIndexPage(CachedPageMixin, Page):
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["programmes.ProgrammePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("programme index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(programme_listing_context(ProgrammePage.objects.child_of(self), request))
        return context


class ProgrammePageQuerySet(PageQuerySet):
    def for_listing(self):
        return self.select_related("image").prefetch_related("image__renditions")

    def for_audience(self, audience):
        return self.filter(audience=audience) if audience else self

    def for_age(self, age):
        if age is None:
            return self
        return self.filter(Q(min_age__isnull=True) | Q(min_age__lte=age), Q(max_age__isnull=True) | Q(max_age__gte=age))


ProgrammePageManager = PageManager.from_queryset(ProgrammePageQuerySet)


class ProgrammePage(CachedPageMixin, Page):
    summary = models.CharField(_("summary"), max_length=300, help_text=_("One or two sentences shown in listings."))
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, default=Audience.SCHOOLS)
    min_age = models.PositiveSmallIntegerField(
        _("youngest age"),
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_AGE), MaxValueValidator(MAX_AGE)],
        help_text=_("Leave empty if there is no lower limit."),
    )
    max_age = models.PositiveSmallIntegerField(
        _("oldest age"),
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_AGE), MaxValueValidator(MAX_AGE)],
        help_text=_("Leave empty if there is no upper limit."),
    )
    eligibility = RichTextField(_("who can take part"), features=RICH_TEXT_FEATURES, blank=True)
    what_happens = RichTextField(_("what happens"), features=RICH_TEXT_FEATURES, blank=True)
    delivery_partner_name = models.CharField(_("delivery partner"), max_length=150, blank=True)
    delivery_partner_url = models.URLField(_("delivery partner link"), blank=True)
    delivery_partner = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("delivery partner's directory entry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="delivered_programmes",
        help_text=_("The page links to this entry while it is published; otherwise it shows the name and link above."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("more information"), blank=True)

    objects = ProgrammePageManager()

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("audience"), FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")])],
            heading=_("Who it is for"),
        ),
        FieldPanel("eligibility"),
        FieldPanel("what_happens"),
        MultiFieldPanel(
            [FieldPanel("delivery_partner_name"), FieldPanel("delivery_partner_url"), FieldPanel("delivery_partner")],
            heading=_("Delivered with"),
        ),
        FieldPanel("image"),
        FieldPanel("body"),
        HelpPanel(content=_("Dates, places and sessions are managed under Bookings → Programme runs in the menu.")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("eligibility"),
        index.SearchField("what_happens"),
        index.SearchField("delivery_partner_name"),
        index.SearchField("body"),
        index.FilterField("audience"),
        index.FilterField("min_age"),
        index.FilterField("max_age"),
    ]

    parent_page_types = ["programmes.ProgrammeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("programme page")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_age__isnull=True) | Q(max_age__isnull=True) | Q(min_age__lte=F("max_age")),
                name="programme_age_range_ordered",
            )
        ]

    def clean(self):
        super().clean()
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            raise ValidationError({"max_age": _("The oldest age must be the same as or more than the youngest age.")})

    @property
    def age_range_label(self):
        if self.min_age is not None and self.max_age is not None:
            return _("Ages %(low)s to %(high)s") % {"low": self.min_age, "high": self.max_age}
        if self.min_age is not None:
            return _("Ages %(low)s and over") % {"low": self.min_age}
        if self.max_age is not None:
            return _("Up to age %(high)s") % {"high": self.max_age}
        return _("All ages")

    @classmethod
    def objects_for_serving(cls):
        """The page with what its template shows beside it: the image and the delivery partner's entry."""
        return cls.objects.select_related("image", "delivery_partner")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["runs"] = list(Run.objects.for_programme_page(self))
        context["delivery_partner_entry"] = self.published_delivery_partner()
        return context

    def published_delivery_partner(self):
        """The delivery partner's directory entry while it is published (``Organisation.objects.published()``:
        live), else None. No query when the page was fetched with ``objects_for_serving``, else one when set."""
        if self.delivery_partner_id is None:
            return None
        partner = self.delivery_partner
        return partner if partner.live else None


class PriorityRulesField(models.CharField):
    """A run's priority rules (``PriorityRule`` values), kept in their order as one comma-separated string and
    edited as tick boxes."""

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return [str(rule) for rule in value]
        return [rule for rule in (value or "").split(",") if rule]

    def get_prep_value(self, value):
        return ",".join(self.to_python(value))

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        unknown = set(self.to_python(value)) - set(PriorityRule.values)
        if unknown:
            raise ValidationError(_("Choose priority rules from the list."))

    def formfield(self, **kwargs):
        from django import forms

        return forms.TypedMultipleChoiceField(
            label=self.verbose_name,
            help_text=self.help_text,
            required=False,
            choices=PriorityRule.choices,
            widget=forms.CheckboxSelectMultiple,
        )


class RunQuerySet(models.QuerySet):
    def with_dates(self):
        return self.annotate(starts_at=Min("sessions__start"), ends_at=Max("sessions__end"))

    def with_availability(self):
        """Annotate ``places_held`` (pending, confirmed and offered places) and ``places_waiting``."""
        held = Q(bookings__status__in=HELD_STATUSES)
        waiting = Q(bookings__status=BookingStatus.WAITLISTED)
        return self.annotate(
            places_held=Coalesce(Sum("bookings__places", filter=held), 0),
            places_waiting=Coalesce(Sum("bookings__places", filter=waiting), 0),
        )

    def with_places_held(self):
        """Annotate ``places_held`` as ``with_availability`` does, as a subquery: it composes with ``with_dates``
        (whose join over sessions would multiply a sum over bookings)."""
        return self.annotate(places_held=self._places_of(status__in=HELD_STATUSES))

    def _places_of(self, **booking_filters):
        """The places of each run's bookings matching ``booking_filters``, summed in a subquery (0 when none)."""
        bookings = self.model._meta.get_field("bookings").related_model.objects
        total = (
            bookings.filter(run=OuterRef("pk"), **booking_filters)
            .order_by()
            .values("run")
            .annotate(total=Sum("places"))
            .values("total")
        )
        return Coalesce(Subquery(total), 0)

    def upcoming(self, now=None):
        now = now or timezone.now()
        return self.with_dates().filter(Q(ends_at__gte=now) | Q(ends_at__isnull=True))

    def open_for_booking(self, now=None):
        """The runs whose ``booking_status(now)`` is open: the same rule, as a query."""
        now = now or timezone.now()
        return self.upcoming(now).filter(booking_opens__lte=now, booking_closes__gt=now, cancelled_at__isnull=True)

    def with_places_waiting(self):
        """Annotate ``places_waiting`` as ``with_availability`` does, as a subquery (see ``with_places_held``)."""
        return self.annotate(places_waiting=self._places_of(status=BookingStatus.WAITLISTED))

    def for_programme_page(self, programme, now=None):
        """A programme page's upcoming runs in date order, with their places held and waiting and their sessions:
        two queries however many runs, sessions and bookings."""
        runs = self.filter(programme=programme, cancelled_at__isnull=True).upcoming(now)
        runs = runs.with_places_held().with_places_waiting().prefetch_related("sessions")
        return list(runs.order_by("starts_at", "pk"))


class Run(ClusterableModel):
    programme = models.ForeignKey(
        ProgrammePage, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="runs"
    )
    title = models.CharField(_("title"), max_length=120, help_text=_("For example “Summer 2027 residential”."))
    capacity = models.PositiveIntegerField(_("places"), validators=[MinValueValidator(1)])
    booking_opens = models.DateTimeField(_("booking opens"))
    booking_closes = models.DateTimeField(_("booking closes"))
    booking_mode = models.CharField(_("who books"), max_length=20, choices=BookingMode.choices)
    per_school_cap = models.PositiveIntegerField(
        _("most places one school can book"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Only for school bookings. Leave empty for no limit."),
    )
    needs_approval = models.BooleanField(
        _("bookings need approval"), default=False, help_text=_("Hub staff confirm or decline each booking.")
    )
    notes = models.TextField(_("public notes"), blank=True, max_length=1000)
    guardian_required_over_16 = models.BooleanField(
        _("guardian details required for 16 and 17 year olds"),
        default=False,
        help_text=_(
            "For example for a residential. Without it, young people of 16 or over give their own contact details "
            "and a parent or guardian is optional. Under 16 a parent or guardian always agrees."
        ),
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True, editable=False)
    allocation = models.CharField(
        _("how places are given"),
        max_length=20,
        choices=Allocation.choices,
        default=Allocation.FIRST_COME,
        help_text=_(
            "Allocating after the booking window collects requests until booking closes, then gives the places by "
            "the priority rules and a lottery among equals."
        ),
    )
    priority_rules = PriorityRulesField(
        _("priority rules"),
        max_length=200,
        blank=True,
        default="",
        help_text=_("Applied in this order when places are allocated after the booking window."),
    )
    priority_school_urns = models.TextField(
        _("priority schools' URNs"),
        blank=True,
        max_length=4000,
        help_text=_("Schools in the hub's priority areas: their URNs, separated by spaces, commas or new lines."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RunQuerySet.as_manager()

    base_form_class = BoundedRowsAdminForm
    panels = [
        FieldPanel("programme"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("booking_mode"), FieldPanel("per_school_cap")]),
        FieldRowPanel([FieldPanel("booking_opens"), FieldPanel("booking_closes")]),
        FieldPanel("needs_approval"),
        FieldPanel("guardian_required_over_16"),
        MultiFieldPanel(
            [FieldPanel("allocation"), FieldPanel("priority_rules"), FieldPanel("priority_school_urns")],
            heading=_("When more schools or young people ask than there are places"),
        ),
        FieldPanel("notes"),
        InlinePanel("sessions", label=_("Session"), min_num=1, max_num=MAX_SESSIONS),
    ]

    class Meta:
        verbose_name = _("run")
        verbose_name_plural = _("runs")
        ordering = ["booking_opens", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="run_capacity_positive"),
            models.CheckConstraint(
                condition=Q(booking_closes__gt=F("booking_opens")), name="run_booking_window_ordered"
            ),
            models.CheckConstraint(
                condition=Q(per_school_cap__isnull=True) | Q(per_school_cap__lte=F("capacity")),
                name="run_school_cap_within_capacity",
            ),
        ]

    @property
    def log_hub(self):
        """The hub whose staff see this run's audit log entries: the one whose pages hold its programme."""
        return hub_of_page(self.programme)

    def __str__(self):
        return f"{self.programme.title}: {self.title}"

    def clean(self):
        super().clean()
        errors = {}
        if self.booking_opens and self.booking_closes and self.booking_closes <= self.booking_opens:
            errors["booking_closes"] = _("Booking must close after it opens.")
        if self.per_school_cap is not None:
            if self.booking_mode != BookingMode.SCHOOL:
                errors["per_school_cap"] = _("A per-school limit only applies when schools book.")
            elif self.capacity and self.per_school_cap > self.capacity:
                errors["per_school_cap"] = _("A school cannot be allowed more places than the run has.")
        if errors:
            raise ValidationError(errors)

    def booking_status(self, now=None):
        """Where the run stands against its booking window (a ``BookingWindow``): open from ``booking_opens``
        until ``booking_closes`` or the end of its last session, whichever comes first. The one rule for
        "can this run be booked"; ``RunQuerySet.open_for_booking`` is the same rule as a query. Uses the
        ``ends_at`` annotation (``with_dates``) when there is one, else asks the sessions.
        """
        now = now or timezone.now()
        if self.cancelled_at is not None:
            return BookingWindow.CLOSED
        if now < self.booking_opens:
            return BookingWindow.NOT_YET_OPEN
        if now >= self.booking_closes:
            return BookingWindow.CLOSED
        ends_at = self.ends_at if hasattr(self, "ends_at") else self.sessions.aggregate(end=Max("end"))["end"]
        if ends_at is not None and ends_at < now:
            return BookingWindow.CLOSED
        return BookingWindow.OPEN

    @property
    def allocates_after_window(self):
        return self.allocation == Allocation.AFTER_WINDOW

    @property
    def priority_rule_list(self):
        """The priority rules in order, as a list, however the field was last set."""
        return self._meta.get_field("priority_rules").to_python(self.priority_rules)

    @property
    def priority_urns(self):
        return set(re.findall(r"[0-9]{6}", self.priority_school_urns or ""))

    @property
    def places_left(self):
        held = getattr(self, "places_held", None)
        if held is None:
            held = Run.objects.with_availability().get(pk=self.pk).places_held
        return max(self.capacity - held, 0)

    @property
    def sorted_sessions(self):
        return sorted(self.sessions.all(), key=lambda session: session.start)


class Session(models.Model):
    run = ParentalKey(Run, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=120, blank=True, help_text=_("For example “Day 1” or “Session 3”."))
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    venue = models.CharField(_("venue"), max_length=150)
    venue_address = models.CharField(_("venue address"), max_length=250, blank=True)
    # The iCalendar SEQUENCE of the session's event: raised each time the people booked are told it changed.
    sequence = models.PositiveIntegerField(default=0, editable=False)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("venue"),
        FieldPanel("venue_address"),
    ]

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["start", "pk"]
        constraints = [models.CheckConstraint(condition=Q(end__gt=F("start")), name="session_ends_after_start")]

    def __str__(self):
        return self.title or f"{self.start:%d %b %Y %H:%M}"

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("A session must end after it starts.")})
