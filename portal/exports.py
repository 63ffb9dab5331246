"""Spreadsheet exports from the admin that are safe to open in Excel."""

from wagtail_modeladmin.views import IndexView

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """Text typed by the public that starts like a formula is prefixed with ' so a spreadsheet shows it as text
    (OWASP CSV injection)."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class SafeExportIndexView(IndexView):
    custom_value_preprocess = {
        **IndexView.custom_value_preprocess,
        str: {IndexView.FORMAT_CSV: neutralise_formula},
    }
