"""What residents are told ("You said, we did"): the hub's published figures, and the ASB Case Review figures as CSV.
Counts only, protected by ``portal.disclosure``; see ``directory.casereviews.published``."""

import csv

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from directory.casereviews.published import area_quarter_tables, case_review_figures
from directory.tasking.models import PriorityLocation
from portal.exports import csv_cell
from portal.hubs import hub_for_request

CSV_COLUMNS = ("year", "received", "not_met", "reviews", "with_recommendations")


def priority_locations_for_public(hub):
    """The hub's active and monitored priority locations with what residents are told of each (staff write it for
    this page; never text from a report): dicts of ``name``, ``area`` and ``summary``, in one query."""
    locations = PriorityLocation.objects.live().filter(hub=hub).select_related("area").order_by("name", "pk")
    return [
        {
            "name": location.name,
            "area": location.area.name if location.area else "",
            "summary": location.public_summary or _("The partners have agreed to work on this place together."),
        }
        for location in locations
    ]


def _hub_or_404(request):
    hub = hub_for_request(request)
    if hub is None:
        raise Http404
    return hub


@require_GET
def residents_figures(request):
    hub = _hub_or_404(request)
    today = timezone.localdate()
    threshold = settings.FIGURES_SUPPRESSION_THRESHOLD
    context = {
        "hub": hub,
        "threshold": threshold,
        "tables": area_quarter_tables(hub, today, threshold),
        "case_reviews": case_review_figures(hub, today),
        "priority_locations": priority_locations_for_public(hub),
    }
    return render(request, "casereviews/public/figures.html", context)


@require_GET
def case_review_figures_csv(request):
    hub = _hub_or_404(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="asb-case-review-figures.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Year"),
            _("Applications received"),
            _("Threshold not met"),
            _("Reviews carried out"),
            _("Reviews that led to recommendations"),
        ]
    )
    for row in case_review_figures(hub, timezone.localdate()):
        writer.writerow([csv_cell(row[column]) for column in CSV_COLUMNS])
    return response
