"""What emails and other messages sent outside a request say about the site: which hub, its name, its address.

Every email belongs to a hub (the one whose referral, booking or run it is about); its links start at that hub's
own site and it is signed with that hub's name and phone from its site settings.
"""

from email.utils import formataddr, parseaddr

from django.apps import apps
from django.conf import settings
from wagtail.models import Site

from .hubs import hub_for_site


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


def _signed_name(site_settings, hub):
    """The name staff gave the hub in its site settings; the Hub's own name when that is blank."""
    name = (site_settings.hub_name or "").strip() if site_settings else ""
    if name:
        return name
    if hub is None and site_settings is not None:
        hub = hub_for_site(site_settings.site)
    return hub.name if hub is not None else settings.WAGTAIL_SITE_NAME


def hub_name(hub=None):
    """The hub's name as staff set it in its site settings (the one its pages show), the Hub's name when that is
    blank; the setting's default before there is a site."""
    return _signed_name(hub_settings(hub), hub)


def email_context(hub=None):
    """What every email's templates may use about the hub it is from: its name and numbers from its site
    settings (emails sign off with them: templates/emails/_signature.txt)."""
    site_settings = hub_settings(hub)
    return {
        "hub_name": _signed_name(site_settings, hub),
        "hub_phone": site_settings.hub_phone if site_settings else "",
        "hub_email": site_settings.hub_email if site_settings else "",
    }


def from_address(name):
    """DEFAULT_FROM_EMAIL's address with ``name`` (the hub's) as its display name."""
    _default_name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return formataddr((name, address)) if address else settings.DEFAULT_FROM_EMAIL
