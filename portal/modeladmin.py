"""The base for the hub's wagtail-modeladmin registrations."""

from django.contrib.admin import SimpleListFilter
from django.http import Http404
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import HistoryView

from .exports import SafeExportIndexView
from .ids import parse_id


class PermittedHistoryView(HistoryView):
    """wagtail-modeladmin's history view checks no permission at all; this one asks what the inspect view asks, so
    staff without rights on the model cannot read its audit trail."""

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_inspect_obj(user, self.instance)


def _row_key(instance_pk):
    """modeladmin's URLs take any word as an object's key, and looking up one that is not a number raises
    ValueError (a server error): every model here has whole-number keys, so anything else is not found."""
    if parse_id(instance_pk) is None:
        raise Http404
    return instance_pk


class HubModelAdmin(ModelAdmin):
    index_view_class = SafeExportIndexView
    history_view_class = PermittedHistoryView

    def inspect_view(self, request, instance_pk):
        return super().inspect_view(request, _row_key(instance_pk))

    def edit_view(self, request, instance_pk):
        return super().edit_view(request, _row_key(instance_pk))

    def delete_view(self, request, instance_pk):
        return super().delete_view(request, _row_key(instance_pk))

    def history_view(self, request, instance_pk):
        return super().history_view(request, _row_key(instance_pk))


class IdFilter(SimpleListFilter):
    """A listing filter on one related object: ``field`` holds its id, ``options`` gives (id, label) pairs. A value
    that is not an id filters nothing."""

    field = ""

    def options(self, request):
        raise NotImplementedError

    def lookups(self, request, model_admin):
        return self.options(request)

    def queryset(self, request, queryset):
        chosen = parse_id(self.value())
        return queryset.filter(**{self.field: chosen}) if chosen else queryset
