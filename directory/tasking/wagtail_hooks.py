from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from portal.models import HubLogEntry

from .admin import access as admin_access
from .admin import locations as admin_locations
from .admin import meetings as admin_meetings
from .models import ForwardEvent, Meeting, PriorityLocation, TaskingAction

LOG_ACTIONS = (
    ("tasking.location_create", _("Propose priority location"), _("Priority location proposed")),
    ("tasking.location_plan", _("Update plan"), _("Problem-solving plan updated")),
    ("tasking.location_status", _("Change priority location status"), _("Priority location status changed")),
    ("tasking.location_review", _("Review priority location"), _("Priority location reviewed")),
    ("tasking.add_action", _("Add tasking action"), _("Tasking action added")),
    ("tasking.update_action", _("Update tasking action"), _("Tasking action updated")),
    ("tasking.meeting_schedule", _("Plan meeting"), _("Tasking meeting planned")),
    ("tasking.meeting_refresh", _("Refresh agenda"), _("Agenda refreshed")),
    ("tasking.add_item", _("Add agenda item"), _("Agenda item added")),
    ("tasking.decision", _("Record decision"), _("Decision recorded")),
    ("tasking.meeting_held", _("Record meeting held"), _("Meeting recorded as held")),
    ("tasking.minutes_issued", _("Issue minutes"), _("Minutes issued")),
    ("tasking.add_event", _("Add event"), _("Event added to the forward plan")),
)


@hooks.register("register_log_actions")
def register_tasking_actions(actions):
    for model in (PriorityLocation, Meeting, ForwardEvent, TaskingAction):
        actions.register_model(model, HubLogEntry)
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)


class TaskingMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_access.can_task(request.user)


class TaskingSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return admin_access.can_task(request.user)


@hooks.register("register_admin_menu_item")
def tasking_menu():
    items = [
        TaskingMenuItem(_("Meetings"), reverse_lazy("tasking_admin:meetings"), icon_name="group", order=1),
        TaskingMenuItem(_("Priority locations"), reverse_lazy("tasking_admin:locations"), icon_name="site", order=2),
        TaskingMenuItem(_("Forward plan"), reverse_lazy("tasking_admin:events"), icon_name="calendar", order=3),
    ]
    return TaskingSubmenu(_("Tasking"), Menu(items=items), name="tasking", icon_name="tasks", order=235)


@hooks.register("register_admin_urls")
def register_tasking_urls():
    locations, meetings = admin_locations, admin_meetings
    urls = [
        path("locations/", locations.LocationListView.as_view(), name="locations"),
        path("locations/new/", locations.LocationCreateView.as_view(), name="location_new"),
        path("locations/<id:pk>/", locations.LocationView.as_view(), name="location"),
        path("locations/<id:pk>/plan/", locations.PlanView.as_view(), name="location_plan"),
        path("locations/<id:pk>/action/", locations.LocationActionView.as_view(), name="location_action"),
        path("locations/<id:pk>/review/", locations.ReviewView.as_view(), name="location_review"),
        path("locations/<id:pk>/<slug:step>/", locations.StepView.as_view(), name="location_step"),
        path("meetings/", meetings.MeetingListView.as_view(), name="meetings"),
        path("meetings/new/", meetings.MeetingCreateView.as_view(), name="meeting_new"),
        path("meetings/<id:pk>/", meetings.MeetingView.as_view(), name="meeting"),
        path("meetings/<id:pk>/items/new/", meetings.AddItemView.as_view(), name="meeting_item_new"),
        path("meetings/<id:pk>/items/<id:item_id>/", meetings.ItemView.as_view(), name="item"),
        path("meetings/<id:pk>/items/<id:item_id>/action/", meetings.ItemActionView.as_view(), name="item_action"),
        path("meetings/<id:pk>/refresh/", meetings.RefreshView.as_view(), name="meeting_refresh"),
        path("meetings/<id:pk>/held/", meetings.HeldView.as_view(), name="meeting_held"),
        path("meetings/<id:pk>/issue/", meetings.IssueView.as_view(), name="meeting_issue"),
        path("meetings/<id:pk>/minutes/", meetings.MinutesView.as_view(), name="meeting_minutes"),
        path("meetings/<id:pk>/minutes.odt", meetings.download_minutes, name="meeting_download"),
        path("events/", meetings.EventListView.as_view(), name="events"),
        path("events/new/", meetings.EventCreateView.as_view(), name="event_new"),
        path("actions/<id:pk>/", meetings.ActionUpdateView.as_view(), name="action"),
    ]
    return [path("tasking/", include((urls, "tasking_admin"), namespace="tasking_admin"))]
