"""Referrals into the hub: residents' ASB reports and partner referrals, their triage, actions and links.

Personal data (reporter identity and contact, free text) sits in named fields so that retention can blank
them and keep the counts; the status link token is stored only as a hash.
"""

from django.conf import settings
from django.db import models
from django.db.models import Case, DateField, F, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import Area, Organisation
from portal import tokens

from .choices import (
    OPEN_STATUSES,
    ActionStatus,
    Category,
    ClosureReason,
    ContactPreference,
    DeclineReason,
    LinkKind,
    Priority,
    ReportType,
    SharingBasis,
    Source,
    Status,
    SubjectType,
    Urgency,
)

REFERENCE_PREFIX = "HUB"
STATUS_LINK_SALT = "referrals.status-token"


def new_reference():
    """A random reference like HUB-7KQ2-M9XD (about 39 bits): not a sequence, so not guessable."""
    return tokens.new_reference(REFERENCE_PREFIX, 4, 4)


def status_token_for(submission_key):
    """The status token of the report sent with ``submission_key`` (secret, random, one per journey)."""
    return tokens.derived_token(STATUS_LINK_SALT, submission_key)


# Free text and identity fields that retention blanks (DESIGN invariant 4).
PERSONAL_FIELDS = (
    "location_description",
    "description",
    "people_involved",
    "impact",
    "reporter_name",
    "reporter_email",
    "reporter_phone",
    "vulnerability_details",
    "summary",
    "agencies_involved",
    "sharing_explanation",
    "decline_note",
    "closure_note",
)


def open_q():
    return Q(status__in=OPEN_STATUSES)


def awaiting_triage_q():
    return Q(status=Status.SUBMITTED)


def contact_overdue_q(today):
    return Q(status=Status.ACCEPTED, target_contact_date__lt=today)


def review_overdue_q(today):
    return open_q() & Q(review_date__lt=today)


# The triage queue's buckets, in the order it lists them (``ReferralQuerySet.for_queue``).
QUEUE_NEW_URGENT, QUEUE_NEW, QUEUE_CONTACT_OVERDUE, QUEUE_REVIEW_OVERDUE, QUEUE_OPEN, QUEUE_FINISHED = range(6)
# Within a bucket: the date the work is due by (earliest first, none last), the most recently finished first
# (finished ones only), then the oldest received. The last key makes the order total, so pages never overlap.
QUEUE_ORDER = (
    F("queue_bucket").asc(),
    F("queue_due").asc(nulls_last=True),
    F("finished_at").desc(nulls_last=True),
    F("submitted_at").asc(),
    "pk",
)


class ReferralQuerySet(models.QuerySet):
    def open(self):
        return self.filter(open_q())

    def for_queue(self, today):
        """The triage queue, worked out in the database so that it pages correctly: new referrals first (someone
        vulnerable, or P1, before the rest), then those whose first contact is overdue, then those whose review
        is overdue, then the other open ones by the date they are due by (contact by while accepted, else
        review by: whichever comes first), then the finished ones; ties by the oldest received. Annotates
        ``queue_bucket`` and ``queue_due``."""
        new = awaiting_triage_q()
        accepted_with_target = Q(status=Status.ACCEPTED, target_contact_date__isnull=False)
        return (
            self.select_related("area", "lead_agency")
            .annotate(
                queue_bucket=Case(
                    When(new & (Q(vulnerable_person=True) | Q(priority=Priority.P1)), then=Value(QUEUE_NEW_URGENT)),
                    When(new, then=Value(QUEUE_NEW)),
                    When(contact_overdue_q(today), then=Value(QUEUE_CONTACT_OVERDUE)),
                    When(review_overdue_q(today), then=Value(QUEUE_REVIEW_OVERDUE)),
                    When(open_q(), then=Value(QUEUE_OPEN)),
                    default=Value(QUEUE_FINISHED),
                    output_field=IntegerField(),
                ),
                queue_due=Case(
                    When(accepted_with_target & Q(review_date__lt=F("target_contact_date")), then=F("review_date")),
                    When(accepted_with_target, then=F("target_contact_date")),
                    When(open_q(), then=F("review_date")),
                    default=None,
                    output_field=DateField(),
                ),
            )
            .order_by(*QUEUE_ORDER)
        )

    def awaiting_triage(self):
        """New reports and referrals nobody has accepted or declined yet."""
        return self.filter(awaiting_triage_q())

    def contact_overdue(self, today):
        """Accepted, and the first contact's target date has passed."""
        return self.filter(contact_overdue_q(today))

    def overdue_reviews(self, today):
        return self.filter(review_overdue_q(today))

    def case_reviews_due(self):
        """Open referrals flagged as meeting the ASB Case Review threshold (until Case Reviews have their own model)."""
        return self.open().filter(case_review_flag=True)

    def made_by(self, user, organisation_ids):
        """The referrals ``user`` made, and those made for the organisations ``organisation_ids`` (the ones the
        person acts for)."""
        return self.filter(Q(referred_by=user) | Q(referring_organisation_id__in=organisation_ids))


