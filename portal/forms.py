"""Form pieces every public question page shares: text, GOV.UK date input, telephone and email fields, the
honeypot, and the check-answers POST."""

import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EMAIL_MAX = 254
PHONE_CHARACTERS = re.compile(r"\+?[0-9 ()-]+", re.ASCII)
DATE_PARTS = ("day", "month", "year")
# A field people never see or reach (templates/includes/forms/honeypot.html); bots that fill every input fill it.
HONEYPOT_FIELD = "website"


def validate_phone(value):
    digits = sum(character.isdigit() for character in value)
    if not PHONE_CHARACTERS.fullmatch(value) or not 10 <= digits <= 15:
        raise ValidationError(
            _("Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"), code="invalid"
        )


def text_field(label, *, max_length, too_long_message, required_message=None, textarea=False, **kwargs):
    """A text answer, required when it has a ``required_message``; ``textarea`` for a long one."""
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required_message is not None,
        widget=forms.Textarea if textarea else forms.TextInput,
        error_messages={"required": required_message or "", "max_length": too_long_message},
        **kwargs,
    )


def email_field(label, **kwargs):
    return forms.EmailField(
        label=label,
        max_length=EMAIL_MAX,
        error_messages={
            "required": _("Enter an email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            "max_length": _("Email address must be 254 characters or fewer"),
        },
        **kwargs,
    )


class DateInputWidget(forms.Widget):
    """The GOV.UK date input: three boxes named ``<name>-day``, ``<name>-month`` and ``<name>-year``.

    Rendered by templates/includes/forms/date_input.html, never by Django's widget machinery.
    """

    def value_names(self, name):
        """The names of the three boxes, which are what this widget reads from a POST."""
        return [f"{name}-{part}" for part in DATE_PARTS]

    def value_from_datadict(self, data, files, name):
        return {part: data.get(box, "") for part, box in zip(DATE_PARTS, self.value_names(name), strict=True)}

    def value_omitted_from_data(self, data, files, name):
        return not any(box in data for box in self.value_names(name))

    def id_for_label(self, id_):
        return f"{id_}-day" if id_ else id_


class GovukDateField(forms.Field):
    """A date from the GOV.UK day, month and year boxes, with GOV.UK's error messages.

    ``error_parts`` names the boxes to highlight when the date is wrong. Subclasses give the messages
    ("required", "incomplete", "invalid", "year" and their own) and check the range in ``check_date``.
    """

    widget = DateInputWidget

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.error_parts = DATE_PARTS

    def prepare_value(self, value):
        if isinstance(value, date):
            return {"day": value.day, "month": value.month, "year": value.year}
        return value

    def incomplete_message(self, missing):
        return self.error_messages["incomplete"]

    def check_date(self, value):
        """Raise ValidationError for a real date outside the range this field accepts."""

    def to_python(self, value):
        self.error_parts = DATE_PARTS
        parts = {part: str((value or {}).get(part, "")).strip() for part in DATE_PARTS}
        if not any(parts.values()):
            return None
        missing = tuple(part for part in DATE_PARTS if not parts[part])
        if missing:
            self.error_parts = missing
            raise ValidationError(self.incomplete_message(missing), code="incomplete")
        if not all(part.isascii() and part.isdigit() and len(part) <= 4 for part in parts.values()):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if len(parts["year"]) != 4:
            self.error_parts = ("year",)
            raise ValidationError(self.error_messages["year"], code="year")
        try:
            value = date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
        except ValueError as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error
        self.check_date(value)
        return value


class CheckAnswersForm(forms.Form):
    """The check answers page's POST: the key that makes a repeated POST return the first submission."""

    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, expected_key, **kwargs):
        self.expected_key = expected_key
        kwargs.setdefault("initial", {"submission_key": expected_key})
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("submission_key") != self.expected_key:
            raise ValidationError(
                _("Your answers were changed in another window. Check them and send them again."), code="stale"
            )
        return cleaned_data
