"""What emails and other messages sent outside a request say about the site: its name and its address."""

from django.apps import apps
from django.conf import settings
from wagtail.models import Site


def absolute_url(path):
    """``path`` on the public site (WAGTAILADMIN_BASE_URL): the start of every link in an email."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def hub_name():
    """The hub's name as staff set it in the site settings (the one pages show); the setting's default before
    there is a site."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return settings.WAGTAIL_SITE_NAME
    # Looked up by label: the settings model belongs to the home app, which portal does not import.
    return apps.get_model("home", "SiteSettings").for_site(site).hub_name
