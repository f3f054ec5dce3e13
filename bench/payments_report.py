"""Benchmark: the payments compliance report over a million invoices, against plain SQL, on PostgreSQL.

Run:  DATABASE_URL=postgres://postgres@127.0.0.1:5432/cw_payments .venv/bin/python bench/payments_report.py
      [--invoices 1000000] [--agreements 500] [--repeat 5]

It makes a throwaway test database next to the one named, one council paying --agreements
agreements (each with its own provider, of the four kinds) and --invoices invoices received over two
years from 1 April 2025, written by one INSERT ... SELECT over generate_series (benchmark only: the
audit trail is not asked to record them). One in twenty is not paid yet; the rest were paid in 0 to
74 days, some of them more than £30,000. Then VACUUM ANALYZE, as autovacuum would.

Side by side, for the reporting period 1 April to 30 September 2026 (a quarter of the invoices), the
better of --repeat runs:

- the report (payments.selectors_compliance.compliance_report, as its page reads it: the totals, per
  kind of provider, what fell due, the quarters over the threshold, the first page of agreements
  and of payments over the threshold, with their counts);
- plain SQL, one aggregate: the total figures alone, written by hand (the floor);
- plain SQL, every part: the same parts as the report, written by hand in as many queries.

It prints each one's milliseconds, the ratios, and whether the report is under the goal (2 s). The
report's totals must equal the hand-written SQL's, or it stops.

The test src/commonweal/payments/tests/test_payments_report_postgres.py runs it with a few hundred
invoices, so this file cannot rot.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commonweal.test_settings")

if __name__ == "__main__":
    import django

    django.setup()

from django.db import connection, connections

GOAL_SECONDS = 2.0
PERIOD_DAY = datetime.date(2026, 6, 1)  # any day in 1 April to 30 September 2026
FIRST_DAY = datetime.date(2025, 4, 1)
KINDS = ("vcse", "sme", "large", "unknown")
PAGE = 25


@dataclass(frozen=True)
class World:
    commissioner: object
    invoices: int
    agreements: int


def build_world(invoices: int, *, agreements: int = 500, label: str = "bench") -> World:
    """One council, ``agreements`` agreements with their providers, ``invoices`` invoices."""
    from commonweal.agreements.models import Agreement
    from commonweal.organisations.models import Organisation
    from commonweal.testing.factories import (
        LocalAuthorityFactory,
        OrganisationFactory,
        PublicBodyFactory,
    )

    place = LocalAuthorityFactory(name=f"Payford {label}")
    council = PublicBodyFactory(name=f"Payford Council {label}")
    council.places_served.add(place)
    providers = [
        OrganisationFactory(name=f"Provider {label} {n}", legal_form=Organisation.LegalForm.CHARITY)
        for n in range(agreements)
    ]
    made = Agreement.objects.bulk_create(
        Agreement(
            place=place,
            commissioner=council,
            provider=provider,
            kind=Agreement.Kind.CONTRACT,
            title=f"Service {n}",
            value=Decimal(100000 + n * 1000),
            starts_on=FIRST_DAY,
            ends_on=datetime.date(2030, 3, 31),
            original_ends_on=datetime.date(2030, 3, 31),
        )
        for n, provider in enumerate(providers)
    )
    ids = [agreement.pk for agreement in made]
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO payments_invoice (
                agreement_id, commissioner_id, provider_id, provider_kind, number, description,
                amount, received_on, due_on, status, dispute_reason, approved_on, paid_on,
                paid_amount, days_to_pay, paid_late, interest, compensation,
                late_payment_waived, waiver_reason, created_at
            )
            SELECT a.id, a.commissioner_id, a.provider_id, (%(kinds)s::text[])[1 + a.id %% 4],
                   'B-' || g, 'Services', s.amount, s.received, s.received + 30,
                   CASE WHEN g %% 20 = 0 THEN 'received' ELSE 'paid' END, '',
                   CASE WHEN g %% 20 = 0 THEN NULL ELSE s.received + s.days END,
                   CASE WHEN g %% 20 = 0 THEN NULL ELSE s.received + s.days END,
                   CASE WHEN g %% 20 = 0 THEN NULL ELSE s.amount END,
                   CASE WHEN g %% 20 = 0 THEN NULL ELSE s.days END,
                   CASE WHEN g %% 20 = 0 THEN NULL ELSE s.days > 30 END,
                   0, 0, false, '', now()
            FROM generate_series(1, %(count)s) AS g
            CROSS JOIN LATERAL (
                SELECT (%(ids)s::bigint[])[1 + g %% %(agreements)s] AS agreement_id,
                       %(first)s::date + ((g * 7) %% 730) AS received,
                       ((g::bigint * 7919) %% 75)::int AS days,
                       (100 + (g::bigint * 104729) %% 36000)::numeric(14, 2) AS amount
            ) AS s
            JOIN agreements_agreement a ON a.id = s.agreement_id
            """,
            {
                "kinds": list(KINDS),
                "count": invoices,
                "ids": ids,
                "agreements": len(ids),
                "first": FIRST_DAY,
            },
        )
    return World(commissioner=council, invoices=invoices, agreements=len(ids))


