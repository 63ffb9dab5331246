"""Helpers shared by fixtures."""

from django.conf import settings
from wagtail.models import Collection, Locale, Page


def restore_wagtail_roots():
    """Put back the rows Wagtail's migrations create (locale, root page, root collection).

    Transactional tests end by flushing every table, so the next test may find them gone.
    """
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(title="Root", slug="root", locale=locale)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
