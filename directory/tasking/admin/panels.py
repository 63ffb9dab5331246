"""The tasking panel of the staff dashboard, for hub coordinators: the priority locations of their hubs due for
review by their hub's next tasking meeting (today when none is planned), with that meeting's date. Names of
places and dates only, in one query (the next meeting's date is a subquery, the count a window aggregate)."""

from django.db.models import DateField, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from directory.tasking.choices import LocationStatus, MeetingStatus
from directory.tasking.models import Meeting, PriorityLocation
from portal.dashboard import DashboardPanel, Line, Row, first_rows, is_coordinator
from portal.hubs import hub_ids_for


def _row(row):
    detail = _("review by %(date)s") % {"date": date_format(row["next_review"], "j M Y")}
    if row["next_meeting"]:
        detail = _("%(review)s; next meeting %(date)s") % {
            "review": detail,
            "date": date_format(row["next_meeting"], "j M Y"),
        }
    return Row(label=row["name"], url=reverse("tasking_admin:location", args=[row["pk"]]), detail=detail)


class TaskingPanel(DashboardPanel):
    name = "tasking"
    heading = _("Tasking")
    order = 105

    @classmethod
    def is_shown_to(cls, user):
        return is_coordinator(user)

    def get_lines(self, request):
        today = timezone.localdate()
        next_meeting = (
            Meeting.objects.filter(hub_id=OuterRef("hub_id"), held_on__gte=today, status=MeetingStatus.PLANNED)
            .order_by("held_on")
            .values("held_on")[:1]
        )
        due = (
            PriorityLocation.objects.for_hubs(hub_ids_for(request.user))
            .exclude(status=LocationStatus.CLOSED)
            .annotate(next_meeting=Subquery(next_meeting, output_field=DateField()))
            .filter(next_review__lte=Coalesce(F("next_meeting"), Value(today)))
            .order_by("next_review", "pk")
        )
        rows, count = first_rows(due, "pk", "name", "next_review", "next_meeting")
        line = Line(
            _("Priority locations due for review by the next meeting"),
            count,
            reverse("tasking_admin:locations"),
            rows=[_row(row) for row in rows],
            more=max(count - len(rows), 0),
        )
        return [line]


PANELS = (TaskingPanel,)
