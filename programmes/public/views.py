from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from portal.navigation import private_sections_q
from portal.pagination import page_from_request
from programmes.ical import programme_calendar
from programmes.models import LISTING_PAGE_SIZE, ProgrammePage

from .forms import ProgrammeFilterForm


def programme_listing_context(index_page, request):
    """Filtered, paginated programmes under ``index_page``; invalid filters are shown, not applied."""
    form = ProgrammeFilterForm(request.GET or None)
    programmes = ProgrammePage.objects.child_of(index_page).live().exclude(private_sections_q()).for_listing()
    programmes = programmes.order_by("title")
    if form.is_bound and form.is_valid():
        programmes = programmes.for_audience(form.cleaned_data["audience"]).for_age(form.cleaned_data["age"])
    paginator = Paginator(programmes, LISTING_PAGE_SIZE)
    return {
        "filter_form": form,
        "programmes": page_from_request(paginator, request),
        "filters_applied": form.is_bound and form.is_valid() and any(form.cleaned_data.values()),
    }


def programme_ical(request, pk):
    """The programme's sessions as an iCalendar file, for live public programmes only."""
    programme = get_object_or_404(ProgrammePage.objects.live().public(), pk=pk)
    response = HttpResponse(programme_calendar(programme, request), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{programme.slug}-sessions.ics"'
    return response
