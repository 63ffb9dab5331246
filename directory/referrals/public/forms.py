"""Validation of the public report's question pages. No writes here.

Free text keeps what people type (punctuation, emoji, even markup, which templates escape); fields with a
format (postcode, phone, email, dates, choices) refuse anything else with a GOV.UK error message.
"""

import re
from datetime import datetime, time

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from directory.models import Area
from directory.referrals.choices import PUBLIC_REPORT_TYPES, ContactPreference, public_report_category
from directory.referrals.services import normalise_postcode
from portal.forms import GovukDateField, email_field, text_field, validate_phone
from portal.journeys import StepForm

# A UK postcode: outward code (area, district) and inward code (sector, unit), the space optional.
POSTCODE = re.compile(
    r"(GIR ?0AA|[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPS-UW]|[A-HK-Y][0-9][ABEHMNPRV-Y]) ?"
    r"[0-9][ABD-HJLNP-UW-Z]{2})",
    re.ASCII,
)
TIME = re.compile(r"(?P<hour>[0-9]{1,2})(?:[:.](?P<minute>[0-9]{2}))?\s*(?P<half>am|pm)?", re.ASCII | re.I)
YEARS_BACK = 10
LOCATION_MAX = 1000
DESCRIPTION_MAX = 5000
FREE_TEXT_MAX = 2000
NAME_MAX = 120
PHONE_MAX = 30
ANONYMOUS, NAMED = "anonymous", "named"
ONGOING, PAST = "ongoing", "past"
YES, NO = "yes", "no"


def radio_field(label, choices, required_message, **kwargs):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": required_message, "invalid_choice": required_message},
        **kwargs,
    )


class WhatIsHappeningForm(StepForm):
    """The first question, in residents' words: the report's type and, for most types, its national category."""

    report_type = radio_field(
        _("What is happening?"),
        [(value.value, answer.label) for value, answer in PUBLIC_REPORT_TYPES.items()],
        _("Select what is happening"),
        help_text=_("Choose the closest. If more than one thing is happening, choose the one that worries you most."),
    )

    def details(self):
        report_type = self.cleaned_data["report_type"]
        return {"report_type": report_type, "category": public_report_category(report_type)}

    def summary(self):
        return [(_("What is happening"), PUBLIC_REPORT_TYPES[self.cleaned_data["report_type"]].label)]


def aimed_at_household_asked(details):
    """Whether the type chosen files as personal or nuisance by whom it is aimed at."""
    chosen = PUBLIC_REPORT_TYPES.get(details.get("report_type"))
    return chosen is not None and chosen.category is None


class AimedAtHouseholdForm(StepForm):
    aimed = radio_field(
        _("Is it aimed at you or your household?"),
        [(YES, _("Yes, it is aimed at me or my household")), (NO, _("No, it affects the area or people generally"))],
        _("Select yes if it is aimed at you or your household"),
        help_text=_("For example, noise from next door that is meant to upset you, or a group that targets your home."),
    )

    def details(self):
        aimed = self.cleaned_data["aimed"] == YES
        return {"category": public_report_category(self.earlier.get("report_type"), aimed_at_household=aimed)}

    def summary(self):
        return [(_("Aimed at you or your household"), self.cleaned_data["aimed"] == YES)]


class NotSureLastIterator(forms.models.ModelChoiceIterator):
    def __iter__(self):
        choices = list(super().__iter__())
        if choices and choices[0][0] == "":
            choices.append(choices.pop(0))
        yield from choices


class AreaChoiceField(forms.ModelChoiceField):
    """Areas as radios, with "I'm not sure" (no area) last rather than first."""

    iterator = NotSureLastIterator

    def label_from_instance(self, obj):
        return obj.name


