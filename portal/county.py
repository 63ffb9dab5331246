"""The county view: every hub's figures side by side, counts only.

Each hub's figures come from the registered figure sections (``portal.figures``), one call per hub with just that
hub, so a section that counts only inside its ``hubs`` gives each hub only its own numbers. The nested figures are
flattened into rows of counts; lists of per-run or per-month rows become their totals, breakdowns (``by_...``)
keep a row per label. Nothing personal is read: the sections return counts.
"""

import csv
from datetime import datetime, time

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import capfirst

from .exports import csv_cell
from .figures import section_figures
from .models import Hub


def month_start_a_year_ago(today):
    year, month = (today.year - 1, today.month + 1) if today.month < 12 else (today.year, 1)
    return today.replace(year=year, month=month, day=1)


def county_figures(*, now=None, hubs=None):
    """``{"hubs": [...], "rows": [{"label", "values": [per hub], "total"}], "period_start", "today"}``."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    period_start = month_start_a_year_ago(today)
    start = timezone.make_aware(datetime.combine(period_start, time.min))
    hubs = list(hubs if hubs is not None else Hub.objects.select_related("site__root_page"))
    per_hub = [flatten(section_figures(start=start, today=today, hubs=[hub])) for hub in hubs]
    labels = []
    for counts in per_hub:
        labels.extend(label for label in counts if label not in labels)
    rows = []
    for label in labels:
        values = [counts.get(label, 0) for counts in per_hub]
        total = sum(v or 0 for v in values) if all(isinstance(v, int) or v is None for v in values) else None
        rows.append({"label": label, "values": values, "total": total})
    return {"hubs": hubs, "rows": rows, "period_start": period_start, "today": today}


def _label(*parts):
    return " – ".join(capfirst(str(part).replace("_", " ")) for part in parts if part not in ("", None))


def _is_number(value):
    return isinstance(value, int | float) and not isinstance(value, bool)


def flatten(figures):
    """``{label: number}`` from a section's nested figures (numbers, dicts of numbers, lists of dict rows)."""
    flat = {}
    for name, value in figures.items():
        if _is_number(value) or value is None:
            flat[_label(name)] = value
        elif isinstance(value, dict):
            flat.update({_label(name, key): inner for key, inner in value.items() if _is_number(inner)})
        elif isinstance(value, list | tuple):
            rows = [row for row in value if isinstance(row, dict)]
            flat.update(_breakdown(name, rows) if name.startswith("by_") else _totals(name, rows))
    return flat


def _breakdown(name, rows):
    return {
        _label(name, row.get("label") or row.get("key"), key): inner
        for row in rows
        for key, inner in row.items()
        if _is_number(inner)
    }


def _totals(name, rows):
    totals = {}
    for row in rows:
        for key, inner in row.items():
            if _is_number(inner) and key not in ("pk", "id"):
                totals[key] = totals.get(key, 0) + inner
    return {_label(name, key): total for key, total in totals.items()}


def county_csv(figures):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="county-figures-{figures["today"].isoformat()}.csv"'
    writer = csv.writer(response)
    writer.writerow([csv_cell(cell) for cell in ["Figure", *(hub.name for hub in figures["hubs"]), "County"]])
    for row in figures["rows"]:
        cells = [
            row["label"],
            *("" if v is None else v for v in row["values"]),
            "" if row["total"] is None else row["total"],
        ]
        writer.writerow([csv_cell(cell) for cell in cells])
    return response
