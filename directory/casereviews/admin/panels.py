"""The ASB Case Review panel of the staff dashboard: applications waiting for a threshold decision and steps past
the hub's published timescales, in the hubs the user works for. References and dates only. One query."""

from urllib.parse import urlencode

from django.db.models import Case, Count, IntegerField, Q, Value, When, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from directory.casereviews.choices import OPEN_STATUSES, Status
from portal.dashboard import PANEL_ROWS, DashboardPanel, Line, Row, is_coordinator, shown_rows

from . import access


def list_url(**params):
    url = reverse("casereviews_casereview_modeladmin_index")
    query = {key: ",".join(value) if isinstance(value, (list, tuple)) else value for key, value in params.items()}
    return f"{url}?{urlencode(query)}" if query else url


def overdue_q(today):
    return Q(status__in=OPEN_STATUSES, due_on__lt=today)


class CaseReviewsPanel(DashboardPanel):
    name = "case-reviews"
    heading = _("ASB Case Reviews")
    order = 104

    @classmethod
    def is_shown_to(cls, user):
        return is_coordinator(user)

    def get_lines(self, request):
        today = timezone.localdate()
        rows = list(
            access.case_reviews_for(request.user)
            .filter(status__in=OPEN_STATUSES)
            .annotate(
                waiting=Window(Count("pk", filter=Q(status=Status.RECEIVED))),
                overdue=Window(Count("pk", filter=overdue_q(today))),
                is_overdue=Case(When(overdue_q(today), then=Value(1)), default=Value(0), output_field=IntegerField()),
            )
            .order_by("-is_overdue", "due_on", "pk")
            .values("pk", "reference", "status", "due_on", "waiting", "overdue", "is_overdue")[:PANEL_ROWS]
        )
        waiting = rows[0]["waiting"] if rows else 0
        overdue = rows[0]["overdue"] if rows else 0
        overdue_rows, more = shown_rows(
            [
                Row(
                    label=row["reference"],
                    url=reverse("casereviews_casereview_modeladmin_inspect", args=[row["pk"]]),
                    detail=_("%(step)s due %(date)s")
                    % {"step": Status(row["status"]).label, "date": date_format(row["due_on"], "j M Y")},
                    tags=(_("Overdue"),),
                )
                for row in rows
                if row["is_overdue"]
            ],
            overdue,
        )
        return [
            Line(_("Waiting for a threshold decision"), waiting, list_url(status=Status.RECEIVED)),
            Line(
                _("Steps overdue"),
                overdue,
                list_url(status__in=list(OPEN_STATUSES), due_on__lt=today.isoformat()),
                rows=overdue_rows,
                more=more,
            ),
        ]


PANELS = (CaseReviewsPanel,)
