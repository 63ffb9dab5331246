"""The programme index page's listing: programmes filtered by audience and age, a page at a time."""

from django import forms
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from portal.navigation import private_sections_q
from portal.pagination import page_from_request

from .choices import MAX_AGE, MIN_AGE, Audience

LISTING_PAGE_SIZE = 12


class ProgrammeFilterForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("Who it is for"),
        choices=[("", _("Anyone")), *Audience.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    age = forms.IntegerField(
        label=_("Age of the young person"),
        required=False,
        min_value=MIN_AGE,
        max_value=MAX_AGE,
        error_messages={
            "invalid": _("Enter an age as a number, like 14"),
            "min_value": _("Enter an age of %(limit_value)s or more"),
            "max_value": _("Enter an age of %(limit_value)s or less"),
        },
    )


def programme_listing_context(programmes, request):
    """The live public ``programmes`` (the index page's children), filtered and paginated; invalid filters are
    shown, not applied."""
    form = ProgrammeFilterForm(request.GET or None)
    programmes = programmes.live().exclude(private_sections_q()).for_listing().order_by("title")
    if form.is_bound and form.is_valid():
        programmes = programmes.for_audience(form.cleaned_data["audience"]).for_age(form.cleaned_data["age"])
    paginator = Paginator(programmes, LISTING_PAGE_SIZE)
    return {
        "filter_form": form,
        "programmes": page_from_request(paginator, request),
        "filters_applied": form.is_bound and form.is_valid() and any(form.cleaned_data.values()),
    }
