"""Field checks shared by the partner forms: plain text only, clear messages, real phone numbers and web addresses."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

MARKUP = re.compile(r"<\s*/?\s*[a-z!?][^>]*>", re.IGNORECASE)
PHONE = re.compile(r"\+?[0-9 ()-]+", re.ASCII)


def partner_formfield(db_field, **kwargs):
    """Form fields for the partner forms: web addresses typed without a scheme are taken as https."""
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


def reject_markup(value):
    if isinstance(value, str) and MARKUP.search(value):
        raise ValidationError(
            _("Remove the HTML tags (text between < and >): the directory shows plain text only"), code="markup"
        )


def validate_phone(value):
    digits = sum(character.isdigit() for character in value)
    if not PHONE.fullmatch(value) or not 10 <= digits <= 15:
        raise ValidationError(_("Enter a telephone number, like 01632 960 001 or +44 808 157 0192"), code="invalid")


def _text_field(field, label):
    field.validators.append(reject_markup)
    if field.max_length:
        field.error_messages["max_length"] = _("%(label)s must be %(max)s characters or fewer") % {
            "label": label,
            "max": field.max_length,
        }


def plain_text_errors(form, phones=()):
    """Clear messages on every field of ``form``, the markup check on text, the phone check on ``phones``."""
    for name, field in form.fields.items():
        label = str(field.label or "")
        if isinstance(field, forms.CharField):
            _text_field(field, label)
        if isinstance(field, forms.EmailField):
            field.error_messages["invalid"] = _("Enter an email address in the correct format, like name@example.org")
        if isinstance(field, forms.URLField):
            field.error_messages["invalid"] = _("Enter a full web address, like https://www.example.org/")
            web_only = URLValidator(schemes=["http", "https"], message=field.error_messages["invalid"])
            field.validators = [v for v in field.validators if not isinstance(v, URLValidator)] + [web_only]
        if not field.required and not isinstance(field, forms.BooleanField) and label:
            field.label = _("%(label)s (optional)") % {"label": label}
        if name in phones:
            field.validators.append(validate_phone)
        field.error_messages.setdefault("required", _("Enter %(label)s") % {"label": label.lower()})
