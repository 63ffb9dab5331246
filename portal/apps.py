from django.apps import AppConfig
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from . import (  # noqa: F401  (registers the deploy checks; connects the cache signals)
            checks,
            hubs,
            navigation,
            pagecache_invalidation,
        )
        from .ids import IdConverter

        pagecache_invalidation.connect()

        # Before any URLconf is imported: every id in the project's URLs is an <id:...>.
        register_converter(IdConverter, "id")
