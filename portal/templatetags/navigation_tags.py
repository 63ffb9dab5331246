from django import template
from django.urls import reverse
from wagtail.models import Page, Site

register = template.Library()


def _site_root(request):
    site = Site.find_for_request(request)
    return site.root_page if site else None


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    request = context["request"]
    items = []
    root = _site_root(request)
    if root is not None:
        for child in Page.objects.child_of(root).live().public().in_menu().only("id", "title", "url_path", "depth", "path"):
            url = child.get_url(request)
            items.append(
                {
                    "title": child.title,
                    "url": url,
                    "current": bool(url) and request.path.startswith(url),
                    "exact": request.path == url,
                }
            )
    return {"items": items, "request": request, "search_url": reverse("search")}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    ancestors = page.get_ancestors().filter(depth__gt=1).only("id", "title", "url_path", "depth", "path")
    return {"ancestors": list(ancestors), "request": context["request"]}
