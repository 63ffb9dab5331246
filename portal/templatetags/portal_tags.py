from django import template
from django.utils.timezone import localtime

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced, for pagination and filter links."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


@register.filter
def widget_value(bound_field):
    """The value a field's input shows, as Django's own widget rendering gives it (``Widget.get_context``): formatted
    by the widget (a time as 09:30, a number without grouping), so a page posted back unchanged is valid; None
    when there is none, and for a password input (which never shows what was typed)."""
    widget = bound_field.field.widget
    return widget.get_context(bound_field.html_name, bound_field.value(), None)["widget"]["value"]


@register.filter
def page_window(page_obj, size=2):
    """Page numbers around the current one, with None where GOV.UK pagination shows an ellipsis."""
    last = page_obj.paginator.num_pages
    current = page_obj.number
    wanted = {1, last, *range(max(current - size, 1), min(current + size, last) + 1)}
    numbers = []
    for number in sorted(wanted):
        if numbers and number - numbers[-1] > 1:
            numbers.append(None)
        numbers.append(number)
    return numbers


@register.filter
def govuk_time(value):
    """Times the GOV.UK way: 9am, 5:30pm, midday, midnight (in the site's time zone). Nothing for no time (a
    missing value renders as an empty string in templates)."""
    if value is None or value == "":
        return ""
    if hasattr(value, "tzinfo") and value.tzinfo is not None and hasattr(value, "date"):
        value = localtime(value)
    if value.hour == 12 and value.minute == 0:
        return "midday"
    if value.hour == 0 and value.minute == 0:
        return "midnight"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"
