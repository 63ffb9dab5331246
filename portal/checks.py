"""What production needs to keep its promises, as plain rules: the production settings refuse to start when one
is broken, and ``manage.py check --deploy`` reports it under any settings module.

The rules take the values as arguments, so the production settings module can use them while it is being read.
"""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register

# Caches that the web processes cannot share, or that cannot count atomically (their incr is a read then a write).
UNSHARED_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache": "keeps its entries in each web process's own memory",
    "django.core.cache.backends.dummy.DummyCache": "keeps nothing",
    "django.core.cache.backends.filebased.FileBasedCache": "is files on one machine and cannot count atomically",
    "django.core.cache.backends.db.DatabaseCache": "cannot count atomically",
}
LOCAL_HOST_NAMES = {"localhost", "localhost.localdomain"}


def cache_problem(caches):
    """Why the default cache cannot hold the rate limits and two-factor replay protection, or None."""
    backend = caches.get("default", {}).get("BACKEND", "")
    why = UNSHARED_CACHES.get(backend)
    if why is None:
        return None
    return (
        f"The default cache ({backend}) {why}: hourly submission limits would not hold (each web process would "
        "count on its own) and an authenticator code could sign in more than once. Set REDIS_URL to a Redis "
        "server that every web process uses."
    )


def base_url_problem(url):
    """Why ``url`` cannot be WAGTAILADMIN_BASE_URL, the start of every link in an email, or None."""
    advice = "Set WAGTAILADMIN_BASE_URL to the site's public https address (e.g. https://hub.example.org): "
    advice += "every link in an email starts with it."
    if not url:
        return f"WAGTAILADMIN_BASE_URL is not set. {advice}"
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        return f"WAGTAILADMIN_BASE_URL ({url}) is not an https address. {advice}"
    if _is_this_machine(parts.hostname):
        return f"WAGTAILADMIN_BASE_URL ({url}) points at this machine, not the public site. {advice}"
    return None


def account_protocol_problem(protocol):
    if protocol == "https":
        return None
    return (
        f"ACCOUNT_DEFAULT_HTTP_PROTOCOL is {protocol!r}: links in account emails (invitations, password resets) "
        "would not use https. Unset it (https is the default) or set it to https."
    )


def mfa_key_problem(keys):
    if keys:
        return None
    return (
        "MFA_ENCRYPTION_KEY is not set: authenticator secrets would be encrypted with a key derived from "
        "SECRET_KEY, so changing SECRET_KEY would stop every staff member signing in. Set it to at least 32 "
        "random characters, e.g. python -c 'import secrets; print(secrets.token_urlsafe(40))'."
    )


def _is_this_machine(host):
    if host in LOCAL_HOST_NAMES or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


@register(Tags.caches, Tags.security, deploy=True)
def check_production_promises(app_configs, **kwargs):
    problems = [
        ("portal.E001", cache_problem(settings.CACHES)),
        ("portal.E002", base_url_problem(getattr(settings, "WAGTAILADMIN_BASE_URL", ""))),
        ("portal.E003", account_protocol_problem(getattr(settings, "ACCOUNT_DEFAULT_HTTP_PROTOCOL", "http"))),
        ("portal.E004", mfa_key_problem(getattr(settings, "MFA_ENCRYPTION_KEYS", []))),
    ]
    return [Error(message, id=check_id) for check_id, message in problems if message]