class WhereForm(StepForm):
    location_description = text_field(
        _("Where is it happening?"),
        max_length=LOCATION_MAX,
        too_long_message=_("Where it is happening must be 1,000 characters or fewer"),
        required_message=_("Enter where it is happening"),
        textarea=True,
        help_text=_("For example, the benches by the war memorial on Market Square, or the lane behind Mill Street."),
    )
    postcode = forms.CharField(
        label=_("Postcode (optional)"),
        required=False,
        max_length=10,
        help_text=_("If you know it. For example, WF1 1AA."),
        error_messages={"max_length": _("Enter a real postcode, like WF1 1AA")},
    )
    area = AreaChoiceField(
        label=_("Which area is it in? (optional)"),
        queryset=Area.objects.order_by("sort_order", "name"),
        required=False,
        empty_label=_("I'm not sure"),
        blank=True,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Select an area from the list, or 'I'm not sure'")},
    )
    summary_labels = {"location_description": _("Where"), "postcode": _("Postcode"), "area": _("Area")}

    def clean_postcode(self):
        compact = re.sub(r"\s+", "", self.cleaned_data["postcode"]).upper()
        if compact and not POSTCODE.fullmatch(compact):
            raise ValidationError(_("Enter a real postcode, like WF1 1AA"), code="invalid")
        return normalise_postcode(compact)


class OccurredDateField(GovukDateField):
    """A date in the last ten years, not in the future."""

    default_error_messages = {
        "required": _("Enter the date it happened"),
        "incomplete": _("The date it happened must include a day, month and year"),
        "invalid": _("The date it happened must be a real date"),
        "year": _("Year must include 4 numbers"),
        "future": _("The date it happened must be today or in the past"),
        "too_old": _("The date it happened must be in the last 10 years"),
    }

    def check_date(self, value):
        today = timezone.localdate()
        if value > today:
            raise ValidationError(self.error_messages["future"], code="future")
        if value < today.replace(year=today.year - YEARS_BACK, day=min(today.day, 28)):
            raise ValidationError(self.error_messages["too_old"], code="too_old")


