from django import forms
from django.utils.translation import gettext_lazy as _

from directory.referrals.choices import ACTION_TRANSITIONS


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Progress"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the progress made on the action")},
    )
    note = forms.CharField(
        label=_("Note for the hub (optional)"), required=False, max_length=2000, widget=forms.Textarea
    )

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (status.value, status.label) for status in ACTION_TRANSITIONS.get(action.status, [])
        ]
