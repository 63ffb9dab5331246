"""Validation of the invitation pages and the staff invitation form. No writes here."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from directory.models import Organisation
from directory.partners.models import Invitation

PASSWORD_MAX = 128
EMAIL_MAX = 254


class SetPasswordForm(forms.Form):
    """The invited person chooses a password for the invited address (Django's password validators)."""

    password1 = forms.CharField(
        label=_("Create a password"),
        help_text=_("Use at least 12 characters. Avoid common words and anything like your email address."),
        max_length=PASSWORD_MAX,
        strip=False,
        error_messages={
            "required": _("Enter a password"),
            "max_length": _("Password must be %(limit_value)d characters or fewer"),
        },
    )
    password2 = forms.CharField(
        label=_("Confirm your password"),
        max_length=PASSWORD_MAX,
        strip=False,
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


class InvitationForm(WagtailAdminModelForm):
    """Hub staff's invitation: which organisation, and the person's email address."""

    class Meta:
        model = Invitation
        fields = ["organisation", "email"]
        help_texts = {
            "email": _("The person is emailed a link to set a password. It works for a limited number of days."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["email"].max_length = EMAIL_MAX
        self.fields["email"].error_messages.update(
            {"required": _("Enter an email address"), "invalid": _("Enter an email address, like name@example.org")}
        )
