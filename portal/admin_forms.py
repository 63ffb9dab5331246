"""The base of the hub's admin forms that have inline rows (a run's sessions, a service's locations)."""

from wagtail.admin.forms import WagtailAdminModelForm


class BoundedRowsAdminForm(WagtailAdminModelForm):
    """Django builds and validates up to max_num + 1,000 posted rows before refusing the surplus, and Wagtail's
    inline panels cannot lower that: build no more rows than may be saved (each panel sets max_num)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for formset in self.formsets.values():
            formset.absolute_max = formset.max_num
