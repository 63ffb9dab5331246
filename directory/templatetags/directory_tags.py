from itertools import groupby

from django import template
from django.utils.translation import gettext as _

from directory.choices import WEEKDAY_ORDER, Weekday

register = template.Library()


@register.filter
def age_range(service):
    low, high = service.minimum_age, service.maximum_age
    if low is not None and high is not None:
        return _("Ages %(low)s to %(high)s") % {"low": low, "high": high}
    if low is not None:
        return _("Ages %(low)s and over") % {"low": low}
    if high is not None:
        return _("Up to age %(high)s") % {"high": high}
    return _("All ages")


@register.filter
def categories(organisation):
    """The categories of an organisation's prefetched public services, each once, in name order."""
    terms = {term.pk: term for service in organisation.public_services for term in service.taxonomy_terms.all()}
    return sorted(terms.values(), key=lambda term: term.name)


@register.filter
def opening_times(schedules):
    """Opening times Monday to Sunday, with runs of days that share their hours joined: "Monday to Friday"."""
    rows = sorted(schedules, key=lambda row: (WEEKDAY_ORDER[row.weekday], row.opens_at))
    days = [
        (day, tuple((row.opens_at, row.closes_at, row.notes) for row in day_rows))
        for day, day_rows in groupby(rows, key=lambda row: row.weekday)
    ]
    spans = []
    for day, hours in days:
        previous = spans[-1] if spans else None
        if previous and previous["hours"] == hours and WEEKDAY_ORDER[day] == WEEKDAY_ORDER[previous["last"]] + 1:
            previous["last"] = day
        else:
            spans.append({"first": day, "last": day, "hours": hours})
    return [{"days": _day_span(span["first"], span["last"]), "hours": span["hours"]} for span in spans]


def _day_span(first, last):
    if first == last:
        return Weekday(first).label
    return _("%(first)s to %(last)s") % {"first": Weekday(first).label, "last": Weekday(last).label}


@register.filter
def is_list(value):
    """True for a group of choices (an optgroup's options), not a single label."""
    return isinstance(value, list | tuple)
