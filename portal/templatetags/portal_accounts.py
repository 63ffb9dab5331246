from django import template

from portal.staff_access import is_hub_staff as _is_hub_staff

register = template.Library()


@register.filter
def is_hub_staff(user):
    return _is_hub_staff(user)
