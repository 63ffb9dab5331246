"""The portal's admin pages: County figures (``portal.view_county_figures``), Hubs (superusers) and the dashboard's
failing-emails panel."""

from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views, dashboard
from .hub_admin import HubViewSet
from .hubs import may_see_county


class CountyFiguresMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_county(request.user)


@hooks.register("register_admin_urls")
def register_county_urls():
    urls = [
        path("", admin_views.CountyFiguresView.as_view(), name="county_figures"),
        path("csv/", admin_views.county_figures_csv, name="county_figures_csv"),
    ]
    return [path("county-figures/", include((urls, "portal_admin"), namespace="portal_admin"))]


@hooks.register("register_admin_menu_item")
def county_figures_menu_item():
    return CountyFiguresMenuItem(
        _("County figures"), reverse_lazy("portal_admin:county_figures"), icon_name="table", order=240
    )


@hooks.register("register_admin_viewset")
def register_hub_viewset():
    return HubViewSet()


@hooks.register("construct_homepage_panels")
def dashboard_panels(request, panels):
    dashboard.trim_wagtail_home(request, panels)
    dashboard.add_panels(request, panels, [dashboard.FailingEmailsPanel])


@hooks.register("construct_homepage_summary_items", order=100)
def dashboard_summary_items(request, summary_items):
    dashboard.trim_wagtail_summary(request, summary_items)
