from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import tokens
from programmes.choices import BookingMode
from programmes.models import Run

from .choices import HELD_STATUSES, BookingStatus

REFERENCE_LENGTH = 8
WAITING_ORDER = (F("waiting_order").asc(nulls_last=True), F("created_at").asc(), F("pk").asc())


# Shown only to staff with bookings.view_health_details: hidden from other staff in every view and export.
HEALTH_FIELDS = (
    "date_of_birth",
    "guardian_consent",
    "photo_consent",
    "emergency_contact_name",
    "emergency_contact_phone",
    "medical_needs",
    "dietary_needs",
    "access_needs",
)

# The fields only one kind of booking fills in: a school's booking has no young person, a young person's no school.
FIELDS_OF_KIND = {
    BookingMode.SCHOOL: (
        "school_name",
        "school_urn",
        "contact_role",
        "year_groups",
        "additional_needs",
        "terms_accepted",
    ),
    BookingMode.PARTICIPANT: ("participant_name", *HEALTH_FIELDS),
}


def fields_not_of_kind(kind):
    """The fields other kinds of booking fill in and a booking of ``kind`` leaves empty."""
    return {name for other, names in FIELDS_OF_KIND.items() if other != kind for name in names}


def new_reference():
    return tokens.new_reference("BK", REFERENCE_LENGTH)


class BookingQuerySet(models.QuerySet):
    def held(self):
        return self.filter(status__in=HELD_STATUSES)

    def waiting(self):
        """The waiting list in its order: an allocation's order first (``waiting_order``), then by arrival."""
        return self.filter(status=BookingStatus.WAITLISTED).order_by(*WAITING_ORDER)

    def requested(self):
        return self.filter(status=BookingStatus.REQUESTED).order_by("pk")

    def places_held(self):
        return self.held().aggregate(total=models.Sum("places"))["total"] or 0

    def offers_expired(self, now):
        return self.filter(status=BookingStatus.OFFERED, offer_expires_at__lte=now)


