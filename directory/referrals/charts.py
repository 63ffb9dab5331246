"""Geometry for the figures page's server-rendered SVG charts. The template draws; nothing here queries.

Every chart is labelled in text (axis labels, values, a legend) and sits beside a table of the same numbers,
so no figure depends on colour or on seeing the picture.
"""

from dataclasses import dataclass, field

# Colours with at least 3:1 contrast against white (WCAG 1.4.11).
SERIES_COLOURS = ("#1d70b8", "#00703c", "#d4351c", "#4c2c92", "#505a5f")

CHART_WIDTH = 640
LABEL_WIDTH = 190
VALUE_GAP = 6
BAR_HEIGHT = 14
BAR_GAP = 2
GROUP_GAP = 10
COLUMN_PLOT_HEIGHT = 180
AXIS_SPACE = 40
LEGEND_ROW = 18


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    value: int
    label: str
    value_x: float = 0
    value_y: float = 0


@dataclass
class Chart:
    width: int
    height: int
    bars: list = field(default_factory=list)
    labels: list = field(default_factory=list)
    legend: list = field(default_factory=list)
    baseline: dict = field(default_factory=dict)


def _legend(series, top):
    return [
        {"x": 0, "y": top + index * LEGEND_ROW, "colour": SERIES_COLOURS[index % len(SERIES_COLOURS)], "label": label}
        for index, (_key, label) in enumerate(series)
    ]


def bar_chart(rows, series, *, label_key="label"):
    """Horizontal bars, one group per row, one bar per series: ``series`` is [(key, label)]."""
    peak = max((row[key] or 0 for row in rows for key, _label in series), default=0) or 1
    plot_width = CHART_WIDTH - LABEL_WIDTH - 50
    group_height = len(series) * (BAR_HEIGHT + BAR_GAP) + GROUP_GAP
    chart = Chart(width=CHART_WIDTH, height=len(rows) * group_height + len(series) * LEGEND_ROW + 10)
    for row_index, row in enumerate(rows):
        top = row_index * group_height
        chart.labels.append({"x": LABEL_WIDTH - VALUE_GAP, "y": top + group_height / 2 + 2, "text": row[label_key]})
        for index, (key, label) in enumerate(series):
            value = row[key] or 0
            width = plot_width * value / peak
            y = top + index * (BAR_HEIGHT + BAR_GAP)
            chart.bars.append(
                Bar(
                    x=LABEL_WIDTH,
                    y=y,
                    width=round(width, 1),
                    height=BAR_HEIGHT,
                    colour=SERIES_COLOURS[index % len(SERIES_COLOURS)],
                    value=value,
                    label=label,
                    value_x=round(LABEL_WIDTH + width + VALUE_GAP, 1),
                    value_y=y + BAR_HEIGHT - 3,
                )
            )
    chart.legend = _legend(series, len(rows) * group_height + 6) if len(series) > 1 else []
    if not chart.legend:
        chart.height = len(rows) * group_height + 4
    return chart


def column_chart(rows, series, *, label_key="label"):
    """Vertical columns: one group per row (a month), one column per series, values printed above."""
    peak = max((row[key] or 0 for row in rows for key, _label in series), default=0) or 1
    slot = CHART_WIDTH / max(len(rows), 1)
    column = max((slot - 8) / max(len(series), 1), 2)
    chart = Chart(width=CHART_WIDTH, height=COLUMN_PLOT_HEIGHT + AXIS_SPACE + len(series) * LEGEND_ROW)
    chart.baseline = {"y": COLUMN_PLOT_HEIGHT + 15, "width": CHART_WIDTH}
    for row_index, row in enumerate(rows):
        left = row_index * slot + 4
        chart.labels.append(
            {"x": round(left + (slot - 8) / 2, 1), "y": COLUMN_PLOT_HEIGHT + 30, "text": row[label_key]}
        )
        for index, (key, label) in enumerate(series):
            value = row[key] or 0
            height = (COLUMN_PLOT_HEIGHT - 10) * value / peak
            x = left + index * column
            top = COLUMN_PLOT_HEIGHT + 15 - height
            chart.bars.append(
                Bar(
                    x=round(x, 1),
                    y=round(top, 1),
                    width=round(column - 1, 1),
                    height=round(height, 1),
                    colour=SERIES_COLOURS[index % len(SERIES_COLOURS)],
                    value=value,
                    label=label,
                    value_x=round(x + (column - 1) / 2, 1),
                    value_y=round(top - 3, 1),
                )
            )
    chart.legend = _legend(series, COLUMN_PLOT_HEIGHT + AXIS_SPACE + 4)
    return chart
