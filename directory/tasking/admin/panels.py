"""The tasking panel of the staff dashboard, for hub coordinators: the next tasking meeting of their hubs and the
priority locations due for review by then. Names of places and dates only. Two queries."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from directory.tasking.models import Meeting, PriorityLocation
from portal.dashboard import DashboardPanel, Line, Row, first_rows, is_coordinator
from portal.hubs import hub_ids_for


class TaskingPanel(DashboardPanel):
    name = "tasking"
    heading = _("Tasking")
    empty_text = _("No meeting planned and no priority location due for review.")
    order = 105

    @classmethod
    def is_shown_to(cls, user):
        return is_coordinator(user)

    def get_lines(self, request):
        today = timezone.localdate()
        hub_ids = hub_ids_for(request.user)
        meeting = Meeting.objects.next_for(hub_ids, today).values("pk", "held_on").first()
        by_date = meeting["held_on"] if meeting else today
        due = PriorityLocation.objects.for_hubs(hub_ids).due_for_review(by_date).order_by("next_review", "pk")
        rows, count = first_rows(due, "pk", "name", "next_review")
        meetings_line = Line(
            _("Next meeting"),
            1 if meeting else 0,
            reverse("tasking_admin:meeting", args=[meeting["pk"]]) if meeting else reverse("tasking_admin:meetings"),
            rows=[Row(label=date_format(meeting["held_on"], "j M Y"))] if meeting else [],
        )
        locations_line = Line(
            _("Priority locations due for review"),
            count,
            reverse("tasking_admin:locations"),
            rows=[
                Row(
                    label=row["name"],
                    url=reverse("tasking_admin:location", args=[row["pk"]]),
                    detail=_("review by %(date)s") % {"date": date_format(row["next_review"], "j M Y")},
                )
                for row in rows
            ],
            more=max(count - len(rows), 0),
        )
        return [meetings_line, locations_line]


PANELS = (TaskingPanel,)
