"""Validation of the public booking question pages and the manage-by-link actions. No writes here."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from portal import journeys
from portal.forms import GovukDateField, email_field, text_field, validate_phone
from programmes.models import BookingMode

from .waiting_forms import WAITING_CHOICE_FIELD, WAITING_CHOICES, WaitingChoiceMixin

NAME_MAX = 100
PHONE_MAX = 30
FREE_TEXT_MAX = 2000
CONSENT_AGE = 16
YEAR_GROUPS = [
    ("7", _("Year 7")),
    ("8", _("Year 8")),
    ("9", _("Year 9")),
    ("10", _("Year 10")),
    ("11", _("Year 11")),
    ("12", _("Year 12")),
    ("13", _("Year 13")),
]
URN = re.compile(r"[0-9]{6}", re.ASCII)


def free_text_field(label, *, too_long_message, **kwargs):
    return text_field(label, max_length=FREE_TEXT_MAX, too_long_message=too_long_message, textarea=True, **kwargs)


def name_field(*, required_message):
    return text_field(
        _("Full name"),
        max_length=NAME_MAX,
        required_message=required_message,
        too_long_message=_("Full name must be 100 characters or fewer"),
    )


def phone_field(*, required_message, **kwargs):
    return text_field(
        _("Telephone number"),
        required_message=required_message,
        too_long_message=_("Telephone number must be 30 characters or fewer"),
        max_length=PHONE_MAX,
        validators=[validate_phone],
        **kwargs,
    )


def age_on(born, day):
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


MISSING_PART_MESSAGES = {
    ("day",): _("Date of birth must include a day"),
    ("month",): _("Date of birth must include a month"),
    ("year",): _("Date of birth must include a year"),
    ("day", "month"): _("Date of birth must include a day and month"),
    ("day", "year"): _("Date of birth must include a day and year"),
    ("month", "year"): _("Date of birth must include a month and year"),
}


class DateOfBirthField(GovukDateField):
    """A date of birth: a real date in the past."""

    default_error_messages = {
        "required": _("Enter the young person's date of birth"),
        "invalid": _("Date of birth must be a real date"),
        "year": _("Year must include 4 numbers"),
        "future": _("Date of birth must be in the past"),
    }

    def incomplete_message(self, missing):
        return MISSING_PART_MESSAGES[missing]

    def check_date(self, value):
        if value >= timezone.localdate():
            raise ValidationError(self.error_messages["future"], code="future")


class StepForm(journeys.StepForm):
    """One question page. ``run`` is the run being booked, as bookings.public.journey.load_run gives it
    (with ``places_held`` and ``start_date``)."""

    def __init__(self, *args, run, **kwargs):
        self.run = run
        super().__init__(*args, **kwargs)


class SchoolForm(StepForm):
    school_name = text_field(
        _("School name"),
        max_length=150,
        required_message=_("Enter the name of the school"),
        too_long_message=_("School name must be 150 characters or fewer"),
    )
    school_urn = forms.CharField(
        label=_("School URN (optional)"),
        required=False,
        help_text=_("The unique reference number of the school: 6 digits, like 112233."),
    )
    summary_labels = {"school_urn": _("School URN")}

    def clean_school_urn(self):
        urn = self.cleaned_data["school_urn"].replace(" ", "")
        if urn and not URN.fullmatch(urn):
            raise ValidationError(_("Enter the URN as 6 digits, like 112233"), code="invalid")
        return urn


class SchoolContactForm(StepForm):
    contact_name = name_field(required_message=_("Enter the lead contact's full name"))
    contact_role = text_field(
        _("Role at the school"),
        max_length=NAME_MAX,
        help_text=_("For example, head of year 9 or pastoral lead."),
        required_message=_("Enter the lead contact's role at the school"),
        too_long_message=_("Role must be 100 characters or fewer"),
    )
    contact_email = email_field(
        _("Email address"), help_text=_("We will send the booking confirmation and a link to manage it here.")
    )
    contact_phone = phone_field(
        required_message=_("Enter a telephone number"),
        help_text=_("For urgent messages on the day, for example a mobile."),
    )
    summary_labels = {
        "contact_name": _("Lead contact"),
        "contact_role": _("Role"),
        "contact_email": _("Email address"),
        "contact_phone": _("Telephone number"),
    }


class PupilsForm(WaitingChoiceMixin, StepForm):
    places = forms.IntegerField(
        label=_("Number of pupils"),
        min_value=1,
        error_messages={
            "required": _("Enter the number of pupils"),
            "invalid": _("Enter the number of pupils as a whole number, like 12"),
            "min_value": _("Number of pupils must be 1 or more"),
        },
    )
    year_groups = forms.MultipleChoiceField(
        label=_("Year groups"),
        help_text=_("Select all that apply."),
        choices=YEAR_GROUPS,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Select the year groups of the pupils"),
            "invalid_choice": _("Select year groups from the list"),
        },
    )
    additional_needs = free_text_field(
        _("Additional needs (optional)"),
        help_text=_("Access, learning, medical or dietary needs we should plan for. Do not give pupils' names."),
        too_long_message=_("Additional needs must be 2,000 characters or fewer"),
    )
    terms_accepted = forms.BooleanField(
        label=_("I agree to the terms of booking"),
        error_messages={"required": _("Confirm that you agree to the terms of booking")},
    )
    when_full = WAITING_CHOICE_FIELD
    summary_labels = {
        "additional_needs": _("Additional needs"),
        "terms_accepted": _("Terms of booking"),
        "when_full": _("Places left"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_waiting_choices()
        if self.run.per_school_cap:
            self.fields["places"].help_text = _("A school can book up to %(cap)s places on this run.") % {
                "cap": self.run.per_school_cap
            }

    def clean_places(self):
        places = self.cleaned_data["places"]
        cap = self.run.per_school_cap or self.run.capacity
        if places > cap:
            raise ValidationError(
                _("A school can book up to %(cap)s places on this run. Enter %(cap)s or fewer."),
                code="over_cap",
                params={"cap": cap},
            )
        return places

    def clean(self):
        """More pupils than places left: "Enter 5 or fewer", unless the school chose on the same page to book the
        places left and wait for the rest, or to wait for them all (``WaitingChoiceMixin``)."""
        cleaned = super().clean()
        places = cleaned.get("places")
        if places and self.needs_waiting_choice(places):
            if cleaned.get("when_full") not in WAITING_CHOICES:
                self.add_error("places", self.not_enough_message())
        else:
            cleaned["when_full"] = ""
        return cleaned

    def details(self):
        details = dict(self.cleaned_data)
        labels = dict(YEAR_GROUPS)
        details["year_groups"] = ", ".join(str(labels[year]) for year in details["year_groups"])
        return details

    def summary(self):
        rows = super().summary()
        if not self.cleaned_data.get("when_full"):
            rows = [row for row, name in zip(rows, self.fields, strict=True) if name != "when_full"]
        return rows

    def summary_value(self, name, value):
        if name == "when_full":
            return dict(self.fields["when_full"].choices).get(value, "")
        if name == "year_groups":
            labels = dict(YEAR_GROUPS)
            return [str(labels[year]) for year in value]
        return value


class YoungPersonForm(StepForm):
    participant_name = name_field(required_message=_("Enter the young person's full name"))
    date_of_birth = DateOfBirthField(label=_("Date of birth"), help_text=_("For example, 27 3 2011"))
    summary_labels = {"participant_name": _("Young person's name")}

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        programme = self.run.programme
        low, high = programme.min_age, programme.max_age
        age = age_on(born, self.run.start_date)
        if (low is not None and age < low) or (high is not None and age > high):
            raise ValidationError(self._age_message(low, high), code="age")
        return born

    def _age_message(self, low, high):
        params = {"low": low, "high": high, "day": date_format(self.run.start_date, "j F Y")}
        if low is not None and high is not None:
            message = _("The young person must be aged %(low)s to %(high)s on %(day)s, when the first session starts")
        elif low is not None:
            message = _("The young person must be aged %(low)s or over on %(day)s, when the first session starts")
        else:
            message = _("The young person must be aged %(high)s or under on %(day)s, when the first session starts")
        return message % params


class GuardianForm(StepForm):
    contact_name = name_field(required_message=_("Enter the parent or guardian's full name"))
    contact_email = email_field(
        _("Email address"), help_text=_("We will send the confirmation and a link to manage the place here.")
    )
    contact_phone = phone_field(required_message=_("Enter a telephone number"))
    guardian_consent = forms.BooleanField(
        label=_("I am their parent or guardian and I agree to them taking part"),
        required=False,
    )
    photo_consent = forms.BooleanField(
        label=_("The hub may take photographs of them at sessions and use them to tell people about its work"),
        required=False,
    )
    summary_labels = {
        "contact_name": _("Parent or guardian"),
        "guardian_consent": _("Parent or guardian consent"),
        "photo_consent": _("Photographs"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.needs_consent:
            del self.fields["guardian_consent"]
        if self.guardian_optional:
            self._ask_the_young_person()

    @property
    def needs_consent(self):
        born = self.earlier.get("date_of_birth")
        return born is None or age_on(born, self.run.start_date) < CONSENT_AGE

    # 16 and 17-year-olds register themselves: a parent or guardian is optional unless the run requires one.

    @property
    def guardian_optional(self):
        return not self.needs_consent and not self.run.guardian_required_over_16

    @property
    def page_heading(self):
        return _("Your contact details") if self.guardian_optional else None

    def _ask_the_young_person(self):
        name = self.fields["contact_name"]
        name.required = False
        name.label = _("Parent or guardian's full name (optional)")
        name.help_text = _("Leave this empty if you are registering yourself.")
        self.fields["contact_email"].help_text = _(
            "Yours, or a parent or guardian's. We will send the confirmation and a link to manage the place here."
        )
        self.fields["contact_phone"].help_text = _("Yours, or a parent or guardian's.")
        self.fields["photo_consent"].label = _(
            "The hub may take photographs of me at sessions and use them to tell people about its work"
        )
        self.summary_labels = {**self.summary_labels, "contact_name": _("Parent or guardian")}

    def clean_contact_name(self):
        name = self.cleaned_data["contact_name"]
        if not name and self.guardian_optional:
            return self.earlier.get("participant_name", "")
        return name

    def clean_guardian_consent(self):
        if not self.cleaned_data["guardian_consent"]:
            raise ValidationError(
                _("A parent or guardian must agree for a young person under 16 to take part"), code="consent"
            )
        return True


class EmergencyContactForm(StepForm):
    emergency_contact_name = name_field(required_message=_("Enter the emergency contact's full name"))
    emergency_contact_phone = phone_field(
        required_message=_("Enter the emergency contact's telephone number"),
        help_text=_("A number we can ring during sessions."),
    )
    summary_labels = {
        "emergency_contact_name": _("Emergency contact"),
        "emergency_contact_phone": _("Emergency telephone number"),
    }


class NeedsForm(StepForm):
    medical_needs = free_text_field(
        _("Medical needs (optional)"),
        help_text=_("For example, conditions, medicines or allergies the staff should know about."),
        too_long_message=_("Medical needs must be 2,000 characters or fewer"),
    )
    dietary_needs = free_text_field(
        _("Dietary needs (optional)"), too_long_message=_("Dietary needs must be 2,000 characters or fewer")
    )
    access_needs = free_text_field(
        _("Access or support needs (optional)"),
        too_long_message=_("Access or support needs must be 2,000 characters or fewer"),
    )
    summary_labels = {
        "medical_needs": _("Medical needs"),
        "dietary_needs": _("Dietary needs"),
        "access_needs": _("Access or support needs"),
    }


class ChangePlacesForm(forms.Form):
    places = forms.IntegerField(
        label=_("Number of places"),
        min_value=1,
        error_messages={
            "required": _("Enter the number of places"),
            "invalid": _("Enter the number of places as a whole number, like 8"),
            "min_value": _("Number of places must be 1 or more"),
        },
    )

    def __init__(self, *args, booking, **kwargs):
        self.booking = booking
        super().__init__(*args, **kwargs)

    def clean_places(self):
        places = self.cleaned_data["places"]
        if self.booking.kind != BookingMode.SCHOOL:
            raise ValidationError(_("A registration is for one young person and cannot change places"), code="kind")
        most = self.booking.run.per_school_cap or self.booking.run.capacity
        if places > most:
            raise ValidationError(
                _("A school can book up to %(most)s places on this run. Enter %(most)s or fewer."),
                code="over_cap",
                params={"most": most},
            )
        if places == self.booking.places:
            raise ValidationError(
                _("Enter a different number from the %(places)s places you have now"),
                code="unchanged",
                params={"places": places},
            )
        return places


class CancelBookingForm(forms.Form):
    confirm = forms.ChoiceField(
        label=_("Are you sure you want to cancel this booking?"),
        choices=[("yes", _("Yes, cancel it")), ("no", _("No, keep it"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select yes if you want to cancel this booking")},
    )


class AcceptOfferForm(forms.Form):
    """No answers: a place to hang the service's errors for the error summary."""


