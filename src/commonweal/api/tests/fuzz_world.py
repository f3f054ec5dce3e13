"""A small world for fuzzing the API: a record behind every endpoint, and people of several roles.

Riverside (with a ward) and its council, a commissioner there, a resident, a provider's member,
and a person who made their own account and their own "public body". Needs with evidence, a
co-design session, a priority round, an outcomes framework, a budgeting round open for voting, one
whose results are published, and a citizens' panel with its pool. Built with the shared factories and each app's own services.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from commonweal.accounts.models import User
from commonweal.accounts.roles import Role
from commonweal.api.tests import cycle_records as records
from commonweal.commissioning import services as commissioning_services
from commonweal.commissioning import services_design
from commonweal.commissioning.models import Lot
from commonweal.competitions.models import Criterion, Opportunity
from commonweal.needs.models import Evidence, Term
from commonweal.organisations.models import Organisation
from commonweal.organisations.services import organisation_register
from commonweal.panels.tests.helpers import make_panel
from commonweal.participation import services as budget_services
from commonweal.participation import services_counting, services_voting
from commonweal.participation.models import BudgetRound, Project
from commonweal.testing.factories import OrganisationFactory, RoleFactory, UserFactory
from commonweal.testing.place_world import make_resident


@dataclass
class FuzzWorld:
    people: dict[str, User]  # by role: commissioner, resident, provider, self_made
    records: dict[str, object]  # by path parameter name and kind of record
    organisations: dict[str, str]  # the short name of the organisation each role belongs to
    body_values: dict[str, object]  # real values for fields that name other records

    def path_parameters(self, path: str, who: str) -> dict | None:
        """Real records for an operation's path, so fuzzing reaches them: the person's own organisation."""
        if "{" not in path:
            return None
        if path.startswith("/api/organisations/"):
            return {"slug": self.organisations.get(who, self.organisations["provider"])}
        kind = path.split("/")[2]
        if path.endswith("/results/") and kind + " published" in self.records:
            kind += " published"  # a round whose results are out, so the results' own answer is fuzzed too
        return {name: self.records[kind] for name in ("id", "slug") if "{" + name + "}" in path}


def build_world(*, riverside, ward, council, staff) -> FuzzWorld:
    """Records for every endpoint to return, in Riverside."""
    resident = make_resident(ward)
    provider = OrganisationFactory(
        name="Riverside Care Co-operative", legal_form=Organisation.LegalForm.COOPERATIVE
    )
    provider.places_served.add(riverside)
    provider_member = RoleFactory(role=Role.PROVIDER_MEMBER, organisation=provider).user
    RoleFactory(
        user=provider_member, role=Role.ADMINISTRATOR, organisation=provider
    )  # so it may change it
    self_made = UserFactory(full_name="Sam Selfmade")
    own_body = organisation_register(
        actor=self_made,
        name="Totally Real Council",
        org_id="GB-LAE-ZZZ",
        legal_form=Organisation.LegalForm.PUBLIC_BODY,
        places_served=[riverside],
    )
    RoleFactory(user=self_made, organisation=own_body, role=Role.COMMISSIONER)

    housing = records.term(Term.Vocabulary.OUTCOME_AREA, "housing", "Housing")
    older = records.term(Term.Vocabulary.BENEFICIARY_GROUP, "older-people", "Older people")
    shelter = records.need(ward, themes=[housing, older])
    records.figure(shelter)
    records.story(shelter, "A winter outside", publication=Evidence.Publication.NAMED)
    lonely = records.need(riverside, "Lonely after hospital", themes=[older])
    records.supporters(lonely, 2)
    session = records.session(riverside, organised_by=council)
    records.participant(session, "Dean", "resident")
    priority = records.priority_round(riverside, [shelter, lonely])
    framework, version, outcome = records.framework(riverside)
    outcome.needs.add(shelter)
    records.endorse(version)

    budget = BudgetRound.objects.create(
        place=riverside,
        run_by=council,
        title="Riverside decides 2027",
        status=BudgetRound.Status.VOTING,
        created_by=staff,
        budget=Decimal("10000"),
    )
    projects = [
        Project.objects.create(
            round=budget, title=title, cost=Decimal(cost), status=Project.Status.ACCEPTED
        )
        for title, cost in [
            ("Benches by the river", "3000"),
            ("Youth club kit", "5000"),
            ("Street trees", "4000"),
        ]
    ]
    published = _published_budget(riverside, ward, council, staff)
    panel, _panel_staff = make_panel()
    plan = _published_plan(riverside, council, staff, provider)
    opportunity = _published_opportunity(plan, staff)
    agreement, invoice = _agreement_with_invoice(riverside, council, provider, provider_member)

    return FuzzWorld(
        people={
            "commissioner": staff,
            "resident": resident,
            "provider": provider_member,
            "self_made": self_made,
        },
        records={
            "places": riverside.slug,
            "needs": shelter.pk,
            "sessions": session.pk,
            "rounds": priority.pk,
            "frameworks": framework.slug,
            "budgets": budget.pk,
            "budgets published": published.pk,
            "panels": panel.pk,
            "plans": plan.pk,
            "opportunities": opportunity.pk,
            "agreements": agreement.pk,
            "invoices": invoice.pk,
        },
        organisations={
            "commissioner": council.slug,
            "provider": provider.slug,
            "self_made": own_body.slug,
        },
        body_values={
            "place": ward.slug,
            "places_served": [riverside.slug],
            "themes": [housing.slug, older.slug],
            "raised_for": None,
            "projects": {str(projects[0].pk): 1},
        },
    )


def _agreement_with_invoice(riverside, council, provider, provider_member):
    """A contract in force with the provider, and an invoice it sent, not yet paid."""
    from commonweal.agreements.models import Agreement
    from commonweal.payments import services_invoices

    agreement = Agreement.objects.create(
        place=riverside,
        kind=Agreement.Kind.CONTRACT,
        title="Riverside home care",
        commissioner=council,
        provider=provider,
        value=Decimal("36000"),
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2027, 12, 31),
        original_ends_on=datetime.date(2027, 12, 31),
    )
    invoice = services_invoices.invoice_receive(
        actor=provider_member,
        agreement=agreement,
        number="RCC-1",
        description="Care in January",
        amount=Decimal("1000"),
        received_on=datetime.date(2025, 2, 1),
    )
    return agreement, invoice


def _published_budget(riverside, ward, council, staff) -> BudgetRound:
    """A round voted in through the ballot box, counted by the Method of Equal Shares and published."""
    round_ = BudgetRound.objects.create(
        place=riverside,
        run_by=council,
        title="Riverside decided 2026",
        status=BudgetRound.Status.VOTING,
        created_by=staff,
        budget=Decimal("8000"),
    )
    projects = [
        Project.objects.create(
            round=round_, title=title, cost=Decimal(cost), status=Project.Status.ACCEPTED
        )
        for title, cost in [("Play park", "5000"), ("Repair cafe", "2000"), ("Bus shelter", "3000")]
    ]
    for number, chosen in enumerate([[0, 1], [1], [0, 2]]):
        voter = make_resident(ward, f"Published voter {number}")
        services_voting.ballot_cast(
            round_=round_,
            voter=voter,
            age_confirmed=True,
            marks={projects[i].pk: 1 for i in chosen},
        )
    budget_services.round_move(round_=round_, actor=staff, to=BudgetRound.Status.CLOSED)
    services_counting.round_count(round_=round_, actor=staff)
    return services_counting.round_publish(round_=round_, actor=staff)


def _published_plan(riverside, council, staff, provider):
    """A commissioning plan in the pipeline, with money, current spend, requirements and a lot."""
    plan = commissioning_services.plan_create(
        actor=staff,
        place=riverside,
        lead=council,
        title="Riverside recovery alliance",
        summary="One joined-up recovery service.",
        service_starts_on=datetime.date(2028, 4, 1),
        duration_months=60,
        procurement_starts_on=datetime.date(2027, 6, 1),
    )
    commissioning_services.contribution_save(
        actor=staff, plan=plan, organisation=council, financial_year=2028, amount=Decimal("900000")
    )
    commissioning_services.current_contract_add(
        actor=staff,
        plan=plan,
        provider=provider,
        description="Drop-in",
        annual_value=Decimal("80000"),
    )
    services_design.requirements_save(
        actor=staff,
        plan=plan,
        minimum_turnover=Decimal("2000000"),
        contract_months=60,
        price_weighting=Decimal("60"),
        social_value_weighting=Decimal("5"),
    )
    services_design.lot_save(
        actor=staff,
        plan=plan,
        title="Quayside",
        split_by=Lot.SplitBy.STRAND,
        value=Decimal("400000"),
    )
    plan.published_at = timezone.now()  # in the pipeline (publishing its release needs the schema)
    plan.save(update_fields=["published_at"])
    return plan


def _published_opportunity(plan, staff):
    """A tender from the plan, open for bids, with a scored question and a pass/fail one."""
    now = timezone.now()
    opportunity = Opportunity.objects.create(
        plan=plan,
        title="Riverside care at home",
        description="Care at home for older people leaving hospital.",
        value=Decimal("400000"),
        questions_close_at=now + datetime.timedelta(days=12),
        closes_at=now + datetime.timedelta(days=14),
        quality_weight=Decimal("60"),
        social_value_weight=Decimal("10"),
        price_weight=Decimal("30"),
        status=Opportunity.Status.OPEN,
        published_at=now,
        created_by=staff,
    )
    Criterion.objects.create(
        opportunity=opportunity,
        part=Criterion.Part.QUALITY,
        title="Getting people home",
        question="How will you help people settle back at home?",
        weight=Decimal("100"),
    )
    Criterion.objects.create(
        opportunity=opportunity,
        part=Criterion.Part.SOCIAL_VALUE,
        title="Local jobs",
        question="What local jobs will the contract bring?",
        weight=Decimal("100"),
    )
    return opportunity
