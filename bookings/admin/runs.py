"""The runs admin: a programme's runs with their places, dates and sessions. Listed under the Bookings menu
because a run's places are a booking rule: its edit view saves them through ``services.change_run_capacity``."""

from django import forms
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail_modeladmin.views import CreateView, EditView

from bookings import changes, services
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
        before = changes.snapshot_run(self.instance.pk)
        told = self._preview(form, before)
        if told is not None:
            return told
        try:
            with transaction.atomic():
                services.change_run_capacity(
                    run_id=self.instance.pk,
                    capacity=form.cleaned_data["capacity"],
                    per_school_cap=form.cleaned_data.get("per_school_cap"),
                    user=self.request.user,
                )
                response = super().form_valid(form)
                change = changes.record_run_change(run_id=self.instance.pk, before=before, user=self.request.user)
        except BookingError as error:
            form.add_error("capacity", error.message)
            return self.form_invalid(form)
        if change is not None:
            count = changes.bookings_to_tell(self.instance).count()
            if count:
                minutes = int(changes.quiet_period().total_seconds() // 60)
                message = ngettext(
                    "%(count)s booking will be emailed about these changes once the run has had no changes for "
                    "%(minutes)s minutes.",
                    "%(count)s bookings will be emailed about these changes once the run has had no changes for "
                    "%(minutes)s minutes.",
                    count,
                )
                messages.info(self.request, message % {"count": count, "minutes": minutes})
        return response

    # Who will be told, before staff save: a change the people booked would see is shown with the bookings that
    # will be emailed, and saved only once staff tick that they have checked it.

    def _preview(self, form, before):
        """The form again with the changes and the bookings to be emailed, unless staff confirmed them; None to
        save."""
        lines, _changed, _cancelled = changes.describe_changes(before, _snapshot_of_form(form))
        if not lines or self.request.POST.get("confirm_notify") == "yes":
            return None
        told = list(changes.bookings_to_tell(self.instance))
        if not told:
            return None
        self.notify_preview = {"lines": lines, "bookings": told}
        messages.warning(
            self.request,
            ngettext(
                "Check the changes: saving them emails %(count)s booking.",
                "Check the changes: saving them emails %(count)s bookings.",
                len(told),
            )
            % {"count": len(told)},
        )
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        preview = getattr(self, "notify_preview", None)
        told = preview["bookings"] if preview else list(changes.bookings_to_tell(self.instance))
        return super().get_context_data(
            notify_preview=preview,
            bookings_to_tell=told,
            cancel_run_url=reverse("bookings_admin:cancel_run", args=[self.instance.pk]),
            **kwargs,
        )


def _snapshot_of_form(form):
    """The run as the valid form would save it, in the shape of ``changes.snapshot_run`` (new sessions keyed by
    their place in the form)."""
    run = form.instance
    formset = form.formsets["sessions"]
    sessions = {}
    for index, session_form in enumerate(formset.forms):
        if formset.can_delete and formset._should_delete_form(session_form):
            continue
        session = session_form.instance
        if session.pk is None and not session_form.has_changed():
            continue
        sessions[session.pk or f"new-{index}"] = changes.session_snapshot(session)
    return {"title": run.title, "notes": run.notes, "sessions": sessions}


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
    edit_template_name = "bookings/admin/run_edit.html"
    page_prefix = "programme__"
    ordering = ("-booking_opens",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("programme")
