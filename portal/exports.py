"""Spreadsheet exports from the admin that are safe to open in Excel or LibreOffice.

Every CSV cell the site writes goes through ``csv_cell``: text that starts like a formula (=, +, -, @, tab, carriage
return) gets a leading ' (OWASP's advice on CSV injection), numbers stay numbers (a number cannot carry a
formula, and -3 must still add up) and empty values stay empty. XLSX cells are typed: Wagtail writes text that
looks like a formula as a text cell, which a spreadsheet shows and never evaluates, so XLSX text is left as typed.

Every admin listing that exports (snippets, wagtail-modeladmin, Wagtail's reports, redirects and search terms)
uses ``SafeSpreadsheetExportMixin``: our own index view classes for snippets and modeladmin, and, for the views
Wagtail routes itself, safe subclasses served at the same addresses by ``admin_export_urlpatterns``, which
``portal.urls`` puts in front of Wagtail's admin URLs. A test walks the URL configuration so that no export view
an upgrade adds or moves is missed.
"""

from collections import OrderedDict
from datetime import datetime
from decimal import Decimal

from django.contrib.admin.utils import label_for_field, lookup_field
from django.urls import path
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.aging_pages import AgingPagesView
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.locked_pages import LockedPagesView
from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView
from wagtail.contrib.redirects.views import IndexView as RedirectIndexView
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportView
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.utils.urlpatterns import decorate_urlpatterns
from wagtail_modeladmin.views import IndexView as ModelAdminIndexView

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBERS = (int, float, Decimal)


def csv_cell(value):
    """What to write in a CSV cell for ``value``: "" for nothing, numbers as they are, a time in the site's time
    zone to the minute, text that starts like a formula prefixed with ' so a spreadsheet shows it as text."""
    if value is None:
        return ""
    if isinstance(value, NUMBERS):
        return value
    if isinstance(value, datetime):
        return (timezone.localtime(value) if timezone.is_aware(value) else value).strftime("%Y-%m-%d %H:%M")
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class SafeSpreadsheetExportMixin:
    """For any view with Wagtail's SpreadsheetExportMixin: CSV cells through ``csv_cell``; blanks stay blank in both."""

    def preprocess_field_value(self, field, value, export_format):
        if value is None or value == "":
            return "" if export_format == self.FORMAT_CSV else None
        value = super().preprocess_field_value(field, value, export_format)
        return csv_cell(value) if export_format == self.FORMAT_CSV else value


class SafeExportIndexView(SafeSpreadsheetExportMixin, ModelAdminIndexView):
    """wagtail-modeladmin's listing, exported to read like a council spreadsheet: headings as people write them
    (the field's label with a capital, "Young person's name", "School URN", not Wagtail's title case "Young Person'S
    Name"), or the model admin's ``export_headings``; choices as their words ("On the waiting list"), ticks as Yes
    or No, times in the site's time zone to the minute, and a blank cell blank (wagtail-modeladmin writes "-" for
    every false value: 0 places, an unticked box, a blank field) while 0 stays 0."""

    def get_heading(self, queryset, field):
        heading = getattr(self.model_admin, "export_headings", {}).get(field)
        if heading:
            return str(heading)
        return capfirst(str(label_for_field(field, model=self.model, model_admin=self.model_admin)))

    def to_row_dict(self, item):
        row = OrderedDict()
        for field in self.list_export:
            model_field, _attr, value = lookup_field(field, item, self.model_admin)
            row[field] = spreadsheet_value(model_field, value)
        return row


def spreadsheet_value(model_field, value):
    """A value as a spreadsheet reader expects it (see ``SafeExportIndexView``)."""
    if value is None or value == "":
        return value
    choices = getattr(model_field, "flatchoices", None)
    if choices:
        return str(dict(choices).get(value, value))
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, datetime):
        return timezone.make_naive(value).replace(second=0, microsecond=0) if timezone.is_aware(value) else value
    return value


class SafeSnippetIndexView(SafeSpreadsheetExportMixin, SnippetIndexView):
    """A snippet listing; set as ``index_view_class`` on every SnippetViewSet."""


WAGTAIL_EXPORT_VIEWS = {
    "reports/locked/": LockedPagesView,
    "reports/workflow/": WorkflowView,
    "reports/workflow_tasks/": WorkflowTasksView,
    "reports/site-history/": LogEntriesView,
    "reports/aging-pages/": AgingPagesView,
    "searchpicks/reports/search-terms/": SearchTermsReportView,
    "redirects/": RedirectIndexView,
}


def safe_export_view(view_class):
    return type(f"Safe{view_class.__name__}", (SafeSpreadsheetExportMixin, view_class), {})


def admin_export_urlpatterns():
    """Wagtail's own export views at their own addresses (under the admin), made safe. Each listing has a results
    address too, which exports just the same."""
    patterns = []
    for route, view_class in WAGTAIL_EXPORT_VIEWS.items():
        safe_view = safe_export_view(view_class)
        patterns += [path(route, safe_view.as_view()), path(f"{route}results/", safe_view.as_view(results_only=True))]
    return decorate_urlpatterns(patterns, require_admin_access)
