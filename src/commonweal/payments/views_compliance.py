"""Pages for payment performance: a payer's payments compliance report (its staff and the back
office), its CSV download, and a place's public record of what was bought, from whom, for how long
and how promptly it was paid. Thin: reads through selectors_compliance."""

import datetime
import io

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from commonweal.core import charts, csvfiles
from commonweal.core.viewtools import paginate, require
from commonweal.organisations.models import Organisation
from commonweal.payments import compliance
from commonweal.payments import selectors_compliance as selectors
from commonweal.payments.permissions_compliance import can_see_report
from commonweal.places.models import Place

ROWS_PER_PAGE = 25
PERIODS_OFFERED = 6
# Days before and after which a period asked for is taken as a mistake: the page shows today's.
EARLIEST, LATEST = datetime.date(1990, 1, 1), datetime.date(2200, 12, 31)


def day_asked(request) -> datetime.date:
    """The day whose reporting period is shown: ``?period=YYYY-MM-DD`` (any day in it), else today."""
    try:
        day = datetime.date.fromisoformat(request.GET.get("period", ""))
    except ValueError:
        return timezone.localdate()
    return day if EARLIEST <= day <= LATEST else timezone.localdate()


def _periods_offered(period, jurisdiction) -> list:
    """The periods to move between: the one shown, the one after it (unless it is in the future),
    and those before it."""
    today = timezone.localdate()
    after = period.ends + datetime.timedelta(days=1)
    offered = compliance.periods_up_to(period.starts, jurisdiction, count=PERIODS_OFFERED)
    if after <= today:
        offered.insert(0, compliance.reporting_period(after, jurisdiction))
    return offered


def figures_chart(rows: list[tuple[str, int]]) -> charts.Chart:
    return charts.bar_chart(rows, width=480, label_width=220, bar_height=28)


def _report(request, slug: str):
    commissioner = get_object_or_404(Organisation, slug=slug)
    require(can_see_report(request.user, commissioner))
    period, jurisdiction = selectors.report_period(day_asked(request), commissioner)
    return selectors.compliance_report(commissioner, period, jurisdiction)


@require_GET
@login_required
def report(request, slug: str):
    made = _report(request, slug)
    agreements = paginate(request, made.by_agreement, ROWS_PER_PAGE, param="agreements")
    large = paginate(request, made.large_payments, ROWS_PER_PAGE, param="large")
    first, second = made.bands
    total = made.total
    bands = [
        (_("Day 1 to %(days)s") % {"days": first}, total.within, total.share_within),
        (
            _("Day %(from)s to %(to)s") % {"from": first + 1, "to": second},
            total.middle,
            total.share_middle,
        ),
        (_("Day %(from)s or later") % {"from": second + 1}, total.later, total.share_later),
    ]
    return render(
        request,
        "payments/compliance/report.html",
        {
            "report": made,
            "period": made.period,
            "commissioner": made.commissioner,
            "periods": _periods_offered(made.period, made.jurisdiction),
            "bands": bands,
            "bands_chart": figures_chart([(label, count) for label, count, _share in bands]),
            "kinds_chart": figures_chart(
                [
                    (row.label, int(row.figures.average_days or 0))
                    for row in made.by_kind
                    if row.figures.paid
                ]
            ),
            "agreements": agreements,
            "agreement_rows": selectors.agreement_rows(agreements["page_obj"].object_list),
            "large": large,
            "first_band": first,
        },
    )


@require_GET
@login_required
def report_csv(request, slug: str):
    made = _report(request, slug)
    out = io.StringIO()
    writer = csvfiles.writer(out)
    period = made.period
    writer.writerow([_("Payments compliance report"), made.commissioner.name])
    writer.writerow([_("Reporting period"), period.starts.isoformat(), period.ends.isoformat()])
    writer.writerow([])
    first, second = made.bands
    writer.writerow(
        [
            _("Part"),
            _("Name"),
            _("Payments"),
            _("Within day 1 to %(days)s") % {"days": first},
            _("Within day %(from)s to %(to)s") % {"from": first + 1, "to": second},
            _("Day %(from)s or later") % {"from": second + 1},
            _("Percent within day 1 to %(days)s") % {"days": first},
            _("Percent within day %(from)s to %(to)s") % {"from": first + 1, "to": second},
            _("Percent on day %(from)s or later") % {"from": second + 1},
            _("Average days to pay"),
            _("Paid after the agreed due day"),
            _("Amount paid, pounds"),
        ]
    )

    def line(part: str, name: str, figures: compliance.Figures) -> list:
        return [
            part,
            name,
            figures.paid,
            figures.within,
            figures.middle,
            figures.later,
            figures.share_within if figures.share_within is not None else "",
            figures.share_middle if figures.share_middle is not None else "",
            figures.share_later if figures.share_later is not None else "",
            figures.average_days if figures.average_days is not None else "",
            figures.late,
            figures.amount,
        ]

    writer.writerow(line(_("All payments"), made.commissioner.name, made.total))
    for row in made.by_kind:
        writer.writerow(line(_("Kind of provider"), row.label, row.figures))
    for row in selectors.agreement_rows(made.by_agreement.iterator()):
        name = row["agreement__title"]
        if row["agreement__reference"]:
            name = f"{name} ({row['agreement__reference']})"
        writer.writerow(line(_("Agreement"), name, row["figures"]))
    writer.writerow([])
    writer.writerow(
        [
            _("Payments of more than £%(amount)s") % {"amount": f"{made.threshold:,.0f}"},
            _("Quarter starting"),
            _("Paid on"),
            _("Amount, pounds"),
            _("Agreement"),
            _("Provider"),
        ]
    )
    quarters = [total.quarter for total in made.quarters]
    for payment in made.large_payments.iterator():
        starts = next(q.starts for q in quarters if payment["paid_on"] in q)
        writer.writerow(
            [
                "",
                starts.isoformat(),
                payment["paid_on"].isoformat(),
                payment["paid_amount"],
                payment["agreement__title"],
                payment["provider__name"],
            ]
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="payments-{made.commissioner.slug}-{period.key}.csv"'
    )
    return response


@require_GET
def place_record(request, slug: str):
    place = get_object_or_404(Place.objects.select_related("parent"), slug=slug)
    jurisdiction = selectors.place_jurisdiction([place.pk])
    period = compliance.reporting_period(day_asked(request), jurisdiction)
    bands = compliance.reporting_rules(period.ends, jurisdiction).day_bands
    payers = selectors.place_payers(place, period, jurisdiction)
    agreements = paginate(request, selectors.place_agreements(place), ROWS_PER_PAGE)
    page = list(agreements["page_obj"].object_list)
    figures = selectors.agreement_figures([a.pk for a in page], bands)
    return render(
        request,
        "payments/compliance/place_record.html",
        {
            "place": place,
            "period": period,
            "periods": _periods_offered(period, jurisdiction),
            "payers": payers,
            "payers_chart": figures_chart(
                [(row.name, int(row.figures.average_days or 0)) for row in payers]
            ),
            **agreements,
            "rows": [(agreement, figures.get(agreement.pk)) for agreement in page],
            "first_band": bands[0],
            "own_reports": _own_reports(request.user),
        },
    )


def _own_reports(user) -> list[Organisation]:
    """The bodies whose full payments compliance report the person may read (their own)."""
    if not user.is_authenticated:
        return []
    bodies = (
        Organisation.objects.filter(
            role_assignments__user=user, role_assignments__organisation__isnull=False
        )
        .distinct()
        .order_by("name")
    )
    return [body for body in bodies if can_see_report(user, body)]
