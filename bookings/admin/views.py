"""Hub staff's booking screens beyond the modeladmin list: status actions, places by run, session registers.

Each booking change goes through ``bookings.services``, which locks, checks the rules and writes the audit
log; these views check permissions, turn domain errors into messages and redirect back.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
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
from wagtail_modeladmin.views import EditView, InspectView

from bookings import services
from bookings.errors import BookingError
from bookings.models import ACTIVE_STATUSES, HEALTH_FIELDS, Attendance, Booking, BookingStatus
from programmes.models import Run, Session

from .forms import RegisterForm

RUNS_PER_PAGE = 50


def can_see_health_details(user):
    return user.has_perm("bookings.view_health_details")


def can_record_attendance(user):
    return user.has_perms(["bookings.add_attendance", "bookings.change_attendance"])


def booking_index_url():
    return reverse("bookings_booking_modeladmin_index")


def booking_inspect_url(booking_id):
    return reverse("bookings_booking_modeladmin_inspect", args=[booking_id])


@dataclass(frozen=True)
class StaffAction:
    service: Callable
    label: str
    done: str
    from_statuses: tuple


STAFF_ACTIONS = {
    "confirm": StaffAction(
        services.confirm_booking, _("Confirm"), _("Booking %(reference)s confirmed."), (BookingStatus.PENDING,)
    ),
    "decline": StaffAction(
        services.decline_booking,
        _("Decline"),
        _("Booking %(reference)s declined."),
        (BookingStatus.PENDING, BookingStatus.WAITLISTED),
    ),
    "offer": StaffAction(
        services.offer_place, _("Offer a place"), _("Place offered to %(reference)s."), (BookingStatus.WAITLISTED,)
    ),
    "cancel": StaffAction(services.cancel_booking, _("Cancel"), _("Booking %(reference)s cancelled."), ACTIVE_STATUSES),
}


def actions_for(booking, user):
    if not user.has_perm("bookings.change_booking"):
        return []
    return [
        {"label": action.label, "url": reverse(f"bookings_admin:{name}", args=[booking.pk])}
        for name, action in STAFF_ACTIONS.items()
        if booking.status in action.from_statuses
    ]


@require_POST
def booking_action(request, booking_id, action):
    if not request.user.has_perm("bookings.change_booking"):
        raise PermissionDenied
    staff_action = STAFF_ACTIONS[action]
    reference = get_object_or_404(Booking.objects.values_list("reference", flat=True), pk=booking_id)
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
        hidden = () if can_see_health_details(self.request.user) else HEALTH_FIELDS
        return [
            self.get_dict_for_field(name) for name in self.model_admin.get_inspect_view_fields() if name not in hidden
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            booking_actions=actions_for(self.instance, self.request.user),
            health_details_hidden=not can_see_health_details(self.request.user),
            history_url=self.url_helper.get_action_url("history", self.pk_quoted),
            **kwargs,
        )


class RunEditView(EditView):
    """The runs admin's edit view. A run's places are a booking rule, so they are saved through
    ``services.change_run_capacity``, in one transaction with the rest of the form: the run stays locked from
    counting the places held to saving every field, and a booking arriving meanwhile waits for the new capacity.
    """

    def get_form(self):
        form = super().get_form()
        held = self.instance.bookings.places_held()
        if held:
            form.fields["capacity"].help_text = ngettext(
                "%(held)s place is held by bookings now.",
                "%(held)s places are held by bookings now.",
                held,
            ) % {"held": held}
        return form

    def form_valid(self, form):
        try:
            with transaction.atomic():
                services.change_run_capacity(
                    run_id=self.instance.pk,
                    capacity=form.cleaned_data["capacity"],
                    per_school_cap=form.cleaned_data.get("per_school_cap"),
                    user=self.request.user,
                )
                return super().form_valid(form)
        except BookingError as error:
            form.add_error("capacity", error.message)
            return self.form_invalid(form)


class StaffView(WagtailAdminTemplateMixin):
    permission_required = "bookings.view_booking"
    header_icon = "clipboard-list"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission_required):
            raise PermissionDenied
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
        runs = Run.objects.with_availability().annotate(programme_title=F("programme__title"))
        page = Paginator(runs.order_by("-booking_opens", "pk"), RUNS_PER_PAGE).get_page(self.request.GET.get("p"))
        return super().get_context_data(page_obj=page, **kwargs)


class RunSummaryView(StaffView, TemplateView):
    template_name = "bookings/admin/run_summary.html"

    def load_objects(self):
        runs = Run.objects.with_availability().annotate(programme_title=F("programme__title"))
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
        self.session = get_object_or_404(Session.objects.select_related("run__programme"), pk=self.kwargs["session_id"])
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
            show_health=can_see_health_details(self.request.user),
            **kwargs,
        )


class RegisterView(RegisterMixin, FormView):
    template_name = "bookings/admin/register.html"
    form_class = RegisterForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "bookings": self.bookings, "recorded": self.recorded}

    def get_context_data(self, **kwargs):
        can_record = can_record_attendance(self.request.user)
        return super().get_context_data(can_record=can_record, **kwargs)

    def post(self, request, *args, **kwargs):
        if not can_record_attendance(request.user):
            raise PermissionDenied
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
