from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models import Area, TaxonomyTerm
from directory.models.entries import MAX_AGE
from directory.search import DirectoryFilters, clean_query


class LenientChoiceField(forms.ChoiceField):
    """A choice that means "any" when the value is not on the list: an old bookmark or an edited address."""

    def clean(self, value):
        value = self.to_python(value)
        return value if self.valid_value(value) else ""


class DirectorySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the directory"),
        help_text=_("For example, noise, street drinking or housing"),
        required=False,
        strip=False,
    )
    category = LenientChoiceField(label=_("Kind of help"), required=False)
    area = LenientChoiceField(label=_("Area"), required=False)
    age = forms.IntegerField(
        label=_("Age of the person who needs help"),
        required=False,
        min_value=0,
        max_value=MAX_AGE,
        error_messages={
            "invalid": _("Enter an age as a number, like 15"),
            "min_value": _("Enter an age of %(limit_value)s or more"),
            "max_value": _("Enter an age of %(limit_value)s or less"),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        terms = TaxonomyTerm.objects.order_by("name").values_list("slug", "name")
        areas = Area.objects.order_by("sort_order", "name").values_list("slug", "name")
        self.fields["category"].choices = [("", _("All kinds of help")), *terms]
        self.fields["area"].choices = [("", _("All areas")), *areas]

    def clean_q(self):
        return clean_query(self.cleaned_data["q"])

    def valid_answers(self):
        """The answers that are valid: a bad age never hides the results of a good search."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return self.cleaned_data

    def query(self):
        return self.valid_answers().get("q", "")

    def filters(self):
        answers = self.valid_answers()
        return DirectoryFilters(
            category=answers.get("category", ""), area=answers.get("area", ""), age=answers.get("age")
        )
