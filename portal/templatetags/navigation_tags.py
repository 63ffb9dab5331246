from django import template
from django.urls import reverse
from wagtail.models import Site

from portal.navigation import ancestors_of, menu_items

register = template.Library()


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    request = context["request"]
    site = Site.find_for_request(request)
    items = []
    for item in menu_items(site) if site else []:
        current = request.path.startswith(item.url)
        items.append({"title": item.title, "url": item.url, "current": current, "exact": request.path == item.url})
    return {"items": items, "request": request, "search_url": reverse("search")}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    site = Site.find_for_request(context["request"])
    return {"ancestors": ancestors_of(site, page) if site else []}
