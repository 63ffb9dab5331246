from django import template
from django.urls import reverse

from portal.navigation import find_site, site_structure

register = template.Library()


def _structure(request):
    site = find_site(request)
    return site_structure(site) if site else None


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    request = context["request"]
    structure = _structure(request)
    items = [
        {
            "title": item.title,
            "url": item.url,
            "current": request.path.startswith(item.url),
            "exact": request.path == item.url,
        }
        for item in (structure.menu() if structure else [])
    ]
    return {"items": items, "request": request, "search_url": reverse("search")}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    structure = _structure(context["request"])
    return {"ancestors": structure.ancestors(page) if structure else []}


@register.simple_tag(takes_context=True)
def public_page(context, page_id):
    """The live public page with this id as a NavPage (title, url), or None: footer links cost no query."""
    structure = _structure(context["request"])
    return structure.by_id(page_id) if structure and page_id else None


@register.simple_tag(takes_context=True)
def route_links(context, stream):
    """Home page routes from the stream's raw data; pages resolve through the cached structure, not the DB."""
    structure = _structure(context["request"])
    links = []
    for block in stream.raw_data:
        value = block["value"]
        page = structure.by_id(value.get("page")) if structure and value.get("page") else None
        url = page.url if page else value.get("url")
        if url:
            links.append({"title": value["title"], "description": value["description"], "url": url})
    return links
