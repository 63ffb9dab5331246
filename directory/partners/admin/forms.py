"""Hub staff's invitation form: validation only; the create view hands it to the service."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from directory.models import Organisation
from directory.partners.models import HubPartnership, Invitation
from portal.hubs import hubs_for

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


class HubPartnershipForm(WagtailAdminModelForm):
    """Which organisation works with which of the coordinator's hubs."""

    class Meta:
        model = HubPartnership
        fields = ["hub", "organisation"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hubs = hubs_for(self.for_user).order_by("sort_order", "name")
        self.fields["hub"].queryset = hubs
        if len(hubs) == 1:
            self.fields["hub"].initial = hubs[0].pk
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["hub"].error_messages["required"] = _("Select the hub")
        self.fields["organisation"].error_messages["required"] = _("Select the organisation")
