from django.utils.translation import gettext_lazy as _

from portal.modeladmin import HubModelAdmin, IdFilter

from .models import ProgrammePage, Run


class ProgrammeFilter(IdFilter):
    title = _("programme")
    parameter_name = "programme"
    field = "programme_id"

    def options(self, request):
        return list(ProgrammePage.objects.order_by("title").values_list("pk", "title"))


class RunAdmin(HubModelAdmin):
    """The runs admin. Registered by the bookings app (bookings/wagtail_hooks.py), which gives it the edit view
    that saves a run's places under the booking rules: bookings depends on programmes, never the reverse."""

    model = Run
    menu_label = _("Programme runs")
    menu_icon = "date"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ("title", "programme", "capacity", "booking_mode", "booking_opens", "booking_closes")
    list_filter = (ProgrammeFilter, "booking_mode", "needs_approval")
    search_fields = ("title", "programme__title")
    list_export = (
        "title",
        "programme",
        "capacity",
        "booking_mode",
        "per_school_cap",
        "booking_opens",
        "booking_closes",
    )
    inspect_view_enabled = True
    ordering = ("-booking_opens",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("programme")
