"""Hub staff's triage forms: validation only. The views hand the cleaned values to ``services``."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import Organisation
from directory.referrals.choices import ACTION_TARGETS, ClosureReason, DeclineReason, LinkKind, Priority

NOTE_MAX = 2000


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def agency_field(label, *, required=True, help_text=""):
    return forms.ModelChoiceField(
        label=label,
        queryset=Organisation.objects.published().order_by("name"),
        required=required,
        help_text=help_text,
        empty_label=_("Choose an agency"),
        error_messages={
            "required": _("Choose an agency"),
            "invalid_choice": _("Choose an agency from the list"),
        },
    )


def hub_agencies(hub_id):
    """The published organisations that work with the hub (``HubPartnership``): the only agencies a referral of
    that hub can be given to."""
    return Organisation.objects.published().filter(hub_partnerships__hub_id=hub_id).order_by("name").distinct()


def limit_agencies(form, hub_id):
    """Offer (and accept) only the agencies that work with the referral's hub."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField) and field.queryset.model is Organisation:
            field.queryset = hub_agencies(hub_id)
    return form


def note_field(label, *, max_length=NOTE_MAX, required=False):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Enter the note"),
            "max_length": _("Keep this to %(limit_value)d characters or fewer"),
        },
    )


def future_date_field(label, *, required):
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        error_messages={"required": _("Enter a date"), "invalid": _("Enter a real date, like 2026-05-31")},
    )


def refuse_past(form, field):
    value = form.cleaned_data.get(field)
    if value and value < timezone.localdate():
        form.add_error(field, _("The date must be today or in the future"))
    return value


class AcceptForm(forms.Form):
    priority = forms.ChoiceField(
        label=_("Priority"),
        choices=Priority.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a priority")},
    )
    lead_agency = agency_field(_("Lead agency"))
    review_date = future_date_field(_("Review by (optional)"), required=False)

    def clean_review_date(self):
        return refuse_past(self, "review_date")


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=DeclineReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a reason")},
    )
    signposted_to = agency_field(
        _("Agency signposted to"), required=False, help_text=_("Needed when the reason is “signposted”.")
    )
    note = note_field(_("Note (optional)"))

    def clean(self):
        cleaned_data = super().clean()
        signposted = cleaned_data.get("reason") == DeclineReason.SIGNPOSTED
        if signposted and not cleaned_data.get("signposted_to") and "signposted_to" not in self.errors:
            self.add_error("signposted_to", _("Choose the agency the reporter was signposted to"))
        return cleaned_data


class ActionForm(forms.Form):
    organisation = agency_field(_("Agency"))
    description = note_field(_("What they will do"), required=True)
    due_date = future_date_field(_("Due by"), required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].error_messages["required"] = _("Enter what the agency will do")

    def clean_due_date(self):
        return refuse_past(self, "due_date")


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[(status.value, status.label) for status in ACTION_TARGETS],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the new status")},
    )
    note = note_field(_("Note (optional)"))


class NoteForm(forms.Form):
    text = note_field(_("Note"), max_length=5000, required=True)


class LinkForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference of the other referral"),
        max_length=20,
        help_text=_("For example HUB-7KQ2-M9XD."),
        error_messages={
            "required": _("Enter the other referral’s reference"),
            "max_length": _("Enter a reference like HUB-7KQ2-M9XD"),
        },
    )
    kind = forms.ChoiceField(
        label=_("How they are linked"),
        choices=[(LinkKind.RELATED, LinkKind.RELATED.label), (LinkKind.DUPLICATE, LinkKind.DUPLICATE.label)],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how they are linked")},
    )


class TransferForm(forms.Form):
    to_hub = forms.TypedChoiceField(
        label=_("Hub to transfer to"),
        coerce=int,
        error_messages={"required": _("Choose a hub"), "invalid_choice": _("Choose a hub from the list")},
    )
    reason = forms.CharField(
        label=_("Why the other hub should take it"),
        max_length=300,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The other hub and your own see this. Do not include names or addresses: the referral holds those."
        ),
        error_messages={
            "required": _("Enter why the other hub should take it"),
            "max_length": _("Keep this to %(limit_value)d characters or fewer"),
        },
    )

    def __init__(self, *args, hubs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_hub"].choices = [("", _("Choose a hub")), *((hub.pk, hub.name) for hub in hubs)]


def cancel_open_actions_field():
    """Offered only while the referral has open actions (the view removes it otherwise)."""
    return forms.BooleanField(
        label=_("Cancel the open actions"),
        required=False,
        help_text=_(
            "Each open action is marked cancelled, with a note in its history, and its agency no longer sees it as "
            "open. Without this the referral stays open until they are done or cancelled."
        ),
    )


class ResolveForm(forms.Form):
    note = note_field(_("How it was resolved (optional)"))
    cancel_open_actions = cancel_open_actions_field()


class CloseForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[(value, label) for value, label in ClosureReason.choices if value != ClosureReason.RESOLVED],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a reason")},
    )
    note = note_field(_("Note (optional)"))
    cancel_open_actions = cancel_open_actions_field()
