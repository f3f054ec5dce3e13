"""The dashboard as a task list: a commissioner sees the unfinished work of the places and bodies
they act for, each with its next step; everyone signed in sees their own activity, and nobody
else's."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from commonweal.accounts.roles import Role
from commonweal.codesign.models import Participant, Session
from commonweal.home.tests.builders import DAY, budget, priority_round
from commonweal.needs.models import Need, Support
from commonweal.outcomes.models import Framework, FrameworkVersion
from commonweal.panels.models import Panel
from commonweal.participation.models import BudgetRound, Project
from commonweal.participation.models import Participation as BudgetVote
from commonweal.priorities.models import Participation as PriorityVote
from commonweal.priorities.models import PriorityRound
from commonweal.testing.factories import (
    RoleFactory,
    UnverifiedPublicBodyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def dashboard(client) -> str:
    return client.get(reverse("core:dashboard")).content.decode()


def your_work(page: str) -> str:
    start = page.find('id="tasks-heading"')
    return "" if start < 0 else page[start : page.index("</section>", start)]


def your_activity(page: str) -> str:
    start = page.find('id="activity-heading"')
    return "" if start < 0 else page[start : page.index("</section>", start)]


@pytest.fixture
def work(riverside, ward, elsewhere, council, staff, other_staff):
    open_ = PriorityRound.Status.OPEN
    priority_round(
        riverside,
        council,
        staff,
        "Draft priorities",
        status=PriorityRound.Status.DRAFT,
        opens=3,
        closes=10,
    )
    priority_round(
        riverside, council, staff, "Upcoming priorities", status=open_, opens=2, closes=9
    )
    priority_round(ward, council, staff, "Open priorities", status=open_, opens=-1, closes=6)
    priority_round(riverside, council, staff, "Ended priorities", status=open_, opens=-9, closes=-1)
    priority_round(
        riverside,
        council,
        staff,
        "Published priorities",
        status=PriorityRound.Status.PUBLISHED,
        opens=-30,
        closes=-20,
    )
    priority_round(
        elsewhere,
        council,
        staff,
        "Elsewhere's priorities",
        status=PriorityRound.Status.DRAFT,
        opens=3,
        closes=10,
    )
    budget(riverside, council, staff, "Budget being checked", BudgetRound.Status.REVIEW)
    budget(
        riverside,
        council,
        staff,
        "Budget voting",
        BudgetRound.Status.VOTING,
        voting_closes=timezone.localdate() + 9 * DAY,
    )
    budget(riverside, council, staff, "Budget closed", BudgetRound.Status.CLOSED)
    budget(riverside, council, staff, "Budget published", BudgetRound.Status.PUBLISHED)
    for title, status in (
        ("Panel drawn", Panel.Status.DRAWN),
        ("Panel seated", Panel.Status.SEATED),
    ):
        Panel.objects.create(place=riverside, title=title, size=20, status=status, created_by=staff)
    framework = Framework.objects.create(
        place=riverside, name="Riverside outcomes", slug="ro", owner=council
    )
    FrameworkVersion.objects.create(
        framework=framework, number=1, status=FrameworkVersion.Status.PUBLISHED
    )
    FrameworkVersion.objects.create(framework=framework, number=2)


def test_a_commissioner_sees_each_unfinished_piece_of_work_with_its_next_step(work, sign_in, staff):
    tasks = your_work(dashboard(sign_in(staff)))
    for title, step, tag in (
        ("Draft priorities", "Check it, then open it for voting", "To do"),
        ("Upcoming priorities", "Voting opens at", "Waiting"),
        ("Open priorities", "Voting is open until", "Under way"),
        ("Ended priorities", "Voting has ended: publish the results", "To do"),
        ("Budget being checked", "Check the project ideas, then open voting", "To do"),
        ("Budget voting", "Voting is open until the end of", "Under way"),
        ("Budget closed", "count the votes and publish the results", "To do"),
        ("Panel drawn", "Seat the members and invite them", "To do"),
        ("Riverside outcomes", "Finish version 2 and publish it", "To do"),
    ):
        start = tasks.index(f">{title}</a>")
        item = tasks[start : tasks.index("</li>", start)]
        assert step in item and tag in item, (title, item)
    for finished in ("Published priorities", "Budget published", "Panel seated"):
        assert finished not in tasks
    # The draft of a place the body is not verified for is not theirs.
    assert "Elsewhere" not in tasks


def test_a_commissioner_elsewhere_sees_only_that_places_work_and_a_resident_none(
    work, sign_in, other_staff, resident
):
    tasks = your_work(dashboard(sign_in(other_staff)))
    assert "Elsewhere&#x27;s priorities" in tasks
    assert "Draft priorities" not in tasks and "Budget" not in tasks and "Panel" not in tasks
    assert your_work(dashboard(sign_in(resident))) == ""


def test_a_self_made_public_body_gives_its_commissioner_no_work_of_others(work, sign_in, riverside):
    body = UnverifiedPublicBodyFactory(name="Self-made council")
    body.places_served.add(riverside)
    person = UserFactory()
    RoleFactory(user=person, organisation=body, role=Role.COMMISSIONER)
    assert your_work(dashboard(sign_in(person))) == ""


def test_a_person_sees_their_own_activity_and_whether_their_votes_are_counted(
    sign_in, riverside, ward, council, staff, resident
):
    Need.objects.create(
        place=ward, title="No bus after 7pm", problem="-", population="-", raised_by=resident
    )
    theirs = Need.objects.create(
        place=ward, title="Broken lifts", problem="-", population="-", raised_by=staff
    )
    Support.objects.create(need=theirs, user=resident)
    published = budget(riverside, council, staff, "Budget published", BudgetRound.Status.PUBLISHED)
    voting = budget(riverside, council, staff, "Budget voting", BudgetRound.Status.VOTING)
    Project.objects.create(
        round=voting,
        title="Benches by the canal",
        cost=Decimal("500"),
        proposer=resident,
        status=Project.Status.ACCEPTED,
    )
    BudgetVote.objects.create(round=published, person=resident, channel=BudgetVote.Channel.ONLINE)
    BudgetVote.objects.create(round=voting, person=resident, channel=BudgetVote.Channel.ONLINE)
    open_round = priority_round(
        riverside,
        council,
        staff,
        "Which needs first",
        status=PriorityRound.Status.OPEN,
        opens=-1,
        closes=5,
    )
    PriorityVote.objects.create(round=open_round, person=resident)
    session = Session.objects.create(
        place=ward,
        organised_by=council,
        title="Bus workshop",
        kind="workshop",
        starts_at=timezone.now() - DAY,
    )
    Participant.objects.create(
        session=session, user=resident, kind=Participant.Kind.RESIDENT, display_name="Rita"
    )

    shown = your_activity(dashboard(sign_in(resident)))
    assert "No bus after 7pm" in shown and "Broken lifts" in shown
    assert "Benches by the canal" in shown and "on the ballot" in shown
    assert "Budget published</a>. Counted: the results are published" in shown
    assert (
        "Budget voting</a>. Your vote is in the ballot box. It is counted when voting closes."
        in shown
    )
    assert "Which needs first</a>. You can change your vote until" in shown
    assert "Bus workshop" in shown
    # Not someone else's: the commissioner raised "Broken lifts" and voted nowhere.
    other = your_activity(dashboard(sign_in(staff)))
    assert "Broken lifts" in other and "No bus after 7pm" not in other and "Your votes" not in other


def test_a_new_account_has_no_activity_section(sign_in):
    assert your_activity(dashboard(sign_in(UserFactory()))) == ""


def test_the_task_list_and_activity_are_kept_yet_show_each_change_at_once(
    sign_in, riverside, council, staff, resident
):
    commissioner = sign_in(staff)
    assert "Fresh round" not in your_work(dashboard(commissioner))
    priority_round(
        riverside,
        council,
        staff,
        "Fresh round",
        status=PriorityRound.Status.DRAFT,
        opens=3,
        closes=9,
    )
    assert "Fresh round" in your_work(dashboard(commissioner))

    # A role given since: the work of the places it brings.
    newcomer = UserFactory()
    person = sign_in(newcomer)
    assert your_work(dashboard(person)) == ""
    RoleFactory(user=newcomer, organisation=council, role=Role.COMMISSIONER)
    person = sign_in(newcomer)  # again, with the second factor a staff role asks for
    assert "Fresh round" in your_work(dashboard(person))

    # A vote cast since, and a session joined since.
    person = sign_in(resident)
    assert your_activity(dashboard(person)) == ""
    voting = budget(riverside, council, staff, "Budget voting", BudgetRound.Status.VOTING)
    BudgetVote.objects.create(round=voting, person=resident, channel=BudgetVote.Channel.ONLINE)
    assert "Budget voting" in your_activity(dashboard(person))
    session = Session.objects.create(
        place=riverside,
        organised_by=council,
        title="Bus workshop",
        kind="workshop",
        starts_at=timezone.now() + DAY,
    )
    Participant.objects.create(
        session=session, user=resident, kind=Participant.Kind.RESIDENT, display_name="Rita"
    )
    assert "Bus workshop" in your_activity(dashboard(person))


def test_commissioning_plans_are_work_for_the_lead_and_every_agency_paying_in(
    riverside, council, staff, other_staff, sign_in
):
    from commonweal.commissioning import services as plans
    from commonweal.testing.factories import PublicBodyFactory

    health = PublicBodyFactory(name="Riverside Health Board", places_served=[riverside])
    health_staff = RoleFactory(organisation=health, role=Role.COMMISSIONER).user
    plan = plans.plan_create(
        actor=staff, place=riverside, lead=council, title="Recovery alliance", summary="x"
    )
    work = your_work(dashboard(sign_in(staff)))
    assert "Recovery alliance" in work
    assert "Ask the route advisor, then choose a route to market" in work
    assert "Recovery alliance" not in your_work(dashboard(sign_in(health_staff)))
    assert "Recovery alliance" not in your_work(dashboard(sign_in(other_staff)))

    plans.contribution_save(
        actor=staff, plan=plan, organisation=health, financial_year=2028, amount=Decimal("5")
    )
    plans.route_choose(actor=staff, plan=plan, route="alliance", reason="One budget", advice=None)
    work = your_work(dashboard(sign_in(health_staff)))
    assert "Recovery alliance" in work
    assert "publish the plan to the pipeline" in work


def test_a_self_made_public_body_has_no_plans_to_work_on(riverside, council, staff, sign_in):
    from commonweal.commissioning import services as plans

    plans.plan_create(actor=staff, place=riverside, lead=council, title="Recovery", summary="x")
    body = UnverifiedPublicBodyFactory(name="Totally Real Council", places_served=[riverside])
    self_made = RoleFactory(organisation=body, role=Role.COMMISSIONER).user
    assert "Recovery" not in dashboard(sign_in(self_made))
