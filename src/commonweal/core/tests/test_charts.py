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


def test_the_shared_template_draws_a_bar_and_its_value_for_each_row_in_attributes_only():
    from django.template.loader import render_to_string

    chart = bar_chart([("Northbank", 10), ("A very long ward name indeed", 5)], label_width=200)
    svg = render_to_string("includes/bar_chart.html", {"chart": chart, "label_chars": 12})
    assert svg.count("<rect ") == 2 and svg.count('fill="#1d70b8"') == 2
    assert ">Northbank</text>" in svg and ">A very long…</text>" in svg
    assert ">10</text>" in svg and ">5</text>" in svg
    assert "style=" not in svg


def test_the_shared_template_can_set_the_first_bars_apart():
    from django.template.loader import render_to_string

    chart = bar_chart([("Funded", 3), ("Also funded", 2), ("Not funded", 1)])
    svg = render_to_string(
        "includes/bar_chart.html", {"chart": chart, "label_chars": 30, "highlighted": 2}
    )
    assert svg.count('fill="#00703c"') == 2 and svg.count('fill="#505a5f"') == 1
