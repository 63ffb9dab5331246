"""The Areas snippet's views that take one area, each answering "not found" for an area of another hub."""

from wagtail.snippets.views.snippets import CopyView, DeleteView, EditView, HistoryView, InspectView, UsageView

from .access import HubAreaObjectMixin


class AreaEditView(HubAreaObjectMixin, EditView):
    pass


class AreaDeleteView(HubAreaObjectMixin, DeleteView):
    pass


class AreaCopyView(HubAreaObjectMixin, CopyView):
    pass


class AreaInspectView(HubAreaObjectMixin, InspectView):
    pass


class AreaUsageView(HubAreaObjectMixin, UsageView):
    pass


class AreaHistoryView(HubAreaObjectMixin, HistoryView):
    pass
