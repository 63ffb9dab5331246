"""Hub staff's booking screens beyond the modeladmin list: status actions, places by run, session registers.

Each booking change goes through ``bookings.services``, which locks, checks the rules and writes the audit
log; these views check permissions, turn domain errors into messages and redirect back.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, F, Sum
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail_modeladmin.views import InspectView

from bookings import changes, services
from bookings.choices import CANCEL, CONFIRM, DECLINE, OFFER, TRANSITIONS, Actor, BookingStatus, transitions_for
from bookings.errors import BookingError
from bookings.models import HEALTH_FIELDS, Attendance, fields_not_of_kind
from programmes.models import Run, Session

from . import access
from .forms import RegisterForm

RUNS_PER_PAGE = 50


def booking_index_url():
    return reverse("bookings_booking_modeladmin_index")


def booking_inspect_url(booking_id):
    return reverse("bookings_booking_modeladmin_inspect", args=[booking_id])


@dataclass(frozen=True)
class StaffAction:
    service: Callable
    done: str


# One button per change staff may take in ``bookings.choices.TRANSITIONS``; the table says from which statuses.
STAFF_ACTIONS = {
    CONFIRM: StaffAction(services.confirm_booking, _("Booking %(reference)s confirmed.")),
    DECLINE: StaffAction(services.decline_booking, _("Booking %(reference)s declined.")),
    OFFER: StaffAction(services.offer_place, _("Place offered to %(reference)s.")),
    CANCEL: StaffAction(services.cancel_booking, _("Booking %(reference)s cancelled.")),
}


def actions_for(booking, user):
    if not access.can_change_bookings(user):
        return []
    return [
        {"label": TRANSITIONS[name].label, "url": reverse(f"bookings_admin:{name}", args=[booking.pk])}
        for name in transitions_for(Actor.STAFF, booking.status)
    ]


@require_POST
def booking_action(request, booking_id, action):
    access.require(access.can_change_bookings(request.user))
    staff_action = STAFF_ACTIONS[action]
    references = access.bookings_for(request.user).values_list("reference", flat=True)
    reference = get_object_or_404(references, pk=booking_id)
    try:
        staff_action.service(booking_id=booking_id, user=request.user)
    except BookingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, staff_action.done % {"reference": reference})
    return redirect(get_valid_next_url_from_request(request) or booking_inspect_url(booking_id))


class BookingInspectView(InspectView):
    """The modeladmin inspect view, without health details for staff not allowed them, and with the actions."""

    def get_fields_dict(self):
        """The rows of the booking's kind only (no consent rows on a school's booking), health details only for
        staff allowed them."""
        hidden = fields_not_of_kind(self.instance.kind)
        if not access.can_see_health_details(self.request.user):
            hidden |= set(HEALTH_FIELDS)
        return [
            self.get_dict_for_field(name) for name in self.model_admin.get_inspect_view_fields() if name not in hidden
        ]

    def get_field_display_value(self, field_name, field=None):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        return value

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            booking_actions=actions_for(self.instance, self.request.user),
            health_details_hidden=not access.can_see_health_details(self.request.user),
            history_url=self.url_helper.get_action_url("history", self.pk_quoted),
            **kwargs,
        )


class StaffView(WagtailAdminTemplateMixin):
    permission_required = access.VIEW_BOOKINGS
    header_icon = "clipboard-list"

    def dispatch(self, request, *args, **kwargs):
        access.require(request.user.has_perm(self.permission_required))
        self.load_objects()
        return super().dispatch(request, *args, **kwargs)

    def load_objects(self):
        pass

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": booking_index_url(), "label": _("Bookings")},
            *self.get_trail(),
            {"url": "", "label": self.get_page_title()},
        ]

    def get_trail(self):
        return []


class RunPlacesView(StaffView, TemplateView):
    template_name = "bookings/admin/run_places.html"
    page_title = _("Places by run")

    def get_context_data(self, **kwargs):
        runs = access.runs_for(self.request.user, Run.objects.with_availability())
        runs = runs.annotate(programme_title=F("programme__title"))
        page = Paginator(runs.order_by("-booking_opens", "pk"), RUNS_PER_PAGE).get_page(self.request.GET.get("p"))
        return super().get_context_data(page_obj=page, **kwargs)


class RunSummaryView(StaffView, TemplateView):
    template_name = "bookings/admin/run_summary.html"

    def load_objects(self):
        runs = access.runs_for(self.request.user, Run.objects.with_availability())
        runs = runs.annotate(programme_title=F("programme__title"))
        self.run = get_object_or_404(runs, pk=self.kwargs["run_id"])

    def get_page_title(self):
        return f"{self.run.programme_title}: {self.run.title}"

    def get_trail(self):
        return [{"url": reverse("bookings_admin:runs"), "label": _("Places by run")}]

    def get_context_data(self, **kwargs):
        totals = {
            row["status"]: row
            for row in self.run.bookings.order_by().values("status").annotate(count=Count("pk"), places=Sum("places"))
        }
        empty = {"count": 0, "places": 0}
        by_status = [
            {
                "label": label,
                **totals.get(value, empty),
                "url": f"{booking_index_url()}?run={self.run.pk}&status={value}",
            }
            for value, label in BookingStatus.choices
        ]
        return super().get_context_data(
            run=self.run,
            by_status=by_status,
            sessions=list(self.run.sessions.order_by("start", "pk")),
            bookings_url=f"{booking_index_url()}?run={self.run.pk}",
            **kwargs,
        )


class RegisterMixin(StaffView):
    def load_objects(self):
        sessions = access.sessions_for(self.request.user, Session.objects.select_related("run__programme"))
        self.session = get_object_or_404(sessions, pk=self.kwargs["session_id"])
        self.bookings = list(
            self.session.run.bookings.held().order_by("school_name", "participant_name", "contact_name", "pk")
        )
        self.recorded = dict(Attendance.objects.filter(session=self.session).values_list("booking_id", "attended"))

    def get_page_title(self):
        return _("Register: %(session)s") % {"session": self.session}

    def get_trail(self):
        return [
            {"url": reverse("bookings_admin:runs"), "label": _("Places by run")},
            {"url": reverse("bookings_admin:run", args=[self.session.run_id]), "label": str(self.session.run)},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            session=self.session,
            run=self.session.run,
            show_health=access.can_see_health_details(self.request.user),
            **kwargs,
        )


class RegisterView(RegisterMixin, FormView):
    template_name = "bookings/admin/register.html"
    form_class = RegisterForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "bookings": self.bookings, "recorded": self.recorded}

    def get_context_data(self, **kwargs):
        can_record = access.can_record_attendance(self.request.user)
        return super().get_context_data(can_record=can_record, **kwargs)

    def post(self, request, *args, **kwargs):
        access.require(access.can_record_attendance(request.user))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        changed = services.record_attendance(session=self.session, counts=form.counts(), user=self.request.user)
        messages.success(
            self.request,
            ngettext(
                "Attendance saved: %(count)s booking updated.", "Attendance saved: %(count)s bookings updated.", changed
            )
            % {"count": changed},
        )
        return redirect(self.request.path)

    def form_invalid(self, form):
        messages.error(self.request, _("The register could not be saved. Correct the numbers shown below."))
        return super().form_invalid(form)


class PrintableRegisterView(RegisterMixin, TemplateView):
    template_name = "bookings/admin/register_print.html"

    def get_context_data(self, **kwargs):
        rows = [(booking, self.recorded.get(booking.pk)) for booking in self.bookings]
        return super().get_context_data(rows=rows, **kwargs)


class CancelRunView(StaffView, TemplateView):
    """Cancel a whole run: staff see every booking that will be cancelled and emailed, then confirm."""

    permission_required = access.CHANGE_BOOKINGS
    template_name = "bookings/admin/cancel_run.html"

    def load_objects(self):
        runs = access.runs_for(self.request.user, Run.objects.select_related("programme"))
        self.run = get_object_or_404(runs, pk=self.kwargs["run_id"])

    def get_page_title(self):
        return _("Cancel %(run)s") % {"run": self.run}

    def get_trail(self):
        return [{"url": reverse("bookings_admin:run", args=[self.run.pk]), "label": str(self.run)}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(run=self.run, bookings=list(changes.bookings_to_tell(self.run)), **kwargs)

    def post(self, request, *args, **kwargs):
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Tick the box to confirm that the run is cancelled."))
            return self.get(request, *args, **kwargs)
        try:
            count = changes.cancel_run(run_id=self.run.pk, user=request.user)
        except BookingError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                ngettext(
                    "%(run)s is cancelled; %(count)s booking is cancelled and emailed.",
                    "%(run)s is cancelled; %(count)s bookings are cancelled and emailed.",
                    count,
                )
                % {"run": self.run, "count": count},
            )
        return redirect("bookings_admin:run", self.run.pk)
