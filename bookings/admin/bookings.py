"""The bookings admin: list, filter, export and inspect bookings; the inspect view carries the status buttons."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from bookings.models import HEALTH_FIELDS, Booking
from portal.ids import parse_id
from portal.modeladmin import IdFilter

from . import access, views
from .attention import OfferExpiringFilter
from .runs import ProgrammeFilter
from .scoping import HubScopedModelAdmin

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
        runs = access.runs_for(request.user).order_by("-booking_opens", "pk")
        programme_id = parse_id(request.GET.get("programme"))
        if programme_id:
            runs = runs.filter(programme_id=programme_id)
        return [
            (pk, f"{programme_title}: {title}")
            for pk, title, programme_title in runs.values_list("pk", "title", "programme__title")
        ]


class BookingAdmin(HubScopedModelAdmin):
    model = Booking
    menu_label = _("Bookings")
    menu_icon = "clipboard-list"
    menu_order = 220
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
    list_filter = (BookingProgrammeFilter, RunFilter, "status", "kind", OfferExpiringFilter)
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
    page_prefix = "run__programme__"
    inspect_view_enabled = True
    inspect_view_class = views.BookingInspectView
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
        if access.can_see_health_details(request.user):
            return self.list_export
        return tuple(field for field in self.list_export if field not in HEALTH_FIELDS)
