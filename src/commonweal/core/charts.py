"""Horizontal bar charts laid out as plain numbers, ready to draw as SVG. No Django here.

A template draws each bar as a rectangle and each label as text; the same rows
go in a data table beside the chart, which is what assistive technology reads.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: int
    y: int
    width: int
    height: int
    label_y: int  # baseline of the row's text, centred on the bar
    value_x: int  # where the value is written, just after the bar


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    label_width: int
    bars: tuple[Bar, ...]


def bar_chart(
    rows: list[tuple[str, int]],
    *,
    width: int = 640,
    label_width: int = 280,
    bar_height: int = 24,
    gap: int = 8,
    value_space: int = 48,
) -> Chart:
    """Lay out one horizontal bar per row, the longest bar for the largest value, in the order given."""
    if any(value < 0 for _label, value in rows):
        raise ValueError("Bar charts here count things: values cannot be negative.")
    plot_width = max(width - label_width - value_space, 1)
    largest = max((value for _label, value in rows), default=0)
    bars = []
    for index, (label, value) in enumerate(rows):
        y = gap + index * (bar_height + gap)
        bar_width = round(plot_width * value / largest) if largest else 0
        bars.append(
            Bar(
                label=label,
                value=value,
                x=label_width,
                y=y,
                width=bar_width,
                height=bar_height,
                label_y=y + bar_height // 2 + 5,
                value_x=label_width + bar_width + 6,
            )
        )
    height = gap + len(rows) * (bar_height + gap)
    return Chart(width=width, height=height, label_width=label_width, bars=tuple(bars))
