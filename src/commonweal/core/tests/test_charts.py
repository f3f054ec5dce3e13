"""Bar chart layout: plain numbers, no Django."""

import pytest

from commonweal.core.charts import bar_chart


def test_the_largest_value_fills_the_plot_and_others_are_in_proportion():
    chart = bar_chart(
        [("Northbank", 10), ("Southbank", 5), ("Docks", 0)],
        width=600,
        label_width=200,
        value_space=0,
    )
    assert [bar.width for bar in chart.bars] == [400, 200, 0]
    assert all(bar.x == 200 for bar in chart.bars)


def test_rows_stack_downwards_in_the_order_given_and_the_chart_is_tall_enough():
    chart = bar_chart([("A", 1), ("B", 2)], bar_height=20, gap=10)
    assert [bar.label for bar in chart.bars] == ["A", "B"]
    assert [bar.y for bar in chart.bars] == [10, 40]
    assert chart.height == 70


def test_the_value_is_written_just_after_its_bar():
    chart = bar_chart([("A", 3)], width=500, label_width=100, value_space=50)
    bar = chart.bars[0]
    assert bar.width == 350 and bar.value_x == 100 + 350 + 6


def test_no_rows_or_all_zero_gives_empty_bars_not_an_error():
    assert bar_chart([]).bars == ()
    assert bar_chart([("A", 0)]).bars[0].width == 0


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        bar_chart([("A", -1)])
