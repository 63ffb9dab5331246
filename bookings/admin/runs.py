"""The runs admin: a programme's runs with their places, dates and sessions. Listed under the Bookings menu
because a run's places are a booking rule: its edit view saves them through ``services.change_run_capacity``."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail_modeladmin.views import CreateView, EditView

from bookings import services
from bookings.errors import BookingError
from portal.modeladmin import IdFilter
from programmes.models import Run

from . import access
from .attention import RunAttentionFilter
from .scoping import HubScopedModelAdmin


class ProgrammeFilter(IdFilter):
    title = _("programme")
    parameter_name = "programme"
    field = "programme_id"

    def options(self, request):
        return list(access.programmes_for(request.user).order_by("title").values_list("pk", "title"))


class HubProgrammeFormMixin:
    """The programme choice offers only programme pages in the hubs the user works for: another hub's programme,
    posted by id, is refused with the form's "not one of the choices" error."""

    def get_form(self):
        form = super().get_form()
        field = form.fields["programme"]
        field.queryset = access.programmes_for(self.request.user).order_by("title")
        field.widget = forms.Select(choices=field.choices)
        field.error_messages["invalid_choice"] = _("Choose a programme of a hub you work for.")
        return form


class RunCreateView(HubProgrammeFormMixin, CreateView):
    pass


class RunEditView(HubProgrammeFormMixin, EditView):
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


class RunAdmin(HubScopedModelAdmin):
    model = Run
    menu_label = _("Programme runs")
    menu_icon = "date"
    menu_order = 210
    list_display = ("title", "programme", "capacity", "booking_mode", "booking_opens", "booking_closes")
    list_filter = (ProgrammeFilter, "booking_mode", "needs_approval", RunAttentionFilter)
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
    create_view_class = RunCreateView
    edit_view_class = RunEditView
    page_prefix = "programme__"
    ordering = ("-booking_opens",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("programme")
