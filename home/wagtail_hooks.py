from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from home.admin import access as admin_access
from home.admin import promotions
from home.admin import views as admin_views
from home.services import delete_old_searches


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_access.can_see_search_report(request.user)


@hooks.register("register_admin_urls")
def register_search_report_url():
    return [path("search-report/", admin_views.SearchReportView.as_view(), name="home_search_report")]


@hooks.register("register_admin_urls", order=-1)
def register_hub_promotions_urls():
    """Before Wagtail's own: a hub's editors see and change only their hubs' promoted results."""
    return promotions.urls()


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return SearchReportMenuItem(_("Site searches"), reverse_lazy("home_search_report"), icon_name="search", order=900)


@hooks.register("register_retention_steps")
def retention_steps():
    return [("site searches forgotten", delete_old_searches)]
