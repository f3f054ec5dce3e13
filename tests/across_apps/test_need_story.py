"""A need's story: each step of its status and whatever took it up (sessions, rounds, budget
projects, outcomes), in the order it happened, on the need's page for everyone."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from commonweal.codesign import services as codesign
from commonweal.needs import services as needs
from commonweal.needs.models import StatusChange
from commonweal.outcomes import services as outcomes
from commonweal.outcomes.models import Framework, FrameworkVersion, Outcome, OutcomeArea
from commonweal.participation.models import BudgetRound, Project
from commonweal.priorities.models import PriorityRound

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def story(client, need) -> list[str]:
    page = client.get(need.get_absolute_url()).content.decode()
    part = page[page.index("Each step so far") :]
    part = part[: part.index("</ol>")]
    return [item.split("</li>")[0] for item in part.split("<li>")[1:]]


def test_what_happened_because_of_a_need_is_told_in_order(client, riverside, council, staff):
    now = timezone.now()
    need = needs.need_raise(
        actor=staff, place=riverside, title="Nowhere warm in the day", problem="-", population="-"
    )
    StatusChange.objects.filter(need=need).update(changed_at=now - 40 * DAY)
    past = codesign.session_create(
        actor=staff,
        place=riverside,
        organised_by=council,
        title="Warm spaces workshop",
        kind="workshop",
        starts_at=now - 30 * DAY,
    )
    codesign.session_need_link(session=past, need=need, actor=staff)
    framework = Framework.objects.create(
        place=riverside, name="Riverside outcomes", slug="ro", owner=council
    )
    version = FrameworkVersion.objects.create(
        framework=framework,
        number=1,
        status=FrameworkVersion.Status.PUBLISHED,
        published_at=now - 20 * DAY,
    )
    area = OutcomeArea.objects.create(version=version, code="A1", name="Health")
    outcome = Outcome.objects.create(version=version, area=area, code="O1", title="Nobody is cold")
    outcomes.outcome_needs_set(outcome=outcome, actor=staff, needs=[need])
    budget = BudgetRound.objects.create(
        place=riverside,
        run_by=council,
        title="Riverside decides",
        status=BudgetRound.Status.VOTING,
        budget=Decimal("10000"),
        created_by=staff,
        voting_opens=(now - 10 * DAY).date(),
    )
    project = Project.objects.create(
        round=budget, title="A warm room", cost=Decimal("4000"), status=Project.Status.ACCEPTED
    )
    project.needs.set([need])
    round_ = PriorityRound.objects.create(
        place=riverside,
        run_by=council,
        title="What comes first",
        method=PriorityRound.Method.APPROVAL,
        eligibility=PriorityRound.Eligibility.RESIDENTS,
        status=PriorityRound.Status.OPEN,
        opens_at=now + 5 * DAY,
        closes_at=now + 12 * DAY,
        created_by=staff,
    )
    round_.needs.set([need])
    future = codesign.session_create(
        actor=staff,
        place=riverside,
        organised_by=council,
        title="Second workshop",
        kind="workshop",
        starts_at=now + 9 * DAY,
    )
    codesign.session_need_link(session=future, need=need, actor=staff)
    needs.need_status_set(
        need=need, status="under_review", reason="The council is looking at it.", actor=staff
    )

    told = story(client, need)
    expected = [
        "Raised on Commonweal",
        "A co-design session worked on it:",
        "Taken up as an outcome to work for, in Riverside outcomes:",
        "A project to meet it in the community budget Riverside decides:",
        "The council is looking at it.",
        "People will be asked whether it comes first, in the priority round",
        "A co-design session will work on it:",
    ]
    assert len(told) == len(expected), told
    for line, words in zip(told, expected, strict=True):
        assert words in line, (words, line)
    assert f'href="{framework.get_absolute_url()}#outcome-O1">Nobody is cold</a>' in told[2]


def test_a_new_step_shows_in_the_story_at_once(client, riverside, staff):
    need = needs.need_raise(
        actor=staff, place=riverside, title="Broken lifts", problem="-", population="-"
    )
    assert len(story(client, need)) == 1
    needs.need_status_set(
        need=need, status="under_review", reason="Checking with housing.", actor=staff
    )
    told = story(client, need)
    assert len(told) == 2 and "Checking with housing." in told[1]


def _workshop(riverside, council, staff, title="Warm spaces workshop"):
    return codesign.session_create(
        actor=staff,
        place=riverside,
        organised_by=council,
        title=title,
        kind="workshop",
        starts_at=timezone.now() - 3 * DAY,
    )


def test_you_said_we_did_is_one_step_from_what_is_linked_to_the_need(
    client, sign_in, riverside, council, staff, resident
):
    from django.urls import reverse

    need = needs.need_raise(
        actor=staff, place=riverside, title="Nowhere warm", problem="-", population="-"
    )
    session = _workshop(riverside, council, staff)
    codesign.session_need_link(session=session, need=need, actor=staff)
    step = f"{reverse('needs:status', args=[need.pk])}?because=codesign%3A{session.pk}"

    # Offered to those who manage the need, and to nobody else.
    assert step not in client.get(need.get_absolute_url()).content.decode()
    assert step not in sign_in(resident).get(need.get_absolute_url()).content.decode()
    manager = sign_in(staff)
    page = manager.get(need.get_absolute_url()).content.decode()
    assert "Tell people what was done" in page and step.replace("&", "&amp;") in page

    # The status page is filled in: the status it most likely moves to, and a draft reason.
    form = manager.get(step).content.decode()
    assert f'href="{session.get_absolute_url()}">Warm spaces workshop</a>' in form
    assert 'value="under_review" checked' in form
    assert "worked on it together at Warm spaces workshop." in form
    sent = manager.post(
        reverse("needs:status", args=[need.pk]),
        {
            "because": f"codesign:{session.pk}",
            "status": "under_review",
            "reason": "We met and listened.",
        },
    )
    assert sent.status_code == 302
    change = StatusChange.objects.filter(need=need).latest("changed_at")
    assert (change.to_status, change.reason) == ("under_review", "We met and listened.")
    assert (change.evidence_label, change.evidence_url) == (
        "Warm spaces workshop",
        session.get_absolute_url(),
    )
    log = client.get(reverse("codesign:you-said-we-did", args=[riverside.slug])).content.decode()
    assert "We met and listened." in log


def test_what_a_step_rests_on_must_be_linked_to_the_need(sign_in, riverside, council, staff):
    from django.urls import reverse

    need = needs.need_raise(
        actor=staff, place=riverside, title="Nowhere warm", problem="-", population="-"
    )
    other = needs.need_raise(
        actor=staff, place=riverside, title="Broken lifts", problem="-", population="-"
    )
    session = _workshop(riverside, council, staff, "Lifts workshop")
    codesign.session_need_link(session=session, need=other, actor=staff)
    url = reverse("needs:status", args=[need.pk])
    manager = sign_in(staff)
    for token in (f"codesign:{session.pk}", "codesign:999999", "nothing:1", "codesign:abc"):
        assert manager.get(url, {"because": token}).status_code == 404
        page = manager.post(url, {"because": token, "status": "addressed", "reason": "Done."})
        assert page.status_code == 200
        assert "no longer linked to the need" in page.content.decode()
    assert not StatusChange.objects.filter(need=need, to_status="addressed").exists()
