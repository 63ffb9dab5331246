import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.exports import SafeSnippetIndexView
from portal.hubs import hubs_for
from portal.models import Hub

from .admin import views as area_admin
from .admin.access import areas_for
from .admin.entries import EntryEditView, EntryIndexView, changes_waiting_filter
from .admin.forms import AreaForm
from .models import Area, Organisation, Service, Taxonomy, TaxonomyTerm


class DirectoryViewSet(SnippetViewSet):
    index_view_class = SafeSnippetIndexView


class EntryViewSet(DirectoryViewSet):
    """Organisations and services: drafts to review (directory.admin.entries)."""

    index_view_class = EntryIndexView
    edit_view_class = EntryEditView


class HubScopedFilterSet(WagtailFilterSet):
    """Adds "changes waiting" and the hubs the organisation works with (only the user's hubs are offered)."""

    has_unpublished_changes = changes_waiting_filter()

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            self.filters["hub"].queryset = hubs_for(request.user)


class OrganisationFilterSet(HubScopedFilterSet):
    hub = django_filters.ModelMultipleChoiceFilter(
        field_name="hub_partnerships__hub", queryset=Hub.objects.all(), label=_("Works with hub"), distinct=True
    )
    review_due = django_filters.BooleanFilter(label=_("Review due"), method="filter_review_due")

    class Meta:
        model = Organisation
        fields = ["live"]

    def filter_review_due(self, queryset, name, value):
        if value is None:
            return queryset
        due = Organisation.objects.review_due(today=timezone.localdate()).values("pk")
        return queryset.filter(pk__in=due) if value else queryset.exclude(pk__in=due)


class OrganisationViewSet(EntryViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = [
        "name",
        Column("hub_names", label=_("Works with hubs")),
        "last_reviewed_at",
        BooleanColumn("review_due", label=_("Review due")),
    ]
    list_export = ["name", "email", "phone", "website", "last_reviewed_at", "live", "hub_names"]
    search_fields = ["name", "summary"]
    filterset_class = OrganisationFilterSet
    ordering = ["name"]

    def get_queryset(self, request):
        return Organisation.objects.prefetch_related("hub_partnerships__hub")


class ServiceFilterSet(HubScopedFilterSet):
    hub = django_filters.ModelMultipleChoiceFilter(
        field_name="organisation__hub_partnerships__hub",
        queryset=Hub.objects.all(),
        label=_("Organisation works with hub"),
        distinct=True,
    )

    class Meta:
        model = Service
        fields = ["live", "status", "organisation", "taxonomy_terms", "areas"]


class ServiceViewSet(EntryViewSet):
    model = Service
    icon = "list-ul"
    menu_label = _("Services")
    list_display = ["name", Column("organisation", label=_("Organisation")), "status", "last_modified"]
    list_export = ["name", "organisation", "status", "minimum_age", "maximum_age", "last_modified", "live"]
    search_fields = ["name", "description"]
    filterset_class = ServiceFilterSet
    ordering = ["name"]

    def get_queryset(self, request):
        return Service.objects.select_related("organisation", "latest_revision")


class TaxonomyTermViewSet(DirectoryViewSet):
    model = TaxonomyTerm
    icon = "tag"
    menu_label = _("Categories")
    list_display = ["name", "code", Column("taxonomy", label=_("Taxonomy"))]
    search_fields = ["name"]


class AreaFilterSet(WagtailFilterSet):
    class Meta:
        model = Area
        fields = ["hub"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            self.filters["hub"].queryset = self.filters["hub"].queryset.filter(
                pk__in=areas_for(request.user).values("hub_id")
            )


class AreaViewSet(DirectoryViewSet):
    """Areas belong to a hub: staff see and change only their hubs' areas (directory.admin.access)."""

    model = Area
    icon = "site"
    menu_label = _("Areas")
    list_display = ["name", Column("hub", label=_("Hub")), "sort_order"]
    list_export = ["name", "slug", "hub", "description", "sort_order"]
    search_fields = ["name"]
    filterset_class = AreaFilterSet
    ordering = ["hub__sort_order", "hub__name", "sort_order", "name"]
    edit_view_class = area_admin.AreaEditView
    delete_view_class = area_admin.AreaDeleteView
    copy_view_class = area_admin.AreaCopyView
    inspect_view_class = area_admin.AreaInspectView
    usage_view_class = area_admin.AreaUsageView
    history_view_class = area_admin.AreaHistoryView

    def get_queryset(self, request):
        return areas_for(request.user).select_related("hub")

    edit_handler = ObjectList(Area.panels, base_form_class=AreaForm)


class TaxonomyViewSet(DirectoryViewSet):
    model = Taxonomy
    icon = "folder-open-1"
    menu_label = _("Taxonomies")


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (OrganisationViewSet, ServiceViewSet, TaxonomyTermViewSet, AreaViewSet, TaxonomyViewSet)
    menu_icon = "group"
    menu_label = _("Directory")
    menu_name = "directory"
    menu_order = 230


register_snippet(DirectoryViewSetGroup)


@hooks.register("register_pagecache_changes")
def pagecache_changes():
    from directory.pagecache import changes

    return changes()
