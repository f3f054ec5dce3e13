"""Reads for the payments compliance report and a place's public record of what was bought.

Each breakdown is ONE aggregate query over the invoices paid in the period (the index
invoice_paid_by_payer: commissioner, paid_on), counting in the database with conditional counts and
sums of the stored ``days_to_pay``: the report over a million invoices never reads an invoice into
Python. The arithmetic from those counts (shares, averages) is compliance.py's.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from commonweal.agreements.models import Agreement
from commonweal.commissioning.selectors_design import _GSS_COUNTRY, DEFAULT_JURISDICTION
from commonweal.core.policy import (
    PAYMENT_PUBLICATION_THRESHOLD,
    Jurisdiction,
    NoRuleInForce,
    in_force,
)
from commonweal.organisations.models import Organisation
from commonweal.payments import compliance
from commonweal.payments.compliance import Figures, Period
from commonweal.payments.models import Invoice, ProviderKind
from commonweal.places.models import Place
from commonweal.places.selectors import place_with_descendant_ids, places_and_around_ids

# The agreements the public record lists: once in force (what was bought is public then).
PUBLIC_STATUSES = (Agreement.Status.LIVE, Agreement.Status.ENDED)


def place_jurisdiction(place_ids) -> Jurisdiction:
    """The UK jurisdiction of these places, from their GSS codes or those of places around them
    (as commissioning's plan_jurisdiction works it out for a plan)."""
    around = places_and_around_ids(place_ids)
    codes = (
        Place.objects.filter(pk__in=around).exclude(gss_code="").values_list("gss_code", flat=True)
    )
    for code in codes:
        found = _GSS_COUNTRY.get(code[:1].upper())
        if found is not None:
            return found
    return DEFAULT_JURISDICTION


def organisation_jurisdiction(organisation: Organisation) -> Jurisdiction:
    """Where a public body is, from the places it serves."""
    served = list(organisation.places_served.order_by("pk").values_list("pk", flat=True)[:1])
    return place_jurisdiction(served) if served else DEFAULT_JURISDICTION


def _aggregates(bands: tuple[int, ...]) -> dict:
    first, second = bands[0], bands[1]
    return {
        "paid": Count("pk"),
        "within": Count("pk", filter=Q(days_to_pay__lte=first)),
        "middle": Count("pk", filter=Q(days_to_pay__gt=first, days_to_pay__lte=second)),
        "total_days": Sum("days_to_pay"),
        "amount": Sum("paid_amount"),
        "late": Count("pk", filter=Q(paid_late=True)),
    }


def _figures(row: dict) -> Figures:
    return compliance.figures(
        paid=row["paid"],
        within=row["within"],
        middle=row["middle"],
        total_days=row["total_days"],
        amount=row["amount"],
        late=row["late"],
    )


def paid_in(period: Period) -> QuerySet[Invoice]:
    """Invoices paid in the period (a corrected one is never paid: its correction is)."""
    return Invoice.objects.filter(
        paid_on__gte=period.starts, paid_on__lte=period.ends, status=Invoice.Status.PAID
    )


def publication_threshold(day: date, jurisdiction: Jurisdiction) -> Decimal:
    """Payments of more than this are published (section 70); the Act's figure where it does not
    apply or before it began, so a report before then lists the same payments."""
    try:
        return in_force(PAYMENT_PUBLICATION_THRESHOLD, day, jurisdiction).value
    except NoRuleInForce:
        return PAYMENT_PUBLICATION_THRESHOLD.entries[0].value


@dataclass(frozen=True)
class KindRow:
    kind: str
    label: str
    figures: Figures


@dataclass(frozen=True)
class QuarterTotal:
    quarter: Period
    payments: int
    amount: Decimal


class Counted:
    """Rows for a Paginator whose count was read with the report's other figures, so a page of
    them is one query over the period's payments rather than two."""

    def __init__(self, rows: QuerySet, count: int):
        self.rows = rows
        self._count = count

    def count(self) -> int:
        return self._count

    def __getitem__(self, index: slice):
        return self.rows[index]

    def __iter__(self):
        return iter(self.rows)

    def iterator(self):
        return self.rows.iterator()


@dataclass(frozen=True)
class Report:
    """A commissioner's payments compliance report for one reporting period. The per-agreement
    rows and the payments over the threshold are querysets, for a page at a time."""

    commissioner: Organisation
    period: Period
    jurisdiction: Jurisdiction
    bands: tuple[int, ...]
    total: Figures
    by_kind: list[KindRow]
    fell_due: int  # sums that became payable in the period
    unpaid_in_period: int  # of those, not paid within it
    threshold: Decimal
    quarters: list[QuarterTotal]
    by_agreement: "Counted"
    large_payments: "Counted"

    @property
    def share_unpaid(self) -> Decimal | None:
        return compliance.percent(self.unpaid_in_period, self.fell_due)


def report_period(day: date, commissioner: Organisation) -> tuple[Period, Jurisdiction]:
    jurisdiction = organisation_jurisdiction(commissioner)
    return compliance.reporting_period(day, jurisdiction), jurisdiction


def compliance_report(
    commissioner: Organisation, period: Period, jurisdiction: Jurisdiction
) -> Report:
    """The report: per kind of provider (and so the total), the sums that fell due, and the
    quarters' totals over the threshold are read here (three queries); the per-agreement rows and
    the list of large payments are querysets, read a page at a time."""
    bands = compliance.reporting_rules(period.ends, jurisdiction).day_bands
    aggregates = _aggregates(bands)
    paid = paid_in(period).filter(commissioner=commissioner)
    # One pass over the period's payments gives each kind of provider; the total is their sum.
    kinds = {
        row["provider_kind"]: _figures(row)
        for row in paid.order_by().values("provider_kind").annotate(**aggregates)
    }
    by_kind = [
        KindRow(kind, str(label), kinds.get(kind, compliance.NO_FIGURES))
        for kind, label in ProviderKind.choices
        if kind != ProviderKind.UNKNOWN or kind in kinds
    ]
    total = compliance.added(kinds.values())
    due = (
        Invoice.objects.filter(
            commissioner=commissioner, due_on__gte=period.starts, due_on__lte=period.ends
        )
        .exclude(status=Invoice.Status.CORRECTED)
        .aggregate(
            fell_due=Count("pk"),
            unpaid=Count("pk", filter=Q(paid_on__isnull=True) | Q(paid_on__gt=period.ends)),
        )
    )
    threshold = publication_threshold(period.ends, jurisdiction)
    large = paid.filter(paid_amount__gt=threshold)
    quarters = compliance.quarters_of(period, jurisdiction)
    over = Q(paid_amount__gt=threshold)
    # One more pass: how many agreements were paid and how many payments were over the threshold
    # (the two lists' counts, for their page numbers), and each quarter's over the threshold.
    totals = paid.aggregate(
        agreements=Count("agreement_id", distinct=True),
        large=Count("pk", filter=over),
        **{
            f"count_{n}": Count("pk", filter=over & Q(paid_on__gte=q.starts, paid_on__lte=q.ends))
            for n, q in enumerate(quarters)
        },
        **{
            f"amount_{n}": Sum(
                "paid_amount", filter=over & Q(paid_on__gte=q.starts, paid_on__lte=q.ends)
            )
            for n, q in enumerate(quarters)
        },
    )
    return Report(
        commissioner=commissioner,
        period=period,
        jurisdiction=jurisdiction,
        bands=bands,
        total=total,
        by_kind=by_kind,
        fell_due=due["fell_due"],
        unpaid_in_period=due["unpaid"],
        threshold=threshold,
        quarters=[
            QuarterTotal(q, totals[f"count_{n}"], totals[f"amount_{n}"] or Decimal("0"))
            for n, q in enumerate(quarters)
        ],
        by_agreement=Counted(
            paid.order_by()
            .values(
                "agreement_id",
                "agreement__title",
                "agreement__reference",
                "agreement__value",
                "agreement__provider__name",
            )
            .annotate(**aggregates)
            .order_by("-amount", "agreement_id"),
            totals["agreements"],
        ),
        large_payments=Counted(
            large.order_by("paid_on", "pk").values(
                "pk",
                "paid_on",
                "paid_amount",
                "provider_kind",
                "agreement_id",
                "agreement__title",
                "agreement__reference",
                "provider__name",
            ),
            totals["large"],
        ),
    )


def agreement_rows(rows) -> list[dict]:
    """A page of per-agreement rows, each with its Figures."""
    return [{**row, "figures": _figures(row)} for row in rows]


# A place's public record.


@dataclass(frozen=True)
class PayerRow:
    commissioner_id: int
    name: str
    slug: str
    figures: Figures


def place_agreements(place: Place) -> QuerySet[Agreement]:
    """The agreements in force or ended in the place and the places inside it, latest first."""
    return (
        Agreement.objects.filter(
            place_id__in=place_with_descendant_ids(place), status__in=PUBLIC_STATUSES
        )
        .select_related("provider", "commissioner", "place")
        .only(
            "pk",
            "title",
            "kind",
            "status",
            "value",
            "starts_on",
            "ends_on",
            "place__name",
            "place__slug",
            "provider__name",
            "provider__slug",
            "commissioner__name",
            "commissioner__slug",
        )
        .order_by("-starts_on", "-pk")
    )


def place_payers(place: Place, period: Period, jurisdiction: Jurisdiction) -> list[PayerRow]:
    """How promptly each buyer paid for the place's public agreements in the period, in one query."""
    bands = compliance.reporting_rules(period.ends, jurisdiction).day_bands
    rows = (
        paid_in(period)
        .filter(
            agreement__place_id__in=place_with_descendant_ids(place),
            agreement__status__in=PUBLIC_STATUSES,
        )
        .order_by()
        .values("commissioner_id", "commissioner__name", "commissioner__slug")
        .annotate(**_aggregates(bands))
        .order_by("commissioner__name", "commissioner_id")
    )
    return [
        PayerRow(
            row["commissioner_id"],
            row["commissioner__name"],
            row["commissioner__slug"],
            _figures(row),
        )
        for row in rows
    ]


def agreement_figures(agreement_ids, bands: tuple[int, ...]) -> dict[int, Figures]:
    """How promptly each of these agreements has been paid, over all its paid invoices, in one query."""
    ids = list(agreement_ids)
    if not ids:
        return {}
    rows = (
        Invoice.objects.filter(agreement_id__in=ids, status=Invoice.Status.PAID)
        .order_by()
        .values("agreement_id")
        .annotate(**_aggregates(bands))
    )
    return {row["agreement_id"]: _figures(row) for row in rows}
