"""The payments compliance benchmark's parts, run small: a few hundred invoices written the way the
benchmark writes them (one INSERT over generate_series), the report and the hand-written SQL giving
the same totals. Nothing is timed here (bench/payments_report.py times them).

Runs on PostgreSQL only: the benchmark's INSERT uses generate_series and arrays.
"""

import sys
from pathlib import Path

import pytest
from django.db import connection  # noqa: F401  (the skip condition reads it)

sys.path.insert(0, str(Path(__file__).resolve().parents[4] / "bench"))

import payments_report

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        "connection.vendor != 'postgresql'",
        reason="needs PostgreSQL: the benchmark writes its invoices with generate_series",
    ),
]


def test_the_benchmark_builds_its_invoices_and_both_sides_agree():
    world = payments_report.build_world(400, agreements=8, label="small")
    figures = payments_report.the_report(world)
    row = payments_report.plain_total(world)
    assert payments_report.same_totals(figures, row)
    assert payments_report.plain_everything(world) == row
    # A quarter of two years' invoices fall in the period, one in twenty unpaid.
    assert 60 <= figures.paid <= 120
    assert 0 < figures.within < figures.paid
