"""The rows inside a service form: locations, opening times and named contacts.

The formsets work on the service's in-memory cluster (its latest revision), so a partner continuing a draft
sees their rows. A posted row id must be one of this service's own rows: ids of another service's rows are
refused, never loaded or shown.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.formsets import INITIAL_FORM_COUNT, TOTAL_FORM_COUNT, BaseFormSet
from django.utils.translation import gettext_lazy as _
from modelcluster.forms import BaseChildFormSet

from directory.models import ServiceContact, ServiceLocation, ServiceSchedule, Weekday

from .validation import plain_text_errors


class ScopedChildFormSet(BaseChildFormSet):
    default_error_messages = {
        **BaseChildFormSet.default_error_messages,
        "too_many_forms": _("You can add up to %(num)d rows here. Remove some and try again."),
        "missing_management_form": _("Part of the form is missing. Reload the page and try again."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django builds and validates up to max_num + 1,000 posted rows before refusing the surplus (modelcluster's
        # factory cannot lower that): build no more rows than may be saved.
        self.absolute_max = self.max_num

    def _construct_form(self, i, **kwargs):
        id_key = f"{self.add_prefix(i)}-{self.model._meta.pk.name}"
        if self.is_bound and i < self.initial_form_count() and id_key not in self.data:
            # A row said to exist but posted without its id (modelcluster's formset would raise KeyError): an empty
            # new row here, which clean() refuses.
            return BaseFormSet._construct_form(self, i, instance=self.model(), **kwargs)
        return super()._construct_form(i, **kwargs)

    def _get_to_python(self, field):
        """A posted row id that is not a number finds no row, as in Django's own formsets (modelcluster's would
        raise): clean() then refuses the row."""
        to_python = super()._get_to_python(field)

        def row_id(value):
            try:
                return to_python(value)
            except ValidationError:
                return None

        return row_id

    def add_fields(self, form, index):
        super().add_fields(form, index)
        own_rows = self.model._default_manager.filter(service_id=self.instance.pk) if self.instance.pk else None
        form.fields[self._pk_field.name].queryset = (
            own_rows if own_rows is not None else self.model._default_manager.none()
        )
        form.fields[self._pk_field.name].error_messages["invalid_choice"] = _(
            "A row on this page does not belong to this service. Reload the page and try again."
        )
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this row")

    def clean(self):
        counts = self.management_form.cleaned_data
        if min(counts[TOTAL_FORM_COUNT], counts[INITIAL_FORM_COUNT]) < 0:
            raise ValidationError(self.error_messages["missing_management_form"], code="missing_management_form")
        known = {row.pk for row in self.get_queryset() if row.pk is not None}
        pk_field = self.model._meta.pk
        row_id = self._get_to_python(pk_field)
        for form in self.initial_forms:
            posted = form.data.get(form.add_prefix(pk_field.name))
            if posted is None or (posted != "" and row_id(posted) not in known):
                raise ValidationError(
                    _("A row on this page does not belong to this service. Reload the page and try again."),
                    code="foreign_row",
                )
        super().clean()


class ChildForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plain_text_errors(self, phones=("phone",))


class LocationForm(ChildForm):
    class Meta:
        model = ServiceLocation
        fields = ["location_type", "name", "address_1", "city", "postcode", "accessibility"]
        widgets = {"location_type": forms.RadioSelect}
        error_messages = {"location_type": {"required": _("Select the type of location")}}


class ScheduleForm(ChildForm):
    class Meta:
        model = ServiceSchedule
        fields = ["weekday", "opens_at", "closes_at", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["weekday"].choices = [("", _("Choose a day")), *Weekday.choices]
        self.fields["weekday"].error_messages["required"] = _("Select the day it opens")
        for name, label in (("opens_at", _("opening time")), ("closes_at", _("closing time"))):
            self.fields[name].error_messages.update(
                {
                    "required": _("Enter the %(label)s, like 09:30") % {"label": label},
                    "invalid": _("Enter the %(label)s as hours and minutes, like 09:30 or 17:00") % {"label": label},
                }
            )
            self.fields[name].widget = forms.TimeInput(format="%H:%M")
            self.fields[name].help_text = _("Use the 24-hour clock, like 09:30 or 17:00")

    def clean(self):
        cleaned_data = super().clean()
        opens, closes = cleaned_data.get("opens_at"), cleaned_data.get("closes_at")
        if opens is not None and closes is not None and closes <= opens:
            self.add_error("closes_at", _("The closing time must be later than the opening time"))
        return cleaned_data


class ContactForm(ChildForm):
    class Meta:
        model = ServiceContact
        fields = ["name", "title", "phone", "email"]

    def clean(self):
        cleaned_data = super().clean()
        if not (cleaned_data.get("name") or cleaned_data.get("title")) and not self.errors:
            self.add_error("name", _("Enter a name or a job title for the contact"))
        return cleaned_data
