"""The portal's own admin pages: the county figures (users with ``portal.view_county_figures``) and the Hubs
list (superusers). Registered in ``portal/wagtail_hooks.py``."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .county import county_csv, county_figures
from .hubs import may_see_county


class CountyFiguresView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "portal/admin/county_figures.html"
    page_title = _("County figures")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not may_see_county(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            figures=county_figures(), csv_url=reverse("portal_admin:county_figures_csv"), **kwargs
        )


def county_figures_csv(request):
    if not may_see_county(request.user):
        raise PermissionDenied
    return county_csv(county_figures())
