from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models import Area
from directory.referrals.choices import (
    ACTION_TRANSITIONS,
    TYPES_BY_CATEGORY,
    Category,
    ReportType,
    SharingBasis,
    SubjectType,
    Urgency,
)
from directory.referrals.models import Referral
from directory.referrals.validators import validate_uk_postcode

FORM_CHANGED = _("Part of the form is missing or was changed. Reload the page and try again.")
# What the error summary says for each answer left out (never Django's "This field is required.").
REQUIRED_MESSAGES = {
    "subject_type": _("Choose what the referral is about"),
    "location_description": _("Enter where it is: an address or a description of the place"),
    "category": _("Choose the category"),
    "report_type": _("Choose the type of problem"),
    "summary": _("Enter a summary of the issue"),
    "description": _("Enter the details of the issue"),
    "urgency": _("Choose how urgent it is"),
    "sharing_basis": _("Choose the basis for sharing this information"),
}

REFERRAL_FIELDS = (
    "subject_type",
    "location_description",
    "postcode",
    "area",
    "category",
    "report_type",
    "summary",
    "description",
    "people_involved",
    "urgency",
    "vulnerable_person",
    "agencies_involved",
    "sharing_basis",
    "sharing_explanation",
)


class PartnerReferralForm(forms.ModelForm):
    """A partner agency's referral of an issue into the hub, on one page."""

    submission_key = forms.RegexField(
        regex=r"^[0-9a-f]{32}$",
        widget=forms.HiddenInput,
        error_messages={"required": FORM_CHANGED, "invalid": FORM_CHANGED},
    )
    organisation = forms.TypedChoiceField(
        label=_("Referring organisation"),
        coerce=int,
        error_messages={"required": _("Choose the referring organisation")},
    )
    hub = forms.TypedChoiceField(
        label=_("Which hub are you referring to?"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the hub you are referring to"),
            "invalid_choice": _("Choose a hub your organisation works with"),
        },
    )
    subject_type = forms.ChoiceField(label=_("What is the referral about?"), choices=SubjectType.choices)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    # A select sends its first option when nothing is chosen: the first is no answer, so a missed question is asked.
    report_type = forms.ChoiceField(
        label=_("Type of problem"), choices=[("", _("Choose the type of problem")), *ReportType.choices]
    )
    urgency = forms.ChoiceField(label=_("How urgent is it?"), choices=Urgency.choices)
    sharing_basis = forms.ChoiceField(label=_("Basis for sharing this information"), choices=SharingBasis.choices)
    postcode = forms.CharField(label=_("Postcode (optional)"), required=False, max_length=20)
    area = forms.ModelChoiceField(
        label=_("Area"), queryset=Area.objects.all(), required=False, empty_label=None, widget=forms.RadioSelect
    )

    class Meta:
        model = Referral
        fields = REFERRAL_FIELDS
        labels = {
            "location_description": _("Where is it? (address or description of the place)"),
            "postcode": _("Postcode (optional)"),
            "summary": _("Summary"),
            "description": _("Details"),
            "people_involved": _("People involved, if known"),
            "vulnerable_person": _("Someone involved may be vulnerable"),
            "agencies_involved": _("Agencies already involved"),
            "sharing_explanation": _("Explain the basis for sharing"),
        }
        help_texts = {
            "summary": _("One line, for the hub's queue."),
            "sharing_explanation": _("Required if the basis is not consent or section 115."),
        }

    def __init__(self, *args, organisations, hubs, hubs_by_organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(organisation.pk, organisation.name) for organisation in organisations]
        self.hubs = {hub.pk: hub for hub in hubs}
        self.hubs_by_organisation = hubs_by_organisation
        self.fields["hub"].choices = [(hub.pk, hub.name) for hub in hubs]
        # With one hub there is no question: it is implied.
        self.fields["hub"].required = len(self.hubs) > 1
        self.fields["area"].queryset = Area.objects.filter(hub__in=hubs).select_related("hub")
        if len(self.hubs) > 1:
            self.fields["area"].label_from_instance = lambda area: f"{area.name} ({area.hub.name})"
        for name in ("location_description", "summary", "description"):
            self.fields[name].required = True
        for name, message in REQUIRED_MESSAGES.items():
            self.fields[name].error_messages["required"] = message

    def clean_postcode(self):
        postcode = " ".join(self.cleaned_data["postcode"].split()).upper()
        if postcode:
            validate_uk_postcode(postcode)
        return postcode

    def clean(self):
        cleaned = super().clean()
        category, report_type = cleaned.get("category"), cleaned.get("report_type")
        if category and report_type and report_type not in TYPES_BY_CATEGORY[category]:
            self.add_error("report_type", _("Choose a type of problem that belongs to the category"))
        explanation = (cleaned.get("sharing_explanation") or "").strip()
        if cleaned.get("sharing_basis") == SharingBasis.OTHER and not explanation:
            self.add_error("sharing_explanation", _("Explain the lawful basis for sharing this information"))
        if not cleaned.get("hub") and len(self.hubs) == 1 and "hub" not in self.errors:
            cleaned["hub"] = next(iter(self.hubs))
        hub_id, organisation_id = cleaned.get("hub"), cleaned.get("organisation")
        if hub_id and organisation_id and hub_id not in self.hubs_by_organisation.get(organisation_id, ()):
            self.add_error("hub", _("Choose a hub the referring organisation works with"))
        area = cleaned.get("area")
        if area and hub_id and area.hub_id != hub_id:
            self.add_error("area", _("Choose an area in the hub you are referring to"))
        return cleaned

    def chosen_hub(self):
        return self.hubs[self.cleaned_data["hub"]]

    def details(self):
        return {name: self.cleaned_data[name] for name in REFERRAL_FIELDS}


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Progress"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the progress made on the action")},
    )
    note = forms.CharField(
        label=_("Note for the hub (optional)"), required=False, max_length=2000, widget=forms.Textarea
    )

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (status.value, status.label) for status in ACTION_TRANSITIONS.get(action.status, [])
        ]
