"""Growing Riverside N-fold: city-scale data for benchmarks and for anyone trying Commonweal at size.

``grow(factor=N)`` adds N - 1 copies of the demo's shapes to the loaded demo place, so that each
kind of record is about N times as many as the demo has: people (accounts with confirmed fictional
addresses and no usable password), organisations serving Riverside's places, needs with evidence,
status changes, comments and supports (a few needs with many supporters, most with few), co-design
sessions, priority rounds and community budget rounds with their ballots (counted and published),
and citizens' panels with their pools. Texts come from the demo's own needs, sessions and rounds;
places are spread by population; dates over the last three years.

Every large write goes through the owning app's bulk service, one audit entry per operation with
its counts and a digest; the ballots go through the ballot box (shuffled, unlinkable to who voted).
The same seed makes the same data: each copy has its own generator, seeded from the seed and the
copy's number. Running it again on a grown place is refused (``AlreadyGrown``).
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from commonweal.accounts import services as accounts
from commonweal.accounts.models import User
from commonweal.codesign import services as codesign
from commonweal.codesign.models import Participant
from commonweal.core import audit
from commonweal.demo import (
    data,
    data_budgeting,
    data_commissioning,
    data_competitions,
    data_cycle,
    data_needs,
)
from commonweal.demo import panels as demo_panels
from commonweal.needs import services as needs
from commonweal.needs.models import Evidence, Need, Term
from commonweal.organisations import classification as forms
from commonweal.organisations import services as organisations
from commonweal.organisations.models import Organisation
from commonweal.outcomes.models import Outcome
from commonweal.panels import quotas
from commonweal.panels import services as panel_services
from commonweal.panels.models import Panel
from commonweal.participation import services as participation
from commonweal.participation import services_counting, services_voting
from commonweal.participation.models import BudgetRound, Project
from commonweal.places.models import Place
from commonweal.priorities import services as priority_services
from commonweal.priorities.models import PriorityRound

# Generated people's addresses: a subdomain of the demo's reserved one, so they are found again.
EMAIL_DOMAIN = f"city.{data.EMAIL_DOMAIN}"
DEFAULT_SEED = 20261205
REASON = "City-scale demo data"

# What each copy adds (the demo itself has about as many of each).
PEOPLE = 100
ORGANISATIONS = (
    len(data.ORGANISATIONS)
    + len(data_commissioning.ORGANISATIONS)
    + len(data_competitions.ORGANISATIONS)
)  # 40
NEEDS = len(data_needs.NEEDS)  # 40
SUPPORTS = 780  # spread over the copy's needs, skewed: a few needs get most of them
SESSIONS = 2
PRIORITY_ROUNDS = 2
PRIORITY_VOTERS = 30
BUDGET_ROUNDS = 2
BUDGET_ONLINE = 45
BUDGET_PAPER = 100
# One panel a copy; every tenth copy's is a large one, so a city-scale place has pools in the thousands.
POOL_SMALL, POOL_LARGE = 100, 1100

YEARS_BACK = 3 * 365


class AlreadyGrown(Exception):
    """Riverside has been grown before: growing it again would mix two sets of generated records."""


@dataclass(frozen=True)
class GrowSummary:
    factor: int
    people: int
    organisations: int
    needs: int
    supports: int
    comments: int
    sessions: int
    priority_rounds: int
    budget_rounds: int
    ballots: int
    panels: int
    volunteers: int


def is_grown() -> bool:
    return User.objects.filter(email__endswith="@" + EMAIL_DOMAIN).exists()


def grow(
    *,
    factor: int,
    seed: int = DEFAULT_SEED,
    save: Callable,
    progress: Callable[[str], None] = lambda _text: None,
) -> GrowSummary:
    """Add ``factor - 1`` copies of the demo's shapes to the loaded demo place (see the module)."""
    if factor < 1:
        raise ValueError("The factor is a whole number, 1 or more.")
    if is_grown():
        raise AlreadyGrown
    grower = _Grower(seed=seed, save=save)
    totals = dict.fromkeys(GrowSummary.__dataclass_fields__, 0)
    for copy in range(1, factor):
        with transaction.atomic(), audit.audit_context(reason=REASON):
            for key, value in grower.copy(copy).items():
                totals[key] += value
        # Seal the copy's entries before the next copy takes the database: on SQLite, back-to-back
        # transactions would otherwise keep the sealer thread waiting for the lock until it gives up.
        audit.seal(wait=True)
        progress(f"copy {copy} of {factor - 1}")
    _refresh_statistics()
    totals["factor"] = factor
    return GrowSummary(**totals)


