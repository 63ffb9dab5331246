"""The search report: this month's top searches on the hub's site and those that found nothing, so editors can add
synonyms (Settings → Site settings → Search) or promoted results where people fail."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.hubs import hubs_for

from .access import can_see_search_report, tallies_for

ROWS = 20


def month_start(today):
    return today.replace(day=1)


def top_searches(tallies):
    rows = tallies.values("hub__name", "query_string").annotate(
        searches_total=Sum("searches"), without_results_total=Sum("without_results"), days=Count("pk")
    )
    return rows.order_by("-searches_total", "query_string")


class SearchReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "home/admin/search_report.html"
    page_title = gettext_lazy("Site searches")
    header_icon = "search"

    def dispatch(self, request, *args, **kwargs):
        if not can_see_search_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        tallies = tallies_for(self.request.user).filter(date__gte=month_start(today), date__lte=today)
        hubs = list(hubs_for(self.request.user).select_related("site"))
        return super().get_context_data(
            since=month_start(today),
            hubs=hubs,
            several_hubs=len(hubs) > 1,
            top=list(top_searches(tallies)[:ROWS]),
            failing=list(top_searches(tallies.filter(without_results__gt=0)).order_by("-without_results_total")[:ROWS]),
            totals=tallies.aggregate(searches=Sum("searches"), without_results=Sum("without_results")),
            **kwargs,
        )
