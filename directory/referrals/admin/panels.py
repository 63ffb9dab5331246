"""The triage panels of the staff dashboard (the admin home), for hub coordinators: what is waiting, what is
overdue, in the hubs the user works for. Each figure links to the triage queue
filtered to exactly those referrals. References, priorities and agencies only: no resident's details."""

from urllib.parse import urlencode

from django.db.models import Case, Count, F, IntegerField, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _

from directory.referrals.choices import OPEN_STATUSES, ActionStatus, Priority, Status
from portal.dashboard import PANEL_ROWS, DashboardPanel, Line, Row, is_coordinator, shown_rows

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
COUNTS = ("waiting", "vulnerable", "p1", "contact_overdue", "reviews_overdue")


def _within(queryset):
    return Q(pk__in=queryset.values("pk"))


def referral_summary(request):
    """Every referral figure of the dashboard and the first referrals waiting for triage, in one query (kept on the
    request for the panels that share it): the counts are window aggregates over the user's hubs' referrals,
    each filtered by the named queryset it counts; the rows are the waiting referrals, someone vulnerable first,
    then P1, then the oldest."""
    summary = getattr(request, "_referral_summary", None)
    if summary is not None:
        return summary
    today = timezone.localdate()
    referrals = access.referrals_for(request.user)
    waiting = referrals.awaiting_triage()
    filters = {
        "waiting": _within(waiting),
        "vulnerable": _within(waiting.filter(vulnerable_person=True)),
        "p1": _within(waiting.filter(priority=Priority.P1)),
        "contact_overdue": _within(referrals.contact_overdue(today)),
        "reviews_overdue": _within(referrals.overdue_reviews(today)),
    }
    triage_order = [
        Case(When(filters["waiting"], then=Value(0)), default=Value(1), output_field=IntegerField()).asc(),
        Case(
            When(vulnerable_person=True, then=Value(0)),
            When(priority=Priority.P1, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        ).asc(),
        F("submitted_at").asc(),
        F("pk").asc(),
    ]
    first = list(
        referrals.annotate(
            rank=Window(RowNumber(), order_by=triage_order),
            is_waiting=Case(When(filters["waiting"], then=Value(True)), default=Value(False)),
            **{name: Window(Count("pk", filter=condition)) for name, condition in filters.items()},
        )
        .filter(rank__lte=PANEL_ROWS)
        .order_by("rank")
        .values(*ROW_FIELDS, "is_waiting", *COUNTS)
    )
    counts = {name: first[0][name] if first else 0 for name in COUNTS}
    summary = (counts, _referral_rows(row for row in first if row["is_waiting"]))
    request._referral_summary = summary
    return summary


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
        counts, first = referral_summary(request)
        rows, more = shown_rows(first, counts["waiting"])
        return [
            Line(
                _("Waiting for triage"),
                counts["waiting"],
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
        counts, _first = referral_summary(request)
        return [
            Line(
                _("Contacts overdue"),
                counts["contact_overdue"],
                queue_url(status=Status.ACCEPTED, target_contact_date__lt=today.isoformat()),
            ),
            Line(
                _("Reviews overdue"),
                counts["reviews_overdue"],
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


PANELS = (AwaitingTriagePanel, OverduePanel, OverdueActionsPanel)
