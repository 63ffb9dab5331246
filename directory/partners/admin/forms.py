"""Hub staff's invitation form: validation only; the create view hands it to the service."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from directory.models import Organisation
from directory.partners.models import Invitation

EMAIL_MAX = 254


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
