"""The Hubs admin (superusers only): every hub with its host and members; name, retention and order editable.
New hubs are made with ``manage.py add_hub`` (a site, pages and groups come with one), so there is no "add"."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Hub

EDITABLE = ("name", "referral_retention_months", "booking_retention_months", "sort_order")


class SuperusersOnly(BasePermissionPolicy):
    """Superusers may list and change hubs; nobody adds or deletes one here."""

    def user_has_permission(self, user, action):
        return bool(user.is_active and user.is_superuser and action in ("change", "view"))

    def users_with_any_permission(self, actions):
        if not set(actions) & {"change", "view"}:
            return get_user_model().objects.none()
        return get_user_model().objects.filter(is_active=True, is_superuser=True)


register_permission_policy(Hub, SuperusersOnly(Hub))


def host(hub):
    site = hub.site
    return site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"


def members(hub):
    groups = [hub.editors_group_id, hub.staff_group_id]
    return get_user_model().objects.filter(groups__in=groups, is_active=True).distinct().count()


def settings_link(hub):
    url = reverse("wagtailsettings:edit", args=["home", "sitesettings", hub.site_id])
    return format_html('<a href="{}">{}</a>', url, _("Site settings"))


class HubViewSet(ModelViewSet):
    model = Hub
    icon = "site"
    menu_label = _("Hubs")
    menu_order = 850
    add_to_settings_menu = True
    name = "hubs"
    form_fields = EDITABLE
    list_display = [
        "name",
        Column("host", label=_("Host"), accessor=host),
        Column("members", label=_("Members"), accessor=members),
        "sort_order",
        Column("settings", label=_("Settings"), accessor=settings_link),
    ]
    search_fields = None
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_queryset(self, request):
        return Hub.objects.select_related("site")
