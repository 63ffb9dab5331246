from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.models import MAX_AGE, MIN_AGE, Audience


class ProgrammeFilterForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("Who it is for"),
        choices=[("", _("Anyone")), *Audience.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    age = forms.IntegerField(
        label=_("Age of the young person"),
        required=False,
        min_value=MIN_AGE,
        max_value=MAX_AGE,
        error_messages={
            "invalid": _("Enter an age as a number, like 14"),
            "min_value": _("Enter an age of %(limit_value)s or more"),
            "max_value": _("Enter an age of %(limit_value)s or less"),
        },
    )