class Booking(models.Model):
    run = models.ForeignKey(Run, verbose_name=_("run"), on_delete=models.PROTECT, related_name="bookings")
    kind = models.CharField(_("kind"), max_length=20, choices=BookingMode.choices)
    status = models.CharField(_("status"), max_length=20, choices=BookingStatus.choices, db_index=True)
    places = models.PositiveIntegerField(_("places"), validators=[MinValueValidator(1)])
    reference = models.CharField(_("reference"), max_length=16, unique=True, default=new_reference, editable=False)
    manage_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("booked at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set by an allocation: the place on the waiting list it gave (the lottery's order), before anyone who
    # joined the list by arriving later.
    waiting_order = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # The waiting part of a booking split at booking time: places held now, the rest on the waiting list.
    split_from = models.ForeignKey(
        "self",
        verbose_name=_("more places wanted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="waiting_parts",
        editable=False,
    )

    contact_name = models.CharField(_("contact name"), max_length=100)
    contact_email = models.EmailField(_("contact email"), max_length=254)
    contact_phone = models.CharField(_("contact phone"), max_length=30)

    school_name = models.CharField(_("school"), max_length=150, blank=True)
    school_urn = models.CharField(_("school URN"), max_length=8, blank=True)
    contact_role = models.CharField(_("contact's role"), max_length=100, blank=True)
    year_groups = models.CharField(_("year groups"), max_length=100, blank=True)
    additional_needs = models.TextField(_("additional needs"), max_length=2000, blank=True)
    terms_accepted = models.BooleanField(_("terms accepted"), default=False)

    participant_name = models.CharField(_("young person's name"), max_length=100, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    guardian_consent = models.BooleanField(_("parent or guardian consent"), default=False)
    emergency_contact_name = models.CharField(_("emergency contact"), max_length=100, blank=True)
    emergency_contact_phone = models.CharField(_("emergency contact phone"), max_length=30, blank=True)
    medical_needs = models.TextField(_("medical needs"), max_length=2000, blank=True)
    dietary_needs = models.TextField(_("dietary needs"), max_length=2000, blank=True)
    access_needs = models.TextField(_("access needs"), max_length=2000, blank=True)
    photo_consent = models.BooleanField(_("photo consent"), default=False)

    objects = BookingQuerySet.as_manager()

    # Nothing refers to a booking; indexing its references would add queries to every save in the run lock.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["-created_at", "-pk"]
        permissions = [("view_health_details", _("Can see participants' health, consent and emergency details"))]
        indexes = [models.Index(fields=["run", "status"], name="booking_run_status")]
        constraints = [
            models.CheckConstraint(condition=Q(places__gte=1), name="booking_places_positive"),
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(offer_expires_at__isnull=False), name="booking_offer_has_expiry"
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def booker_label(self):
        if self.anonymised_at:
            return _("Anonymised")
        return self.school_name if self.kind == BookingMode.SCHOOL else self.participant_name

    @property
    def log_hub(self):
        """The hub whose staff see this booking's audit log entries: its run's."""
        return self.run.log_hub

    @property
    def holds_places(self):
        return self.status in HELD_STATUSES

    def waiting_position(self):
        """Where this booking stands on its run's waiting list (1 for the first), or None if not waiting: one query."""
        if self.status != BookingStatus.WAITLISTED:
            return None
        arrived_before = Q(created_at__lt=self.created_at) | Q(created_at=self.created_at, pk__lt=self.pk)
        if self.waiting_order is None:
            ahead = Q(waiting_order__isnull=False) | Q(waiting_order__isnull=True) & arrived_before
        else:
            ahead = Q(waiting_order__lt=self.waiting_order) | Q(waiting_order=self.waiting_order) & arrived_before
        return Booking.objects.filter(ahead, run_id=self.run_id, status=BookingStatus.WAITLISTED).count() + 1

    def set_manage_token(self):
        token = tokens.new_token()
        self.manage_token_hash = tokens.hash_token(token)
        return token


class Attendance(models.Model):
    """Whether a booking's young people came to one session (the register)."""

    session = models.ForeignKey("programmes.Session", on_delete=models.CASCADE, related_name="attendance")
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="attendance")
    attended = models.PositiveIntegerField(_("attended"), default=0)
    recorded_at = models.DateTimeField(auto_now=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("attendance")
        constraints = [models.UniqueConstraint(fields=["session", "booking"], name="attendance_once_per_session")]

    def __str__(self):
        return f"{self.booking} at {self.session}: {self.attended}"


class RunChangeQuerySet(models.QuerySet):
    def unsent(self):
        return self.filter(notified_at__isnull=True)


class RunChange(models.Model):
    """A change staff made to a run (sessions moved, added or cancelled, what the run offers) that the people
    booked on it are told about. Recorded when staff save; emailed in one message per booking once the run has had
    no further change for a few minutes (``bookings.changes``). Holds no personal data."""

    run = models.ForeignKey(Run, verbose_name=_("run"), on_delete=models.CASCADE, related_name="changes")
    made_at = models.DateTimeField(_("made at"), default=timezone.now, db_index=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lines = models.JSONField(default=list)
    cancelled_sessions = models.JSONField(default=list)
    notified_at = models.DateTimeField(_("people told at"), null=True, blank=True)
    bookings_told = models.PositiveIntegerField(default=0)

    objects = RunChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("change to a run")
        verbose_name_plural = _("changes to runs")
        ordering = ["made_at", "pk"]

    def __str__(self):
        return f"{self.run}: {self.made_at:%Y-%m-%d %H:%M}"


class BookingLink(models.Model):
    """Another private link to a booking, beside the one its first email carried (``Booking.manage_token_hash``):
    an offer's email carries a new one, and every link the booker was sent keeps working."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("booking link")

    def __str__(self):
        return f"{self.booking} link"

    @classmethod
    def issue(cls, booking, now=None):
        """A new private link to ``booking``: returns its token (only its digest is kept)."""
        token = tokens.new_token()
        cls.objects.create(booking=booking, token_hash=tokens.hash_token(token), created_at=now or timezone.now())
        return token


class Allocation(models.Model):
    """One allocation of a run's places after its booking window: what went in, the seed and rules, and what came
    out, so anyone can run it again and get the same places (``bookings.allocation.verify_allocation``).

    ``requests`` holds no personal data: each request's booking id, reference, places, the rules it met and a
    digest of its school (for the per-school cap). ``outcomes`` holds, per booking id, what it was given and why.
    """

    run = models.OneToOneField(Run, verbose_name=_("run"), on_delete=models.CASCADE, related_name="allocation_record")
    seed = models.BigIntegerField(_("lottery seed"))
    rules = models.JSONField(_("priority rules"), default=list)
    capacity = models.PositiveIntegerField(_("places free to allocate"))
    per_school_cap = models.PositiveIntegerField(_("most places one school can have"), null=True, blank=True)
    requests = models.JSONField(default=list)
    outcomes = models.JSONField(default=list)
    created_at = models.DateTimeField(_("allocated at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")

    def __str__(self):
        return f"{self.run}: allocation"

    @property
    def log_hub(self):
        return self.run.log_hub
