"""What links to a need (outcomes, co-design sessions, budget projects, priority rounds) and the needs merged into
it are drawn once and kept for everyone (needs/views/need.py, needs/links.py): each change to
them shows on the need's page at once, whoever looks."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commonweal.codesign import services as codesign
from commonweal.needs import links
from commonweal.needs import services as needs
from commonweal.needs.models import Need
from commonweal.outcomes import services as outcomes
from commonweal.outcomes.models import Framework, FrameworkVersion, Outcome, OutcomeArea
from commonweal.participation.models import BudgetRound, Project
from commonweal.priorities import services as priorities

pytestmark = pytest.mark.django_db


def make_need(place, title):
    return Need.objects.create(place=place, title=title, problem="-", population="-")


@pytest.fixture
def need(riverside):
    return make_need(riverside, "Nowhere safe to sleep after hospital")


def linked_part(client, need) -> str:
    page = client.get(need.get_absolute_url()).content.decode()
    start = page.find("What this need is linked to")
    return "" if start < 0 else page[start : page.index('id="comments"')]


def test_every_kind_of_link_names_its_stamps_so_the_part_is_kept():
    assert links.linked_stamps() is not None


def test_a_session_linked_renamed_and_unlinked_shows_at_once(
    client, need, riverside, council, staff
):
    session = codesign.session_create(
        actor=staff,
        place=riverside,
        organised_by=council,
        title="Hospital discharge workshop",
        kind="workshop",
        starts_at=timezone.now() + datetime.timedelta(days=3),
    )
    assert linked_part(client, need) == ""
    codesign.session_need_link(session=session, need=need, actor=staff)
    assert "Hospital discharge workshop" in linked_part(client, need)
    codesign.session_update(session=session, actor=staff, title="Leaving hospital: a workshop")
    shown = linked_part(client, need)
    assert "Leaving hospital: a workshop" in shown and "Hospital discharge workshop" not in shown
    codesign.session_need_unlink(session=session, need=need, actor=staff)
    assert linked_part(client, need) == ""


def test_a_round_shows_once_it_is_opened(client, need, riverside, council, staff):
    round_ = priorities.round_create(
        actor=staff,
        run_by=council,
        place=riverside,
        title="What matters most in Riverside",
        description="Choose",
        method="approval",
        eligibility="signed_in",
        needs=[need, make_need(riverside, "Too few buses in the evening")],
        opens_at=timezone.now() + datetime.timedelta(hours=1),
        closes_at=timezone.now() + datetime.timedelta(days=7),
    )
    assert "What matters most" not in linked_part(client, need)  # a draft is never shown
    priorities.round_open(round_=round_, actor=staff, reason="Ready")
    assert "What matters most in Riverside" in linked_part(client, need)


def test_an_outcome_shows_once_its_version_is_published(client, need, riverside, council, staff):
    framework = Framework.objects.create(
        place=riverside, name="Riverside outcomes", slug="riverside-outcomes", owner=council
    )
    version = FrameworkVersion.objects.create(framework=framework, number=1)
    area = OutcomeArea.objects.create(version=version, code="A1", name="Housing")
    outcome = Outcome.objects.create(version=version, area=area, code="O1", title="Safe homes")
    outcomes.outcome_needs_set(outcome=outcome, actor=staff, needs=[need])
    assert "Safe homes" not in linked_part(client, need)  # a draft framework is not shown
    version.status = FrameworkVersion.Status.PUBLISHED
    version.save()
    assert "Safe homes" in linked_part(client, need)


def test_an_outcome_links_to_itself_on_its_frameworks_page(client, need, riverside, council, staff):
    framework = Framework.objects.create(
        place=riverside, name="Riverside outcomes", slug="riverside-outcomes", owner=council
    )
    version = FrameworkVersion.objects.create(
        framework=framework, number=1, status=FrameworkVersion.Status.PUBLISHED
    )
    area = OutcomeArea.objects.create(version=version, code="A1", name="Housing")
    outcome = Outcome.objects.create(version=version, area=area, code="O1", title="Safe homes")
    outcomes.outcome_needs_set(outcome=outcome, actor=staff, needs=[need])
    assert f'href="{framework.get_absolute_url()}#outcome-O1">Safe homes</a>' in linked_part(
        client, need
    )
    assert 'id="outcome-O1"' in client.get(framework.get_absolute_url()).content.decode()


def test_a_budget_project_meeting_it_shows_once_anyone_may_see_it_and_links_back(
    client, need, riverside, council, staff
):
    round_ = BudgetRound.objects.create(
        place=riverside,
        run_by=council,
        title="Riverside decides",
        status=BudgetRound.Status.DRAFT,
        budget=Decimal("10000"),
        created_by=staff,
    )
    idea = Project.objects.create(
        round=round_, title="A warm room", cost=Decimal("4000"), status=Project.Status.PROPOSED
    )
    idea.needs.set([need])
    assert linked_part(client, need) == ""  # a draft round's idea, not yet checked
    round_.status = BudgetRound.Status.PROPOSALS
    round_.save()
    assert linked_part(client, need) == ""  # still waiting to be checked
    idea.status = Project.Status.ACCEPTED
    idea.save()
    shown = linked_part(client, need)
    assert "Community budget projects that meet it" in shown
    assert (
        f'href="{round_.get_absolute_url()}">A warm room</a>' in shown and "on the ballot" in shown
    )
    # And the round's page says which need the project meets.
    assert f'href="{need.get_absolute_url()}">{need.title}</a>' in (
        client.get(round_.get_absolute_url()).content.decode()
    )
    round_.status = BudgetRound.Status.PUBLISHED
    round_.save()
    assert "see whether it was chosen" in linked_part(client, need)


def test_a_need_merged_into_it_shows_at_once_and_a_second_view_reads_no_links(
    client, need, riverside, staff
):
    twin = make_need(riverside, "No bed after a hospital stay")
    assert linked_part(client, need) == ""
    needs.need_merge(source=twin, target=need, actor=staff, reason="The same need")
    assert "No bed after a hospital stay" in linked_part(client, need)
    with CaptureQueriesContext(connection) as queries:
        linked_part(client, need)
    read = " ".join(q["sql"] for q in queries)
    assert "codesign_session" not in read and "priorities_priorityround" not in read
