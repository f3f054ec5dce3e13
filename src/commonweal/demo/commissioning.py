"""Riverside's commissioning plans (data_commissioning.py), made through the commissioning app's
own services, as a commissioner would make them: the plan, its pooled money and today's contracts,
the route advisor's record and the route chosen, the requirements and lots, the pipeline entry,
market engagement and the providers interested.

Called by ``services.demo_load`` inside its audit context, after the needs, sessions and panels.
A plan is found again by its title and place, so loading twice changes nothing; its dates are set
once, when it is first made, counted from the day the demo is loaded.

Publishing checks each release against the OCDS schema (opendata.schema). Without the schema (a
fresh clone that has not run `make ocds-schema`) the plans are still published to the pipeline, but
no open data release is: one line in the log says why.
"""

import logging
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from commonweal.accounts.models import User
from commonweal.codesign.models import Session
from commonweal.commissioning import routes, selectors, services, services_design
from commonweal.commissioning import services_pipeline as pipeline
from commonweal.commissioning.models import Advice, Lot, Plan
from commonweal.core.policy.procurement import ACT_STARTS
from commonweal.demo import data, data_cycle, data_needs
from commonweal.demo import data_commissioning as spec
from commonweal.needs.models import Need, Term
from commonweal.opendata import schema
from commonweal.organisations import identifiers
from commonweal.organisations.models import Organisation
from commonweal.organisations.services_verification import public_body_verify
from commonweal.outcomes.models import Outcome
from commonweal.places.models import Place

logger = logging.getLogger(__name__)

REASON = "Demo place loaded"
Save = Callable[..., Any]  # the demo's check-and-save helper (services._save)
NEED_PLACES = {need["title"]: need["place"] for need in data_needs.NEEDS}


def load(
    *, places: dict[str, Place], organisations: dict[str, Organisation], save: Save
) -> dict[str, int]:
    """Load the plans and what they need; ``save`` is the demo's check-and-save helper. Returns how
    many plans there are and how many were published."""
    organisations = {**organisations, **_organisations(places, save)}
    _verify(places, organisations)
    waiting = _why_nothing_can_be_published()
    if waiting:
        logger.warning(
            "The demo's commissioning plans are in the pipeline, but their open data waits: %s",
            waiting,
        )
    loader = _Loader(places, organisations, publish=True)
    plans = [loader.plan(plan_spec) for plan_spec in spec.PLANS]
    return {"plans": len(plans), "published": sum(plan.is_published for plan in plans)}


def _why_nothing_can_be_published() -> str:
    """Why no release can be checked against the schema, or "" when it can."""
    try:
        schema.schema_dir()
    except schema.SchemaUnavailable as missing:
        return str(missing)
    return ""


def load_plan(
    plan_spec: dict, places: dict[str, Place], organisations: dict[str, Organisation]
) -> Plan:
    """One more plan in the shape of ``data_commissioning.PLANS``, made as they are (the
    competitions demo's plan for its finished tender)."""
    return _Loader(places, organisations, publish=True).plan(plan_spec)


def _organisations(places: dict[str, Place], save: Save) -> dict[str, Organisation]:
    """The providers and the public body the plans bring in."""
    return load_organisations(spec.ORGANISATIONS, places, save)


def load_organisations(
    rows: list[dict], places: dict[str, Place], save: Save
) -> dict[str, Organisation]:
    """Organisations in the shape of ``data._org``, found again by identifier or slug."""
    found = {}
    for row in rows:
        fields = {key: value for key, value in row.items() if key != "places_served"}
        organisation = (
            Organisation.objects.filter(org_id=identifiers.normalise(fields["org_id"])).first()
            or Organisation.objects.filter(slug=fields["slug"]).first()
            or Organisation()
        )
        organisation = save(organisation, **fields)
        organisation.places_served.set([places[slug] for slug in row["places_served"]])
        found[organisation.slug] = organisation
    return found


