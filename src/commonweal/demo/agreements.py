"""Riverside's long-term agreements and their money (data_agreements.py): the 25 contracts the
alliance replaces, imported from a contracts register, with a year of invoices; the ten-year
alliance; a grant agreement with transferred buildings; the Millbrook spring round's grants; a
strategic partnership with two subcontracts.

Called by ``services.demo_load`` inside its audit context, after the competitions. Everything goes
through the agreements and payments apps' own services, as the people involved would do it: the
council's commissioner imports and enters the agreements, the providers' people send invoices,
the council's finance officer approves and pays them. An agreement is found again by its
reference, so loading twice changes nothing.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from commonweal.accounts.models import RoleAssignment, User
from commonweal.accounts.roles import Role
from commonweal.agreements import services_agreements, services_alliance, services_import
from commonweal.agreements import services_variations as variations
from commonweal.agreements.models import Agreement, Member, Risk
from commonweal.commissioning.models import Plan
from commonweal.commissioning.permissions import PROVIDER_ROLES
from commonweal.competitions.models import GrantDecision, Opportunity
from commonweal.demo import data
from commonweal.demo import data_agreements as spec
from commonweal.demo import data_commissioning as plans_spec
from commonweal.demo import data_competitions as competitions_spec
from commonweal.organisations.models import Organisation
from commonweal.payments import schedules, selectors_invoices, services_opendata
from commonweal.payments import services_invoices as invoices
from commonweal.payments.models import Invoice
from commonweal.places.models import Place

FIELDS = (
    "reference",
    "title",
    "provider",
    "kind",
    "value",
    "starts",
    "ends",
    "payment_terms_days",
    "payment_profile",
    "summary",
)


def load(*, places: dict[str, Place], organisations: dict[str, Organisation], save) -> dict:
    """Load the agreements; ``save`` is the demo's check-and-save helper. Returns how many
    agreements there are and how many invoices."""
    loader = _Loader(places, save)
    contracts = loader.contracts()
    loader.alliance(contracts)
    loader.community_assets()
    loader.millbrook_grants()
    loader.partnership()
    agreements = Agreement.objects.filter(
        place__in=[loader.borough, *loader.borough.children.all()]
    )
    loader.open_data(agreements)
    return {
        "agreements": agreements.count(),
        "invoices": Invoice.objects.filter(agreement__in=agreements).count(),
    }


def _day(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _years_on(day: datetime.date, years: int) -> datetime.date:
    """The day before the same date ``years`` later (an agreement of a year ends the day before)."""
    try:
        later = day.replace(year=day.year + years)
    except ValueError:  # 29 February
        later = day.replace(year=day.year + years, day=28)
    return later - datetime.timedelta(days=1)


def _month_ago(months: int, day: int = 5) -> datetime.date:
    """The ``day`` of the month ``months`` before this one."""
    today = timezone.localdate()
    month = today.month - months
    year = today.year + (month - 1) // 12
    return datetime.date(year, (month - 1) % 12 + 1, day)


class _Loader:
    def __init__(self, places, save) -> None:
        self.save = save
        self.borough = places[str(data.BOROUGH["slug"])]
        self.commissioner = User.objects.get(email=data.email("commissioner"))
        self.finance = User.objects.get(email=data.email("finance_officer"))
        self.council = Organisation.objects.get(slug=spec.COMMISSIONER)
        self.people: dict[str, User] = {}

    # --- people -------------------------------------------------------------------------------

    def speaker(self, organisation: Organisation, *, named: tuple[str, str] | None = None) -> User:
        """Someone who speaks for the provider: one it has, else a fictional person (no password)."""
        if organisation.slug in self.people:
            return self.people[organisation.slug]
        if named is None:
            held = (
                RoleAssignment.objects.filter(organisation=organisation, role__in=PROVIDER_ROLES)
                .select_related("user")
                .order_by("id")
                .first()
            )
            if held is not None:
                self.people[organisation.slug] = held.user
                return held.user
        local, name = named or (f"accounts.{organisation.slug}", f"{organisation.name} accounts")
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
        if not RoleAssignment.objects.filter(user=user, organisation=organisation).exists():
            self.save(
                RoleAssignment(user=user, organisation=organisation, role=Role.PROVIDER_MEMBER)
            )
        self.people[organisation.slug] = user
        return user

    # --- open data -------------------------------------------------------------------------------

    def open_data(self, agreements) -> None:
        """Publish each agreement's payments as OCDS implementation releases, as the finance
        officer does with "Publish the payments as open data" (or cron with `commonweal
        publish_implementation --all`). Without the OCDS schema, the open data waits."""
        for agreement in agreements.exclude(status=Agreement.Status.DRAFT).order_by("pk"):
            if agreement.kind == Agreement.Kind.SUBCONTRACT:
                continue  # the partner publishes its own subcontracts' payments
            services_opendata.implementation_publish(agreement=agreement, actor=self.finance)

    # --- the 25 contracts, from the contracts register ----------------------------------------

    def contracts(self) -> list[Agreement]:
        references = [
            spec.CONTRACT_REFERENCE.format(number=number)
            for number in range(1, len(plans_spec.ALLIANCE_CONTRACTS) + 1)
        ]
        found = {
            agreement.reference: agreement
            for agreement in Agreement.objects.filter(
                commissioner=self.council, reference__in=references
            )
        }
        if len(found) == len(references):
            return [found[reference] for reference in references]
        plan = Plan.objects.get(title=plans_spec.ALLIANCE["title"], place=self.borough)
        rows = [list(FIELDS)]
        for reference, (slug, what, yearly, ends_in) in zip(
            references, plans_spec.ALLIANCE_CONTRACTS, strict=True
        ):
            ends = _day(ends_in)
            starts = _years_on(ends, -spec.CONTRACT_YEARS) + datetime.timedelta(days=2)
            provider = Organisation.objects.get(slug=slug)
            rows.append(
                [
                    reference,
                    what,
                    provider.org_id or provider.name,
                    "contract",
                    str(Decimal(yearly) * spec.CONTRACT_YEARS),
                    starts.isoformat(),
                    ends.isoformat(),
                    "30",
                    "monthly",
                    "",
                ]
            )
        text = "\n".join(",".join(_cell(cell) for cell in row) for row in rows) + "\n"
        imported = services_import.contracts_import(
            actor=self.commissioner,
            place=self.borough,
            commissioner=self.council,
            data=text.encode(),
            plan=plan,
        )
        contracts = imported.agreements
        for number, agreement in enumerate(contracts, start=1):
            self._a_year_of_invoices(number, agreement)
        return contracts

    def _a_year_of_invoices(self, number: int, agreement: Agreement) -> None:
        provider = agreement.provider
        assert provider is not None
        sender = self.speaker(provider)
        monthly = (agreement.value / (spec.CONTRACT_YEARS * 12)).quantize(Decimal("0.01"))
        late = spec.PAID_LATE.get(number, {})
        disputed = {(row[0], row[1]): row[2:] for row in spec.DISPUTED}
        today = timezone.localdate()
        for month in range(1, 13):
            received = _month_ago(12 - month)
            if received > today:
                continue
            invoice = invoices.invoice_receive(
                actor=sender,
                agreement=agreement,
                number=f"{provider.slug[:12].upper()}-{agreement.reference[-2:]}-{received:%Y%m}",
                description=f"{agreement.title}: {received:%B %Y}",
                amount=monthly,
                received_on=received,
            )
            if (number, month) in disputed:
                dispute_day, paid_day, why = disputed[(number, month)]
                invoices.invoice_dispute(
                    actor=self.finance,
                    invoice=invoice,
                    disputed_on=received + datetime.timedelta(days=dispute_day),
                    reason=why,
                )
                invoice = invoices.invoice_resolve(actor=self.finance, invoice=invoice)
                days = paid_day
            else:
                days = late.get(month, spec.USUAL_DAYS[(number + month) % len(spec.USUAL_DAYS)])
            paid = received + datetime.timedelta(days=days)
            if paid > today:
                continue  # this month's: received, not yet paid
            invoices.invoice_approve(
                actor=self.finance, invoice=invoice, approved_on=paid - datetime.timedelta(days=2)
            )
            waive = spec.WAIVED[:2] == (number, month)
            if waive:
                invoice = invoices.late_payment_waive(
                    actor=sender, invoice=invoice, reason=spec.WAIVED[2]
                )
            most, _charges = selectors_invoices.amount_due(invoice, paid)
            invoices.invoice_pay(actor=self.finance, invoice=invoice, paid_on=paid, amount=most)

    # --- the alliance ----------------------------------------------------------------------------

    def alliance(self, contracts: list[Agreement]) -> Agreement:
        wanted = spec.ALLIANCE
        found = Agreement.objects.filter(
            commissioner=self.council, reference=wanted["reference"]
        ).first()
        if found is not None:
            return found
        plan = Plan.objects.get(title=plans_spec.ALLIANCE["title"], place=self.borough)
        starts = plan.service_starts_on or _day(plans_spec.ALLIANCE["service_after_days"])
        members = [
            {
                "organisation": Organisation.objects.get(slug=slug),
                "share": Decimal(share),
                "on_leadership_team": True,
            }
            for slug, share in wanted["shares"].items()
        ]
        yearly = Decimal(wanted["pooled_budget"])
        alliance = services_agreements.agreement_create(
            actor=self.commissioner,
            members=members,
            kpis=[{"title": title, "target": target} for title, target in wanted["kpis"]],
            go_live=True,
            kind=Agreement.Kind.ALLIANCE,
            place=self.borough,
            commissioner=self.council,
            plan=plan,
            reference=wanted["reference"],
            title=wanted["title"],
            summary=wanted["summary"],
            value=yearly * wanted["years"],
            starts_on=starts,
            ends_on=_years_on(starts, wanted["years"]),
            payment_terms_days=30,
            payment_profile=Agreement.PaymentProfile.MONTHLY_ARREARS,
            principle=wanted["principle"],
            pooled_budget=yearly,
            target_cost=Decimal(wanted["target_cost"]),
            gain_cap=Decimal(wanted["gain_cap"]),
            pain_collar=Decimal(wanted["pain_collar"]),
        )
        alliance.outcomes.set(plan.outcomes.all())
        council_seat = Member.objects.get(agreement=alliance, organisation=self.council)
        services_alliance.member_change(
            actor=self.commissioner,
            member=council_seat,
            share=Decimal(wanted["commissioner_share"]),
            on_leadership_team=True,
        )
        variations.break_point_add(
            actor=self.commissioner,
            agreement=alliance,
            on=_years_on(starts, wanted["break_after_years"]),
            notice_months=12,
            note=wanted["break_note"],
        )
        team = list(alliance.members.filter(on_leadership_team=True))
        for subject, decision, principle_test, days_ago in wanted["decisions"]:
            services_alliance.decision_record(
                actor=self.commissioner,
                agreement=alliance,
                subject=subject,
                decision=decision,
                principle_test=principle_test,
                agreed_by=team,
                decided_on=_day(-days_ago),
            )
        seats = {member.organisation.slug: member for member in team}
        for title, likelihood, impact, owner, mitigation in wanted["risks"]:
            services_alliance.risk_add(
                actor=self.commissioner,
                agreement=alliance,
                title=title,
                likelihood=Risk.Level(likelihood),
                impact=Risk.Level(impact),
                owner=seats[owner],
                mitigation=mitigation,
            )
        for contract in contracts:
            if contract.replaced_by_id is None:
                self.save(contract, replaced_by=alliance)
        return alliance

    # --- a grant agreement with transferred buildings ------------------------------------------

    def community_assets(self) -> Agreement:
        wanted = spec.COMMUNITY_ASSETS
        found = Agreement.objects.filter(
            commissioner=self.council, reference=wanted["reference"]
        ).first()
        if found is not None:
            return found
        starts = _day(-wanted["started_days_ago"])
        provider = Organisation.objects.get(slug=wanted["provider"])
        grant = services_agreements.agreement_create(
            actor=self.commissioner,
            go_live=True,
            kind=Agreement.Kind.GRANT,
            place=self.borough,
            commissioner=self.council,
            provider=provider,
            reference=wanted["reference"],
            title=wanted["title"],
            summary=wanted["summary"],
            value=Decimal(wanted["value"]),
            starts_on=starts,
            ends_on=_years_on(starts, wanted["years"]),
            payment_terms_days=30,
            payment_profile=Agreement.PaymentProfile.ADVANCE,
            conditions=wanted["conditions"],
            match_funding=Decimal(wanted["match_funding"]),
            in_kind=wanted["in_kind"],
            in_kind_value=Decimal(wanted["in_kind_value"]),
        )
        for kind, what, value, conditions in wanted["assets"]:
            variations.asset_add(
                actor=self.commissioner,
                agreement=grant,
                kind=kind,
                description=what,
                value=Decimal(value),
                conditions=conditions,
                transferred_on=starts,
            )
        self._claims_on_schedule(grant, paid_days=(6, 9, 41))
        return grant

    def _claims_on_schedule(
        self, agreement: Agreement, *, paid_days: tuple[int, ...], milestones=None
    ) -> None:
        """Set the schedule; claim each payment due so far, a week before it falls due (or on the
        day it starts), and pay it after the days given (one each, in turn)."""
        schedule = invoices.schedule_create(
            actor=self.commissioner, agreement=agreement, milestones=milestones
        )
        provider = agreement.provider
        assert provider is not None
        sender = self.speaker(provider)
        today = timezone.localdate()
        for turn, payment in enumerate(
            [payment for payment in schedule if payment.due_on <= today]
        ):
            received = max(agreement.starts_on, payment.due_on - datetime.timedelta(days=7))
            invoice = invoices.invoice_receive(
                actor=sender,
                agreement=agreement,
                number=f"{agreement.reference}-{turn + 1:02d}",
                description=payment.title,
                amount=payment.amount,
                received_on=received,
                scheduled=payment,
            )
            paid = received + datetime.timedelta(days=paid_days[turn % len(paid_days)])
            if paid > today:
                continue
            invoices.invoice_approve(actor=self.finance, invoice=invoice, approved_on=received)
            invoices.invoice_pay(
                actor=self.finance,
                invoice=invoice,
                paid_on=paid,
                amount=selectors_invoices.amount_due(invoice, paid)[0],
            )

    # --- the Millbrook spring round's grants ---------------------------------------------------

    def millbrook_grants(self) -> list[Agreement]:
        spring = competitions_spec.GRANT_ROUNDS[0]["title"]
        made = []
        for decision in GrantDecision.objects.filter(
            awarded=True,
            bid__opportunity__title=spring,
            bid__opportunity__status=Opportunity.Status.AWARDED,
        ).select_related("bid__opportunity__plan", "bid__organisation"):
            found = Agreement.objects.filter(grant_decision=decision).first()
            if found is not None:
                made.append(found)
                continue
            starts = timezone.localdate(decision.decided_at)
            grant = services_agreements.agreement_from_grant_decision(
                actor=self.commissioner,
                decision=decision,
                starts_on=starts,
                ends_on=_years_on(starts, 1),
                payment_profile=Agreement.PaymentProfile.MILESTONE,
            )
            services_agreements.agreement_make_live(actor=self.commissioner, agreement=grant)
            # The round's conditions: half at the start, half after six months with a short
            # report. The groups start after the decision: nothing is claimed yet.
            halves = [
                schedules.Milestone(
                    title="At the start", reached_on=grant.starts_on, weight=Decimal(1)
                ),
                schedules.Milestone(
                    title="After six months, with a short report",
                    reached_on=schedules.add_months(grant.starts_on, 6),
                    weight=Decimal(1),
                ),
            ]
            self._claims_on_schedule(grant, paid_days=(0,), milestones=halves)
            made.append(grant)
        return made

    # --- a strategic partnership and its subcontracts -------------------------------------------

    def partnership(self) -> Agreement:
        wanted = spec.PARTNERSHIP
        found = Agreement.objects.filter(
            commissioner=self.council, reference=wanted["reference"]
        ).first()
        if found is not None:
            return found
        partner = Organisation.objects.get(slug=wanted["partner"])
        partner_person = self.speaker(partner, named=wanted["partner_person"])
        starts = _day(-wanted["started_days_ago"])
        partnership = services_agreements.agreement_create(
            actor=self.commissioner,
            go_live=True,
            kind=Agreement.Kind.STRATEGIC_PARTNERSHIP,
            place=self.borough,
            commissioner=self.council,
            provider=partner,
            reference=wanted["reference"],
            title=wanted["title"],
            summary=wanted["summary"],
            value=Decimal(wanted["value"]),
            starts_on=starts,
            ends_on=_years_on(starts, wanted["years"]),
            payment_terms_days=30,
            payment_profile=Agreement.PaymentProfile.MONTHLY_ARREARS,
        )
        monthly = (partnership.value / (wanted["years"] * 12)).quantize(Decimal("0.01"))
        self._monthly(partnership, partner_person, self.finance, monthly, wanted["paid_days"])
        for number, (slug, title, value, paid_days) in enumerate(wanted["subcontracts"], start=1):
            provider = Organisation.objects.get(slug=slug)
            subcontract = services_agreements.agreement_create(
                actor=partner_person,
                go_live=True,
                kind=Agreement.Kind.SUBCONTRACT,
                parent=partnership,
                provider=provider,
                reference=f"{wanted['reference']}-S{number}",
                title=title,
                value=Decimal(value),
                starts_on=starts,
                ends_on=partnership.ends_on,
                payment_terms_days=30,
                payment_profile=Agreement.PaymentProfile.MONTHLY_ARREARS,
            )
            sub_monthly = (subcontract.value / (wanted["years"] * 12)).quantize(Decimal("0.01"))
            self._monthly(
                subcontract, self.speaker(provider), partner_person, sub_monthly, paid_days
            )
        return partnership

    def _monthly(self, agreement, sender, payer, amount, paid_days) -> None:
        """One invoice at the start of each month since the agreement began, paid after the days
        given (one each, oldest first); any left over wait."""
        today = timezone.localdate()
        for month, days in enumerate(paid_days, start=1):
            received = agreement.starts_on + datetime.timedelta(days=30 * month)
            if received > today:
                return
            invoice = invoices.invoice_receive(
                actor=sender,
                agreement=agreement,
                number=f"{agreement.reference}-{month:02d}",
                description=f"{agreement.title}: month {month}",
                amount=amount,
                received_on=received,
            )
            paid = received + datetime.timedelta(days=days)
            if paid > today:
                continue
            invoices.invoice_approve(actor=payer, invoice=invoice, approved_on=received)
            invoices.invoice_pay(
                actor=payer,
                invoice=invoice,
                paid_on=paid,
                amount=selectors_invoices.amount_due(invoice, paid)[0],
            )


def _cell(value: str) -> str:
    """A CSV cell as a council's export writes it: quoted when it holds a comma or a quote."""
    if any(mark in value for mark in ',"\n'):
        return '"' + value.replace('"', '""') + '"'
    return value
