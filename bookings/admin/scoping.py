"""Runs and bookings admin listings scoped to the hubs the user works for (``access``): another hub's rows are not
listed, exported, searched or found by id; staff of several hubs get a Hub column and filter."""

from django.contrib.admin import SimpleListFilter
from django.db.models import Case, CharField, Value, When
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from portal.hubs import pages_q
from portal.ids import parse_id
from portal.modeladmin import HubModelAdmin

from . import access


class HubFilter(SimpleListFilter):
    """One of the hubs the user works for (shown only to staff of several hubs)."""

    title = _("hub")
    parameter_name = "hub"
    page_prefix = ""

    def lookups(self, request, model_admin):
        return [(hub.pk, hub.name) for hub in access.user_hubs(request.user)]

    def queryset(self, request, queryset):
        chosen = parse_id(self.value())
        hubs = [hub for hub in access.user_hubs(request.user) if hub.pk == chosen]
        return queryset.filter(pages_q(hubs, prefix=self.page_prefix)) if chosen else queryset


class HubScopedModelAdmin(HubModelAdmin):
    """``page_prefix`` leads from the model to its programme page's fields (e.g. ``"programme__"``)."""

    page_prefix = ""
    hub_filter_class = HubFilter

    def get_queryset(self, request):
        queryset = super().get_queryset(request).filter(access.programmes_q(request.user, prefix=self.page_prefix))
        hubs = access.user_hubs(request.user)
        if len(hubs) > 1:
            whens = [
                When(**{f"{self.page_prefix}path__startswith": hub.site.root_page.path}, then=Value(hub.name))
                for hub in hubs
            ]
            queryset = queryset.annotate(hub_name=Case(*whens, default=Value(""), output_field=CharField()))
        return queryset

    def hub(self, obj):
        return getattr(obj, "hub_name", "")

    hub.short_description = _("hub")

    def get_list_display(self, request):
        list_display = super().get_list_display(request)
        if access.works_for_several_hubs(request.user):
            return (*list_display, "hub")
        return list_display

    def get_list_filter(self, request):
        list_filter = super().get_list_filter(request)
        if access.works_for_several_hubs(request.user):
            hub_filter = type("ScopedHubFilter", (self.hub_filter_class,), {"page_prefix": self.page_prefix})
            return (hub_filter, *list_filter)
        return list_filter

    def _in_scope(self, request, instance_pk):
        """Another hub's row (or no row) is not found, whatever the view."""
        pk = parse_id(instance_pk)
        if pk is None or not self.get_queryset(request).filter(pk=pk).exists():
            raise Http404

    def inspect_view(self, request, instance_pk):
        self._in_scope(request, instance_pk)
        return super().inspect_view(request, instance_pk)

    def edit_view(self, request, instance_pk):
        self._in_scope(request, instance_pk)
        return super().edit_view(request, instance_pk)

    def delete_view(self, request, instance_pk):
        self._in_scope(request, instance_pk)
        return super().delete_view(request, instance_pk)

    def history_view(self, request, instance_pk):
        self._in_scope(request, instance_pk)
        return super().history_view(request, instance_pk)
