"""The hub's figures page in the admin, its charts and its CSV export. Triage staff only."""

import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from directory.referrals import charts
from directory.referrals.figures import hub_figures
from portal.exports import csv_cell
from portal.hubs import hubs_for

from .access import can_triage


def outcome_series():
    return [
        ("received", _("Received")),
        ("accepted", _("Accepted")),
        ("declined", _("Declined")),
        ("resolved", _("Resolved")),
    ]


def run_series():
    return [("filled", _("Places filled")), ("waiting", _("Places waiting"))]


class FiguresView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "referrals/admin/figures.html"
    page_title = gettext_lazy("Hub figures")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not can_triage(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        figures = hub_figures(hubs=list(hubs_for(self.request.user).select_related("site__root_page")))
        outcomes = outcome_series()
        return super().get_context_data(
            figures=figures,
            outcomes=outcomes,
            monthly_chart=charts.column_chart(figures.monthly, outcomes),
            category_chart=charts.bar_chart(figures.by_category, outcomes[:1]),
            area_chart=charts.bar_chart(figures.by_area, outcomes[:1]),
            source_chart=charts.bar_chart(figures.by_source, outcomes[:1]),
            runs_chart=charts.bar_chart(figures.runs, run_series()),
            csv_url=reverse("referrals_admin:figures_csv"),
            **kwargs,
        )


def figure_rows(figures):
    """The figures as (section, item, measure, value) rows: one long table that any spreadsheet can pivot."""
    measures = [*outcome_series(), ("closed", _("Closed"))]
    for section, rows in (
        (_("Referrals by month"), figures.monthly),
        (_("Referrals by category"), figures.by_category),
        (_("Referrals by area"), figures.by_area),
        (_("Referrals by source"), figures.by_source),
    ):
        for row in rows:
            for key, label in measures:
                yield section, row["label"], label, row[key]
    yield _("Referrals"), _("All resolved or closed"), _("Median days to close"), figures.median_days_to_close or ""
    now = figures.referrals_now
    yield _("Referrals now"), _("Open"), _("Count"), now["open"]
    yield _("Referrals now"), _("Awaiting triage"), _("Count"), now["awaiting_triage"]
    yield _("Referrals now"), _("Contact overdue"), _("Count"), now["overdue_contact"]
    yield _("Referrals now"), _("Review overdue"), _("Count"), now["overdue_reviews"]
    yield _("Referrals now"), _("ASB Case Review flagged"), _("Count"), now["case_reviews"]
    yield _("Actions"), _("Open"), _("Count"), figures.actions["open"]
    yield _("Actions"), _("Overdue"), _("Count"), figures.actions["overdue"]
    for run in figures.runs:
        yield _("Bookings by run"), run["label"], _("Capacity"), run["capacity"]
        yield _("Bookings by run"), run["label"], _("Places filled"), run["filled"]
        yield _("Bookings by run"), run["label"], _("Places waiting"), run["waiting"]
    yield _("Bookings"), _("Schools reached"), _("Count"), figures.schools_reached
    yield _("Bookings"), _("Attendance"), _("Attended"), figures.attendance["attended"]
    yield _("Bookings"), _("Attendance"), _("Places booked"), figures.attendance["expected"]
    rate = figures.attendance["rate"]
    yield _("Bookings"), _("Attendance"), _("Rate (%)"), "" if rate is None else rate


def figures_csv(request):
    if not can_triage(request.user):
        raise PermissionDenied
    figures = hub_figures(hubs=list(hubs_for(request.user).select_related("site__root_page")))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="hub-figures-{figures.today:%Y-%m-%d}.csv"'
    writer = csv.writer(response)
    writer.writerow([_("Section"), _("Item"), _("Measure"), _("Value")])
    for row in figure_rows(figures):
        writer.writerow([csv_cell(cell) for cell in row])
    return response
