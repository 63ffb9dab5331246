"""The allocation screen of a run that allocates after its booking window: the requests, the button that allocates
(coordinators: ``bookings.change_booking``), and the report that explains each outcome, with a check that running
the allocation again from its record gives the same places."""

from django.db.models import F
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from wagtail.admin import messages

from bookings import allocation as rule
from bookings.errors import BookingError
from bookings.models import Allocation, Booking
from bookings.notifications import waiting_position_text
from bookings.waiting import allocate_run, verify_allocation
from programmes.choices import PriorityRule
from programmes.models import Run

from . import access
from .views import StaffView, booking_inspect_url


def outcome_text(outcome, places, cap):
    if outcome["reason"] == rule.OFFERED:
        return ngettext("Offered %(places)s place", "Offered %(places)s places", places) % {"places": places}
    position = waiting_position_text(outcome["position"])
    if outcome["reason"] == rule.SCHOOL_CAP:
        because = _("the school would have had more than %(cap)s places") % {"cap": cap}
    else:
        because = _("not enough places were left when its turn came")
    return _("Waiting, %(position)s: %(because)s") % {"position": position, "because": because}


def report_rows(record):
    """One row per request, in the allocation's order, saying what it was given and why."""
    requests = {request["booking"]: request for request in record.requests}
    bookings = Booking.objects.filter(pk__in=requests).only(
        "reference", "status", "school_name", "participant_name", "kind", "anonymised_at"
    )
    bookings = {booking.pk: booking for booking in bookings}
    labels = dict(PriorityRule.choices)
    rows = []
    for outcome in sorted(record.outcomes, key=lambda outcome: outcome["order"]):
        request = requests[outcome["booking"]]
        booking = bookings.get(outcome["booking"])
        rows.append(
            {
                "order": outcome["order"],
                "draw": outcome["draw"],
                "booking": booking,
                "url": booking_inspect_url(booking.pk) if booking else "",
                "places": request["places"],
                "rules_met": [labels.get(name, name) for name in request["matches"]],
                "outcome": outcome_text(outcome, request["places"], record.per_school_cap),
                "offered": outcome["reason"] == rule.OFFERED,
            }
        )
    return rows


class AllocationView(StaffView, TemplateView):
    template_name = "bookings/admin/allocation.html"

    def load_objects(self):
        runs = access.runs_for(self.request.user, Run.objects.with_availability())
        runs = runs.annotate(programme_title=F("programme__title"))
        self.run = get_object_or_404(runs, pk=self.kwargs["run_id"])

    def get_page_title(self):
        return _("Allocation: %(run)s") % {"run": f"{self.run.programme_title}: {self.run.title}"}

    def get_trail(self):
        return [
            {"url": reverse("bookings_admin:runs"), "label": _("Places by run")},
            {"url": reverse("bookings_admin:run", args=[self.run.pk]), "label": self.run.title},
        ]

    def get_context_data(self, **kwargs):
        record = Allocation.objects.filter(run=self.run).select_related("created_by").first()
        labels = dict(PriorityRule.choices)
        return super().get_context_data(
            run=self.run,
            record=record,
            rows=report_rows(record) if record else [],
            rules=[labels.get(name, name) for name in (record.rules if record else self.run.priority_rule_list)],
            requested=self.run.bookings.requested().count() if record is None else None,
            window_closed=timezone.now() >= self.run.booking_closes,
            can_allocate=access.can_change_bookings(self.request.user),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        access.require(access.can_change_bookings(request.user))
        if request.POST.get("action") == "verify":
            self.verify()
        else:
            self.allocate()
        return redirect(request.path)

    def allocate(self):
        try:
            _record, made = allocate_run(run_id=self.run.pk, user=self.request.user)
        except BookingError as error:
            messages.error(self.request, error.message)
            return
        if made:
            messages.success(self.request, _("Places allocated. Everyone who asked has been emailed."))
        else:
            messages.warning(self.request, _("This run's places were allocated already; nothing was changed."))

    def verify(self):
        try:
            same = verify_allocation(run_id=self.run.pk)
        except Allocation.DoesNotExist:
            messages.error(self.request, _("This run's places have not been allocated yet."))
            return
        if same:
            messages.success(self.request, _("Allocating again from the record gives the same places."))
        else:
            messages.error(self.request, _("Allocating again from the record gives different places."))
