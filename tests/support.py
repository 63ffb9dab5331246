"""Helpers shared by fixtures."""

import time

from allauth.mfa.totp.internal import auth as totp
from django.conf import settings
from wagtail.models import Collection, Locale, Page

from directory.vocabulary import ensure_vocabulary


def restore_wagtail_roots():
    """Put back the rows migrations create (locale, root page, root collection, the directory's vocabulary).

    Transactional tests end by flushing every table, so the next test may find them gone.
    """
    ensure_vocabulary()
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(title="Root", slug="root", locale=locale)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def activate_totp(user):
    """Give ``user`` an activated authenticator app, as staff must have for the admin. Returns the secret."""
    secret = totp.generate_totp_secret()
    totp.TOTP.activate(user, secret)
    return secret


def totp_code(secret, at=None):
    """The code an authenticator app shows for ``secret`` now (or at the Unix time ``at``)."""
    counter = int(at if at is not None else time.time()) // 30
    return totp.format_hotp_value(totp.hotp_value(secret, counter))