# The manage page's "change your details" form: what ``bookings.changes.BOOKER_EDITABLE`` allows for the kind.


class SchoolDetailsForm(forms.Form):
    contact_name = SchoolContactForm.base_fields["contact_name"]
    contact_role = SchoolContactForm.base_fields["contact_role"]
    contact_email = SchoolContactForm.base_fields["contact_email"]
    contact_phone = SchoolContactForm.base_fields["contact_phone"]
    year_groups = PupilsForm.base_fields["year_groups"]
    additional_needs = PupilsForm.base_fields["additional_needs"]

    def __init__(self, *args, booking, **kwargs):
        labels = {str(label): value for value, label in YEAR_GROUPS}
        initial = {name: getattr(booking, name) for name in self.base_fields}
        initial["year_groups"] = [labels[year] for year in booking.year_groups.split(", ") if year in labels]
        super().__init__(*args, initial=initial, **kwargs)

    def details(self):
        details = dict(self.cleaned_data)
        labels = dict(YEAR_GROUPS)
        details["year_groups"] = ", ".join(str(labels[year]) for year in details["year_groups"])
        return details


HEALTH_HINT = _("What you told us before is not shown here, to keep it private. Leave this empty to keep it.")


class ParticipantDetailsForm(forms.Form):
    """Contact and emergency contact shown to change; health details only written over (never shown back)."""

    contact_name = name_field(required_message=_("Enter the contact's full name"))
    contact_email = GuardianForm.base_fields["contact_email"]
    contact_phone = GuardianForm.base_fields["contact_phone"]
    emergency_contact_name = EmergencyContactForm.base_fields["emergency_contact_name"]
    emergency_contact_phone = EmergencyContactForm.base_fields["emergency_contact_phone"]
    medical_needs = free_text_field(
        _("New medical needs (optional)"),
        help_text=HEALTH_HINT,
        too_long_message=_("Medical needs must be 2,000 characters or fewer"),
    )
    dietary_needs = free_text_field(
        _("New dietary needs (optional)"),
        help_text=HEALTH_HINT,
        too_long_message=_("Dietary needs must be 2,000 characters or fewer"),
    )
    access_needs = free_text_field(
        _("New access or support needs (optional)"),
        help_text=HEALTH_HINT,
        too_long_message=_("Access or support needs must be 2,000 characters or fewer"),
    )
    HEALTH = ("medical_needs", "dietary_needs", "access_needs")

    def __init__(self, *args, booking, **kwargs):
        initial = {name: getattr(booking, name) for name in self.base_fields if name not in self.HEALTH}
        super().__init__(*args, initial=initial, **kwargs)

    def details(self):
        return {name: value for name, value in self.cleaned_data.items() if name not in self.HEALTH or value}


def details_form(booking, data=None):
    form_class = SchoolDetailsForm if booking.kind == BookingMode.SCHOOL else ParticipantDetailsForm
    return form_class(data, booking=booking)
