"""Every spreadsheet the admin exports is safe to open: formulas come out as text, empty cells stay empty.

The guard test walks the whole URL configuration, so an export view that a Wagtail upgrade adds or moves, or a
new snippet or modeladmin listing without the safe index view, fails here rather than shipping unsafe.
"""

import csv
import inspect
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.utils import timezone
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.contrib.forms.utils import get_form_types
from wagtail.contrib.search_promotions.models import Query
from wagtail.log_actions import log
from wagtail.models import Page
from wagtail_modeladmin.options import ModelAdmin

from portal.exports import SafeSpreadsheetExportMixin, csv_cell
from tests.factories import ServiceFactory, StandardPageFactory

HYPERLINK = '=HYPERLINK("http://evil.example","Click")'


@pytest.mark.parametrize(
    "text", [HYPERLINK, "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1", "-", "-5", "=", "'=already quoted"]
)
def test_text_that_starts_like_a_formula_is_quoted_once(text):
    expected = "'" + text if text[0] in "=+-@\t\r" else text
    assert csv_cell(text) == expected


@pytest.mark.parametrize("number", [-3, -2.5, Decimal("-0.50"), 0, 12])
def test_numbers_stay_numbers_even_negative(number):
    """A number cannot carry a formula, and a negative figure must still add up in the spreadsheet."""
    assert csv_cell(number) is number


@pytest.mark.parametrize(("value", "expected"), [(None, ""), ("", ""), ("Westfield Homes", "Westfield Homes")])
def test_empty_stays_empty_and_plain_text_is_untouched(value, expected):
    assert csv_cell(value) == expected


def export_view(callback):
    """(view class, whether it exports anything) for a URL's view, if that view can export a spreadsheet."""
    view = inspect.unwrap(callback)
    if inspect.ismethod(view) and isinstance(view.__self__, ModelAdmin) and view.__name__ == "index_view":
        model_admin = view.__self__
        return model_admin.index_view_class, bool(model_admin.list_export)
    view_class = getattr(callback, "view_class", None)
    if view_class and issubclass(view_class, SpreadsheetExportMixin):
        return view_class, bool(callback.view_initkwargs.get("list_export", view_class.list_export))
    return None


def export_patterns(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from export_patterns(pattern.url_patterns, inner)
        elif pattern.name and export_view(pattern.callback):
            yield f"{namespace}{pattern.name}", pattern


def test_every_export_view_the_admin_routes_is_safe():
    """Views whose list_export is empty write a file of headings only and are left alone."""
    exporting = {name: pattern for name, pattern in export_patterns(get_resolver().url_patterns)}
    exporting = {name: pattern for name, pattern in exporting.items() if export_view(pattern.callback)[1]}
    assert {
        "wagtailadmin_reports:site_history",
        "wagtailadmin_reports:site_history_results",
        "wagtailadmin_reports:aging_pages",
        "wagtailsnippets_directory_service:list",
        "wagtailsnippets_directory_organisation:list",
        "bookings_booking_modeladmin_index",
        "programmes_run_modeladmin_index",
        "wagtailsearchpromotions:search_terms",
        "wagtailredirects:index",
    } <= set(exporting), "the walk finds the export views"
    unsafe = []
    for name, pattern in exporting.items():
        path = reverse(name, kwargs={key: 1 for key in pattern.pattern.converters})
        view_class, _ = export_view(resolve(path).func)
        if not issubclass(view_class, SafeSpreadsheetExportMixin):
            unsafe.append(name)
    assert unsafe == [], "export views reachable without the safe mixin (see portal/exports.py)"
    for form_type in get_form_types():
        assert issubclass(form_type.model_class().submissions_list_view_class, SafeSpreadsheetExportMixin)


def csv_rows(client, url):
    response = client.get(url, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def xlsx_cells(client, url, heading):
    """The cells under ``heading`` in the XLSX export, as openpyxl reads them back."""
    response = client.get(url, {"export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    column = header.index(heading)
    return [row[column] for row in sheet.iter_rows(min_row=2)]


@pytest.fixture
def superuser_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/admin/reports/site-history/", "/admin/reports/site-history/results/"])
def test_site_history_neutralises_a_partners_service_name(superuser_client, admin_user, url):
    service = ServiceFactory(name=HYPERLINK)
    log(instance=service, action="wagtail.edit", user=admin_user)
    (row,) = (row for row in csv_rows(superuser_client, url) if row["ID"] == str(service.pk))
    assert row["Name"] == "'" + HYPERLINK
    assert row["Action type"] == "Edit"
    (cell,) = (cell for cell in xlsx_cells(superuser_client, url, "Name") if HYPERLINK in str(cell.value))
    assert cell.data_type == "s" and cell.value == HYPERLINK, "XLSX keeps the text, as a text cell, never a formula"


@pytest.mark.django_db
def test_aging_and_locked_pages_neutralise_titles(superuser_client, home_page, admin_user):
    page = StandardPageFactory(parent=home_page, title="+cmd|' /C calc'!A0")
    Page.objects.filter(pk=page.pk).update(locked=True, locked_by=admin_user, last_published_at=timezone.now())
    for url in ("/admin/reports/aging-pages/", "/admin/reports/locked/"):
        titles = [row["Title"] for row in csv_rows(superuser_client, url)]
        assert "'+cmd|' /C calc'!A0" in titles, url
        assert "+cmd|' /C calc'!A0" not in titles, url


@pytest.mark.django_db
def test_search_terms_typed_by_the_public_are_neutralised(superuser_client):
    Query.get("@SUM(1+1)*cmd").add_hit()
    (row,) = csv_rows(superuser_client, "/admin/searchpicks/reports/search-terms/")
    assert row["Search term(s)"] == "'@sum(1+1)*cmd"
    assert row["Views"] == "1"
