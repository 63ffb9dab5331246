"""The triage panels of the staff dashboard (the admin home), for hub coordinators: what is waiting, what is
overdue and which ASB Case Reviews are due, in the hubs the user works for. Each figure links to the triage queue
filtered to exactly those referrals. References, priorities and agencies only: no resident's details."""

from urllib.parse import urlencode

from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _

from directory.referrals.choices import OPEN_STATUSES, ActionStatus, Priority, Status
from portal.dashboard import DashboardPanel, Line, Row, is_coordinator, shown_rows

from . import access

OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


def queue_url(**params):
    """The triage queue filtered by ``params``: field lookups the queue's listing applies as they are."""
    url = reverse("referrals_referral_modeladmin_index")
    query = {key: ",".join(value) if isinstance(value, (list, tuple)) else value for key, value in params.items()}
    return f"{url}?{urlencode(query)}" if query else url


def inspect_url(referral_pk):
    return reverse("referrals_referral_modeladmin_inspect", args=[referral_pk])


def _referral_rows(referrals):
    now = timezone.now()
    rows = []
    for referral in referrals:
        tags = []
        if referral["priority"]:
            tags.append(referral["priority"])
        if referral["vulnerable_person"]:
            tags.append(_("Vulnerable"))
        rows.append(
            Row(
                label=referral["reference"],
                url=inspect_url(referral["pk"]),
                detail=_("received %(age)s ago") % {"age": timesince(referral["submitted_at"], now, depth=1)},
                tags=tuple(tags),
            )
        )
    return rows


ROW_FIELDS = ("pk", "reference", "priority", "vulnerable_person", "submitted_at")


class CoordinatorPanel(DashboardPanel):
    @classmethod
    def is_shown_to(cls, user):
        return is_coordinator(user)


class AwaitingTriagePanel(CoordinatorPanel):
    """New reports and referrals nobody has accepted or declined: someone who may be vulnerable first, then P1,
    then the oldest."""

    name = "awaiting-triage"
    heading = _("New referrals waiting for triage")
    order = 101

    def get_lines(self, request):
        waiting = access.referrals_for(request.user).awaiting_triage()
        counts = waiting.aggregate(
            total=Count("pk"),
            vulnerable=Count("pk", filter=Q(vulnerable_person=True)),
            p1=Count("pk", filter=Q(priority=Priority.P1)),
        )
        first = waiting.order_by(
            Case(
                When(vulnerable_person=True, then=Value(0)),
                When(priority=Priority.P1, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
            "submitted_at",
            "pk",
        ).values(*ROW_FIELDS)
        rows, more = shown_rows(_referral_rows(first[:5]), counts["total"])
        return [
            Line(
                _("Waiting for triage"),
                counts["total"],
                queue_url(status=Status.SUBMITTED),
                rows=rows,
                more=more,
            ),
            Line(
                _("Someone affected may be vulnerable"),
                counts["vulnerable"],
                queue_url(status=Status.SUBMITTED, vulnerable_person=1),
            ),
            Line(_("Priority P1"), counts["p1"], queue_url(status=Status.SUBMITTED, priority=Priority.P1)),
        ]


class OverduePanel(CoordinatorPanel):
    """Accepted referrals not contacted by their target date; open referrals past their review date."""

    name = "referrals-overdue"
    heading = _("Contacts and reviews overdue")
    order = 102

    def get_lines(self, request):
        today = timezone.localdate()
        referrals = access.referrals_for(request.user)
        return [
            Line(
                _("Contacts overdue"),
                referrals.contact_overdue(today).count(),
                queue_url(status=Status.ACCEPTED, target_contact_date__lt=today.isoformat()),
            ),
            Line(
                _("Reviews overdue"),
                referrals.overdue_reviews(today).count(),
                queue_url(status__in=OPEN_STATUSES, review_date__lt=today.isoformat()),
            ),
        ]


def overdue_actions_url(organisation_id, today):
    """The referrals holding ``organisation_id``'s overdue actions (one filter, so one action meets every term)."""
    return queue_url(
        actions__organisation=organisation_id,
        actions__status__in=OPEN_ACTION_STATUSES,
        actions__due_date__lt=today.isoformat(),
    )


class OverdueActionsPanel(CoordinatorPanel):
    """Open actions past their due date, by the agency that agreed to them, most first."""

    name = "actions-overdue"
    heading = _("Actions overdue, by agency")
    empty_text = _("No action is overdue.")
    order = 103

    def get_lines(self, request):
        today = timezone.localdate()
        by_agency = (
            access.actions_for(request.user)
            .overdue(today)
            .values("organisation_id", "organisation__name")
            .annotate(overdue=Count("pk"))
            .order_by("-overdue", "organisation__name")
        )
        return [
            Line(agency["organisation__name"], agency["overdue"], overdue_actions_url(agency["organisation_id"], today))
            for agency in by_agency
        ]


class FlaggedReferralCaseReviews:
    """Where the dashboard finds ASB Case Reviews due: for now, open referrals flagged as meeting the threshold.
    When Case Reviews get their own model, a source with the same two methods replaces this one."""

    def due(self, user):
        return access.referrals_for(user).case_reviews_due()

    def rows(self, due):
        return _referral_rows(due.order_by("submitted_at", "pk").values(*ROW_FIELDS)[:5])

    def list_url(self):
        return queue_url(status__in=OPEN_STATUSES, case_review_flag=1)


CASE_REVIEWS = FlaggedReferralCaseReviews()


class CaseReviewsPanel(CoordinatorPanel):
    name = "case-reviews"
    heading = _("ASB Case Reviews due")
    order = 104
    source = CASE_REVIEWS

    def get_lines(self, request):
        due = self.source.due(request.user)
        count = due.count()
        rows, more = shown_rows(self.source.rows(due) if count else [], count)
        return [Line(_("Case Reviews due"), count, self.source.list_url(), rows=rows, more=more)]


PANELS = (AwaitingTriagePanel, OverduePanel, OverdueActionsPanel, CaseReviewsPanel)
