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

    county = forms.BooleanField(label=_("Show services across the county"), required=False)

    def __init__(self, *args, hub=None, **kwargs):
        """``hub`` is the hub whose site answered: its areas only, unless the county is asked for (or no hub)."""
        super().__init__(*args, **kwargs)
        self.hub = hub
        terms = TaxonomyTerm.objects.order_by("name").values_list("slug", "name")
        self.fields["category"].choices = [("", _("All kinds of help")), *terms]
        self.fields["area"].choices = [("", _("All areas")), *self.area_choices()]

    def wants_county(self):
        return self.hub is None or bool(self.is_bound and self.fields["county"].clean(self.data.get("county")))

    def area_choices(self):
        """The hub's own areas; across the county, every area grouped under its hub's name (one query)."""
        areas = Area.objects.select_related("hub").order_by("hub__sort_order", "hub__name", "sort_order", "name")
        if not self.wants_county():
            return [(area.slug, area.name) for area in areas.filter(hub_id=self.hub.pk)]
        groups = {}
        for area in areas:
            groups.setdefault(area.hub.name, []).append((area.slug, area.name))
        return list(groups.items())

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
