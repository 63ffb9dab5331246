"""Partners' tasking pages: progress on an action agreed for their organisation at a tasking meeting or in a
priority location's plan, and the minutes of a meeting to download and file. Thin: form -> service -> redirect."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from directory.tasking import minutes, services
from directory.tasking.errors import TaskingError

from .access import actions_for_partner, meeting_for_partner, partner_required
from .forms import ActionUpdateForm


@partner_required
@require_http_methods(["GET", "POST"])
def update_action(request, action_id):
    action = get_object_or_404(actions_for_partner(request.user), pk=action_id)
    form = ActionUpdateForm(request.POST if request.method == "POST" else None, action=action)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_tasking_action(
                action_id=action.pk,
                user=request.user,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        except TaskingError as error:
            form.add_error(None, error.message)
        else:
            return redirect("partners:dashboard")
    context = {
        "action": action,
        "form": form,
        "finished": not action.is_open,
        "overdue": action.is_overdue(timezone.localdate()),
        "page_title": _("Update a tasking action"),
    }
    return render(request, "tasking/partner/action.html", context)


@partner_required
@require_http_methods(["GET", "HEAD"])
def download_minutes(request, meeting_id):
    meeting = meeting_for_partner(request.user, meeting_id)
    agencies = list(meeting.agencies_present.order_by("name").values_list("name", flat=True))
    content = minutes.minutes_odt(meeting, meeting.hub.name, minutes.minutes_of(meeting), agencies)
    response = HttpResponse(content, content_type=minutes.ODT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{minutes.filename(meeting)}"'
    response["Cache-Control"] = "no-store"
    return response