def _refresh_statistics() -> None:
    """Tell PostgreSQL's planner how big the tables now are. Its autovacuum would, in its own time
    (or never, where it is turned off); until then a database grown in bulk is planned as if it
    were still small, and its pages read rows one index entry at a time."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _weighted_places(places: list[Place]) -> tuple[list[Place], list[float]]:
    return places, [float(place.population or 1) for place in places]


class _Grower:
    def __init__(self, *, seed: int, save: Callable):
        self.seed = seed
        self.save = save
        self.now = timezone.now()
        self.borough = Place.objects.get(slug=data.BOROUGH["slug"])
        local = list(Place.objects.filter(parent=self.borough)) + list(
            Place.objects.filter(parent__parent=self.borough)
        )
        self.places = [self.borough, *local]
        self.wards = [place for place in local if place.kind == Place.Kind.WARD]
        self.by_slug = {place.slug: place for place in self.places}
        self.terms = {(term.vocabulary, term.slug): term for term in Term.objects.all()}
        self.outcomes = {
            outcome.code: outcome.pk
            for outcome in Outcome.objects.filter(
                version__framework__slug=data_cycle.FRAMEWORK["slug"]
            )
        }
        self.commissioner = User.objects.get(email=data.email("commissioner"))
        self.council = Organisation.objects.get(slug="riverside-borough-council")
        self.people: list[User] = []  # every generated person so far: supporters come from them all
        self.evidence = [item for spec in data_needs.NEEDS for item in spec["evidence"]]
        self.comments = [body for spec in data_needs.NEEDS for _author, body in spec["comments"]]
        self.descriptions: dict[str, list[str]] = {}
        for row in data.ORGANISATIONS:
            self.descriptions.setdefault(row["legal_form"], []).append(row["description"])

    def _ago(self, rng: random.Random, most: float = YEARS_BACK) -> datetime:
        """A moment in the last ``most`` days, more often recent than long ago."""
        return self.now - timedelta(days=most * rng.random() ** 1.6, minutes=rng.randrange(1440))

    def copy(self, copy: int) -> dict[str, int]:
        rng = random.Random(f"{self.seed}:{copy}")
        people = self._people(rng, copy)
        orgs = self._organisations(rng, copy)
        new_needs = self._needs(rng, copy, people, orgs)
        supports, comments = self._supports_and_comments(rng, new_needs)
        self._sessions(rng, copy, people, orgs, new_needs)
        ballots = sum(
            self._priority_round(rng, copy, n, people, new_needs) for n in range(PRIORITY_ROUNDS)
        )
        ballots += sum(self._budget_round(rng, copy, n, people) for n in range(BUDGET_ROUNDS))
        volunteers = self._panel(rng, copy)
        return {
            "people": len(people),
            "organisations": len(orgs),
            "needs": len(new_needs),
            "supports": supports,
            "comments": comments,
            "sessions": SESSIONS,
            "priority_rounds": PRIORITY_ROUNDS,
            "budget_rounds": BUDGET_ROUNDS,
            "ballots": ballots,
            "panels": 1,
            "volunteers": volunteers,
        }

    # --- people and organisations ---------------------------------------------------------------

    def _people(self, rng: random.Random, copy: int) -> list[User]:
        places, weights = _weighted_places(self.places[1:])
        wanted = []
        for number in range(1, PEOPLE + 1):
            first, last = rng.choice(demo_panels.FIRST_NAMES), rng.choice(demo_panels.LAST_NAMES)
            wanted.append(
                accounts.NewPerson(
                    email=f"{slugify(first)}.{slugify(last)}.{copy}-{number}@{EMAIL_DOMAIN}",
                    full_name=f"{first} {last}",
                    lives_in=rng.choices(places, weights)[0],
                    joined=self._ago(rng),
                )
            )
        people = accounts.users_add_bulk(
            place=self.borough,
            people=wanted,
            reason=REASON,
            email_confirmed=True,
            is_demo_account=True,
        )
        self.people.extend(people)
        return people

    def _organisations(self, rng: random.Random, copy: int) -> list[Organisation]:
        topics = [
            "Food Bank",
            "Youth Trust",
            "Carers Network",
            "Community Kitchen",
            "Recovery Project",
            "Older People's Forum",
            "Family Hub",
            "Housing Co-operative",
            "Tenants' Association",
            "Advice Centre",
            "Arts Collective",
            "Sports Club",
            "Mental Health Service",
            "Home Care Ltd",
            "Community Energy",
            "Allotment Society",
        ]
        forms_weighted = [
            (forms.CHARITY, 10),
            (forms.CIO, 5),
            (forms.CIC, 6),
            (forms.COMPANY_LIMITED_BY_GUARANTEE, 3),
            (forms.PRIVATE_COMPANY, 5),
            (forms.COOPERATIVE, 2),
            (forms.COMMUNITY_BENEFIT_SOCIETY, 2),
            (forms.PUBLIC_BODY, 2),
        ]
        rows = []
        for number in range(1, ORGANISATIONS + 1):
            serial = copy * 100 + number  # unique across copies
            form = rng.choices(
                [form for form, _w in forms_weighted], [w for _f, w in forms_weighted]
            )[0]
            where = rng.choice(self.places[1:])
            if form == forms.PUBLIC_BODY:
                name, org_id = f"{where.name} Primary Care Network", f"GB-NHS-Z{serial:05d}"
            else:
                name = f"{where.name} {rng.choice(topics)}"
                org_id = (
                    f"GB-CHC-{1900000 + serial}"
                    if form in (forms.CHARITY, forms.CIO)
                    else f"GB-COH-{98000000 + serial}"
                )
            served = [where] if rng.random() < 0.6 else rng.sample(self.wards, rng.randint(2, 4))
            headcount = int(rng.paretovariate(1.1) * 4)
            rows.append(
                {
                    "name": name,
                    "slug": f"{slugify(name)}-{serial}",
                    "org_id": org_id,
                    "legal_form": form,
                    "description": rng.choice(
                        self.descriptions.get(form) or self.descriptions[forms.CHARITY]
                    ),
                    "website": f"https://{slugify(name)}-{serial}.example.org",
                    "headcount": headcount,
                    "annual_turnover": Decimal(headcount * rng.randint(30, 60) * 1000),
                    "asset_lock": form
                    in (forms.CHARITY, forms.CIO, forms.CIC, forms.COMMUNITY_BENEFIT_SOCIETY),
                    "places_served": served,
                }
            )
        return organisations.organisations_add_bulk(
            place=self.borough, organisations=rows, reason=REASON
        )

    # --- needs, supports and comments -------------------------------------------------------------

    def _needs(self, rng, copy, people, orgs) -> list[Need]:
        places, weights = _weighted_places(self.places)
        specs = []
        for template in data_needs.NEEDS:  # each of the demo's needs again, somewhere else
            place = rng.choices(places, weights)[0]
            raised_at = self._ago(rng)
            steps = []
            # Statuses spread as in the demo's register; a merge is made by merging, so not here.
            taken = [
                step
                if step[0] != Need.Status.MERGED
                else (Need.Status.NOT_TAKEN_FORWARD, data_needs.STATUS_REASONS["not_taken_forward"])
                for step in template["steps"]
            ]
            for position, (status, step_reason) in enumerate(taken, start=1):
                at = raised_at + (self.now - raised_at) * position / (len(taken) + 1)
                steps.append((status, step_reason, self.commissioner, at))
            evidence = []
            # Every need has evidence: its template's, or a figure or story from another need.
            for item in template["evidence"] or [rng.choice(self.evidence)]:
                fields = dict(item)
                if fields["kind"] == Evidence.Kind.FIGURE:
                    fields["value"] = (
                        fields["value"] * Decimal(rng.randint(60, 140)) / 100
                    ).quantize(Decimal("1"))
                if fields["kind"] == Evidence.Kind.STORY and fields.get("consent_given"):
                    fields["consent_recorded_at"] = raised_at
                evidence.append(Evidence(added_at=raised_at, **fields))
            raiser = rng.choice(people)
            specs.append(
                needs.NeedImport(
                    place=place,
                    title=template["title"]
                    if place.slug == template["place"]
                    else f"{template['title']} ({place.name})",
                    problem=template["problem"],
                    population=template["population"],
                    raised_by=raiser,
                    raised_at=raised_at,
                    raised_for=rng.choice(orgs) if rng.random() < 0.15 else None,
                    themes=[self.terms[key] for key in template["themes"] if key in self.terms]
                    + [
                        self.terms[("agency", slug)]
                        for slug in template["agencies"]
                        if ("agency", slug) in self.terms
                    ],
                    outcomes=[
                        self.outcomes[code]
                        for code in template["outcomes"]
                        if code in self.outcomes
                    ],
                    steps=steps,
                    evidence=evidence,
                )
            )
        return needs.needs_import(place=self.borough, needs=specs, reason=REASON)

    def _supports_and_comments(self, rng, new_needs) -> tuple[int, int]:
        weights = [rng.paretovariate(1.1) for _need in new_needs]
        scale = SUPPORTS / sum(weights)
        supports, comments = [], []
        for need, weight in zip(new_needs, weights, strict=True):
            count = min(len(self.people), max(0, round(weight * scale)))
            for person in rng.sample(self.people, count):
                supports.append(
                    (need, person, need.created_at + (self.now - need.created_at) * rng.random())
                )
            for _n in range(int(rng.expovariate(1.2) + count / 60)):
                when = need.created_at + (self.now - need.created_at) * rng.random()
                comments.append((need, rng.choice(self.people), rng.choice(self.comments), when))
        added = needs.supports_add_bulk(place=self.borough, supports=supports, reason=REASON)
        needs.comments_add_bulk(place=self.borough, comments=comments, reason=REASON)
        return added, len(comments)

    # --- co-design, priorities and budgets ---------------------------------------------------------

    def _sessions(self, rng, copy, people, orgs, new_needs) -> None:
        sessions = []
        for number, spec in enumerate(data_cycle.SESSIONS[:SESSIONS], start=1):
            ward = rng.choice(self.wards)
            participants = []
            for kind, _name, _local_part, organisation in spec["participants"]:
                person = rng.choice(people)
                participants.append(
                    Participant(
                        kind=kind,
                        user=person if kind == "resident" else None,
                        display_name=person.full_name,
                        organisation=rng.choice(orgs) if organisation else None,
                    )
                )
            sessions.append(
                codesign.SessionImport(
                    place=ward,
                    organised_by=rng.choice([self.council, *orgs]),
                    title=f"{spec['title']} ({ward.name}, {copy}.{number})",
                    kind=spec["kind"],
                    starts_at=self._ago(rng).replace(hour=10, minute=0, second=0, microsecond=0),
                    created_by=self.commissioner,
                    location=spec["location"],
                    agenda=spec["agenda"],
                    notes=spec["notes"],
                    needs=rng.sample(new_needs, rng.randint(1, 4)),
                    outcomes=[
                        self.outcomes[code] for code in spec["outcomes"] if code in self.outcomes
                    ],
                    participants=participants,
                    decisions=[
                        (
                            text,
                            rng.sample(range(len(participants)), rng.randint(1, len(participants))),
                        )
                        for text, _agreed_by in spec["decisions"]
                    ],
                )
            )
        codesign.sessions_import(place=self.borough, sessions=sessions, reason=REASON)

    def _priority_round(self, rng, copy, number, people, new_needs) -> int:
        spec = (data_cycle.ROUND, data_cycle.OPEN_ROUND)[number % 2]
        closes = self._ago(rng, most=YEARS_BACK - 30)
        round_ = self.save(
            PriorityRound(place=self.borough),
            title=f"{spec['title']} ({copy}.{number + 1})",
            description=spec["description"],
            method=spec["method"],
            eligibility=spec["eligibility"],
            status=PriorityRound.Status.PUBLISHED,
            run_by=self.council,
            created_by=self.commissioner,
            opens_at=closes - timedelta(days=21),
            closes_at=closes,
        )
        chosen = rng.sample(new_needs, 6)
        round_.needs.set(chosen)
        # Some needs are popular: voters rank them near the top more often.
        appeal = [rng.paretovariate(1.5) for _need in chosen]
        votes = []
        for voter in rng.sample(people, PRIORITY_VOTERS):
            order = sorted(chosen, key=lambda need: -appeal[chosen.index(need)] * rng.random())
            if spec["method"] == PriorityRound.Method.BORDA:
                votes.append((voter, {need.pk: rank for rank, need in enumerate(order, start=1)}))
            else:
                votes.append((voter, dict.fromkeys(need.pk for need in order[: rng.randint(1, 3)])))
        return priority_services.ballots_import(round_=round_, votes=votes, reason=REASON)

    def _budget_round(self, rng, copy, number, people) -> int:
        spec = data_budgeting.FINISHED
        ward = rng.choice(self.wards)
        today = timezone.localdate()
        back = rng.randint(60, YEARS_BACK - 300)
        round_ = self.save(
            BudgetRound(place=self.borough, created_by=self.commissioner),
            title=f"{ward.name} community fund ({copy}.{number + 1})",
            description=spec["description"],
            budget=Decimal(spec["budget"]),
            run_by=self.council,
            status=BudgetRound.Status.CLOSED,
            max_projects=spec["max_projects"],
            ballot_type=BudgetRound.BallotType.APPROVAL,
            verification=BudgetRound.Verification.RESIDENT_ROLE,
            minimum_age=16,
            rule=BudgetRound.Rule.MES,
            satisfaction="cost",
            completion=BudgetRound.Completion.ADD1,
            **{
                name: today - timedelta(days=back + days) for name, days in spec["days_ago"].items()
            },
        )
        projects = participation.projects_add_bulk(
            round_=round_,
            projects=[
                {
                    "title": item[0],
                    "cost": (Decimal(item[1]) * Decimal(rng.randint(70, 130)) / 100).quantize(
                        Decimal("1")
                    ),
                    "description": item[2],
                    "status": Project.Status.ACCEPTED,
                    "review_reason": "Costed by the council's parks and buildings teams.",
                    "proposer": rng.choice(people),
                }
                for item in spec["projects"]
            ],
            reason=REASON,
        )
        appeal = [rng.paretovariate(1.3) for _project in projects]

        def marks() -> dict[str, int]:
            chosen = {
                str(project.pk): 1
                for project, weight in zip(projects, appeal, strict=True)
                if rng.random() < min(0.9, 0.25 * weight)
            }
            return dict(list(chosen.items())[: spec["max_projects"]]) or {
                str(rng.choice(projects).pk): 1
            }

        online = [(voter, marks()) for voter in rng.sample(people, BUDGET_ONLINE)]
        paper = [(rng.choice(data_budgeting.PAPER_BATCHES), marks()) for _n in range(BUDGET_PAPER)]
        ballots = services_voting.ballots_import(
            round_=round_, online=online, paper=paper, reason=REASON
        )
        services_counting.round_count(round_=round_, actor=self.commissioner)
        services_counting.round_publish(
            round_=round_, actor=self.commissioner, reason="Results announced at the town hall"
        )
        return ballots

    # --- panels ---------------------------------------------------------------------------------------

    def _panel(self, rng, copy) -> int:
        pool_size = POOL_LARGE if copy % 10 == 1 else POOL_SMALL
        size = 40 if pool_size == POOL_LARGE else demo_panels.SIZE
        panel = self.save(
            Panel(place=self.borough, created_by=self.commissioner),
            title=f"{demo_panels.TITLE} ({copy})"
            if pool_size == POOL_SMALL
            else f"Riverside citizens' assembly ({copy})",
            description=demo_panels.DESCRIPTION,
            size=size,
            one_per_household=True,
            status=Panel.Status.POOL_OPEN,
        )
        wards = {name: population for name, population, _about in data.WARDS}
        total = sum(wards.values())
        feature_specs: list[tuple[str, dict[str, Any], dict[str, float]]] = [
            *demo_panels.FEATURES,
            ("Ward", {name: Decimal(p * 100) / Decimal(total) for name, p in wards.items()}, {}),
        ]
        panel_services.features_import(
            actor=self.commissioner,
            panel=panel,
            features=[
                (
                    name,
                    [
                        (category, low, high)
                        for category, (low, high) in quotas.quotas_from_shares(
                            size, {k: Decimal(v) for k, v in shares.items()}, margin=1
                        ).items()
                    ],
                )
                for name, shares, _skew in feature_specs
            ],
            reason=REASON,
        )
        pool = demo_panels.volunteers(
            feature_specs,
            rng=rng,
            size=pool_size,
            email=lambda number: f"panel{copy}.volunteer{number}@{EMAIL_DOMAIN}",
            household=lambda number: f"RH{copy:03d}-{number:04d}",
        )
        return panel_services.pool_replace(actor=self.commissioner, panel=panel, people=pool)