class Referral(models.Model):
    # The hub whose site received the report, or that the referring partner chose; a transfer moves it.
    hub = models.ForeignKey("portal.Hub", verbose_name=_("hub"), on_delete=models.PROTECT, related_name="referrals")
    reference = models.CharField(_("reference"), max_length=20, unique=True, default=new_reference, editable=False)
    # None once retention has anonymised the referral: its status link then finds nothing.
    status_token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    category = models.CharField(_("category"), max_length=15, choices=Category.choices)
    report_type = models.CharField(_("type"), max_length=20, choices=ReportType.choices)

    location_description = models.TextField(_("where"), max_length=1000)
    postcode = models.CharField(_("postcode"), max_length=8, blank=True, db_index=True)
    area = models.ForeignKey(Area, verbose_name=_("area"), null=True, blank=True, on_delete=models.SET_NULL)
    place_key = models.CharField(max_length=120, blank=True, db_index=True, editable=False)
    occurred_at = models.DateTimeField(_("when it happened"), null=True, blank=True)
    is_ongoing = models.BooleanField(_("still happening"), default=False)
    description = models.TextField(_("what happened"), max_length=5000)
    people_involved = models.TextField(_("people involved"), max_length=2000, blank=True)
    impact = models.TextField(_("impact"), max_length=2000, blank=True)

    reporter_anonymous = models.BooleanField(_("reported anonymously"), default=False)
    reporter_name = models.CharField(_("reporter's name"), max_length=120, blank=True)
    reporter_email = models.EmailField(_("reporter's email"), blank=True)
    reporter_phone = models.CharField(_("reporter's phone"), max_length=30, blank=True)
    contact_preference = models.CharField(
        _("how to contact"), max_length=5, choices=ContactPreference.choices, default=ContactPreference.NONE
    )
    vulnerable_person = models.BooleanField(_("someone affected may be vulnerable"), default=False)
    vulnerability_details = models.TextField(_("vulnerability"), max_length=2000, blank=True)

    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("referred by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    referring_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("referring organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals_made",
    )
    subject_type = models.CharField(_("subject"), max_length=10, choices=SubjectType.choices, blank=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, blank=True)
    agencies_involved = models.TextField(_("agencies already involved"), max_length=1000, blank=True)
    sharing_basis = models.CharField(_("basis for sharing"), max_length=10, choices=SharingBasis.choices, blank=True)
    sharing_explanation = models.TextField(_("basis explained"), max_length=1000, blank=True)

    priority = models.CharField(_("priority"), max_length=2, choices=Priority.choices, blank=True)
    target_contact_date = models.DateField(_("contact by"), null=True, blank=True)
    lead_agency = models.ForeignKey(
        Organisation,
        verbose_name=_("lead agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals_led",
    )
    review_date = models.DateField(_("review by"), null=True, blank=True)
    decline_reason = models.CharField(_("decline reason"), max_length=25, choices=DeclineReason.choices, blank=True)
    signposted_to = models.ForeignKey(
        Organisation,
        verbose_name=_("signposted to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals_signposted",
    )
    decline_note = models.TextField(_("decline note"), max_length=2000, blank=True)
    closure_reason = models.CharField(_("closure reason"), max_length=20, choices=ClosureReason.choices, blank=True)
    closure_note = models.TextField(_("closure note"), max_length=2000, blank=True)
    case_review_flag = models.BooleanField(_("ASB Case Review threshold met"), default=False)

    submitted_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    finished_at = models.DateTimeField(_("declined, resolved or closed"), null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-submitted_at"]
        permissions = [("triage_referral", _("Can triage referrals"))]
        indexes = [models.Index(fields=["status", "priority"], name="referral_queue_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reporter_anonymous=True) | (Q(reporter_name="") & Q(reporter_email="")),
                name="anonymous_reports_hold_no_identity",
            )
        ]

    def __str__(self):
        return self.reference

    def set_status_token(self, submission_key=None):
        """A new status token, stored only as its hash; derived from ``submission_key`` when given."""
        token = status_token_for(submission_key) if submission_key else tokens.new_token()
        self.status_token_hash = tokens.hash_token(token)
        return token

    def status_token_again(self, submission_key):
        """The status token derived once more from the submission that made this referral; None for any other
        key, or once retention has cleared the hash."""
        if not submission_key or not self.status_token_hash:
            return None
        token = status_token_for(submission_key)
        return token if tokens.token_matches(token, self.status_token_hash) else None

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def log_hub(self):
        """The hub whose staff see this referral's audit log entries."""
        return self.hub


class ReferralActionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=(ActionStatus.OPEN, ActionStatus.IN_PROGRESS))

    def overdue(self, today):
        return self.open().filter(due_date__lt=today)

    def assigned_to(self, organisation_ids):
        return self.filter(organisation_id__in=organisation_ids)

    def in_work_order(self, today):
        """Open actions first, the overdue ones before the others, then by due date."""
        return self.annotate(
            open_rank=models.Case(models.When(pk__in=self.model.objects.open().values("pk"), then=0), default=1),
            late_rank=models.Case(
                models.When(pk__in=self.model.objects.overdue(today).values("pk"), then=0), default=1
            ),
        ).order_by("open_rank", "late_rank", "due_date", "pk")


class ReferralAction(models.Model):
    """Something an agency has agreed to do about a referral."""

    referral = models.ForeignKey(Referral, verbose_name=_("referral"), on_delete=models.CASCADE, related_name="actions")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="referral_actions"
    )
    description = models.TextField(_("what"), max_length=2000)
    due_date = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = ReferralActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_date", "pk"]

    def __str__(self):
        return f"{self.referral} – {self.organisation}"

    @property
    def is_open(self):
        return self.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)

    def is_overdue(self, today=None):
        return self.is_open and self.due_date < (today or timezone.localdate())


