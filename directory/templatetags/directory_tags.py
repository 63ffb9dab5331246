from itertools import groupby

from django import template
from django.utils.translation import gettext as _

from directory.models import Weekday
from directory.models.entries import WEEKDAY_ORDER

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
    by_day = [
        (day, tuple((row.opens_at, row.closes_at, row.notes) for row in day_rows))
        for day, day_rows in groupby(rows, key=lambda row: row.weekday)
    ]
    lines = []
    for _key, run in groupby(_consecutive_runs(by_day), key=lambda item: item[0]):
        run = [day for _run_key, day in run]
        lines.append({"days": _day_span(run[0][0], run[-1][0]), "hours": run[0][1]})
    return lines


def _consecutive_runs(by_day):
    """Key each day by its hours and the start of its run of consecutive days with the same hours."""
    start = None
    previous = None
    for day, hours in by_day:
        follows = previous is not None and WEEKDAY_ORDER[day] == WEEKDAY_ORDER[previous[0]] + 1
        if not (follows and hours == previous[1]):
            start = day
        previous = (day, hours)
        yield (start, hours), (day, hours)


def _day_span(first, last):
    if first == last:
        return Weekday(first).label
    return _("%(first)s to %(last)s") % {"first": Weekday(first).label, "last": Weekday(last).label}
