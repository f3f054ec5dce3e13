"""What people are told about community budgets: ideas or voting open, close soon, an idea is
accepted or not, the results are out.

Registers the community budget as a kind people can follow (notifications.registry), and has the
services' words for each event, so the services only say when.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonweal.accounts.roles import Role
from commonweal.accounts.selectors import people_holding
from commonweal.notifications import registry
from commonweal.notifications import services as notifications
from commonweal.notifications.topics import CLOSING_SOON, Topic
from commonweal.participation import permissions
from commonweal.participation.models import BudgetRound, Participation, Project, Verification

KIND = "budget_round"


def register() -> None:
    registry.register(
        KIND,
        registry.Kind(
            label=gettext_lazy("community budget"),
            records=BudgetRound.objects.in_bulk,
            can_follow=permissions.can_view,
            involved=_took_part_for_results,
            audience=_can_take_part,
            still_due=_still_due,
        ),
    )


def _took_part(round_: BudgetRound):
    return Participation.objects.filter(round=round_).values_list("person_id", flat=True)


def _took_part_for_results(round_: BudgetRound, event) -> list[int]:
    return list(_took_part(round_)) if event.topic == Topic.RESULTS else []


def _can_take_part(round_: BudgetRound, event) -> set[int]:
    """The people who said they live in the place or a place inside it, and those checked for
    this round. A reminder that voting closes soon leaves out those who have voted."""
    people = set(people_holding(Role.RESIDENT, round_.place))
    people.update(Verification.objects.filter(round=round_).values_list("person_id", flat=True))
    if event.key == _key(round_, BudgetRound.Status.VOTING, closing=True):
        people -= set(_took_part(round_))
    return people


def _still_due(round_: BudgetRound, event) -> bool:
    """An event for a phase holds while the round is still in that phase."""
    for phase in (BudgetRound.Status.PROPOSALS, BudgetRound.Status.VOTING):
        if event.key.startswith(_key(round_, phase)):
            return round_.status == phase
    return True


def _key(round_: BudgetRound, phase: str, *, closing: bool = False) -> str:
    return f"{KIND}:{round_.pk}:{phase}" + (":closing" if closing else "")


def _start_of(day: date | None) -> datetime | None:
    return timezone.make_aware(datetime.combine(day, time.min)) if day else None


def _day(day: date) -> str:
    return date_format(day, "j F Y")


def phase_started(round_: BudgetRound, *, actor) -> None:
    """Ideas or voting open: everyone who can take part is told (on the first day, when that is
    later), and reminded before the last day ends."""
    now = timezone.now()
    if round_.status == BudgetRound.Status.PROPOSALS:
        opens, last_day = round_.proposals_open, _day_before(round_.review_from)
        headline = _("Send your ideas for “%(round)s”") % {"round": round_.title}
        body = _("Suggest a project for the community budget.")
        reminder_headline = _("Ideas for “%(round)s” close soon") % {"round": round_.title}
    elif round_.status == BudgetRound.Status.VOTING:
        opens, last_day = round_.voting_opens, round_.voting_closes
        headline = _("You can now vote in “%(round)s”") % {"round": round_.title}
        body = _("Choose the projects you want the budget to pay for.")
        reminder_headline = _("Voting in “%(round)s” closes soon") % {"round": round_.title}
    else:
        return
    if last_day:
        body += " " + _("The last day is %(day)s.") % {"day": _day(last_day)}
    starts = max(now, _start_of(opens) or now)
    notifications.notify(
        topic=Topic.ROUND_OPENS,
        kind=KIND,
        record=round_,
        headline=headline,
        body=body,
        url=round_.get_absolute_url(),
        for_everyone_who_can_take_part=True,
        actor=actor,
        due_at=starts,
        key=_key(round_, round_.status),
    )
    reminder_schedule(round_, actor=actor, headline=reminder_headline, last_day=last_day)


def _day_before(day: date | None) -> date | None:
    return day - timedelta(days=1) if day else None


def reminder_schedule(round_: BudgetRound, *, actor, headline: str = "", last_day=None) -> None:
    """(Re)schedule the reminder that the phase closes soon, from the round's dates now."""
    if round_.status not in (BudgetRound.Status.PROPOSALS, BudgetRound.Status.VOTING):
        return
    key = _key(round_, round_.status, closing=True)
    if not headline:  # the dates changed: the same words, at the new time
        if round_.status == BudgetRound.Status.PROPOSALS:
            last_day = _day_before(round_.review_from)
            headline = _("Ideas for “%(round)s” close soon") % {"round": round_.title}
        else:
            last_day = round_.voting_closes
            headline = _("Voting in “%(round)s” closes soon") % {"round": round_.title}
    notifications.cancel(key=key)
    if not last_day:
        return
    reminder = _start_of(last_day + timedelta(days=1)) - CLOSING_SOON
    if reminder <= max(timezone.now(), _start_of(_opens(round_)) or timezone.now()):
        return
    notifications.notify(
        topic=Topic.ROUND_OPENS,
        kind=KIND,
        record=round_,
        headline=headline,
        body=_("The last day is %(day)s.") % {"day": _day(last_day)},
        url=round_.get_absolute_url(),
        for_everyone_who_can_take_part=True,
        actor=actor,
        due_at=reminder,
        key=key,
    )


def _opens(round_: BudgetRound) -> date | None:
    if round_.status == BudgetRound.Status.PROPOSALS:
        return round_.proposals_open
    return round_.voting_opens


def idea_decided(project: Project, *, actor) -> None:
    """The person who proposed a project hears whether it is on the ballot, and why."""
    if project.proposer_id is None:
        return
    if project.status == Project.Status.ACCEPTED:
        headline = _("Your idea “%(project)s” is on the ballot") % {"project": project.title}
    else:
        headline = _("Your idea “%(project)s” will not be on the ballot") % {
            "project": project.title
        }
    notifications.notify(
        topic=Topic.IDEA_DECIDED,
        kind=KIND,
        record=project.round,
        headline=headline,
        body=project.review_reason,
        url=f"{project.round.get_absolute_url()}#project-{project.pk}",
        to=[project.proposer_id],
        public=False,
        actor=actor,
    )


def published(round_: BudgetRound, *, actor, reason: str) -> None:
    notifications.notify(
        topic=Topic.RESULTS,
        kind=KIND,
        record=round_,
        headline=_("The results of “%(round)s” are published") % {"round": round_.title},
        body=reason,
        url=round_.get_absolute_url(),
        actor=actor,
    )
