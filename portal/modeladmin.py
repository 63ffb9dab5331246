"""The base for the hub's wagtail-modeladmin registrations."""

from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import HistoryView

from .exports import SafeExportIndexView


class PermittedHistoryView(HistoryView):
    """wagtail-modeladmin's history view checks no permission at all; this one asks what the inspect view asks, so
    staff without rights on the model cannot read its audit trail."""

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_inspect_obj(user, self.instance)


class HubModelAdmin(ModelAdmin):
    index_view_class = SafeExportIndexView
    history_view_class = PermittedHistoryView