def _verify(places: dict[str, Place], organisations: dict[str, Organisation]) -> None:
    """The back office verifies the new public body, with evidence, as it did the demo's others."""
    back_office = User.objects.get(email=data.email(data.SUPERUSER[0]))
    for slug, place_slug, kind, evidence in spec.VERIFICATIONS:
        organisation, place = organisations[slug], places[place_slug]
        if not organisation.verifications.filter(place=place, revoked_at__isnull=True).exists():
            public_body_verify(
                actor=back_office,
                organisation=organisation,
                place=place,
                evidence_kind=kind,
                evidence=evidence,
                reason=REASON,
            )


def first_april_on_or_after(day: date) -> date:
    """Services start with a financial year: the first 1 April on or after ``day``."""
    april = date(day.year, 4, 1)
    return april if april >= day else date(day.year + 1, 4, 1)


def plan_dates(plan_spec: dict, today: date) -> tuple[date, date]:
    """When the procurement starts (never before the Procurement Act's regime began) and when
    the service starts."""
    procurement = max(today + timedelta(days=plan_spec["procurement_in_days"]), ACT_STARTS)
    service = first_april_on_or_after(procurement + timedelta(days=plan_spec["service_after_days"]))
    return procurement, service


class _Loader:
    def __init__(
        self,
        places: dict[str, Place],
        organisations: dict[str, Organisation],
        *,
        publish: bool,
    ) -> None:
        self.places = places
        self.organisations = organisations
        self.publish = publish
        self.today = timezone.localdate()
        self.borough = places[str(data.BOROUGH["slug"])]
        self.commissioner = User.objects.get(email=data.email("commissioner"))

    def plan(self, plan_spec: dict) -> Plan:
        plan = self._plan(plan_spec)
        self._money(plan, plan_spec)
        self._current_contracts(plan, plan_spec)
        advice = self._advice(plan, plan_spec)
        if plan_spec["route"]:
            route, reason = plan_spec["route"]
            services.route_choose(
                actor=self.commissioner, plan=plan, route=route, reason=reason, advice=advice
            )
        if plan_spec["requirements"]:
            self._requirements(plan, plan_spec["requirements"])
        self._lots(plan, plan_spec["lots"])
        if plan_spec["publish"] and self.publish and not plan.is_published:
            self._publish(plan)
        if plan.is_published:
            for slug, local_part in plan_spec["interested"]:
                pipeline.interest_register(
                    actor=User.objects.get(email=data.email(local_part)),
                    plan=plan,
                    organisation=self.organisations[slug],
                )
        self._events(plan, plan_spec["events"])
        if plan_spec["stage"] and plan.is_published:
            stage, reason = plan_spec["stage"]
            services.plan_status_set(
                actor=self.commissioner, plan=plan, status=stage, reason=reason
            )
        return plan

    # --- the plan and its money ----------------------------------------------------------------

    def _plan(self, plan_spec: dict) -> Plan:
        people = [
            User.objects.get(email=data.email(local_part))
            for local_part in plan_spec["citizen_commissioners"]
        ]
        fields = {
            "summary": plan_spec["summary"],
            "social_value_considered": plan_spec["social_value_considered"],
            "consulted": plan_spec["consulted"],
            "duration_months": plan_spec["duration_months"],
            "themes": [
                Term.objects.get(vocabulary=vocabulary, slug=slug)
                for vocabulary, slug in plan_spec["themes"]
            ],
            "needs": [
                Need.objects.get(title=title, place=self.places[NEED_PLACES[title]])
                for title in plan_spec["needs"]
            ],
            "outcomes": list(
                Outcome.objects.filter(
                    version__framework__slug=data_cycle.FRAMEWORK["slug"],
                    code__in=plan_spec["outcomes"],
                )
            ),
            "sessions": [
                Session.objects.get(title=title, place=self.borough)
                for title in plan_spec["sessions"]
            ],
            "citizen_commissioners": people,
        }
        plan = Plan.objects.filter(place=self.borough, title=plan_spec["title"]).first()
        if plan is not None:  # put back what was changed; its dates stay as first set
            return services.plan_update(actor=self.commissioner, plan=plan, reason=REASON, **fields)
        procurement, service = plan_dates(plan_spec, self.today)
        return services.plan_create(
            actor=self.commissioner,
            place=self.borough,
            lead=self.organisations[plan_spec["lead"]],
            title=plan_spec["title"],
            reason=REASON,
            procurement_starts_on=procurement,
            service_starts_on=service,
            **fields,
        )

    def _money(self, plan: Plan, plan_spec: dict) -> None:
        existing = {
            (row.organisation_id, row.financial_year): row for row in plan.contributions.all()
        }
        starts, months = plan.service_starts_on, plan_spec["duration_months"]
        assert starts is not None  # set when the plan was first made
        first_year = starts.year  # services start on 1 April
        for slug, amount, conditions in plan_spec["budget"]:
            organisation = self.organisations[slug]
            for year in range(first_year, first_year + months // 12):
                services.contribution_save(
                    actor=self.commissioner,
                    plan=plan,
                    organisation=organisation,
                    financial_year=year,
                    amount=Decimal(amount),
                    conditions=conditions,
                    contribution=existing.get((organisation.pk, year)),
                )

    def _current_contracts(self, plan: Plan, plan_spec: dict) -> None:
        recorded = set(plan.current_contracts.values_list("provider_id", "description"))
        for slug, description, annual_value, ends_in_days in plan_spec["current_contracts"]:
            provider = self.organisations[slug]
            if (provider.pk, description) in recorded:
                continue
            services.current_contract_add(
                actor=self.commissioner,
                plan=plan,
                provider=provider,
                description=description,
                annual_value=Decimal(annual_value),
                ends_on=self.today + timedelta(days=ends_in_days),
            )

    # --- the advice, the requirements and the lots -------------------------------------------------

    def _advice(self, plan: Plan, plan_spec: dict) -> Advice:
        """The route advisor's record, asked once: the answers, with the plan's money and dates."""
        advice = selectors.latest_advice(plan)
        if advice is not None:
            return advice
        assert plan.procurement_starts_on is not None  # set when the plan was first made
        answers = routes.Answers(
            estimated_value=selectors.plan_total(plan),
            duration_months=plan_spec["duration_months"],
            starts_on=plan.procurement_starts_on,
            **plan_spec["answers"],
        )
        return services.advice_record(actor=self.commissioner, plan=plan, answers=answers)

    def _requirements(self, plan: Plan, wanted: dict) -> None:
        money = {"minimum_turnover", "public_liability", "employers_liability"}
        money |= {"professional_indemnity", "price_weighting", "social_value_weighting"}
        values = {
            name: Decimal(value) if name in money and value is not None else value
            for name, value in wanted.items()
        }
        services_design.requirements_save(actor=self.commissioner, plan=plan, **values)

    def _lots(self, plan: Plan, lots: list) -> None:
        existing = {lot.title: lot for lot in plan.lots.all()}
        for title, description, value in lots:
            services_design.lot_save(
                actor=self.commissioner,
                plan=plan,
                lot=existing.get(title),
                title=title,
                split_by=Lot.SplitBy.STRAND,
                description=description,
                value=Decimal(value),
                area=None,
            )

    # --- the pipeline --------------------------------------------------------------------------------

    def _publish(self, plan: Plan) -> None:
        try:
            pipeline.plan_publish(actor=self.commissioner, plan=plan)
        except ValidationError as refused:
            plan.refresh_from_db()  # the service set published_at before its release was refused
            logger.warning(
                "The demo's plan “%s” was left unpublished: %s",
                plan.title,
                " ".join(refused.messages),
            )

    def _events(self, plan: Plan, events: list) -> None:
        existing = {event.title: event for event in plan.engagement_events.all()}
        for title, held_days_ago, where, notes in events:
            event = existing.get(title)
            event = pipeline.event_save(
                actor=self.commissioner,
                plan=plan,
                event=event,
                title=title,
                held_on=event.held_on if event else self.today - timedelta(days=held_days_ago),
                where=where,
                notes=notes,
            )
            if self.publish and plan.is_published and event.notes_published_at is None:
                pipeline.event_notes_publish(actor=self.commissioner, event=event)
