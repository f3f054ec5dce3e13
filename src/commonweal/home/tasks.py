"""The dashboard's task list and a person's own activity, gathered from every app.

A commissioner (anyone who acts for a place through a verified public body) sees the work that is
theirs, in the GOV.UK task-list pattern: each priority round, community budget and citizens' panel
of their places that is not finished, and each outcomes framework of their bodies with a draft,
with its next step and whether it is theirs to do now, under way, or waiting for a date. Anyone
signed in sees what they have done: needs raised and supported, project ideas, votes (and whether
they are counted yet) and co-design sessions. A citizen commissioner sees each panel they sit on,
with its next meeting and how many of their tasks are not done, linking to the panel's workspace.

Each list is one query, at most ``SHOWN`` long, with a flag saying whether there are more (the
apps' own lists show the rest), so the dashboard's work does not grow with a city's data.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonweal.codesign.apps import SESSIONS_STAMP
from commonweal.codesign.models import Participant
from commonweal.commissioning.apps import PLANS_STAMP
from commonweal.commissioning.models import Plan
from commonweal.core import pagecache
from commonweal.home.apps import DASHBOARD_STAMP
from commonweal.needs.apps import NEEDS_STAMP, SUPPORTERS_STAMP
from commonweal.needs.models import Need, Support
from commonweal.organisations import place_staff
from commonweal.outcomes.apps import FRAMEWORKS_STAMP
from commonweal.outcomes.models import FrameworkVersion
from commonweal.outcomes.permissions import MANAGER_ROLES
from commonweal.panels.apps import PANELS_STAMP, WORKSPACE_STAMP
from commonweal.panels.models import Panel
from commonweal.panels.selectors_workspace import member_workspaces
from commonweal.participation.apps import ROUNDS_STAMP as BUDGET_ROUNDS_STAMP
from commonweal.participation.models import BudgetRound, Project
from commonweal.participation.models import Participation as BudgetVote
from commonweal.priorities import permissions as priority_permissions
from commonweal.priorities.apps import ROUNDS_STAMP as PRIORITY_ROUNDS_STAMP
from commonweal.priorities.models import Participation as PriorityVote
from commonweal.priorities.models import PriorityRound

SHOWN = 5

TO_DO, UNDER_WAY, WAITING = "to-do", "under-way", "waiting"


@dataclass(frozen=True)
class Task:
    title: str
    url: str
    next_step: str
    state: str  # TO_DO, UNDER_WAY or WAITING


@dataclass(frozen=True)
class TaskGroup:
    heading: str
    tasks: list[Task]
    more: bool
    list_url: str


def _first(rows) -> tuple[list, bool]:
    found = list(rows[: SHOWN + 1])
    return found[:SHOWN], len(found) > SHOWN


def _day(value) -> str:
    return date_format(value, "j F Y")


def _moment(value) -> str:
    local = timezone.localtime(value)
    return _("%(time)s on %(date)s") % {
        "time": date_format(local, "H:i"),
        "date": date_format(local, "j F Y"),
    }


def _minute() -> str:
    """The minute now: what the lists say of dates ("voting is open until", "waiting") moves with
    the clock, so nothing is kept past it."""
    return timezone.now().replace(second=0, microsecond=0).isoformat()


def staff_tasks(user) -> list[TaskGroup]:
    """The unfinished work of the places and bodies this person acts for, kind by kind (none for
    someone who acts for no place: the back office sees every place's lists instead). Kept for the
    person until a round, budget, panel, framework, place or organisation changes, or the minute
    does."""
    return pagecache.cached(
        "dashboard-tasks",
        user.pk,
        _minute(),
        stamps=(
            PRIORITY_ROUNDS_STAMP,
            BUDGET_ROUNDS_STAMP,
            PANELS_STAMP,
            FRAMEWORKS_STAMP,
            PLANS_STAMP,
            "places",
            "organisations",
            DASHBOARD_STAMP,
        ),
        build=lambda: _staff_tasks(user),
    )


def _staff_tasks(user) -> list[TaskGroup]:
    places = place_staff.staff_place_ids(user)
    bodies = place_staff.staff_organisation_ids(user, MANAGER_ROLES)
    if not places and not bodies:
        return []
    # heading, the app's list, the unfinished rows (one query), and what each row's task says
    kinds = [
        (
            _("Priority rounds"),
            "priorities:list",
            PriorityRound.objects.filter(place_id__in=places)
            .exclude(status=PriorityRound.Status.PUBLISHED)
            .order_by("closes_at", "pk"),
            _priority_task,
        ),
        (
            _("Community budgets"),
            "participation:list",
            BudgetRound.objects.filter(place_id__in=places)
            .exclude(status=BudgetRound.Status.PUBLISHED)
            .order_by("created_at", "pk"),
            _budget_task,
        ),
        (
            _("Citizens' panels"),
            "panels:list",
            Panel.objects.filter(place_id__in=places)
            .exclude(status=Panel.Status.SEATED)
            .order_by("created_at", "pk"),
            _panel_task,
        ),
        (
            _("Outcomes frameworks"),
            "outcomes:list",
            FrameworkVersion.objects.filter(
                status=FrameworkVersion.Status.DRAFT, framework__owner_id__in=bodies
            )
            .select_related("framework")
            .order_by("framework__name", "pk"),
            _draft_task,
        ),
    ]
    plan_bodies = place_staff.staff_organisation_ids(user)
    kinds.append(
        (
            _("Commissioning plans"),
            "commissioning:plans",
            Plan.objects.filter(
                Q(lead_id__in=plan_bodies) | Q(contributions__organisation_id__in=plan_bodies)
            )
            .exclude(status__in=(Plan.Status.AWARDED, Plan.Status.IN_DELIVERY))
            .distinct()
            .order_by("created_at", "pk"),
            _plan_task,
        )
    )
    groups = []
    for heading, list_name, rows, task in kinds:
        found, more = _first(rows)
        if found:
            groups.append(
                TaskGroup(heading, [task(row) for row in found], more, reverse(list_name))
            )
    return groups


def _draft_task(version: FrameworkVersion) -> Task:
    return Task(
        title=version.framework.name,
        url=reverse(
            "outcomes:version", kwargs={"slug": version.framework.slug, "number": version.number}
        ),
        next_step=_("Finish version %(number)s and publish it") % {"number": version.number},
        state=TO_DO,
    )


def _priority_task(round_: PriorityRound) -> Task:
    phase = priority_permissions.voting_phase(round_)
    if phase == "draft":
        step, state = _("Check it, then open it for voting"), TO_DO
    elif phase == "upcoming":
        step, state = _("Voting opens at %(when)s") % {"when": _moment(round_.opens_at)}, WAITING
    elif phase == "open":
        step, state = (
            _("Voting is open until %(when)s") % {"when": _moment(round_.closes_at)},
            (UNDER_WAY),
        )
    else:
        step, state = _("Voting has ended: publish the results"), TO_DO
    return Task(round_.title, round_.get_absolute_url(), step, state)


def _budget_task(round_: BudgetRound) -> Task:
    status = round_.status
    if status == BudgetRound.Status.DRAFT:
        step, state = _("Finish setting it up, then start taking project ideas"), TO_DO
    elif status == BudgetRound.Status.PROPOSALS:
        step = _("Taking project ideas")
        if round_.review_from:
            step = _("Taking project ideas until checking starts on %(day)s") % {
                "day": _day(round_.review_from)
            }
        state = UNDER_WAY
    elif status == BudgetRound.Status.REVIEW:
        step, state = _("Check the project ideas, then open voting"), TO_DO
    elif status == BudgetRound.Status.VOTING:
        step = _("Voting is open")
        if round_.voting_closes:
            step = _("Voting is open until the end of %(day)s") % {
                "day": _day(round_.voting_closes)
            }
        state = UNDER_WAY
    else:
        step, state = _("Voting has closed: count the votes and publish the results"), TO_DO
    return Task(round_.title, round_.get_absolute_url(), step, state)


def _plan_task(plan: Plan) -> Task:
    if not plan.route:
        step, state = _("Ask the route advisor, then choose a route to market"), TO_DO
    elif not plan.is_published:
        step, state = _("Check the barriers and lots, then publish the plan to the pipeline"), TO_DO
    elif plan.status == Plan.Status.IN_COMPETITION:
        step, state = _("The competition is under way"), UNDER_WAY
    else:
        step, state = _("Talk to providers and publish what was said"), UNDER_WAY
    return Task(plan.title, plan.get_absolute_url(), step, state)


_PANEL_STEPS = {
    Panel.Status.DRAFT: (
        gettext_lazy("Set what the panel must reflect and its quotas, then open the pool"),
        TO_DO,
    ),
    Panel.Status.POOL_OPEN: (
        gettext_lazy("Add the pool of volunteers and run the selection"),
        TO_DO,
    ),
    Panel.Status.SELECTING: (gettext_lazy("The selection is running"), UNDER_WAY),
    Panel.Status.SELECTED: (gettext_lazy("Hold the draw"), TO_DO),
    Panel.Status.DRAWN: (gettext_lazy("Seat the members and invite them"), TO_DO),
}


def _panel_task(panel: Panel) -> Task:
    step, state = _PANEL_STEPS[panel.status]
    return Task(panel.title, panel.get_absolute_url(), str(step), state)


@dataclass(frozen=True)
class PanelWorkspace:
    """A panel the person sits on, as their dashboard links to its workspace."""

    title: str
    url: str
    next_meeting: str  # its title and when, or empty
    to_do: int


def panel_workspaces(user) -> list[PanelWorkspace]:
    """The panels this person sits on, each with its next meeting and how many of their tasks are
    not done: one query for all of them. Kept for the person until a seat, meeting or task (or a
    mark of one done) changes, or the minute does (a meeting over is no longer next)."""
    return pagecache.cached(
        "dashboard-panel-workspaces",
        user.pk,
        _minute(),
        stamps=(WORKSPACE_STAMP, PANELS_STAMP),
        build=lambda: [_workspace(found) for found in member_workspaces(user)],
    )


def _workspace(found) -> PanelWorkspace:
    meeting = found.next_meeting
    return PanelWorkspace(
        title=found.title,
        url=reverse("panels:workspace", kwargs={"pk": found.panel_id}),
        next_meeting=""
        if meeting is None
        else _("%(title)s, %(when)s")
        % {"title": meeting.title, "when": _moment(meeting.starts_at)},
        to_do=found.to_do,
    )


def activity(user) -> dict:
    """What this person has done: needs raised and supported, project ideas, votes in priority
    rounds and community budgets (and whether they are counted yet), and co-design sessions. Kept
    for the person until what it lists changes, or the minute does."""
    return pagecache.cached(
        "dashboard-activity",
        user.pk,
        _minute(),
        stamps=(
            NEEDS_STAMP,
            SUPPORTERS_STAMP,
            BUDGET_ROUNDS_STAMP,
            PRIORITY_ROUNDS_STAMP,
            SESSIONS_STAMP,
            DASHBOARD_STAMP,
        ),
        build=lambda: _activity(user),
    )


def _activity(user) -> dict:
    raised, more_raised = _first(
        Need.objects.filter(raised_by=user).select_related("place").order_by("-created_at", "-pk")
    )
    supported, more_supported = _first(
        Support.objects.filter(user=user)
        .select_related("need", "need__place")
        .order_by("-created_at", "-pk")
    )
    ideas, more_ideas = _first(
        Project.objects.filter(proposer=user).select_related("round").order_by("-pk")
    )
    priority_votes, more_priority_votes = _first(
        PriorityVote.objects.filter(person=user)
        .select_related("round")
        .order_by("-round__closes_at")
    )
    budget_votes, more_budget_votes = _first(
        BudgetVote.objects.filter(person=user).select_related("round").order_by("-at", "-pk")
    )
    sessions, more_sessions = _first(
        Participant.objects.filter(user=user)
        .select_related("session")
        .order_by("-session__starts_at", "-pk")
    )
    votes = [(vote.round, _priority_counted(vote.round)) for vote in priority_votes] + [
        (vote.round, _budget_counted(vote.round)) for vote in budget_votes
    ]
    found = {
        "raised": raised,
        "supported": [support.need for support in supported],
        "ideas": ideas,
        "votes": votes,
        "sessions": [participant.session for participant in sessions],
        "more": more_raised
        or more_supported
        or more_ideas
        or more_priority_votes
        or more_budget_votes
        or more_sessions,
    }
    found["anything"] = any(
        found[kind] for kind in ("raised", "supported", "ideas", "votes", "sessions")
    )
    return found


def _priority_counted(round_: PriorityRound) -> str:
    phase = priority_permissions.voting_phase(round_)
    if phase == PriorityRound.Status.PUBLISHED:
        return _("Counted: the results are published")
    if phase == "open":
        return _("You can change your vote until %(when)s") % {"when": _moment(round_.closes_at)}
    return _("Voting has closed: your vote is counted when the results are published")


def _budget_counted(round_: BudgetRound) -> str:
    if round_.status == BudgetRound.Status.PUBLISHED:
        return _("Counted: the results are published")
    if round_.status == BudgetRound.Status.VOTING:
        return _("Your vote is in the ballot box. It is counted when voting closes.")
    return _("Voting has closed: your vote is counted when the results are published")
