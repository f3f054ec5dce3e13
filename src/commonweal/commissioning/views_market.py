"""A plan's market: the providers serving its place by size and legal form, where its current spend
goes, and who could bid for each lot (or for the whole plan, before it is split into lots)."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from commonweal.commissioning import capacity, permissions, selectors
from commonweal.commissioning import selectors_design as design
from commonweal.commissioning.views import plan_or_404
from commonweal.commissioning.views_design import (
    NAMES_SHOWN,
    bidders_shown,
    link_names,
    named,
    size_label,
    tally_chart,
)
from commonweal.core.viewtools import paginate
from commonweal.organisations.models import Organisation

PAGE_SIZE = 25
LOTS_PAGE_SIZE = 10


@require_GET
def market(request, pk: int):
    plan = plan_or_404(request.user, pk)
    providers = sorted(selectors.market_providers(plan), key=lambda p: (p.name.casefold(), p.id))
    listing = paginate(request, providers, PAGE_SIZE)
    page_rows = named(listing["page_obj"].object_list, cap=PAGE_SIZE)
    spend = capacity.spend_shares(selectors.current_spend(plan))
    months = design.contract_months(plan, design.requirements_of(plan))
    lots = paginate(request, design.plan_lots(plan), LOTS_PAGE_SIZE, param="lots")
    if lots["page_obj"].paginator.count:
        checks = [
            design.bidders(lot.title, lot, lot.value, months, providers)
            for lot in lots["page_obj"].object_list
        ]
    else:
        checks = [
            design.bidders(_("The whole plan"), None, selectors.plan_total(plan), months, providers)
        ]
    shown = [bidders_shown(check) for check in checks]
    link_names([page_rows, *(group for check in shown for group in check.groups())])
    forms = dict(Organisation.LegalForm.choices)
    return render(
        request,
        "commissioning/market.html",
        {
            "plan": plan,
            "section": "market",
            "can_manage": permissions.can_manage(request.user, plan),
            **listing,
            "rows": [
                (link, size_label(provider.size_band), forms.get(provider.legal_form, ""), provider)
                for link, provider in zip(page_rows.links, page_rows.providers, strict=True)
            ],
            "provider_count": len(providers),
            "by_size": tally_chart(design.by_size_band(providers)),
            "by_form": tally_chart(design.by_legal_form(providers)),
            "spend": spend,
            "theme_spend": design.theme_spend(plan),
            "spend_by_size": [
                (size_label(band), amount) for band, amount in spend.by_size_band.items()
            ],
            "spend_by_form": [
                (forms.get(code, code), amount) for code, amount in spend.by_legal_form.items()
            ],
            "months": months,
            "checks": shown,
            "lots": lots["page_obj"] if lots["page_obj"].paginator.count else None,
            "lot_pages": lots,
            "names_shown": NAMES_SHOWN,
            "stretch_percent": int(capacity.STRETCH_SHARE * 100),
        },
    )
