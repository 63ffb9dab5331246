"""Validation of the ASB Case Review application's question pages. No writes here."""

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from directory.casereviews.choices import ReportedTo
from directory.models import Area
from portal.forms import GovukDateField, email_field, text_field, validate_phone
from portal.journeys import StepForm

NAME_MAX = 120
PHONE_MAX = 30
TEXT_MAX = 5000
IMPACT_MAX = 2000
REFERENCE_MAX = 40
YEARS_BACK = 2
REPORT_ROWS = 3
MYSELF, SOMEONE_ELSE = "myself", "someone_else"


class WhoForm(StepForm):
    who = forms.ChoiceField(
        label=_("Who is the application for?"),
        choices=[
            (MYSELF, _("Me: I am the person affected")),
            (SOMEONE_ELSE, _("Someone else, who has agreed to me applying for them")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select who the application is for"),
            "invalid_choice": _("Select who the application is for"),
        },
        help_text=_("A family member, carer, councillor, MP or support worker can apply with the person's agreement."),
    )

    def details(self):
        return {"on_behalf": self.cleaned_data["who"] == SOMEONE_ELSE}

    def summary(self):
        return [(_("Application for"), dict(self.fields["who"].choices)[self.cleaned_data["who"]])]


def on_behalf(details):
    return bool(details.get("on_behalf"))


def for_myself(details):
    return not details.get("on_behalf")


def _name(label, required):
    return text_field(
        label,
        max_length=NAME_MAX,
        too_long_message=_("The name must be 120 characters or fewer"),
        required_message=required,
    )


class YourNameForm(StepForm):
    applicant_name = _name(_("Your name"), _("Enter your name"))

    def details(self):
        return {"applicant_name": self.cleaned_data["applicant_name"], "consent_given": False}


class OnBehalfForm(StepForm):
    representative_name = _name(_("Your name"), _("Enter your name"))
    applicant_name = _name(_("The name of the person affected"), _("Enter the name of the person affected"))
    consent_given = forms.BooleanField(
        label=_("They have agreed to me applying for them and to the hub partners contacting me about it"),
        error_messages={"required": _("Confirm that the person affected has agreed to you applying for them")},
    )

    summary_labels = {"consent_given": _("They agreed")}


class WhatHappenedForm(StepForm):
    what_happened = text_field(
        _("What have you reported?"),
        max_length=TEXT_MAX,
        too_long_message=_("What you reported must be 5,000 characters or fewer"),
        required_message=_("Enter what you have reported"),
        textarea=True,
        help_text=_("The anti-social behaviour you have reported and what happened after you reported it."),
    )
    impact = text_field(
        _("How does it affect you or the person affected? (optional)"),
        max_length=IMPACT_MAX,
        too_long_message=_("How it affects them must be 2,000 characters or fewer"),
        textarea=True,
    )
    area = forms.ModelChoiceField(
        label=_("Which area is it in? (optional)"),
        queryset=Area.objects.order_by("sort_order", "name"),
        required=False,
        empty_label=_("I'm not sure"),
        blank=True,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Select an area from the list, or 'I'm not sure'")},
    )


class ReportDateField(GovukDateField):
    default_error_messages = {
        "required": _("Enter the date you reported it"),
        "incomplete": _("The date you reported it must include a day, month and year"),
        "invalid": _("The date you reported it must be a real date"),
        "year": _("Year must include 4 numbers"),
        "future": _("The date you reported it must be today or in the past"),
        "old": _("The date you reported it must be in the last 2 years"),
    }

    def check_date(self, value):
        today = timezone.localdate()
        if value > today:
            raise ValidationError(self.error_messages["future"], code="future")
        if value < today - timedelta(days=365 * YEARS_BACK):
            raise ValidationError(self.error_messages["old"], code="old")


def _report_fields(number):
    required = number == 1
    return {
        f"reported_to_{number}": forms.ChoiceField(
            label=_("Who did you report it to?"),
            choices=[("", _("Choose who"))] + list(ReportedTo.choices),
            required=required,
            error_messages={
                "required": _("Choose who you reported it to"),
                "invalid_choice": _("Choose who you reported it to"),
            },
        ),
        f"reported_on_{number}": ReportDateField(label=_("When did you report it?"), required=required),
        f"reference_{number}": forms.CharField(
            label=_("Reference number you were given (optional)"),
            max_length=REFERENCE_MAX,
            required=False,
            error_messages={"max_length": _("The reference number must be 40 characters or fewer")},
        ),
    }


class ReportsForm(StepForm):
    """Up to three reports on one page (the first required): enough for the national threshold, without
    JavaScript or an add-another loop. Staff link the hub's own referrals to the application afterwards."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number in range(1, REPORT_ROWS + 1):
            self.fields.update(_report_fields(number))

    def clean(self):
        cleaned = super().clean()
        for number in range(2, REPORT_ROWS + 1):
            to, on = f"reported_to_{number}", f"reported_on_{number}"
            if cleaned.get(to) and not cleaned.get(on) and on not in self.errors:
                self.add_error(on, ReportDateField.default_error_messages["required"])
            if cleaned.get(on) and not cleaned.get(to) and to not in self.errors:
                self.add_error(to, _("Choose who you reported it to"))
        return cleaned

    def rows(self):
        """The bound fields of each report, for the template."""
        return [
            (number, self[f"reported_to_{number}"], self[f"reported_on_{number}"], self[f"reference_{number}"])
            for number in range(1, REPORT_ROWS + 1)
        ]

    def reports(self):
        data = self.cleaned_data
        return [
            {
                "reported_to": data[f"reported_to_{number}"],
                "reported_on": data[f"reported_on_{number}"],
                "their_reference": data[f"reference_{number}"],
            }
            for number in range(1, REPORT_ROWS + 1)
            if data.get(f"reported_to_{number}") and data.get(f"reported_on_{number}")
        ]

    def details(self):
        return {"reports": self.reports()}

    def summary(self):
        return [
            (
                _("Report %(number)d") % {"number": number},
                ", ".join(
                    part
                    for part in (
                        str(ReportedTo(report["reported_to"]).label),
                        date_format(report["reported_on"], "j F Y"),
                        report["their_reference"],
                    )
                    if part
                ),
            )
            for number, report in enumerate(self.reports(), start=1)
        ]


class ContactForm(StepForm):
    contact_email = email_field(
        _("Email address (recommended)"),
        required=False,
        help_text=_("We send your reference, the decision and the outcome here, as a private link."),
    )
    contact_phone = forms.CharField(
        label=_("Telephone number (optional)"),
        max_length=PHONE_MAX,
        required=False,
        validators=[validate_phone],
        error_messages={"max_length": _("Telephone number must be 30 characters or fewer")},
    )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("contact_email") and not cleaned.get("contact_phone"):
            self.add_error("contact_email", _("Enter an email address or a telephone number so the hub can reach you"))
        return cleaned
