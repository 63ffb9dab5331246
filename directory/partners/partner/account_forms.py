"""Validation of the invitation link's pages. No writes here."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PASSWORD_MAX = 128


class SetPasswordForm(forms.Form):
    """The invited person chooses a password for the invited address (Django's password validators)."""

    password1 = forms.CharField(
        label=_("Create a password"),
        help_text=_("Use at least 12 characters. Avoid common words and anything like your email address."),
        max_length=PASSWORD_MAX,
        strip=False,
        widget=forms.PasswordInput,
        error_messages={
            "required": _("Enter a password"),
            "max_length": _("Password must be %(limit_value)d characters or fewer"),
        },
    )
    password2 = forms.CharField(
        label=_("Confirm your password"),
        max_length=PASSWORD_MAX,
        strip=False,
        widget=forms.PasswordInput,
        error_messages={
            "required": _("Confirm your password"),
            "max_length": _("Password must be %(limit_value)d characters or fewer"),
        },
    )

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_password1(self):
        password = self.cleaned_data["password1"]
        candidate = get_user_model()(email=self.email, username=self.email.split("@")[0])
        password_validation.validate_password(password, user=candidate)
        return password

    def clean(self):
        cleaned_data = super().clean()
        first, second = cleaned_data.get("password1"), cleaned_data.get("password2")
        if first and second and first != second:
            self.add_error("password2", ValidationError(_("The passwords do not match"), code="mismatch"))
        return cleaned_data
