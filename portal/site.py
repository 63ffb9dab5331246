"""What emails and other messages sent outside a request say about the site: which hub, its name, its address.

Every email belongs to a hub (the one whose referral, booking or run it is about); its links start at that hub's
own site and it is signed with that hub's name and phone from its site settings.
"""

from django.apps import apps
from django.conf import settings
from wagtail.models import Site


def _site_for(hub):
    if hub is not None:
        return hub.site
    return Site.objects.filter(is_default_site=True).first()


def absolute_url(path, hub=None):
    """``path`` on ``hub``'s public site (its site's root URL); on WAGTAILADMIN_BASE_URL without a hub, and for the
    admin, which every hub shares."""
    if hub is not None and not path.startswith("/admin/"):
        return hub.site.root_url.rstrip("/") + path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def hub_settings(hub=None):
    """``hub``'s site settings (the default site's without one); None before there is a site."""
    site = _site_for(hub)
    if site is None:
        return None
    # Looked up by label: the settings model belongs to the home app, which portal does not import.
    return apps.get_model("home", "SiteSettings").for_site(site)


def hub_name(hub=None):
    """The hub's name as staff set it in its site settings (the one its pages show); the setting's default before
    there is a site."""
    site_settings = hub_settings(hub)
    return site_settings.hub_name if site_settings else settings.WAGTAIL_SITE_NAME


def email_context(hub=None):
    """What every email's templates may use about the hub it is from."""
    site_settings = hub_settings(hub)
    if site_settings is None:
        return {"hub_name": settings.WAGTAIL_SITE_NAME, "hub_phone": "", "hub_email": ""}
    return {
        "hub_name": site_settings.hub_name,
        "hub_phone": site_settings.hub_phone,
        "hub_email": site_settings.hub_email,
    }
