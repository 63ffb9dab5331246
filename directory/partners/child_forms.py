"""The rows inside a service form: locations, opening times and named contacts.

The formsets work on the service's in-memory cluster (its latest revision), so a partner continuing a draft
sees their rows. A posted row id must be one of this service's own rows: ids of another service's rows are
refused, never loaded or shown.
"""

from django import forms
from django.core.exceptions import ValidationError
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
        known = {row.pk for row in self.get_queryset() if row.pk is not None}
        for form in self.initial_forms:
            posted = form.data.get(form.add_prefix(self._pk_field.name)) if form.is_bound else None
            if posted not in (None, "") and not (posted.isdigit() and int(posted) in known):
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