def analyse() -> None:
    """VACUUM ANALYZE the invoices (outside any transaction), so the planner knows the table."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE payments_invoice")


def the_report(world: World):
    """The report as its page reads it; returns the total figures."""
    from commonweal.payments import selectors_compliance as selectors

    period, jurisdiction = selectors.report_period(PERIOD_DAY, world.commissioner)
    made = selectors.compliance_report(world.commissioner, period, jurisdiction)
    made.by_agreement.count()
    selectors.agreement_rows(made.by_agreement[:PAGE])
    made.large_payments.count()
    list(made.large_payments[:PAGE])
    return made.total


_WHERE = "commissioner_id = %s AND paid_on >= %s AND paid_on <= %s AND status = 'paid'"
_FIGURES = """count(*), count(*) FILTER (WHERE days_to_pay <= 30),
    count(*) FILTER (WHERE days_to_pay > 30 AND days_to_pay <= 60), sum(days_to_pay),
    sum(paid_amount), count(*) FILTER (WHERE paid_late)"""


def _period():
    from commonweal.payments import compliance

    return compliance.reporting_period(PERIOD_DAY, "england")


def plain_total(world: World) -> tuple:
    period = _period()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {_FIGURES} FROM payments_invoice WHERE {_WHERE}",
            [world.commissioner.pk, period.starts, period.ends],
        )
        return cursor.fetchone()


def plain_everything(world: World) -> tuple:
    """The report's parts, each written by hand, in as many queries as the report makes: per kind
    (the total is their sum), the lists' counts with the quarters over the threshold, what fell
    due, and a page of each list."""
    period = _period()
    args = [world.commissioner.pk, period.starts, period.ends]
    middle = period.starts.replace(month=7)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT provider_kind, {_FIGURES} FROM payments_invoice WHERE {_WHERE} "
            "GROUP BY provider_kind",
            args,
        )
        kinds = cursor.fetchall()
        cursor.execute(
            "SELECT count(DISTINCT agreement_id), count(*) FILTER (WHERE paid_amount > 30000), "
            "count(*) FILTER (WHERE paid_amount > 30000 AND paid_on < %s), "
            "sum(paid_amount) FILTER (WHERE paid_amount > 30000 AND paid_on < %s), "
            "count(*) FILTER (WHERE paid_amount > 30000 AND paid_on >= %s), "
            "sum(paid_amount) FILTER (WHERE paid_amount > 30000 AND paid_on >= %s) "
            f"FROM payments_invoice WHERE {_WHERE}",
            [middle, middle, middle, middle, *args],
        )
        cursor.fetchone()
        cursor.execute(
            "SELECT count(*), count(*) FILTER (WHERE paid_on IS NULL OR paid_on > %s) "
            "FROM payments_invoice WHERE commissioner_id = %s AND due_on >= %s AND due_on <= %s "
            "AND status <> 'corrected'",
            [period.ends, *args],
        )
        cursor.fetchone()
        cursor.execute(
            f"SELECT i.agreement_id, a.title, a.reference, a.value, o.name, {_FIGURES} "
            "FROM payments_invoice i JOIN agreements_agreement a ON a.id = i.agreement_id "
            "LEFT JOIN organisations_organisation o ON o.id = a.provider_id "
            f"WHERE i.{_WHERE.replace(' AND ', ' AND i.')} "
            "GROUP BY i.agreement_id, a.title, a.reference, a.value, o.name "
            "ORDER BY sum(paid_amount) DESC, i.agreement_id LIMIT %s",
            [*args, PAGE],
        )
        cursor.fetchall()
        cursor.execute(
            "SELECT i.id, i.paid_on, i.paid_amount, a.title, o.name FROM payments_invoice i "
            "JOIN agreements_agreement a ON a.id = i.agreement_id "
            "JOIN organisations_organisation o ON o.id = i.provider_id "
            f"WHERE i.{_WHERE.replace(' AND ', ' AND i.')} AND i.paid_amount > 30000 "
            "ORDER BY i.paid_on, i.id LIMIT %s",
            [*args, PAGE],
        )
        cursor.fetchall()
    return tuple(sum(row[n] for row in kinds) for n in range(1, 7))


def same_totals(figures, row: tuple) -> bool:
    """The report's figures against the hand-written aggregate's row."""
    paid, within, middle, days, amount, late = row
    return (
        figures.paid,
        figures.within,
        figures.middle,
        figures.total_days,
        figures.amount,
        figures.late,
    ) == (
        paid,
        within,
        middle,
        days or 0,
        amount if amount is not None else Decimal("0"),
        late,
    )


def best_of(repeat: int, run) -> tuple[float, object]:
    best, answer = float("inf"), None
    for _ in range(repeat):
        began = time.perf_counter()
        answer = run()
        best = min(best, time.perf_counter() - began)
    return best, answer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--invoices", type=int, default=1_000_000)
    parser.add_argument("--agreements", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("This benchmark needs PostgreSQL: set DATABASE_URL=postgres://...")

    from django.test.utils import setup_test_environment

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        began = time.perf_counter()
        world = build_world(args.invoices, agreements=args.agreements)
        analyse()
        loaded = time.perf_counter() - began
        report_s, figures = best_of(args.repeat, lambda: the_report(world))
        total_s, row = best_of(args.repeat, lambda: plain_total(world))
        every_s, _row = best_of(args.repeat, lambda: plain_everything(world))
        if not same_totals(figures, row):
            sys.exit(f"The report's totals {figures} differ from plain SQL's {row}")
    finally:
        import atexit

        from commonweal.core import audit_chain

        atexit.unregister(audit_chain._seal_before_exit)  # the database goes with this run
        audit_chain.release_sealer_connection()
        connections.close_all()
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)

    print(
        f"{args.invoices:,} invoices, {args.agreements} agreements, one payer, on PostgreSQL "
        f"(loaded and analysed in {loaded:.1f} s); the period 1 April to 30 September 2026 holds "
        f"{figures.paid:,} payments; better of {args.repeat} runs"
    )
    print(f"{'':44} {'ms':>9} {'ratio':>7}")
    for words, seconds in (
        ("the report (selectors_compliance)", report_s),
        ("plain SQL, every part written by hand", every_s),
        ("plain SQL, the one total aggregate", total_s),
    ):
        print(f"{words:44} {seconds * 1000:9.1f} {seconds / total_s:6.2f}x")
    print(
        f"The report against every part by hand: {report_s / every_s:.2f}x; against the one "
        f"aggregate: {report_s / total_s:.2f}x. Goal, the report under {GOAL_SECONDS:g} s: "
        f"{'met' if report_s < GOAL_SECONDS else 'MISSED'} ({report_s:.3f} s). Within 30 days: "
        f"{figures.share_within}%, average {figures.average_days} days (the same by both)."
    )


if __name__ == "__main__":
    main()
