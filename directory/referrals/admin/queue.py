"""The triage queue's listing: it opens on the work in hand (open referrals, in ``Referral.objects.for_queue``
order); finished ones (declined, resolved, closed) show only when the status filter asks for them, or when a
search by reference looks for one."""

from django.contrib.admin import SimpleListFilter
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from directory.referrals.choices import Status
from portal.exports import SafeExportIndexView

SHOW_ALL = "all"
STATUS_PARAMETER = "status"
SEARCH_PARAMETER = "q"


def scope(params):
    """What the queue lists for these query parameters: "open" (the work in hand, the default), "all", "search"
    (every referral, for a search by reference with no status chosen) or a status."""
    status = params.get(STATUS_PARAMETER)
    if status == SHOW_ALL or status in Status.values:
        return status
    if (params.get(SEARCH_PARAMETER) or "").strip():
        return "search"
    return "open"


class QueueStatusFilter(SimpleListFilter):
    """By status. No choice is the work in hand (every open status); a finished status, or "All, including
    finished", is the only way to list finished referrals besides a search."""

    title = _("status")
    parameter_name = STATUS_PARAMETER

    def lookups(self, request, model_admin):
        return [*Status.choices, (SHOW_ALL, _("All, including finished"))]

    def choices(self, changelist):
        yield {
            "selected": scope(changelist.params) == "open",
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": _("Work in hand (every open status)"),
        }
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        chosen = scope(request.GET)
        if chosen in (SHOW_ALL, "search"):
            return queryset
        if chosen == "open":
            return queryset.open()
        return queryset.filter(status=chosen)


def summary(chosen, count):
    """The line above the table saying what it lists, and the link to the other view: (heading, link text, link
    goes to "all" or "open")."""
    referrals = ngettext("%(count)d referral", "%(count)d referrals", count) % {"count": count}
    if chosen == "open":
        return _("Work in hand: %(referrals)s") % {"referrals": referrals}, _("Show finished referrals"), SHOW_ALL
    if chosen == SHOW_ALL:
        heading = _("All referrals, including finished: %(referrals)s") % {"referrals": referrals}
    elif chosen == "search":
        heading = _("Search results, including finished referrals: %(referrals)s") % {"referrals": referrals}
    else:
        heading = _("%(status)s: %(referrals)s") % {"status": Status(chosen).label, "referrals": referrals}
    return heading, _("Show the work in hand only"), "open"


class TriageQueueView(SafeExportIndexView):
    """The listing, with a summary of what it shows and a link to the finished referrals (or back)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        chosen = scope(self.params)
        heading, link_text, target = summary(chosen, context["result_count"])
        if target == SHOW_ALL:
            link = self.get_query_string({STATUS_PARAMETER: SHOW_ALL})
        else:
            link = self.get_query_string(remove=[STATUS_PARAMETER, SEARCH_PARAMETER])
        context["queue_summary"] = {"heading": heading, "link_text": link_text, "link": link, "scope": chosen}
        return context
