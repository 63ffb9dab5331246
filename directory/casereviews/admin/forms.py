"""The small forms of the hub's ASB Case Review steps. No writes here: the views hand the values to services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.casereviews.choices import Threshold
from directory.casereviews.models import CaseReviewSettings


class ThresholdForm(forms.Form):
    threshold = forms.ChoiceField(label=_("Threshold applied"), choices=Threshold.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Reasons for the decision"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For the hub's record. The applicant is told the decision, not these notes."),
    )


class ReviewForm(forms.Form):
    held_on = forms.DateField(label=_("Date of the review meeting"), widget=forms.DateInput(attrs={"type": "date"}))
    agencies_present = forms.CharField(
        label=_("Agencies at the review"), max_length=500, help_text=_("For example: council, police, housing.")
    )
    recommendations_made = forms.BooleanField(label=_("The review made recommendations"), required=False)
    recommendations = forms.CharField(
        label=_("Recommendations"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The applicant reads these through their private link: no names of other people."),
    )


class ResponseForm(forms.Form):
    response = forms.CharField(
        label=_("Response to the applicant"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What the partners will do. The applicant reads it through their private link."),
    )


class LinkReferralForm(forms.Form):
    reference = forms.CharField(
        label=_("Referral reference"), max_length=20, help_text=_("A referral of this hub, like HUB-7KQ2-M9XD.")
    )


class SettingsForm(forms.ModelForm):
    class Meta:
        model = CaseReviewSettings
        fields = ("local_reports", "local_window_days", "decision_days", "review_days", "response_days")