def parse_time(value):
    """'21:30', '9.30pm', '9pm' -> time; None for anything else."""
    match = TIME.fullmatch(value.strip())
    if not match:
        return None
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    half = (match["half"] or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


class WhenForm(StepForm):
    timing = radio_field(
        _("When did it happen?"),
        [(ONGOING, _("It is still happening, or it happens regularly")), (PAST, _("On a particular day"))],
        _("Select whether it is still happening or happened on a particular day"),
    )
    occurred_on = OccurredDateField(
        label=_("If it happened on a particular day, what date was it?"),
        required=False,
        help_text=_("For example, 27 3 2026"),
    )
    occurred_time = forms.CharField(
        label=_("What time was it? (optional)"),
        required=False,
        max_length=10,
        help_text=_("For example, 9:30pm or 21:30"),
        error_messages={"max_length": _("Enter a time, like 9:30pm or 21:30")},
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("timing") != PAST:
            # Without JavaScript the date boxes show under both answers: ignore them unless they apply.
            for name in ("occurred_on", "occurred_time"):
                self.errors.pop(name, None)
                cleaned[name] = None if name == "occurred_on" else ""
            return cleaned
        day = cleaned.get("occurred_on")
        if day is None and "occurred_on" not in self.errors:
            self.add_error("occurred_on", self.fields["occurred_on"].error_messages["required"])
        raw_time = cleaned.get("occurred_time") or ""
        at = parse_time(raw_time) if raw_time else time(0, 0)
        if at is None:
            self.add_error("occurred_time", _("Enter a time, like 9:30pm or 21:30"))
        elif day and timezone.make_aware(datetime.combine(day, at)) > timezone.now():
            self.add_error("occurred_time", _("The time it happened must be in the past"))
        return cleaned

    def occurred_at(self):
        data = self.cleaned_data
        if data["timing"] != PAST:
            return None
        return timezone.make_aware(datetime.combine(data["occurred_on"], parse_time(data["occurred_time"] or "0:00")))

    def details(self):
        return {"is_ongoing": self.cleaned_data["timing"] == ONGOING, "occurred_at": self.occurred_at()}

    def summary(self):
        occurred_at = self.occurred_at()
        if occurred_at is None:
            return [(_("When"), _("It is still happening, or it happens regularly"))]
        fmt = "j F Y, g:i a" if self.cleaned_data["occurred_time"] else "j F Y"
        return [(_("When"), date_format(timezone.localtime(occurred_at), fmt))]


class WhatHappenedForm(StepForm):
    description = text_field(
        _("What happened?"),
        max_length=DESCRIPTION_MAX,
        too_long_message=_("What happened must be 5,000 characters or fewer"),
        required_message=_("Enter what happened"),
        textarea=True,
        help_text=_("Tell us what you saw or heard, how often it happens and anything that would help us act."),
    )
    people_involved = text_field(
        _("Who was involved? (optional)"),
        max_length=FREE_TEXT_MAX,
        too_long_message=_("Who was involved must be 2,000 characters or fewer"),
        textarea=True,
        help_text=_("If you know: how many people, what they looked like, names, vehicles or registration numbers."),
    )
    impact = text_field(
        _("How has it affected you or others? (optional)"),
        max_length=FREE_TEXT_MAX,
        too_long_message=_("How it has affected you must be 2,000 characters or fewer"),
        textarea=True,
    )
    summary_labels = {
        "description": _("What happened"),
        "people_involved": _("Who was involved"),
        "impact": _("Effect"),
    }


class AnonymityForm(StepForm):
    identity = radio_field(
        _("Do you want to give us your contact details?"),
        [(NAMED, _("Yes, give my name and contact details")), (ANONYMOUS, _("No, report anonymously"))],
        _("Select whether you want to give your contact details or report anonymously"),
        help_text=_(
            "If you report anonymously we cannot contact you about your report, and we do not keep your name or "
            "contact details. You will get a private link to check its status."
        ),
    )

    def details(self):
        return {"reporter_anonymous": self.cleaned_data["identity"] == ANONYMOUS}

    def summary(self):
        anonymous = self.cleaned_data["identity"] == ANONYMOUS
        return [(_("Your details"), _("Report anonymously") if anonymous else _("Give my contact details"))]


class ContactForm(StepForm):
    reporter_name = text_field(
        _("Your name"),
        max_length=NAME_MAX,
        too_long_message=_("Your name must be 120 characters or fewer"),
        required_message=_("Enter your name"),
    )
    reporter_email = email_field(
        _("Email address (optional)"), required=False, help_text=_("We will send your reference and updates here.")
    )
    reporter_phone = forms.CharField(
        label=_("Telephone number (optional)"),
        max_length=PHONE_MAX,
        required=False,
        validators=[validate_phone],
        error_messages={"max_length": _("Telephone number must be 30 characters or fewer")},
    )
    contact_preference = radio_field(
        _("How should we contact you?"), ContactPreference.choices, _("Select how we should contact you")
    )

    def clean(self):
        cleaned = super().clean()
        needed = {
            ContactPreference.EMAIL: (
                "reporter_email",
                _("Enter an email address, or choose another way to contact you"),
            ),
            ContactPreference.PHONE: (
                "reporter_phone",
                _("Enter a telephone number, or choose another way to contact you"),
            ),
        }.get(cleaned.get("contact_preference"))
        if needed and not cleaned.get(needed[0]) and needed[0] not in self.errors:
            self.add_error(*needed)
        return cleaned

    def summary(self):
        data = self.cleaned_data
        return [
            (_("Name"), data["reporter_name"]),
            (_("Email address"), data["reporter_email"]),
            (_("Telephone number"), data["reporter_phone"]),
            (_("Contact by"), ContactPreference(data["contact_preference"]).label),
        ]


class VulnerabilityForm(StepForm):
    vulnerable = radio_field(
        _("Is anyone affected by this vulnerable?"),
        [(YES, _("Yes")), (NO, _("No, or I do not know"))],
        _("Select yes if anyone affected is vulnerable"),
        help_text=_("For example, older or disabled, in poor health, a child, or already a target of harassment."),
    )
    vulnerability_details = text_field(
        _("If yes, tell us about them (optional)"),
        max_length=FREE_TEXT_MAX,
        too_long_message=_("About the person affected must be 2,000 characters or fewer"),
        textarea=True,
        help_text=_("What makes them vulnerable and how this affects them. We use this to decide how quickly to act."),
    )

    def details(self):
        vulnerable = self.cleaned_data["vulnerable"] == YES
        return {
            "vulnerable_person": vulnerable,
            "vulnerability_details": self.cleaned_data["vulnerability_details"] if vulnerable else "",
        }

    def summary(self):
        details = self.details()
        rows = [(_("Anyone vulnerable"), details["vulnerable_person"])]
        if details["vulnerable_person"]:
            rows.append((_("About them"), details["vulnerability_details"]))
        return rows
