from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from programmes.ical import programme_calendar
from programmes.models import ProgrammePage


def programme_ical(request, pk):
    """The programme's sessions as an iCalendar file, for live public programmes only."""
    programme = get_object_or_404(ProgrammePage.objects.live().public(), pk=pk)
    response = HttpResponse(programme_calendar(programme, request), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{programme.slug}-sessions.ics"'
    return response
