"""What the load benchmark (bench/load.py) drives: every page and API endpoint, each as a person who
may see it, with real objects from the database; and how those people are signed in.

Every URL name Django knows (outside the back office at /admin/) is either driven (``DRIVEN``) or
left out for a reason (``NOT_DRIVEN``). ``targets()`` refuses to run when a URL name is in neither,
so a new page cannot slip out of the benchmark; tests/across_apps/test_load_bench_pages.py checks
that every driven URL answers 200 for the person it is driven as.

Pages with ids pick the biggest object of their kind (the need with most supporters, the panel
with the largest pool, the round with most ballots), so the benchmark sees what grows with the data.

Import after ``django.setup()``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

# Who a target is driven as. People are the demo place's (commonweal/demo/data.py: the email's local
# part is the role); TOKEN is an API token made for the commissioner.
ANONYMOUS = "anonymous"
RESIDENT = "resident"
CITIZEN_COMMISSIONER = "citizen_commissioner"
COMMISSIONER = "commissioner"
ADMINISTRATOR = "administrator"
BACK_OFFICE = "backoffice"
TOKEN = "token"
PROVIDER = "provider_member"
PEOPLE = (RESIDENT, CITIZEN_COMMISSIONER, COMMISSIONER, ADMINISTRATOR, BACK_OFFICE, PROVIDER)
TOKEN_OWNER = COMMISSIONER

Kwargs = Callable[[], dict]


@dataclass(frozen=True)
class Target:
    name: str  # the URL name, "needs:detail"
    path: str  # "/needs/12/"
    role: str  # ANONYMOUS, a person above, or TOKEN

    @property
    def label(self) -> str:
        return f"{self.name} [{self.role}]"


@dataclass(frozen=True)
class Drive:
    roles: tuple[str, ...]
    kwargs: Kwargs | None = None
    query: str = ""


def _first(queryset, what: str):
    found = queryset.first()
    if found is None:
        raise LookupError(f"The database has no {what}: load the demo place (commonweal demo).")
    return found


# The objects pages are driven with. Each is looked up once per run.


def _place():
    from django.db.models import Count

    from commonweal.places.models import Place

    return _first(
        Place.objects.filter(kind="local_authority")
        .annotate(n=Count("needs"))
        .order_by("-n", "pk"),
        "local authority",
    )


def _need():
    from commonweal.needs.models import Need

    return _first(
        Need.objects.exclude(status__in=Need.CLOSED).order_by("-supporter_count", "pk"), "open need"
    )


def _organisation_of(role: str):
    from commonweal.accounts.models import RoleAssignment

    assignment = _first(
        RoleAssignment.objects.filter(user__email__startswith=f"{role}@").exclude(
            organisation=None
        ),
        f"{role}'s organisation",
    )
    return assignment.organisation


def _organisation():
    return _organisation_of(COMMISSIONER)


def _administered():
    return _organisation_of(ADMINISTRATOR)


def _session():
    from django.db.models import Count

    from commonweal.codesign.models import Session

    return _first(
        Session.objects.annotate(n=Count("participants")).order_by("-n", "pk"), "co-design session"
    )


def _priority_round(status: str):
    from commonweal.priorities.models import PriorityRound

    return _first(
        PriorityRound.objects.filter(status=status).order_by("-pk"), f"{status} priority round"
    )


def _framework_version():
    from django.db.models import Count

    from commonweal.outcomes.models import FrameworkVersion

    return _first(
        FrameworkVersion.objects.filter(status=FrameworkVersion.Status.PUBLISHED)
        .annotate(n=Count("outcomes"))
        .order_by("-n", "-number")
        .select_related("framework"),
        "published outcomes framework",
    )


def _outcome():
    from django.db.models import Count

    version = _framework_version()
    return _first(
        version.outcomes.annotate(n=Count("needs")).order_by("-n", "pk"), "outcome with needs"
    )


def _budget_round(status: str):
    from django.db.models import Count

    from commonweal.participation.models import BudgetRound

    return _first(
        BudgetRound.objects.filter(status=status).annotate(n=Count("ballots")).order_by("-n", "pk"),
        f"community budget round ({status})",
    )


def _panel(having: str = ""):
    """The panel with the largest pool (of those with a selection run, a pool import or a feature)."""
    from django.db.models import Count

    from commonweal.panels.models import Panel

    panels = Panel.objects.all()
    if having:
        panels = panels.filter(**{f"{having}__isnull": False}).distinct()
    return _first(
        panels.annotate(n=Count("pool", distinct=True)).order_by("-n", "pk"),
        f"citizens' panel{' with ' + having.replace('_', ' ') if having else ''}",
    )


def _run():
    return _first(_panel("runs").runs.order_by("-pk"), "selection run")


def _pool_import():
    return _first(_panel("pool_imports").pool_imports.order_by("-pk"), "pool import")


def _feature():
    return _first(_panel("features").features.order_by("pk"), "panel feature")


def _workspace_panel():
    """The panel with a workspace: meetings, papers and tasks (the demo's seated panel)."""
    return _panel("meetings")


def _meeting():
    return _first(_workspace_panel().meetings.order_by("starts_at", "pk"), "panel meeting")


def _paper():
    return _first(_workspace_panel().papers.order_by("pk"), "panel paper")


def _panel_task():
    return _first(_workspace_panel().tasks.order_by("pk"), "panel task")


def _project():
    return _first(_budget_round("voting").projects.order_by("pk"), "project in a voting round")


def _plan():
    """The published commissioning plan with the most current contracts (the demo's alliance)."""
    from django.db.models import Count

    from commonweal.commissioning.models import Plan

    return _first(
        Plan.objects.filter(published_at__isnull=False)
        .annotate(n=Count("current_contracts"))
        .order_by("-n", "pk"),
        "published commissioning plan",
    )


def _plan_part(related: str, key: str) -> Kwargs:
    """A plan's first money row, current contract, lot or engagement event, by its own key."""

    def kwargs() -> dict:
        plan = _plan()
        return {"pk": plan.pk, key: _first(getattr(plan, related).order_by("pk"), related).pk}

    return kwargs


def _tender():
    """The tender with the most submitted bids (the demo's finished one)."""
    from django.db.models import Count, Q

    from commonweal.competitions.models import Bid, Opportunity

    return _first(
        Opportunity.objects.filter(kind=Opportunity.Kind.TENDER, published_at__isnull=False)
        .annotate(n=Count("bids", filter=Q(bids__status=Bid.Status.SUBMITTED)))
        .order_by("-n", "pk"),
        "published tender",
    )


def _open_opportunity():
    """An opportunity open for bids now (the demo's autumn grant round)."""
    from django.utils import timezone

    from commonweal.competitions.models import Opportunity

    return _first(
        Opportunity.objects.filter(
            status=Opportunity.Status.OPEN, closes_at__gt=timezone.now()
        ).order_by("closes_at", "pk"),
        "opportunity open for bids",
    )


def _decided_round():
    from commonweal.competitions.models import Opportunity

    return _first(
        Opportunity.objects.filter(
            kind=Opportunity.Kind.GRANT_ROUND, status=Opportunity.Status.AWARDED
        ).order_by("pk"),
        "grant round with its decisions published",
    )


def _tender_part(related: str, key: str, **having) -> Kwargs:
    """The tender's first criterion, document, question or bid (with ``having``), by its own key."""

    def kwargs() -> dict:
        tender = _tender()
        rows = getattr(tender, related).filter(**having).order_by("pk")
        return {"pk": tender.pk, key: _first(rows, related).pk}

    return kwargs


def _provider_bid() -> dict:
    """The tender and the bid of the demo provider's organisation (it leads a consortium)."""
    from commonweal.competitions.models import Bid

    person_ = person(PROVIDER)
    bid = _first(
        Bid.objects.filter(
            opportunity=_tender(), organisation__role_assignments__user=person_
        ).order_by("pk"),
        "bid by the demo provider's organisation",
    )
    return {"pk": bid.opportunity_id, "bid_pk": bid.pk}


def _low_bid() -> dict:
    from commonweal.competitions.models import LowBidReview

    review = _first(
        LowBidReview.objects.filter(bid__opportunity=_tender()).order_by("pk"), "low-bid review"
    )
    return {"pk": review.bid.opportunity_id, "bid_pk": review.bid_id}


def _framework():
    from commonweal.competitions.models import SocialValueFramework

    return _first(SocialValueFramework.objects.order_by("pk"), "social value framework")


def _alliance():
    """The alliance with the most members (the demo's ten-year alliance)."""
    from django.db.models import Count

    from commonweal.agreements.models import Agreement

    return _first(
        Agreement.objects.filter(kind=Agreement.Kind.ALLIANCE)
        .annotate(n=Count("members"))
        .order_by("-n", "pk"),
        "alliance",
    )


def _alliance_part(related: str, key: str) -> Kwargs:
    def kwargs() -> dict:
        alliance = _alliance()
        rows = getattr(alliance, related).order_by("pk")
        if related == "members":
            rows = rows.exclude(role="commissioner")
        return {"pk": alliance.pk, key: _first(rows, related).pk}

    return kwargs


def _invoiced():
    """The demo provider's agreement with the most invoices (the night shelter's beds)."""
    from django.db.models import Count

    from commonweal.agreements.models import Agreement

    return _first(
        Agreement.objects.filter(provider__role_assignments__user=person(PROVIDER))
        .annotate(n=Count("invoices"))
        .order_by("-n", "pk"),
        "agreement with invoices of the demo provider's",
    )


def _invoice(**having):
    from commonweal.payments.models import Invoice

    return _first(
        Invoice.objects.filter(agreement=_invoiced(), **having).order_by("-received_on", "pk"),
        f"invoice ({having})",
    )


def _with_assets():
    """The agreement with the most transferred assets (the demo's grant to Wharf Works)."""
    from django.db.models import Count

    from commonweal.agreements.models import Agreement

    return _first(
        Agreement.objects.annotate(n=Count("assets")).filter(n__gt=0).order_by("-n", "pk"),
        "agreement with transferred assets",
    )


def _term_part(picker, related: str) -> Kwargs:
    def kwargs() -> dict:
        agreement = picker()
        return {
            "pk": agreement.pk,
            "row_pk": _first(getattr(agreement, related).order_by("pk"), related).pk,
        }

    return kwargs


def _provider_organisation():
    from commonweal.organisations.models import Organisation

    return _first(
        Organisation.objects.filter(role_assignments__user=person(PROVIDER)).order_by("pk"),
        "the demo provider's organisation",
    )


def _slug_of(picker) -> Kwargs:
    return lambda: {"slug": picker().slug}


def _pk_of(picker) -> Kwargs:
    return lambda: {"pk": picker().pk}


PUBLIC = (ANONYMOUS,)
STAFF = (COMMISSIONER,)
SIGNED_IN = (RESIDENT,)

DRIVEN: dict[str, Drive] = {
    # Home, dashboard, places.
    "core:home": Drive(PUBLIC + SIGNED_IN),
    "core:dashboard": Drive((RESIDENT, CITIZEN_COMMISSIONER, COMMISSIONER)),
    "core:take-part": Drive(PUBLIC + SIGNED_IN),
    "core:audit-checkpoints": Drive(PUBLIC),
    "places:list": Drive(PUBLIC),
    "places:detail": Drive(PUBLIC + SIGNED_IN, _slug_of(_place)),
    # Accounts: the forms anyone meets, and a person's own pages.
    "accounts:sign-in": Drive(PUBLIC),
    "accounts:sign-up": Drive(PUBLIC),
    "accounts:password-reset": Drive(PUBLIC),
    "accounts:password-reset-done": Drive(PUBLIC),
    "accounts:password-reset-complete": Drive(PUBLIC),
    "accounts:settings": Drive(SIGNED_IN + STAFF),
    "accounts:change-details": Drive(SIGNED_IN),
    "accounts:change-password": Drive(SIGNED_IN),
    "accounts:change-residence": Drive(SIGNED_IN),
    "accounts:api-token-create": Drive(SIGNED_IN),
    # Notifications: a person's own list and choices.
    "notifications:list": Drive(SIGNED_IN + STAFF),
    "notifications:settings": Drive(SIGNED_IN),
    # Organisations.
    "organisations:list": Drive(PUBLIC),
    "organisations:register": Drive(SIGNED_IN),
    "organisations:verification-list": Drive((BACK_OFFICE,)),
    "organisations:detail": Drive(PUBLIC, _slug_of(_organisation)),
    "organisations:edit": Drive((ADMINISTRATOR,), _slug_of(_administered)),
    "organisations:members": Drive((ADMINISTRATOR,), _slug_of(_administered)),
    "organisations:document-add": Drive((ADMINISTRATOR,), _slug_of(_administered)),
    "organisations:social-facts-check": Drive(STAFF + (BACK_OFFICE,), _slug_of(_administered)),
    # Needs.
    "needs:list": Drive(PUBLIC + SIGNED_IN),
    "needs:summary": Drive(PUBLIC),
    "needs:raise": Drive(SIGNED_IN),
    "needs:detail": Drive(PUBLIC + SIGNED_IN + STAFF, _pk_of(_need)),
    "needs:edit": Drive(STAFF, _pk_of(_need)),
    "needs:status": Drive(STAFF, _pk_of(_need)),
    "needs:merge": Drive(STAFF, _pk_of(_need)),
    "needs:evidence-add": Drive(STAFF, lambda: {"pk": _need().pk, "kind": "figure"}),
    # Co-design.
    "codesign:list": Drive(PUBLIC),
    "codesign:create": Drive(STAFF),
    "codesign:session": Drive(PUBLIC + STAFF, _pk_of(_session)),
    "codesign:edit": Drive(STAFF, _pk_of(_session)),
    "codesign:participants": Drive(STAFF, _pk_of(_session)),
    "codesign:decision-record": Drive(STAFF, _pk_of(_session)),
    "codesign:links": Drive(STAFF, _pk_of(_session)),
    "codesign:you-said-we-did": Drive(PUBLIC, lambda: {"place_slug": _place().slug}),
    # Priorities.
    "priorities:list": Drive(PUBLIC),
    "priorities:create-place": Drive(STAFF),
    "priorities:create": Drive(STAFF, lambda: {"place_pk": _place().pk}),
    "priorities:round": Drive(PUBLIC, lambda: {"pk": _priority_round("published").pk}),
    "priorities:vote": Drive(SIGNED_IN, lambda: {"pk": _priority_round("open").pk}),
    "priorities:prioritise": Drive(STAFF, lambda: {"pk": _priority_round("published").pk}),
    # Outcomes frameworks.
    "outcomes:list": Drive(PUBLIC),
    "outcomes:create": Drive(STAFF),
    "outcomes:framework": Drive(PUBLIC, lambda: {"slug": _framework_version().framework.slug}),
    "outcomes:version": Drive(
        PUBLIC,
        lambda: {
            "slug": _framework_version().framework.slug,
            "number": _framework_version().number,
        },
    ),
    "outcomes:export-json": Drive(
        PUBLIC,
        lambda: {
            "slug": _framework_version().framework.slug,
            "number": _framework_version().number,
        },
    ),
    "outcomes:export-csv": Drive(
        PUBLIC,
        lambda: {
            "slug": _framework_version().framework.slug,
            "number": _framework_version().number,
        },
    ),
    "outcomes:outcome-needs": Drive(
        STAFF,
        lambda: {"slug": _framework_version().framework.slug, "outcome_id": _outcome().pk},
    ),
    # Community budgets.
    "participation:list": Drive(PUBLIC),
    "participation:create": Drive(STAFF),
    "participation:import": Drive(STAFF),
    "participation:round": Drive(PUBLIC + SIGNED_IN, lambda: {"pk": _budget_round("voting").pk}),
    "participation:vote": Drive(SIGNED_IN, lambda: {"pk": _budget_round("voting").pk}),
    "participation:results": Drive(PUBLIC, lambda: {"pk": _budget_round("published").pk}),
    "participation:export": Drive(PUBLIC, lambda: {"pk": _budget_round("published").pk}),
    "participation:edit": Drive(STAFF, lambda: {"pk": _budget_round("voting").pk}),
    "participation:review": Drive(
        STAFF, lambda: {"pk": _budget_round("voting").pk, "project_pk": _project().pk}
    ),
    "participation:verify": Drive(STAFF, lambda: {"pk": _budget_round("voting").pk}),
    "participation:paper": Drive(STAFF, lambda: {"pk": _budget_round("voting").pk}),
    "participation:paper-sheet": Drive(STAFF, lambda: {"pk": _budget_round("voting").pk}),
    # Citizens' panels.
    "panels:list": Drive(PUBLIC),
    "panels:mine": Drive(SIGNED_IN),
    "panels:create": Drive(STAFF),
    "panels:panel": Drive(PUBLIC + STAFF, _pk_of(_panel)),
    "panels:edit": Drive(STAFF, _pk_of(_panel)),
    "panels:features": Drive(STAFF, _pk_of(_panel)),
    "panels:quotas": Drive(STAFF, lambda: {"pk": _feature().panel_id, "feature_pk": _feature().pk}),
    "panels:pool": Drive(STAFF, _pk_of(_panel)),
    "panels:pool-import": Drive(STAFF, _pk_of(_panel)),
    "panels:pool-template": Drive(STAFF, _pk_of(_panel)),
    "panels:pool-import-detail": Drive(
        STAFF, lambda: {"pk": _pool_import().panel_id, "import_pk": _pool_import().pk}
    ),
    "panels:run": Drive(STAFF, lambda: {"pk": _run().panel_id, "run_pk": _run().pk}),
    "panels:results": Drive(PUBLIC, lambda: {"pk": _panel("draw").pk}),
    "panels:results-json": Drive(PUBLIC, lambda: {"pk": _panel("draw").pk}),
    "panels:members": Drive(STAFF, _pk_of(_panel)),
    "panels:workspace": Drive(STAFF, _pk_of(_workspace_panel)),
    "panels:meeting": Drive(
        STAFF, lambda: {"pk": _meeting().panel_id, "meeting_pk": _meeting().pk}
    ),
    "panels:meeting-add": Drive(STAFF, _pk_of(_workspace_panel)),
    "panels:meeting-edit": Drive(
        STAFF, lambda: {"pk": _meeting().panel_id, "meeting_pk": _meeting().pk}
    ),
    "panels:paper-add": Drive(STAFF, _pk_of(_workspace_panel)),
    "panels:paper-edit": Drive(STAFF, lambda: {"pk": _paper().panel_id, "paper_pk": _paper().pk}),
    "panels:task-add": Drive(STAFF, _pk_of(_workspace_panel)),
    "panels:task-edit": Drive(
        STAFF, lambda: {"pk": _panel_task().panel_id, "task_pk": _panel_task().pk}
    ),
    # Commissioning plans.
    "commissioning:plans": Drive(PUBLIC + STAFF),
    "commissioning:plan-create-place": Drive(STAFF),
    "commissioning:plan-create": Drive(STAFF, lambda: {"place_pk": _plan().place_id}),
    "commissioning:plan": Drive(PUBLIC + STAFF, _pk_of(_plan)),
    "commissioning:plan-edit": Drive(STAFF, _pk_of(_plan)),
    "commissioning:plan-stage": Drive(STAFF, _pk_of(_plan)),
    "commissioning:money": Drive(PUBLIC + STAFF, _pk_of(_plan)),
    "commissioning:money-edit": Drive(STAFF, _plan_part("contributions", "contribution_pk")),
    "commissioning:money-remove": Drive(STAFF, _plan_part("contributions", "contribution_pk")),
    "commissioning:current-spend": Drive(STAFF, _pk_of(_plan)),
    "commissioning:current-spend-remove": Drive(
        STAFF, _plan_part("current_contracts", "contract_pk")
    ),
    "commissioning:pipeline": Drive(PUBLIC + STAFF, _pk_of(_plan)),
    "commissioning:event-add": Drive(STAFF, _pk_of(_plan)),
    "commissioning:event-edit": Drive(STAFF, _plan_part("engagement_events", "event_pk")),
    "commissioning:advice": Drive(PUBLIC + STAFF, _pk_of(_plan)),
    "commissioning:advice-detail": Drive(PUBLIC, _plan_part("advice", "advice_pk")),
    "commissioning:advisor-question": Drive(
        STAFF, lambda: {"pk": _plan().pk, "key": "service_kind"}
    ),
    "commissioning:advisor-check": Drive(STAFF, _pk_of(_plan)),
    "commissioning:route-choose": Drive(STAFF, _pk_of(_plan)),
    "commissioning:market": Drive(PUBLIC + STAFF, _pk_of(_plan)),
    "commissioning:barriers": Drive(PUBLIC + STAFF, _pk_of(_plan)),
    "commissioning:lots": Drive(PUBLIC + STAFF, _pk_of(_plan)),
    "commissioning:lot-add": Drive(STAFF, _pk_of(_plan)),
    "commissioning:lot-edit": Drive(STAFF, _plan_part("lots", "lot_pk")),
    "commissioning:lot-remove": Drive(STAFF, _plan_part("lots", "lot_pk")),
    # Competitions: the finished tender, the open grant round, the decided one.
    "competitions:opportunities": Drive(PUBLIC + SIGNED_IN + STAFF),
    "competitions:opportunity": Drive(PUBLIC + STAFF + (PROVIDER,), _pk_of(_tender)),
    "competitions:opportunity-create": Drive(STAFF, lambda: {"plan_pk": _plan().pk}),
    "competitions:criteria": Drive(STAFF, _pk_of(_tender)),
    "competitions:documents": Drive(STAFF, _pk_of(_tender)),
    "competitions:questions": Drive(PUBLIC + (PROVIDER,) + STAFF, _pk_of(_tender)),
    "competitions:question-answer": Drive(STAFF, _tender_part("questions", "question_pk")),
    "competitions:frameworks": Drive(PUBLIC),
    "competitions:framework-upload": Drive(STAFF),
    # Agreements: importing existing contracts (the form page, as the demo commissioner) and its template.
    "agreements:import": Drive(STAFF),
    "agreements:import-template": Drive(STAFF),
    # Agreements themselves (agreements/views_agreements.py, api_agreements.py).
    "agreements:list": Drive(PUBLIC + STAFF),
    "agreements:enter": Drive(STAFF),
    "agreements:enter-kind": Drive(STAFF, lambda: {"kind": "contract"}),
    "api:agreement-list": Drive(PUBLIC + (TOKEN,)),
    "competitions:framework": Drive(PUBLIC, _pk_of(_framework)),
    "competitions:bid": Drive((PROVIDER,), _pk_of(_open_opportunity)),
    "competitions:receipt-check": Drive((PROVIDER,), _pk_of(_tender)),
    "competitions:evaluation": Drive(STAFF + (CITIZEN_COMMISSIONER,), _pk_of(_tender)),
    "competitions:evaluators": Drive(STAFF, _pk_of(_tender)),
    "competitions:conflicts": Drive((CITIZEN_COMMISSIONER,), _pk_of(_tender)),
    "competitions:score": Drive(
        (CITIZEN_COMMISSIONER,), _tender_part("bids", "bid_pk", status="submitted")
    ),
    "competitions:moderation": Drive(STAFF, _pk_of(_tender)),
    "competitions:results": Drive(STAFF, _pk_of(_tender)),
    "competitions:low-bids": Drive(STAFF, _pk_of(_tender)),
    "competitions:low-bid-decide": Drive(STAFF, _low_bid),
    "competitions:award": Drive(PUBLIC + STAFF, _pk_of(_tender)),
    "competitions:contract-details": Drive(STAFF, _pk_of(_tender)),
    "competitions:assessment": Drive((PROVIDER,) + STAFF, _provider_bid),
    "competitions:grant-decisions": Drive(PUBLIC + STAFF, _pk_of(_decided_round)),
    # Competitions: the bid pages, on the demo provider's bid in the finished tender.
    "competitions:bid-section": Drive((PROVIDER,), lambda: {"pk": _tender().pk, "section": "how"}),
    "competitions:bid-answer": Drive(
        (PROVIDER,), _tender_part("criteria", "criterion_pk", pass_fail=False, question__gt="")
    ),
    "competitions:bid-documents": Drive((PROVIDER,), _pk_of(_tender)),
    "competitions:bid-submit": Drive((PROVIDER,), _pk_of(_tender)),
    "competitions:bid-receipt": Drive((PROVIDER,), _pk_of(_tender)),
    "competitions:moderate": Drive(
        STAFF,
        lambda: {
            **_tender_part("bids", "bid_pk", status="submitted")(),
            "criterion_pk": _tender_part("criteria", "criterion_pk", question__gt="")()[
                "criterion_pk"
            ],
        },
    ),
    # The API: every list, the OpenAPI document and docs, and a detail of each kind.
    "api:docs": Drive(PUBLIC),
    "api:schema": Drive(PUBLIC),
    "api:grants-360giving": Drive(PUBLIC),
    "api:me": Drive((TOKEN,)),
    "api:notification-list": Drive((TOKEN,)),
    "api:follow-list": Drive((TOKEN,)),
    "api:notification-choices": Drive((TOKEN,)),
    "api:place-list": Drive(PUBLIC + (TOKEN,)),
    "api:place-detail": Drive((TOKEN,), _slug_of(_place)),
    "api:organisation-list": Drive(PUBLIC + (TOKEN,)),
    "api:organisation-detail": Drive((TOKEN,), _slug_of(_organisation)),
    "api:organisation-members": Drive((TOKEN,), _slug_of(_organisation)),
    "api:need-list": Drive(PUBLIC + (TOKEN,)),
    "api:need-detail": Drive((TOKEN,), _pk_of(_need)),
    "api:need-evidence": Drive((TOKEN,), _pk_of(_need)),
    "api:session-list": Drive((TOKEN,)),
    "api:session-detail": Drive((TOKEN,), _pk_of(_session)),
    "api:round-list": Drive((TOKEN,)),
    "api:round-detail": Drive((TOKEN,), lambda: {"pk": _priority_round("published").pk}),
    "api:framework-list": Drive((TOKEN,)),
    "api:framework-detail": Drive((TOKEN,), lambda: {"slug": _framework_version().framework.slug}),
    "api:audit-checkpoints": Drive((TOKEN,)),
    "api:budget-list": Drive(PUBLIC + (TOKEN,)),
    "api:budget-detail": Drive((TOKEN,), lambda: {"pk": _budget_round("voting").pk}),
    "api:budget-projects": Drive((TOKEN,), lambda: {"pk": _budget_round("voting").pk}),
    "api:budget-results": Drive((TOKEN,), lambda: {"pk": _budget_round("published").pk}),
    "api:panel-list": Drive((TOKEN,)),
    "api:panel-detail": Drive((TOKEN,), _pk_of(_panel)),
    "api:panel-pool": Drive((TOKEN,), _pk_of(_panel)),
    "api:plan-list": Drive(PUBLIC + (TOKEN,)),
    "api:plan-detail": Drive((TOKEN,), _pk_of(_plan)),
    "api:plan-advice": Drive((TOKEN,), _pk_of(_plan)),
    "api:plan-market": Drive((TOKEN,), _pk_of(_plan)),
    "api:plan-requirements": Drive((TOKEN,), _pk_of(_plan)),
    "api:plan-barriers": Drive((TOKEN,), _pk_of(_plan)),
    "api:plan-lots": Drive((TOKEN,), _pk_of(_plan)),
    "api:plan-lot": Drive((TOKEN,), _plan_part("lots", "lot_pk")),
    "api:ocds-release-list": Drive(PUBLIC + (TOKEN,)),
    "api:opportunity-list": Drive(PUBLIC + (TOKEN,)),
    "api:opportunity-detail": Drive((TOKEN,), _pk_of(_tender)),
    "api:opportunity-questions": Drive(PUBLIC + (TOKEN,), _pk_of(_tender)),
    "api:opportunity-award": Drive(PUBLIC + (TOKEN,), _pk_of(_tender)),
    "api:opportunity-decisions": Drive(PUBLIC + (TOKEN,), _pk_of(_decided_round)),
    "api:evaluation-moderation": Drive((TOKEN,), _pk_of(_tender)),
    "api:evaluation-results": Drive((TOKEN,), _pk_of(_tender)),
    "api:opportunity-questions-all": Drive((TOKEN,), _pk_of(_tender)),
    "api:evaluation-panel": Drive((TOKEN,), _pk_of(_tender)),
    "api:evaluation-low-bids": Drive((TOKEN,), _pk_of(_tender)),
    # The late-payment calculator, for anyone: the example, worked out (nothing stored).
    "late_payment:calculator": Drive(PUBLIC, query="amount=12000&due=2025-01-31&paid=2025-03-17"),
    "api:late-payment": Drive(PUBLIC, query="amount=12000&due=2025-01-31&paid=2025-03-17"),
    # Payment performance: a payer's compliance report (empty until the demo has invoices, which
    # it says plainly) and a place's public record of what was bought.
    "payments:compliance": Drive(STAFF + (BACK_OFFICE,), _slug_of(_organisation)),
    "payments:compliance-csv": Drive(STAFF, _slug_of(_organisation)),
    "payments:place-record": Drive(PUBLIC + STAFF, _slug_of(_place)),
    "api:payment-compliance": Drive((TOKEN,), _slug_of(_organisation)),
    "api:payment-compliance-agreements": Drive((TOKEN,), _slug_of(_organisation)),
    "api:payment-compliance-large-payments": Drive((TOKEN,), _slug_of(_organisation)),
    "api:place-payment-record": Drive(PUBLIC + (TOKEN,), _slug_of(_place)),
    "api:place-payment-record-agreements": Drive(PUBLIC + (TOKEN,), _slug_of(_place)),
    # Agreements and their money (demo/agreements.py): the alliance, the night shelter's contract.
    "agreements:detail": Drive(PUBLIC + STAFF + (PROVIDER,), _pk_of(_alliance)),
    "agreements:vary": Drive(STAFF, _pk_of(_alliance)),
    "agreements:kpis-add": Drive(STAFF, _pk_of(_alliance)),
    "agreements:kpis-edit": Drive(STAFF, _term_part(_alliance, "kpis")),
    "agreements:break-points-add": Drive(STAFF, _pk_of(_alliance)),
    "agreements:break-points-edit": Drive(STAFF, _term_part(_alliance, "break_points")),
    "agreements:assets-add": Drive(STAFF, _pk_of(_with_assets)),
    "agreements:assets-edit": Drive(STAFF, _term_part(_with_assets, "assets")),
    "api:agreement-detail": Drive(PUBLIC + (TOKEN,), _pk_of(_alliance)),
    "agreements:members": Drive(PUBLIC + STAFF, _pk_of(_alliance)),
    "agreements:member-add": Drive(STAFF, _pk_of(_alliance)),
    "agreements:member-edit": Drive(STAFF, _alliance_part("members", "member_pk")),
    "agreements:decisions": Drive(PUBLIC + STAFF, _pk_of(_alliance)),
    "agreements:decision-add": Drive(STAFF, _pk_of(_alliance)),
    "agreements:risks": Drive(STAFF, _pk_of(_alliance)),
    "agreements:risk-add": Drive(STAFF, _pk_of(_alliance)),
    "agreements:risk-edit": Drive(STAFF, _alliance_part("risks", "risk_pk")),
    "agreements:pain-gain": Drive(STAFF, _pk_of(_alliance)),
    "api:alliance-members": Drive(PUBLIC + (TOKEN,), _pk_of(_alliance)),
    "api:alliance-decisions": Drive(PUBLIC + (TOKEN,), _pk_of(_alliance)),
    "api:alliance-risks": Drive((TOKEN,), _pk_of(_alliance)),
    "api:alliance-pain-gain": Drive((TOKEN,), _pk_of(_alliance)),
    "payments:agreement-invoices": Drive(STAFF + (PROVIDER,), _pk_of(_invoiced)),
    "payments:invoice": Drive(STAFF + (PROVIDER,), _pk_of(lambda: _invoice(paid_late=True))),
    "payments:invoice-new": Drive((PROVIDER,), _pk_of(_invoiced)),
    "payments:schedule": Drive(STAFF + (PROVIDER,), _pk_of(_invoiced)),
    "payments:invoice-dispute": Drive(STAFF, _pk_of(lambda: _invoice(status="received"))),
    "payments:invoice-approve": Drive(STAFF, _pk_of(lambda: _invoice(status="received"))),
    "payments:invoice-correct": Drive((PROVIDER,), _pk_of(lambda: _invoice(status="received"))),
    "payments:cash-flow": Drive((PROVIDER,), _slug_of(_provider_organisation)),
    "api:agreement-invoices": Drive((TOKEN,), _pk_of(_invoiced)),
    "api:agreement-schedule": Drive((TOKEN,), _pk_of(_invoiced)),
    "api:invoice": Drive((TOKEN,), _pk_of(lambda: _invoice(paid_late=True))),
}

POST_ONLY = "an action (its page only confirms it, or it is POST only): it changes data"

NOT_DRIVEN: dict[str, str] = {
    # Agreements: pages that change a draft, or that the demo has nothing waiting for.
    "agreements:edit": "changes only a draft: the demo's agreements are in force",
    "agreements:make-live": "puts a draft in force: the demo's agreements are in force",
    "agreements:subcontract-enter": "the strategic partner's own page: nobody the benchmark signs in as speaks for it",
    "agreements:from-award": "the demo's award is still in its standstill",
    "agreements:from-grant-decision": "the demo's funded grant decisions already have their agreements",
    "agreements:kpis-remove": POST_ONLY,
    "agreements:break-points-remove": POST_ONLY,
    "agreements:assets-remove": POST_ONLY,
    "api:agreement-variations": POST_ONLY,
    # Competitions.
    "competitions:opportunity-edit": "changes only a draft: the demo's opportunities are published",
    "competitions:criterion-edit": "changes only a draft: the demo's opportunities are published",
    "competitions:criterion-remove": "changes only a draft: the demo's opportunities are published",
    "competitions:document-remove": "changes only a draft: the demo's opportunities are published",
    "competitions:document-download": "the demo's opportunities have no documents",
    "competitions:bid-document": "the demo's bids have no documents",
    "competitions:publish": POST_ONLY,
    "competitions:cancel": POST_ONLY,
    "competitions:interest": POST_ONLY,
    "competitions:bid-withdraw": POST_ONLY,
    "competitions:award-decide": POST_ONLY,
    "competitions:grant-decide": "changes a round not yet decided: the demo's open round has no applications",
    "competitions:low-bid-explain": "the low bidder's own page: nobody the benchmark signs in as speaks for it",
    "api:agreements-import": POST_ONLY,
    "api:opportunity-interest": POST_ONLY,
    "api:opportunity-criteria": POST_ONLY,
    "api:opportunity-criterion": "changes only a draft's criteria (PATCH and DELETE): the demo's opportunities are published",
    "api:opportunity-publish": POST_ONLY,
    "api:opportunity-cancel": POST_ONLY,
    "payments:implementation-publish": POST_ONLY,
    "api:opportunity-bid": "a bidder's own bid: the benchmark's token is a commissioner's",
    "api:opportunity-bid-submit": POST_ONLY,
    "api:opportunity-bid-withdraw": POST_ONLY,
    "api:evaluation-conflicts": "an evaluator's own declarations: the benchmark's token is a commissioner's",
    "api:evaluation-scores": "an evaluator's own scores: the benchmark's token is a commissioner's",
    "api:opportunity-question-answer": POST_ONLY,
    "api:evaluation-panel-seat": POST_ONLY,
    "api:evaluation-low-bids-check": POST_ONLY,
    "api:evaluation-low-bid-ask": POST_ONLY,
    "api:evaluation-low-bid-decide": POST_ONLY,
    "api:opportunity-low-bid-explanation": POST_ONLY,
    "accounts:sign-out": "signs the person out",
    "accounts:password-reset-confirm": "needs a one-time link from an email",
    "accounts:confirm-email": "needs a one-time link from an email",
    "accounts:confirm-email-send": POST_ONLY,
    "accounts:two-factor-setup": "each visit makes a new authenticator secret",
    "accounts:two-factor-verify": "only reached while signing in",
    "accounts:two-factor-turn-off": POST_ONLY,
    "accounts:api-token-revoke": POST_ONLY,
    "organisations:verify": POST_ONLY,
    "organisations:verification-revoke": POST_ONLY,
    "organisations:member-remove": POST_ONLY,
    "organisations:document-download": "the demo has no uploaded documents",
    "organisations:document-remove": POST_ONLY,
    "organisations:social-facts-withdraw": POST_ONLY,
    "notifications:follow": POST_ONLY,
    "notifications:unfollow": POST_ONLY,
    "notifications:unsubscribe": "needs a signed link from an email",
    "needs:support": POST_ONLY,
    "needs:unsupport": POST_ONLY,
    "needs:comment": POST_ONLY,
    "needs:comment-moderate": POST_ONLY,
    "needs:evidence-download": "the demo has no uploaded evidence files",
    "needs:evidence-remove": POST_ONLY,
    "codesign:participant-remove": POST_ONLY,
    "codesign:need-unlink": POST_ONLY,
    "codesign:outcome-unlink": POST_ONLY,
    "priorities:edit": "changes a draft round (the demo's rounds are open or published)",
    "priorities:delete": "deletes a draft round (the demo's rounds are open or published)",
    "priorities:open": POST_ONLY,
    "priorities:close": POST_ONLY,
    "priorities:publish": POST_ONLY,
    "outcomes:version-new": POST_ONLY,
    "outcomes:version-import": "a form for a framework's owner only, like version-new",
    "outcomes:version-publish": POST_ONLY,
    "outcomes:area-add": "edits a draft version (the demo's are published)",
    "outcomes:area-edit": "edits a draft version (the demo's are published)",
    "outcomes:outcome-add": "edits a draft version (the demo's are published)",
    "outcomes:outcome-edit": "edits a draft version (the demo's are published)",
    "outcomes:indicator-add": "edits a draft version (the demo's are published)",
    "outcomes:indicator-edit": "edits a draft version (the demo's are published)",
    "outcomes:area-remove": POST_ONLY,
    "outcomes:outcome-remove": POST_ONLY,
    "outcomes:indicator-remove": POST_ONLY,
    "outcomes:endorse": POST_ONLY,
    "outcomes:endorsement-withdraw": POST_ONLY,
    "participation:propose": "only while a round takes project ideas (the demo's vote or are published)",
    "participation:check-me": "only for rounds that check voters by code or list (the demo's do not)",
    "participation:voted": "shown once, after a vote",
    "participation:move": POST_ONLY,
    "participation:project-add": "only before voting (the demo's rounds vote or are published)",
    "participation:eligibility": "an upload form, only before voting",
    "participation:codes": POST_ONLY,
    "participation:count": POST_ONLY,
    "participation:count-stop": POST_ONLY,
    "participation:publish": "a preview of a closed round's count, for those who run it, then "
    "publishing it (the demo's rounds vote or are published)",
    "panels:feature-remove": POST_ONLY,
    "panels:pool-import-stop": POST_ONLY,
    "panels:pool-import-retry": POST_ONLY,
    "panels:run-start": POST_ONLY,
    "panels:run-stop": POST_ONLY,
    "panels:draw": POST_ONLY,
    "panels:meeting-delete": POST_ONLY,
    "panels:paper-delete": POST_ONLY,
    "panels:paper-download": "the demo's papers are links, not uploaded files",
    "panels:task-delete": POST_ONLY,
    "panels:task-done": POST_ONLY,
    "api:budget-my-ballot": "a voter's own sealed-ballot receipt: answers 404 to anyone without one",
    "api:notification-read": POST_ONLY,
    "api:follow-detail": "answers DELETE only",
    "api:not-found": "the API's answer to an unknown address",
    "api:ocds-release-detail": "the demo publishes its plans' releases only where the OCDS schema is installed",
    "api:ocds-record-detail": "the demo publishes its plans' releases only where the OCDS schema is installed",
    "commissioning:publish": POST_ONLY,
    "commissioning:event-publish": POST_ONLY,
    "commissioning:interest": POST_ONLY,
    "commissioning:advisor-start": "an action: it starts the answers again, then goes to the first question",
    "api:plan-route": POST_ONLY,
    # An alliance's governance (agreements/views_alliance.py, api_alliance.py).
    "agreements:member-remove": POST_ONLY,
    "agreements:risk-close": POST_ONLY,
    "agreements:pain-gain-add": "the demo's alliance has not started: no year to record yet",
    "api:alliance-member": "changes a member (PATCH and DELETE only)",
    "api:alliance-risk": "changes or closes a risk (PATCH only)",
    # Invoices, schedules and a provider's cash flow (payments/views_invoices.py, api_invoices.py).
    "payments:invoice-pay": "pays an approved invoice: the demo's unpaid invoices wait for approval",
    "payments:invoice-waive": "the provider waives charges on a late invoice: the demo's late ones are paid",
    "payments:invoice-resolve": POST_ONLY,
    "api:invoice-dispute": POST_ONLY,
    "api:invoice-resolve": POST_ONLY,
    "api:invoice-approve": POST_ONLY,
    "api:invoice-pay": POST_ONLY,
    "api:invoice-correct": POST_ONLY,
    "api:invoice-waive": POST_ONLY,
    "api:cash-flow": "a provider's own cash flow: the benchmark's token is a commissioner's",
}


def url_names() -> list[str]:
    """Every URL name Django knows, outside the back office (/admin/) and any bench-only view."""
    from django.urls import URLResolver, get_resolver

    names: list[str] = []

    def walk(patterns, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, inner)
            elif pattern.name:
                names.append(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, "")
    return [n for n in dict.fromkeys(names) if not n.startswith(("admin:", "bench-"))]


def unlisted() -> list[str]:
    """URL names that are neither driven nor left out for a reason: the benchmark's list has rotted."""
    return [n for n in url_names() if n not in DRIVEN and n not in NOT_DRIVEN]


def targets(*, include: Callable[[str], bool] = lambda _label: True) -> list[Target]:
    """Every page and endpoint to drive, as each of its people, with real objects from the database."""
    from django.urls import reverse

    missing = unlisted()
    if missing:
        raise LookupError(
            "These URL names are neither driven by the load benchmark nor left out for a reason: "
            + ", ".join(missing)
            + ". Add each to DRIVEN or NOT_DRIVEN in bench/load_pages.py."
        )
    found = []
    for name, drive in DRIVEN.items():
        if not any(include(Target(name, "", role).label) for role in drive.roles):
            continue
        path = reverse(name, kwargs=drive.kwargs() if drive.kwargs else None)
        if drive.query:
            path += "?" + drive.query
        for role in drive.roles:
            target = Target(name=name, path=path, role=role)
            if include(target.label):
                found.append(target)
    return found


# Signing in, without the sign-in form.


def person(role: str):
    """The demo place's person for a role (their email's local part is the role's name)."""
    from commonweal.accounts.models import User

    return _first(User.objects.filter(email__startswith=f"{role}@").order_by("pk"), f"demo {role}")


def session_key_for(user) -> str:
    """A signed-in session for ``user``, made through Django's session engine as sign-in would, past
    the second factor when their roles need one (django-otp's session flag, as the project's own
    two-factor check sets it). Returns the session cookie's value."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from commonweal.accounts.selectors import has_two_factor

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if user.needs_two_factor or has_two_factor(user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Load benchmark", confirmed=True)
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return session.session_key


BENCH_TOKEN_NAME = "Load benchmark"


def api_token_for(user) -> str:
    """A new API token for ``user`` (made through the accounts service, so audited), after revoking
    the ones earlier runs made: a database measured again and again keeps the same number of tokens
    (the settings page lists them, a page at a time)."""
    from commonweal.accounts.selectors import api_tokens_of
    from commonweal.accounts.tokens import api_token_create, api_token_revoke

    for earlier in api_tokens_of(user).filter(name=BENCH_TOKEN_NAME):
        api_token_revoke(user=user, token_id=earlier.pk)
    _token, key = api_token_create(user=user, name=BENCH_TOKEN_NAME)
    return key


def credentials(roles) -> dict[str, dict[str, str]]:
    """The request headers each role sends: a session cookie for people, a bearer token for TOKEN."""
    from django.conf import settings

    headers: dict[str, dict[str, str]] = {}
    for role in roles:
        if role == ANONYMOUS:
            headers[role] = {}
        elif role == TOKEN:
            headers[role] = {"Authorization": f"Bearer {api_token_for(person(TOKEN_OWNER))}"}
        else:
            key = session_key_for(person(role))
            headers[role] = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={key}"}
    return headers
