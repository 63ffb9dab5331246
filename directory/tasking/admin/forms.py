"""Tasking forms: validation only. The views hand the cleaned values to ``services``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models import Area, Organisation
from directory.referrals.choices import ACTION_TARGETS

NO_NAMES = _("References, places and agencies only: no names of residents.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def date_field(label, *, required=True):
    return forms.DateField(label=label, required=required, widget=DateInput())


def text_field(label, *, required=True, max_length=2000, rows=4, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def hub_agencies(hub_id):
    return Organisation.objects.filter(hub_partnerships__hub_id=hub_id).order_by("name").distinct()


class HubForm(forms.Form):
    """A form that asks which hub when the user works for several."""

    def __init__(self, *args, hubs, **kwargs):
        super().__init__(*args, **kwargs)
        self.hubs = list(hubs)
        if len(self.hubs) > 1:
            self.fields = {
                "hub": forms.ChoiceField(label=_("Hub"), choices=[(hub.pk, hub.name) for hub in self.hubs]),
                **self.fields,
            }

    def chosen_hub(self):
        if len(self.hubs) == 1:
            return self.hubs[0]
        return next(hub for hub in self.hubs if str(hub.pk) == self.cleaned_data["hub"])


class LocationForm(HubForm):
    name = forms.CharField(label=_("Name"), max_length=120)
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none(), required=False)
    postcodes = forms.CharField(
        label=_("Postcodes"), required=False, help_text=_("One per line."), widget=forms.Textarea(attrs={"rows": 3})
    )
    streets = forms.CharField(
        label=_("Streets or places in the area"),
        required=False,
        help_text=_("One per line, as reports describe them (for example “Market Street”). Needs the area."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason = text_field(_("Why it is a priority"), help_text=NO_NAMES)
    lead_agency = forms.ModelChoiceField(label=_("Lead agency"), queryset=Organisation.objects.none(), required=False)
    problem = text_field(_("The problem as seen"), required=False, help_text=NO_NAMES)

    def __init__(self, *args, hubs, **kwargs):
        super().__init__(*args, hubs=hubs, **kwargs)
        hub_ids = [hub.pk for hub in self.hubs]
        self.fields["area"].queryset = Area.objects.filter(hub_id__in=hub_ids).order_by("name")
        self.fields["lead_agency"].queryset = (
            Organisation.objects.filter(hub_partnerships__hub_id__in=hub_ids).order_by("name").distinct()
        )

    @staticmethod
    def lines(value):
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class PlanForm(forms.Form):
    problem = text_field(_("The problem as seen"), required=False, max_length=4000, help_text=NO_NAMES)
    analysis = text_field(_("Analysis"), required=False, max_length=4000, help_text=NO_NAMES)
    public_summary = text_field(
        _("What residents are told"),
        required=False,
        max_length=600,
        help_text=_(
            "Published on the hub's “You said, we did” page while the location is active or monitored: what the "
            "partners are doing, in plain words. No names, addresses or details from any report."
        ),
    )


class StepForm(forms.Form):
    next_review = date_field(_("Next review"), required=False)


class CloseForm(forms.Form):
    assessment = text_field(_("Assessment at closure"), max_length=4000, help_text=NO_NAMES)


class ReviewForm(forms.Form):
    next_review = date_field(_("Next review"))


class ActionForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Agency"), coerce=int)
    description = text_field(_("What"), rows=3, help_text=NO_NAMES)
    due_date = date_field(_("Due"))

    def __init__(self, *args, hub_id, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = list(hub_agencies(hub_id).values_list("pk", "name"))
        self.fields["organisation"].choices = [("", _("Choose an agency")), *agencies]


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=[(status.value, status.label) for status in ACTION_TARGETS])
    note = text_field(_("Note"), required=False, rows=3, help_text=NO_NAMES)


class MeetingForm(HubForm):
    held_on = date_field(_("Date"))
    chair = forms.CharField(label=_("Chair"), max_length=120, help_text=_("A role, such as “Neighbourhood inspector”."))


class ItemForm(forms.Form):
    title = forms.CharField(label=_("Item"), max_length=300, help_text=NO_NAMES)


class DecisionForm(forms.Form):
    decision = text_field(_("Decision"), required=False, rows=2, help_text=NO_NAMES)


class HeldForm(forms.Form):
    agencies = forms.ModelMultipleChoiceField(
        label=_("Agencies present"), queryset=Organisation.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, hub_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = hub_agencies(hub_id)


class EventForm(HubForm):
    name = forms.CharField(label=_("Name"), max_length=120)
    starts_on = date_field(_("Date"))
    place = forms.CharField(label=_("Place"), max_length=200)
    lead = forms.ModelChoiceField(label=_("Lead agency"), queryset=Organisation.objects.none(), required=False)
    partners = forms.ModelMultipleChoiceField(
        label=_("Partners involved"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, hubs, **kwargs):
        super().__init__(*args, hubs=hubs, **kwargs)
        agencies = Organisation.objects.filter(hub_partnerships__hub__in=self.hubs).order_by("name").distinct()
        self.fields["lead"].queryset = agencies
        self.fields["partners"].queryset = agencies
