"""Charts as plain geometry: numbers go in, the shapes of an SVG come out, in the units of
its viewBox. The theme's ``_charts.html`` writes them out, with a title, a description and
a table of the same numbers; its CSS colours them by class, so that light and dark both work.

No charting library is used: the Python ones write a stylesheet, scripts and random ids
into every chart, none of which a static, accessible page in two colour schemes wants.
The charts are sized for a phone: a viewBox 360 units wide, text 12 units high.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from math import ceil, log10
from unicodedata import east_asian_width

WIDTH = 360
LABELS = 100  # the column of row labels, left of horizontal bars
ROW = 24  # a row of horizontal bars
BAR = 11  # one bar of a row of bars side by side
TOP = 8
AXIS = 18  # below the plot: tick labels
LINE_HEIGHT = 180


@dataclass(frozen=True)
class Shape:
    """One SVG element: ``tag`` with ``attributes``, its class ``css`` and any text."""

    tag: str  # rect, line, polyline, circle or text
    css: str
    attributes: tuple[tuple[str, str], ...]
    text: str = ""


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    shapes: tuple[Shape, ...]
    series: tuple[str, ...]  # the keys of its series, in the order of the legend


def _shape(tag: str, css: str, text: str = "", **attributes: float | str) -> Shape:
    written = tuple((name.replace("_", "-"), _number(value)) for name, value in attributes.items())
    return Shape(tag, css, written, text)


def _number(value: float | str) -> str:
    return value if isinstance(value, str) else f"{value:.1f}".removesuffix(".0")


def _ticks(largest: float) -> list[float]:
    """Round steps from 0 to at least ``largest``: at most five of them."""
    if largest <= 0:
        return [0, 1]
    step = 10 ** int(log10(largest))
    for factor in (0.1, 0.2, 0.5, 1, 2, 5, 10):
        if largest / (step * factor) <= 5:
            step = step * factor
            break
    step = max(step, 1)
    return [i * step for i in range(ceil(largest / step) + 1)]


def bars(rows: Sequence[tuple[str, Mapping[str, int]]], series: Sequence[str], *, stacked: bool = True) -> Chart:
    """Horizontal bars, one row per label: the series stacked in one bar, or side by side
    as thinner bars (a row of them taller). Each bar ends with its number."""
    largest = max((sum(v.values()) if stacked else max(v.values(), default=0) for _, v in rows), default=0)
    ticks = _ticks(largest)
    room = WIDTH - LABELS - 28  # the last 28 units hold the number at a bar's end
    scale = room / ticks[-1]
    row = ROW if stacked else 6 + BAR * len(series)
    height = TOP + row * len(rows) + AXIS
    shapes = [shape for t in ticks for shape in _gridline(LABELS + t * scale, TOP, height - AXIS, _number(t))]
    for index, (label, values) in enumerate(rows):
        top = TOP + row * index
        shapes.append(_shape("text", "label", _short(label), x=LABELS - 6, y=top + row / 2 + 4, text_anchor="end"))
        shapes += _stacked(values, series, top, scale) if stacked else _side_by_side(values, series, top, scale)
    return Chart(WIDTH, height, tuple(shapes), tuple(series))


def _stacked(values: Mapping[str, int], series: Sequence[str], top: float, scale: float) -> list[Shape]:
    shapes, x = [], float(LABELS)
    for name in series:
        if values.get(name):
            width = values[name] * scale
            shapes.append(_shape("rect", f"bar s-{name}", x=x, y=top + 4, width=width, height=ROW - 8))
            x += width
    total = sum(values.get(name, 0) for name in series)
    shapes.append(_shape("text", "value", str(total), x=x + 4, y=top + ROW / 2 + 4))
    return shapes


def _side_by_side(values: Mapping[str, int], series: Sequence[str], top: float, scale: float) -> list[Shape]:
    shapes = []
    for position, name in enumerate(series):
        y = top + 3 + position * BAR
        width = values.get(name, 0) * scale
        shapes.append(_shape("rect", f"bar s-{name}", x=LABELS, y=y, width=width, height=BAR - 2))
        shapes.append(_shape("text", "value small", str(values.get(name, 0)), x=LABELS + width + 3, y=y + BAR - 3))
    return shapes


def _gridline(x: float, top: float, bottom: float, label: str) -> list[Shape]:
    return [
        _shape("line", "grid", x1=x, y1=top, x2=x, y2=bottom),
        _shape("text", "label small", label, x=x, y=bottom + 13, text_anchor="middle"),
    ]


def lines(
    labels: Sequence[str],
    values: Mapping[str, Sequence[float | None]],
    *,
    percent: bool = False,
    reference: float | None = None,
) -> Chart:
    """Lines across points in time (``labels``, oldest first), each series a line with a dot
    at each point it has; ``reference`` a dashed level (the 8:2 newcomer share, 0.2)."""
    numbers = [v for series in values.values() for v in series if v is not None]
    ticks = [0, 0.25, 0.5, 0.75, 1.0] if percent else _ticks(max(numbers, default=0))
    left, bottom = 36, LINE_HEIGHT - AXIS
    scale = (bottom - TOP) / ticks[-1]
    step = (WIDTH - left - 8) / max(len(labels) - 1, 1)
    shapes = [
        shape for t in ticks for shape in _level(left, bottom - t * scale, _percent(t) if percent else _number(t))
    ]
    if reference is not None:
        shapes.append(
            _shape(
                "line", "reference", x1=left, y1=bottom - reference * scale, x2=WIDTH - 8, y2=bottom - reference * scale
            )
        )
    for name, series in values.items():
        points = [(left + i * step, bottom - v * scale) for i, v in enumerate(series) if v is not None]
        if len(points) > 1:
            drawn = " ".join(f"{_number(x)},{_number(y)}" for x, y in points)
            shapes.append(_shape("polyline", f"line s-{name}", points=drawn))
        shapes += [_shape("circle", f"dot s-{name}", cx=x, cy=y, r=2.5) for x, y in points]
    for index in _labelled(len(labels)):
        anchor = "start" if index == 0 else "end" if index == len(labels) - 1 else "middle"  # inside the chart
        x = left + index * step
        shapes.append(_shape("text", "label small", labels[index], x=x, y=bottom + 13, text_anchor=anchor))
    return Chart(WIDTH, LINE_HEIGHT, tuple(shapes), tuple(values))


def _level(left: float, y: float, label: str) -> list[Shape]:
    return [
        _shape("line", "grid", x1=left, y1=y, x2=WIDTH - 8, y2=y),
        _shape("text", "label small", label, x=left - 4, y=y + 4, text_anchor="end"),
    ]


def _labelled(count: int) -> list[int]:
    """The points whose label is written under the axis: the first, the last and two between."""
    if count <= 4:
        return list(range(count))
    return sorted({0, count // 3, 2 * count // 3, count - 1})


def _percent(value: float) -> str:
    return f"{round(value * 100)}%"


def month_grid(months: Mapping[str, int]) -> Chart:
    """A year to a row, a month to a column: each month with its number of events."""
    years = sorted({int(month[:4]) for month in months})
    if not years:
        return Chart(WIDTH, 0, (), ())
    cell = (WIDTH - 44) / 12
    shapes = [
        _shape("text", "label small", str(m), x=44 + (m - 0.5) * cell, y=12, text_anchor="middle") for m in range(1, 13)
    ]
    for row, year in enumerate(range(years[0], years[-1] + 1)):
        top = 18 + row * cell
        shapes.append(_shape("text", "label", str(year), x=38, y=top + cell / 2 + 4, text_anchor="end"))
        for month in range(1, 13):
            count = months.get(f"{year:04}-{month:02}", 0)
            x = 44 + (month - 1) * cell
            css = f"cell level-{min(count, 3)}"
            shapes.append(_shape("rect", css, x=x + 1, y=top + 1, width=cell - 2, height=cell - 2, rx=3))
            if count:
                shapes.append(
                    _shape("text", "cell-count", str(count), x=x + cell / 2, y=top + cell / 2 + 4, text_anchor="middle")
                )
    return Chart(WIDTH, round(18 + (years[-1] - years[0] + 1) * cell + 2), tuple(shapes), ())


def _short(label: str, room: float = LABELS - 10) -> str:
    """The label, cut to fit the column of labels: a wide (CJK) character takes twice the room."""
    used = 0.0
    for index, character in enumerate(label):
        used += 12 if east_asian_width(character) in "WF" else 6.6
        if used > room:
            return label[: max(index - 1, 1)] + "…"
    return label
