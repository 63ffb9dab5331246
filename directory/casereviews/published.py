"""What residents are told: the figures a hub publishes, built so that nobody can be picked out of them.

Counts only: no free text from any report, no date finer than a quarter (three months), no place finer than an
area. Tables of counts by area and quarter go through ``portal.disclosure.protect`` (small counts shown as "fewer
than N", and secondary suppression so no hidden count can be worked out from the totals). The ASB Case Review
figures are the yearly counts the Anti-social Behaviour, Crime and Policing Act 2014 expects each area to publish,
for the whole hub: published as counted, like every council's.

A handful of aggregate queries, however many referrals there are.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils.translation import gettext_lazy as _

from directory.models import Area
from directory.referrals.choices import Status
from directory.referrals.models import Referral
from portal import disclosure

from .models import CaseReview

QUARTERS_SHOWN = 4
YEARS_SHOWN = 3
NO_AREA = _("Area not given")
QUARTER_NAMES = {1: _("Jan to Mar"), 2: _("Apr to Jun"), 3: _("Jul to Sep"), 4: _("Oct to Dec")}


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @property
    def start(self):
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self):
        return Quarter(self.year + self.number // 4, self.number % 4 + 1).start

    @property
    def label(self):
        return f"{QUARTER_NAMES[self.number]} {self.year}"


def last_complete_quarters(today, count=QUARTERS_SHOWN):
    """The ``count`` quarters before the one ``today`` is in, oldest first."""
    year, number = today.year, (today.month - 1) // 3 + 1
    quarters = []
    for _step in range(count):
        year, number = (year - 1, 4) if number == 1 else (year, number - 1)
        quarters.append(Quarter(year, number))
    return quarters[::-1]


@dataclass
class PublishedTable:
    """A protected table with its row and column labels, ready to show."""

    title: str
    columns: list
    rows: list  # (label, [Cell], total Cell)
    column_totals: list
    total: disclosure.Cell
    withheld: bool


def _counts_by_area_quarter(queryset, date_field, quarters):
    """{(area id or None, Quarter): count} in one query: counted by month, folded into quarters."""
    start, end = quarters[0].start, quarters[-1].end
    rows = (
        queryset.filter(**{f"{date_field}__date__gte": start, f"{date_field}__date__lt": end})
        .annotate(year=ExtractYear(date_field), month=ExtractMonth(date_field))
        .values("area_id", "year", "month")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts = {}
    for row in rows:
        key = (row["area_id"], Quarter(row["year"], (row["month"] - 1) // 3 + 1))
        counts[key] = counts.get(key, 0) + row["count"]
    return counts


def _table(title, areas, counts, quarters, threshold):
    row_keys = [(area.pk, area.name) for area in areas]
    if any(area_id is None for area_id, _quarter in counts):
        row_keys.append((None, NO_AREA))
    values = [[counts.get((area_id, quarter), 0) for quarter in quarters] for area_id, _name in row_keys]
    protected = disclosure.protect(values or [[0] * len(quarters)], threshold)
    labels = [name for _area_id, name in row_keys] or [NO_AREA]
    return PublishedTable(
        title=title,
        columns=[quarter.label for quarter in quarters],
        rows=list(zip(labels, protected.cells, protected.row_totals, strict=True)),
        column_totals=protected.column_totals,
        total=protected.total,
        withheld=protected.withheld,
    )


def area_quarter_tables(hub, today, threshold):
    """Reports received, and reports resolved or closed, by area and quarter, for the last four whole quarters."""
    quarters = last_complete_quarters(today)
    areas = list(Area.objects.filter(hub=hub).order_by("sort_order", "name").only("pk", "name"))
    referrals = Referral.objects.filter(hub=hub)
    received = _counts_by_area_quarter(referrals, "submitted_at", quarters)
    resolved = _counts_by_area_quarter(
        referrals.filter(status__in=(Status.RESOLVED, Status.CLOSED)), "finished_at", quarters
    )
    return [
        _table(_("Reports received"), areas, received, quarters, threshold),
        _table(_("Reports resolved or closed"), areas, resolved, quarters, threshold),
    ]


def case_review_figures(hub, today, years=YEARS_SHOWN):
    """The Act's yearly figures for ``hub``, the most recent year first, every year shown even with none."""
    counted = {
        row["submitted_at__year"]: row
        for row in CaseReview.objects.filter(hub=hub, submitted_at__year__gt=today.year - years).yearly_figures()
    }
    empty = {"received": 0, "not_met": 0, "reviews": 0, "with_recommendations": 0}
    return [
        {"year": year, **{key: counted.get(year, empty)[key] for key in empty}}
        for year in range(today.year, today.year - years, -1)
    ]
