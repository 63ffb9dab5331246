from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail_modeladmin.options import modeladmin_register

from bookings.retention import anonymise_past_bookings
from portal.ids import parse_id
from portal.modeladmin import HubModelAdmin, IdFilter
from programmes.models import Run
from programmes.wagtail_hooks import ProgrammeFilter, RunAdmin

from .admin import views as admin_views
from .models import HEALTH_FIELDS, Booking


@hooks.register("register_log_actions")
def register_booking_actions(actions):
    actions.register_action("bookings.cancel", _("Cancel booking"), _("Booking cancelled"))
    actions.register_action("bookings.change_places", _("Change places"), _("Booking places changed"))
    actions.register_action("bookings.confirm", _("Confirm booking"), _("Booking confirmed"))
    actions.register_action("bookings.decline", _("Decline booking"), _("Booking declined"))
    actions.register_action("bookings.offer", _("Offer place"), _("Place offered from the waiting list"))
    actions.register_action("bookings.accept_offer", _("Accept offer"), _("Offered place accepted"))
    actions.register_action("bookings.offer_expired", _("Offer expired"), _("Offer expired and passed on"))
    actions.register_action("bookings.attendance", _("Record attendance"), _("Attendance recorded"))
    actions.register_action("bookings.change_capacity", _("Change the run's places"), _("Places on the run changed"))


BOOKING_DETAILS = (
    "school_name",
    "school_urn",
    "year_groups",
    "additional_needs",
    "participant_name",
    "contact_name",
    "contact_role",
    "contact_email",
    "contact_phone",
)


class BookingProgrammeFilter(ProgrammeFilter):
    field = "run__programme_id"


class RunFilter(IdFilter):
    """Runs of the programme chosen in the programme filter, or all runs."""

    title = _("run")
    parameter_name = "run"
    field = "run_id"

    def options(self, request):
        runs = Run.objects.order_by("-booking_opens", "pk")
        programme_id = parse_id(request.GET.get("programme"))
        if programme_id:
            runs = runs.filter(programme_id=programme_id)
        return [
            (pk, f"{programme_title}: {title}")
            for pk, title, programme_title in runs.values_list("pk", "title", "programme__title")
        ]


class BookingAdmin(HubModelAdmin):
    model = Booking
    menu_label = _("Bookings")
    menu_icon = "clipboard-list"
    menu_order = 220
    add_to_admin_menu = True
    list_display = (
        "reference",
        "run",
        "status",
        "kind",
        "places",
        "school_name",
        "participant_name",
        "contact_name",
        "created_at",
    )
    list_filter = (BookingProgrammeFilter, RunFilter, "status", "kind")
    search_fields = ("reference", "school_name", "participant_name", "contact_name", "contact_email")
    list_export = (
        "reference",
        "run",
        "status",
        "kind",
        "places",
        "created_at",
        "offer_expires_at",
        *BOOKING_DETAILS,
        *HEALTH_FIELDS,
    )
    export_filename = "bookings"
    inspect_view_enabled = True
    inspect_view_class = admin_views.BookingInspectView
    inspect_view_fields = (
        "reference",
        "run",
        "kind",
        "status",
        "places",
        "created_at",
        "offer_expires_at",
        *BOOKING_DETAILS,
        "terms_accepted",
        "anonymised_at",
        *HEALTH_FIELDS,
    )
    index_template_name = "bookings/admin/booking_index.html"
    inspect_template_name = "bookings/admin/booking_inspect.html"
    ordering = ("-run__booking_opens", "run_id", "status", "created_at")
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_role"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("school_name"), FieldPanel("school_urn")]), FieldPanel("year_groups")],
            heading=_("School"),
        ),
        FieldPanel("participant_name"),
        FieldPanel("additional_needs"),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("run__programme")

    def get_list_export(self, request):
        if admin_views.can_see_health_details(request.user):
            return self.list_export
        return tuple(field for field in self.list_export if field not in HEALTH_FIELDS)


modeladmin_register(BookingAdmin)


class BookableRunAdmin(RunAdmin):
    edit_view_class = admin_views.RunEditView


modeladmin_register(BookableRunAdmin)


@hooks.register("register_admin_urls")
def register_booking_admin_urls():
    urls = [
        *(
            path(f"actions/<id:booking_id>/{name}/", admin_views.booking_action, {"action": name}, name=name)
            for name in admin_views.STAFF_ACTIONS
        ),
        path("runs/", admin_views.RunPlacesView.as_view(), name="runs"),
        path("runs/<id:run_id>/", admin_views.RunSummaryView.as_view(), name="run"),
        path("sessions/<id:session_id>/register/", admin_views.RegisterView.as_view(), name="register"),
        path(
            "sessions/<id:session_id>/register/print/",
            admin_views.PrintableRegisterView.as_view(),
            name="register_print",
        ),
    ]
    return [path("bookings/", include((urls, "bookings_admin"), namespace="bookings_admin"))]


@hooks.register("register_retention_steps")
def retention_steps():
    return [("bookings anonymised", anonymise_past_bookings)]


@hooks.register("register_hub_figure_sections")
def hub_figure_sections():
    from bookings.figures import booking_figures

    return [booking_figures]