class ActionUpdate(models.Model):
    """A status change with a note, by the agency doing the action or by hub staff."""

    action = models.ForeignKey(ReferralAction, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.action} – {self.get_status_display()}"


class ReferralNote(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("note"), max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.referral} – {self.created_at:%d %b %Y}"


class ReferralLink(models.Model):
    """Two referrals about the same place, related, or one a duplicate of the other. Stored once per pair."""

    from_referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="links_from")
    to_referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="links_to")
    kind = models.CharField(_("link"), max_length=12, choices=LinkKind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["from_referral", "to_referral", "kind"], name="unique_referral_link"),
            models.CheckConstraint(condition=~Q(from_referral=models.F("to_referral")), name="no_self_link"),
        ]

    def __str__(self):
        return f"{self.from_referral} – {self.to_referral} ({self.get_kind_display()})"


class ReferralTransfer(models.Model):
    """A referral handed from one hub to another. The sending hub keeps only this record: the reference, when,
    where to and who sent it; the referral itself is then the receiving hub's."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="transfers")
    reference = models.CharField(_("reference"), max_length=20)
    from_hub = models.ForeignKey(
        "portal.Hub", verbose_name=_("from hub"), on_delete=models.PROTECT, related_name="transfers_out"
    )
    to_hub = models.ForeignKey(
        "portal.Hub", verbose_name=_("to hub"), on_delete=models.PROTECT, related_name="transfers_in"
    )
    transferred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    transferred_at = models.DateTimeField(_("transferred"), default=timezone.now)
    reason = models.CharField(
        _("reason"), max_length=300, help_text=_("Why the other hub should take it. No names or addresses.")
    )

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        ordering = ["-transferred_at", "-pk"]

    def __str__(self):
        return f"{self.reference}: {self.from_hub} → {self.to_hub}"
