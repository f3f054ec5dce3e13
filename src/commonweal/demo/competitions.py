"""Riverside's competitions (data_competitions.py): a finished tender with four bids, evaluated by two
officers and a citizen commissioner, the loss-leader rejected, awarded and in its standstill; a
tender open now, paid by results, that a provider will need investment for; and the Millbrook
grants programme's spring round (decided, in 360Giving) and autumn round (open).

Called by ``services.demo_load`` inside its audit context, after the commissioning plans. An
opportunity is found again by its plan and title, so loading twice changes nothing.

The finished tender and the spring round ran before the demo was loaded: their publishing,
questions and bids are written as they were on their days, each bid sealed through the vault with
the time it was submitted, so its receipt checks. Everything after the deadline (conflicts,
scores, moderation, the low-bid review, the award, the grant decisions) goes through the
competitions app's own services, today, as the people involved would do it. The open tender and
the autumn round are made and published through the services too: they are open now.

Without the OCDS schema (a fresh clone that has not run `make ocds-schema`), the competitions still
run; their open data waits, as the plans' does.
"""

import contextlib
import datetime
import logging
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from commonweal.accounts.models import RoleAssignment, User
from commonweal.accounts.roles import Role
from commonweal.commissioning.models import Plan
from commonweal.competitions import (
    ocds,
    services_award,
    services_bids,
    services_evaluation,
    services_frameworks,
    services_opportunities,
    vault,
)
from commonweal.competitions.content import BidContent, Commitment, GrantBudget, Member
from commonweal.competitions.frameworks_csv import MeasureRow
from commonweal.competitions.models import (
    Bid,
    Criterion,
    Evaluator,
    Interest,
    LowBidReview,
    Opportunity,
    Question,
    SocialValueFramework,
)
from commonweal.core.audit import audit_context
from commonweal.demo import commissioning, data
from commonweal.demo import data_commissioning as plans_spec
from commonweal.demo import data_competitions as spec
from commonweal.opendata.schema import SchemaUnavailable
from commonweal.opendata.services import release_publish
from commonweal.organisations import services_social_facts
from commonweal.organisations.models import Organisation
from commonweal.places.models import Place

logger = logging.getLogger(__name__)

REASON = "Demo place loaded"

# The people who speak for the bidders that have nobody else in the demo: fictional, with no
# password, so nobody signs in as them.
BIDDER_PEOPLE = {
    "lived-experience-riverside": ("ray.costa", "Ray Costa"),
    "meridian-health-and-justice": ("bids.meridian", "Morgan Hale"),
    "valucare-support-services": ("bids.valucare", "Vic Lowe"),
    "millbrook-older-peoples-forum": ("millbrook.forum", "Joan Pike"),
    "riverside-carers-network": ("carers.network", "Ade Bello"),
    "millbrook-youth-club": ("millbrook.youth", "Kai Lewis"),
    "northgate-community-shed": ("northgate.shed", "Bill Hughes"),
}


def load(*, places: dict[str, Place], organisations: dict[str, Organisation], save) -> dict:
    """Load the competitions; ``save`` is the demo's check-and-save helper. Returns how many
    opportunities there are and how many bids."""
    brought_by_plans = [row["slug"] for row in plans_spec.ORGANISATIONS]
    organisations = {
        **organisations,
        **{org.slug: org for org in Organisation.objects.filter(slug__in=brought_by_plans)},
        **commissioning.load_organisations(spec.ORGANISATIONS, places, save),
    }
    loader = _Loader(places, organisations, save)
    loader.frameworks()
    tender = loader.tender()
    open_tender = loader.open_tender()
    rounds = [loader.grant_round(round_spec) for round_spec in spec.GRANT_ROUNDS]
    opportunities = [tender, open_tender, *rounds]
    return {
        "opportunities": len(opportunities),
        "bids": Bid.objects.filter(opportunity__in=opportunities).count(),
    }


