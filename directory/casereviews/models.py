"""ASB Case Reviews: an application from a resident (or someone for them, with consent), the reports it rests on,
the hub's threshold decision, the review meeting and the response; and each hub's threshold and timescales.

Personal data (the applicant's identity and contact, free text) sits in named fields; the status link token is
stored only as a hash. Every step has a date it is due by (``due_on``), worked out from the hub's published
timescales, so the dashboard counts overdue steps in one query.
"""

from datetime import timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import Area
from portal import tokens

from .choices import NATIONAL_REPORTS, NATIONAL_WINDOW_DAYS, OPEN_STATUSES, ReportedTo, Status, Threshold, Timescale

REFERENCE_PREFIX = "CR"
STATUS_LINK_SALT = "casereviews.status-token"


def new_reference():
    """A random reference like CR-7KQ2-M9XD: not a sequence, so not guessable."""
    return tokens.new_reference(REFERENCE_PREFIX, 4, 4)


def status_token_for(submission_key):
    return tokens.derived_token(STATUS_LINK_SALT, submission_key)


class CaseReviewSettings(models.Model):
    """A hub's published ASB Case Review rules: an optional local threshold beside the national one, and the days
    each step may take."""

    hub = models.OneToOneField(
        "portal.Hub", verbose_name=_("hub"), on_delete=models.CASCADE, related_name="case_review_settings"
    )
    local_reports = models.PositiveSmallIntegerField(
        _("local threshold: reports"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(NATIONAL_REPORTS)],
        help_text=_("Leave empty to use the national threshold only (three reports in six months)."),
    )
    local_window_days = models.PositiveSmallIntegerField(
        _("local threshold: within days"),
        default=NATIONAL_WINDOW_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(731)],
    )
    decision_days = models.PositiveSmallIntegerField(
        _("days to decide the threshold"), default=10, validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    review_days = models.PositiveSmallIntegerField(
        _("days from decision to review meeting"), default=25, validators=[MinValueValidator(1), MaxValueValidator(180)]
    )
    response_days = models.PositiveSmallIntegerField(
        _("days from review to response"), default=10, validators=[MinValueValidator(1), MaxValueValidator(120)]
    )

    class Meta:
        verbose_name = _("ASB Case Review settings")
        verbose_name_plural = _("ASB Case Review settings")

    def __str__(self):
        return str(self.hub)

    @classmethod
    def for_hub(cls, hub_id):
        """The hub's settings; the national defaults (unsaved) if it has set none."""
        return cls.objects.filter(hub_id=hub_id).first() or cls(hub_id=hub_id)

    def days(self, timescale):
        return getattr(self, Timescale(timescale).value)

    def threshold_for(self, threshold):
        """(reports, within days) of ``threshold``."""
        if threshold == Threshold.LOCAL and self.local_reports:
            return self.local_reports, self.local_window_days
        return NATIONAL_REPORTS, NATIONAL_WINDOW_DAYS


class CaseReviewQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today):
        return self.open().filter(due_on__lt=today)

    def yearly_figures(self):
        """The figures the Act expects each area to publish, by the calendar year applications arrived: received,
        threshold not met, reviews carried out, reviews that led to recommendations. One query."""
        reviewed = Q(status__in=(Status.REVIEWED, Status.CLOSED))
        return (
            self.values("submitted_at__year")
            .annotate(
                received=Count("pk"),
                not_met=Count("pk", filter=Q(status=Status.NOT_MET)),
                reviews=Count("pk", filter=reviewed),
                with_recommendations=Count("pk", filter=reviewed & Q(recommendations_made=True)),
            )
            .order_by("-submitted_at__year")
        )


class CaseReview(models.Model):
    hub = models.ForeignKey("portal.Hub", verbose_name=_("hub"), on_delete=models.PROTECT, related_name="case_reviews")
    reference = models.CharField(_("reference"), max_length=20, unique=True, default=new_reference, editable=False)
    status_token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED)
    submitted_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    due_on = models.DateField(_("next step due by"), null=True, blank=True, db_index=True)

    applicant_name = models.CharField(_("applicant's name"), max_length=120)
    on_behalf = models.BooleanField(_("made on the applicant's behalf"), default=False)
    representative_name = models.CharField(_("made by"), max_length=120, blank=True)
    consent_given = models.BooleanField(_("the applicant agreed to it"), default=False)
    contact_email = models.EmailField(_("email"), blank=True)
    contact_phone = models.CharField(_("telephone"), max_length=30, blank=True)
    area = models.ForeignKey(Area, verbose_name=_("area"), null=True, blank=True, on_delete=models.SET_NULL)
    what_happened = models.TextField(_("what was reported"), max_length=5000)
    impact = models.TextField(_("how it affects them"), max_length=2000, blank=True)

    linked_referrals = models.ManyToManyField(
        "referrals.Referral", verbose_name=_("the hub's referrals it rests on"), blank=True, related_name="case_reviews"
    )
    threshold = models.CharField(_("threshold applied"), max_length=10, choices=Threshold.choices, blank=True)
    decision_note = models.TextField(_("reasons for the decision"), max_length=3000, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    review_held_on = models.DateField(_("review meeting held"), null=True, blank=True)
    agencies_present = models.CharField(_("agencies at the review"), max_length=500, blank=True)
    recommendations_made = models.BooleanField(_("the review made recommendations"), default=False)
    recommendations = models.TextField(_("recommendations"), max_length=5000, blank=True)
    reviewed_at = models.DateTimeField(_("review recorded"), null=True, blank=True)
    response = models.TextField(_("response to the applicant"), max_length=5000, blank=True)
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CaseReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("ASB Case Review")
        verbose_name_plural = _("ASB Case Reviews")
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(on_behalf=False) | Q(consent_given=True), name="case_review_on_behalf_has_consent"
            )
        ]

    def __str__(self):
        return self.reference

    def set_status_token(self, submission_key):
        token = status_token_for(submission_key) if submission_key else tokens.new_token()
        self.status_token_hash = tokens.hash_token(token)
        return token

    def status_token_again(self, submission_key=None):
        """The status token derived again from the submission key that made this application (the stored one by
        default, so emails about the decision and outcome can carry the link); None if it no longer matches."""
        key = submission_key or self.submission_key
        if not key or not self.status_token_hash:
            return None
        token = status_token_for(key)
        return token if tokens.token_matches(token, self.status_token_hash) else None

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    def is_overdue(self, today):
        return self.is_open and self.due_on is not None and self.due_on < today

    @property
    def log_hub(self):
        return self.hub


def due_after(start, days):
    return start + timedelta(days=days)


class ReportMade(models.Model):
    """One report the applicant says they made: to whom, when, and the reference they were given if any."""

    case_review = models.ForeignKey(CaseReview, on_delete=models.CASCADE, related_name="reports")
    reported_to = models.CharField(_("reported to"), max_length=10, choices=ReportedTo.choices)
    reported_on = models.DateField(_("reported on"))
    their_reference = models.CharField(_("reference given"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("report made")
        verbose_name_plural = _("reports made")
        ordering = ["reported_on", "pk"]

    def __str__(self):
        return f"{self.get_reported_to_display()} {self.reported_on:%d %b %Y}"
