from wagtail.admin.forms import WagtailAdminModelForm

from .access import hubs_choosable_by


class AreaForm(WagtailAdminModelForm):
    """An area's hub is one of the hubs the editor works for."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "hub" in self.fields:
            hubs = hubs_choosable_by(self.for_user).order_by("sort_order", "name")
            self.fields["hub"].queryset = hubs
            if not self.instance.pk and len(hubs) == 1:
                self.fields["hub"].initial = hubs[0].pk