def _at(days: int, hour: int = 12) -> datetime.datetime:
    """Noon (or the hour given), ``days`` from today, in the site's time zone."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class _Loader:
    def __init__(self, places, organisations, save) -> None:
        self.places = places
        self.organisations = organisations
        self.save = save
        self.borough = places[str(data.BOROUGH["slug"])]
        self.people = {
            local: User.objects.get(email=data.email(local))
            for local in (
                "commissioner",
                "procurement_officer",
                "evaluator",
                "citizen_commissioner",
                "provider_member",
            )
        }
        self.framework: SocialValueFramework | None = None

    # --- people -------------------------------------------------------------------------------

    def _bidder_person(self, slug: str) -> User:
        if slug == "riverside-night-shelter":
            return self.people["provider_member"]
        local, name = BIDDER_PEOPLE[slug]
        email = data.email(local)
        user = User.objects.filter(email=email).first() or User(email=email)
        if user.pk is None:
            user.set_unusable_password()
        user = self.save(
            user,
            full_name=name,
            is_demo_account=True,
            is_active=True,
            is_staff=False,
            is_superuser=False,
        )
        organisation = self.organisations[slug]
        if not RoleAssignment.objects.filter(user=user, organisation=organisation).exists():
            self.save(
                RoleAssignment(user=user, organisation=organisation, role=Role.PROVIDER_MEMBER)
            )
        return user

    # --- social value measures ------------------------------------------------------------------

    def frameworks(self) -> None:
        services_frameworks.open_measures_load(actor=None)
        wanted = spec.FRAMEWORK
        self.framework = services_frameworks.framework_load(
            actor=self.people["commissioner"],
            place=self.borough,
            name=wanted["name"],
            version=wanted["version"],
            licence=wanted["licence"],
            rows=[
                MeasureRow(
                    code=code, title=title, unit=unit, proxy_value=Decimal(value), theme=theme
                )
                for code, title, unit, value, theme in wanted["rows"]
            ],
        )

    # --- the finished tender ----------------------------------------------------------------------

    def tender(self) -> Opportunity:
        plan = commissioning.load_plan(spec.CRISIS_PLAN, self.places, self.organisations)
        wanted = spec.TENDER
        found = Opportunity.objects.filter(plan=plan, title=wanted["title"]).first()
        if found is not None:
            return found
        commissioner = self.people["commissioner"]
        quality, social_value, price = (Decimal(weight) for weight in wanted["weights"])
        opportunity = services_opportunities.opportunity_create(
            actor=commissioner,
            plan=plan,
            kind=Opportunity.Kind.TENDER,
            title=wanted["title"],
            description=wanted["description"],
            conditions=wanted["conditions"],
            value=Decimal(wanted["value"]),
            budget=Decimal(wanted["budget"]),
            contract_months=wanted["contract_months"],
            questions_close_at=_at(wanted["questions_close_days"]),
            closes_at=_at(wanted["closes_days"]),
            service_starts_on=plan.service_starts_on,
            quality_weight=quality,
            social_value_weight=social_value,
            price_weight=price,
            price_formula=wanted["price_formula"],
            include_inherent_social_value=wanted["include_inherent_social_value"],
            inherent_social_value_share=Decimal(wanted["inherent_social_value_share"]),
            social_value_framework=self.framework,
            cost_model_hours=Decimal(wanted["cost_model_hours"]),
            cost_model_other_costs=Decimal(wanted["cost_model_other_costs"]),
        )
        self._social_facts_checks()
        criteria = self._criteria(opportunity, wanted["criteria"])
        self._published_on(opportunity, _at(wanted["published_days"], hour=9))
        for slug, _form in ((bid["organisation"], bid["form"]) for bid in wanted["bids"]):
            self._interest(opportunity, slug)
        self._questions(opportunity, wanted["questions"], wanted["published_days"])
        self._evaluators(opportunity, wanted["evaluators"])
        bids = {
            bid_spec["organisation"]: self._past_bid(
                opportunity,
                bid_spec["organisation"],
                form=bid_spec["form"],
                content=self._tender_content(bid_spec, criteria),
                submitted_at=_at(wanted["closes_days"] - 1 - index, hour=15),
            )
            for index, bid_spec in enumerate(wanted["bids"])
        }
        self._evaluate(opportunity, criteria, bids, wanted["scores"])
        self._low_bid(opportunity, bids, wanted["low_bid"])
        self._moderate(opportunity, criteria, bids, wanted["scores"])
        self._award(opportunity, bids, wanted["award"])
        return opportunity

    def _social_facts_checks(self) -> None:
        for slug, asset_lock, reinvested, place_slug, evidence in spec.SOCIAL_FACTS_CHECKS:
            services_social_facts.check_record(
                actor=self.people["commissioner"],
                organisation=self.organisations[slug],
                asset_lock=asset_lock,
                profits_reinvested_percent=Decimal(reinvested),
                locally_owned_place=self.places[place_slug],
                evidence=evidence,
                reason=REASON,
            )

    def _criteria(self, opportunity: Opportunity, rows: list) -> dict[str, Criterion]:
        made: dict[str, Criterion] = {}
        for position, row in enumerate(rows, start=1):
            key, part, parent, title, question, guidance, plain, weight, pass_fail, citizens = row
            made[key] = services_opportunities.criterion_save(
                actor=self.people["commissioner"],
                opportunity=opportunity,
                part=part,
                parent=made[parent] if parent else None,
                title=title,
                question=question,
                guidance=guidance,
                plain_guidance=plain,
                weight=Decimal(weight),
                pass_fail=pass_fail,
                open_to_citizens=citizens,
                position=position,
            )
        return made

    def _published_on(self, opportunity: Opportunity, when: datetime.datetime) -> None:
        """Published on its day (before the demo was loaded), with its tender release as it was
        then; the release waits when the OCDS schema is not installed."""
        with audit_context(actor=self.people["commissioner"], reason=REASON):
            opportunity.status = Opportunity.Status.OPEN
            opportunity.published_at = when
            opportunity.save(update_fields=["status", "published_at", "updated_at"])
            with contextlib.suppress(SchemaUnavailable):  # the release waits
                release_publish(
                    data=ocds.tender_release(opportunity, when=when),
                    actor=self.people["commissioner"],
                )

    def _interest(self, opportunity: Opportunity, slug: str) -> None:
        organisation = self.organisations[slug]
        if not Interest.objects.filter(opportunity=opportunity, organisation=organisation).exists():
            with audit_context(actor=self._bidder_person(slug), reason=REASON):
                Interest.objects.create(
                    opportunity=opportunity,
                    organisation=organisation,
                    registered_by=self._bidder_person(slug),
                )

    def _questions(self, opportunity: Opportunity, questions: list, published_days: int) -> None:
        asker = self.people["provider_member"]
        for offset, (text, answer) in enumerate(questions, start=1):
            with audit_context(actor=self.people["procurement_officer"], reason=REASON):
                Question.objects.create(
                    opportunity=opportunity,
                    asked_by=asker,
                    asked_for=self.organisations["riverside-night-shelter"],
                    text=text,
                    answer=answer,
                    answered_by=self.people["procurement_officer"],
                    published_at=_at(published_days + 7 * offset, hour=16),
                )

    def _evaluators(self, opportunity: Opportunity, seats: list) -> None:
        for local, kind in seats:
            if not Evaluator.objects.filter(
                opportunity=opportunity, user=self.people[local]
            ).exists():
                services_evaluation.evaluator_add(
                    actor=self.people["procurement_officer"],
                    opportunity=opportunity,
                    user=self.people[local],
                    kind=kind,
                )

    def _tender_content(self, bid_spec: dict, criteria: dict[str, Criterion]) -> BidContent:
        measures = (
            {measure.code: measure for measure in self.framework.measures.all()}
            if self.framework
            else {}
        )
        commitments = tuple(
            Commitment(
                measure_id=measures[code].pk,
                quantity_by_year=tuple(Decimal(q) for q in quantities),
                beyond_core_service=beyond,
                attribution=None if attribution is None else Decimal(attribution),
                deadweight=None if deadweight is None else Decimal(deadweight),
                double_counting_group=group,
                delivery_plan=delivery,
                evidence_plan=evidence,
            )
            for code, quantities, beyond, attribution, deadweight, group, delivery, evidence in spec.COMMITMENTS[
                bid_spec["commitments"]
            ]
        )
        return BidContent(
            answers={str(criteria[key].pk): text for key, text in bid_spec["answers"].items()},
            price=Decimal(bid_spec["price"]),
            staff_hours=Decimal(bid_spec["staff_hours"]),
            commitments=commitments,
            members=tuple(
                Member(
                    name=name,
                    role=role,
                    share=Decimal(share),
                    organisation_id=self.organisations[slug].pk if slug else None,
                )
                for name, role, share, slug in bid_spec["members"]
            ),
            conflicts=bid_spec["conflicts"] or services_bids.NO_CONFLICTS,
        )

    def _past_bid(
        self,
        opportunity: Opportunity,
        slug: str,
        *,
        form: str,
        content: BidContent,
        submitted_at: datetime.datetime,
    ) -> Bid:
        """A bid submitted on its day: sealed through the vault at that time, with its receipt."""
        person = self._bidder_person(slug)
        with audit_context(actor=person, reason=REASON):
            bid = Bid.objects.create(
                opportunity=opportunity,
                organisation=self.organisations[slug],
                form=form,
                created_by=person,
            )
            sealed, salt = vault.seal_content(bid, content, now=submitted_at)
            bid.sealed = sealed
            bid.version = 1
            bid.status = Bid.Status.SUBMITTED
            bid.submitted_at = submitted_at
            bid.submitted_by = person
            bid.receipt = vault.receipt(bid, salt=salt, content=content, submitted_at=submitted_at)
            bid.save()
        return bid

    # --- after the deadline: the services, today ----------------------------------------------------

    def _evaluate(self, opportunity, criteria, bids, scores) -> None:
        for seat in Evaluator.objects.filter(opportunity=opportunity).select_related("user"):
            services_evaluation.conflicts_declare(
                actor=seat.user,
                evaluator=seat,
                declarations={bid.organisation_id: (False, "") for bid in bids.values()},
            )
            seat.refresh_from_db()
            for slug, bid in bids.items():
                for key, (score, reason) in scores[slug].items():
                    criterion = criteria[key]
                    if seat.kind == Evaluator.Kind.CITIZEN and not criterion.open_to_citizens:
                        continue
                    services_evaluation.score_record(
                        actor=seat.user,
                        evaluator=seat,
                        bid=bid,
                        criterion=criterion,
                        score=None if score == "pass" else Decimal(score),
                        passed=True if score == "pass" else None,
                        reason=reason,
                    )
            services_evaluation.scores_submit(actor=seat.user, evaluator=seat)

    def _low_bid(self, opportunity, bids, wanted) -> None:
        officer = self.people["procurement_officer"]
        services_evaluation.low_bids_check(actor=officer, opportunity=opportunity)
        for review in LowBidReview.objects.filter(bid__opportunity=opportunity).select_related(
            "bid"
        ):
            services_evaluation.low_bid_ask(actor=officer, review=review)
            if review.bid.organisation.slug != wanted["organisation"]:
                continue
            review.refresh_from_db()
            services_evaluation.low_bid_explain(
                actor=self._bidder_person(wanted["organisation"]),
                review=review,
                explanation=wanted["explanation"],
            )
            review.refresh_from_db()
            services_evaluation.low_bid_decide(
                actor=officer, review=review, decision=wanted["decision"], reason=wanted["reason"]
            )

    def _moderate(self, opportunity, criteria, bids, scores) -> None:
        for slug, bid in bids.items():
            for key, (score, reason) in scores[slug].items():
                services_evaluation.moderate(
                    actor=self.people["procurement_officer"],
                    bid=bid,
                    criterion=criteria[key],
                    score=None if score == "pass" else Decimal(score),
                    passed=True if score == "pass" else None,
                    reason=reason,
                )

    def _award(self, opportunity, bids, wanted) -> None:
        opportunity.refresh_from_db()
        try:
            services_award.award_decide(
                actor=self.people["commissioner"],
                opportunity=opportunity,
                bid=bids[wanted["organisation"]],
                reason=wanted["reason"],
            )
        except ValidationError as refused:
            logger.warning("The demo's tender was left unawarded: %s", " ".join(refused.messages))

    # --- the open tender, paid by results -----------------------------------------------------------

    def open_tender(self) -> Opportunity:
        """Made and published through the services today: open for bids."""
        plan = commissioning.load_plan(spec.HOUSING_FIRST_PLAN, self.places, self.organisations)
        wanted = spec.OPEN_TENDER
        found = Opportunity.objects.filter(plan=plan, title=wanted["title"]).first()
        if found is not None:
            return found
        commissioner = self.people["commissioner"]
        quality, social_value, price = (Decimal(weight) for weight in wanted["weights"])
        opportunity = services_opportunities.opportunity_create(
            actor=commissioner,
            plan=plan,
            kind=Opportunity.Kind.TENDER,
            title=wanted["title"],
            description=wanted["description"],
            conditions=wanted["conditions"],
            value=Decimal(wanted["value"]),
            budget=Decimal(wanted["value"]),
            contract_months=wanted["contract_months"],
            questions_close_at=_at(wanted["questions_close_days"]),
            closes_at=_at(wanted["closes_days"]),
            quality_weight=quality,
            social_value_weight=social_value,
            price_weight=price,
            price_formula=Opportunity.PriceFormula.AGAINST_BUDGET,
            social_value_framework=self.framework,
        )
        self._criteria(opportunity, wanted["criteria"])
        services_opportunities.opportunity_publish(actor=commissioner, opportunity=opportunity)
        self._evaluators(opportunity, [("evaluator", "officer")])
        return opportunity

    # --- grant rounds -------------------------------------------------------------------------------

    def grant_round(self, wanted: dict) -> Opportunity:
        plan = Plan.objects.get(title=plans_spec.GRANTS["title"], place__in=self.places.values())
        found = Opportunity.objects.filter(plan=plan, title=wanted["title"]).first()
        if found is not None:
            return found
        commissioner = self.people["commissioner"]
        opportunity = services_opportunities.opportunity_create(
            actor=commissioner,
            plan=plan,
            kind=Opportunity.Kind.GRANT_ROUND,
            title=wanted["title"],
            description=wanted["description"],
            conditions=wanted["conditions"],
            value=Decimal(wanted["value"]),
            budget=Decimal("10000"),
            contract_months=12,
            questions_close_at=_at(wanted["questions_close_days"]),
            closes_at=_at(wanted["closes_days"]),
            quality_weight=Decimal("100"),
            social_value_weight=Decimal("0"),
            price_weight=Decimal("0"),
            price_formula=Opportunity.PriceFormula.AGAINST_BUDGET,
        )
        quality = services_opportunities.criterion_save(
            actor=commissioner,
            opportunity=opportunity,
            part=Criterion.Part.QUALITY,
            title="What you will do",
            question=wanted["question"],
            guidance="Look for who it reaches, what it does and how the group will know it helped.",
            weight=Decimal("100"),
            position=1,
        )
        if wanted["closes_days"] > 0:  # open now: published today, through the service
            services_opportunities.opportunity_publish(actor=commissioner, opportunity=opportunity)
            self._evaluators(opportunity, wanted.get("evaluators", []))
            return opportunity
        self._published_on(opportunity, _at(wanted["published_days"], hour=9))
        decisions = []
        for index, (slug, asked, match, in_kind, answer, decision) in enumerate(
            wanted["applications"]
        ):
            content = BidContent(
                answers={str(quality.pk): answer},
                grant=GrantBudget(
                    requested=Decimal(asked),
                    match_funding=Decimal(match) if match else None,
                    in_kind=in_kind,
                ),
                conflicts=services_bids.NO_CONFLICTS,
            )
            bid = self._past_bid(
                opportunity,
                slug,
                form=Bid.Form.ALONE,
                content=content,
                submitted_at=_at(wanted["closes_days"] - 2 - index, hour=11),
            )
            decisions.append((bid, decision))
        start = timezone.localdate() + datetime.timedelta(days=14)
        for bid, (funded, amount, reason) in decisions:
            services_award.grant_decide(
                actor=commissioner,
                bid=bid,
                awarded=funded,
                amount=Decimal(amount) if amount else None,
                reason=reason,
                planned_start=start if funded else None,
                planned_end=start + datetime.timedelta(days=365) if funded else None,
            )
        try:
            services_award.grant_round_award(actor=commissioner, opportunity=opportunity)
        except ValidationError as refused:
            logger.warning(
                "The demo's grant decisions were left unpublished: %s", " ".join(refused.messages)
            )
        return opportunity
