"""The partner dashboard's forms: validation only, nothing is written here.

Partner text is plain text: markup is refused with a clear message (and every template escapes it anyway).
Staff-only fields (name, slug, keywords, review date) are never on these forms.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from modelcluster.forms import ClusterForm

from directory.choices import PARTNER_SERVICE_STATUSES
from directory.models import Area, Organisation, Service, TaxonomyTerm
from directory.models.entries import ROW_LIMITS
from portal.ids import IdMultipleChoiceField

from .child_forms import ContactForm, LocationForm, ScheduleForm, ScopedChildFormSet
from .validation import FrameCountingImageField, partner_formfield, plain_text_errors

ROWS_OFFERED = 1


class OrganisationForm(forms.ModelForm):
    remove_logo = forms.BooleanField(label=_("Remove the current logo"), required=False)

    class Meta:
        model = Organisation
        fields = ["summary", "description", "how_to_refer", "email", "phone", "website", "address"]
        formfield_callback = partner_formfield

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Made per form, so the size and pixel limits follow the settings in force.
        self.fields["logo_file"] = FrameCountingImageField(label=_("Upload a new logo"), required=False)
        plain_text_errors(self, phones=("phone",))
        self.fields["summary"].error_messages["required"] = _("Enter a summary of what the organisation does")

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("logo_file") and cleaned_data.get("remove_logo"):
            self.add_error("remove_logo", _("Either upload a new logo or remove the current one, not both"))
        return cleaned_data


CHILD_FORMSETS = {
    "locations": {
        "form": LocationForm,
        "formset": ScopedChildFormSet,
        "fields": LocationForm.Meta.fields,
        "extra": ROWS_OFFERED,
        "max_num": ROW_LIMITS["locations"],
        "validate_max": True,
    },
    "schedules": {
        "form": ScheduleForm,
        "formset": ScopedChildFormSet,
        "fields": ScheduleForm.Meta.fields,
        "extra": ROWS_OFFERED,
        "max_num": ROW_LIMITS["schedules"],
        "validate_max": True,
    },
    "contacts": {
        "form": ContactForm,
        "formset": ScopedChildFormSet,
        "fields": ContactForm.Meta.fields,
        "extra": ROWS_OFFERED,
        "max_num": ROW_LIMITS["contacts"],
        "validate_max": True,
    },
}

PARTNER_STATUSES = [(status.value, status.label) for status in PARTNER_SERVICE_STATUSES]


class ServiceForm(ClusterForm):
    """A service with its locations, opening times and named contacts (child formsets over the cluster)."""

    status = forms.ChoiceField(label=_("Is it running?"), choices=PARTNER_STATUSES, widget=forms.RadioSelect)
    taxonomy_terms = IdMultipleChoiceField(
        label=_("Categories"),
        queryset=TaxonomyTerm.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Select at least one category"),
            "invalid_choice": _("Select categories from the list"),
            "invalid_pk_value": _("Select categories from the list"),
        },
    )
    areas = IdMultipleChoiceField(
        label=_("Areas covered"),
        help_text=_("Select every area the service covers, in any hub's district. Select none if it covers them all."),
        queryset=Area.objects.select_related("hub").order_by("hub__sort_order", "hub__name", "sort_order", "name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={
            "invalid_choice": _("Select areas from the list"),
            "invalid_pk_value": _("Select areas from the list"),
        },
    )

    class Meta:
        model = Service
        fields = [
            "name",
            "description",
            "status",
            "alert",
            "taxonomy_terms",
            "areas",
            "minimum_age",
            "maximum_age",
            "eligibility",
            "is_free",
            "fees",
            "how_to_access",
            "url",
            "email",
            "phone",
        ]
        formsets = CHILD_FORMSETS
        formfield_callback = partner_formfield

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plain_text_errors(self, phones=("phone",))
        self.fields["name"].error_messages["required"] = _("Enter the name of the service")
        self.fields["description"].error_messages["required"] = _("Enter a description of the service")
        self.fields["status"].error_messages["required"] = _("Select whether the service is running")
        for name in ("minimum_age", "maximum_age"):
            self.fields[name].error_messages.update(
                {
                    "invalid": _("Enter an age as a whole number, like 16"),
                    "min_value": _("Enter an age of 0 or more"),
                    "max_value": _("Enter an age of 120 or less"),
                }
            )

    def areas_by_hub(self):
        """The areas' checkboxes under their hub's name, hubs in their order (one query, like the plain list)."""
        groups = {}
        for checkbox in self["areas"]:
            groups.setdefault(checkbox.data["value"].instance.hub.name, []).append(checkbox)
        return list(groups.items())

    def clean(self):
        cleaned_data = super().clean()
        youngest, oldest = cleaned_data.get("minimum_age"), cleaned_data.get("maximum_age")
        if youngest is not None and oldest is not None and youngest > oldest:
            self.add_error("maximum_age", _("The oldest age must be the same as or more than the youngest age"))
        return cleaned_data

    def error_list(self):
        """(field id, message) for the error summary, the service's fields first, then each row's."""
        errors = [(None, error) for error in self.non_field_errors()]
        errors += [(field.auto_id, error) for field in self for error in field.errors]
        for formset in self.formsets.values():
            errors += [(None, error) for error in formset.non_form_errors()]
            for form in formset.forms:
                errors += [(field.auto_id, error) for field in form for error in field.errors]
                errors += [(None, error) for error in form.non_field_errors()]
        return errors


class RemoveServiceForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, this service has closed for good"),
        error_messages={"required": _("Confirm that the service has closed for good")},
    )
