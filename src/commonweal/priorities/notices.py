"""What people are told about priority rounds: one opens, closes soon, its results are out.

Registers the priority round as a kind people can follow (notifications.registry), and has the
services' words for each event, so services.py only says when.
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonweal.accounts.roles import Role
from commonweal.accounts.selectors import people_holding
from commonweal.notifications import registry
from commonweal.notifications import services as notifications
from commonweal.notifications.topics import CLOSING_SOON, Topic
from commonweal.priorities import permissions
from commonweal.priorities.models import Participation, PriorityRound

KIND = "priority_round"


def register() -> None:
    registry.register(
        KIND,
        registry.Kind(
            label=gettext_lazy("priority round"),
            records=PriorityRound.objects.in_bulk,
            can_follow=permissions.can_view,
            involved=_took_part_for_results,
            audience=_can_take_part,
            still_due=_still_due,
        ),
    )


def _took_part(round_: PriorityRound):
    return Participation.objects.filter(round=round_).values_list("person_id", flat=True)


def _took_part_for_results(round_: PriorityRound, event) -> list[int]:
    """Those who voted hear the results; that it opens or closes soon is not news to them."""
    return list(_took_part(round_)) if event.topic == Topic.RESULTS else []


def _can_take_part(round_: PriorityRound, event) -> set[int]:
    """Citizen commissioners for the place, for their rounds; otherwise the people who said they
    live in the place or a place inside it (not every account there is, for a round open to all).
    A reminder that it closes soon leaves out those who have voted."""
    role = (
        Role.CITIZEN_COMMISSIONER
        if round_.eligibility == PriorityRound.Eligibility.CITIZEN_COMMISSIONERS
        else Role.RESIDENT
    )
    people = set(people_holding(role, round_.place))
    if event.key.endswith(":closing"):
        people -= set(_took_part(round_))
    return people


def _still_due(round_: PriorityRound, event) -> bool:
    if event.topic == Topic.ROUND_OPENS:  # it opens, or closes soon: only while it is still open
        return round_.status == PriorityRound.Status.OPEN and round_.closes_at > timezone.now()
    return True


def _when(moment) -> str:
    local = timezone.localtime(moment)
    return _("%(time)s on %(date)s") % {
        "time": date_format(local, "H:i"),
        "date": date_format(local, "j F Y"),
    }


def opened(round_: PriorityRound, *, actor) -> None:
    """Everyone who can vote is told when voting starts, and reminded before it closes."""
    now = timezone.now()
    notifications.notify(
        topic=Topic.ROUND_OPENS,
        kind=KIND,
        record=round_,
        headline=_("You can now vote in “%(round)s”") % {"round": round_.title},
        body=_("Say which needs should come first. Voting closes at %(when)s.")
        % {"when": _when(round_.closes_at)},
        url=round_.get_absolute_url(),
        for_everyone_who_can_take_part=True,
        actor=actor,
        due_at=max(now, round_.opens_at),
        key=f"{KIND}:{round_.pk}:open",
    )
    reminder = round_.closes_at - CLOSING_SOON
    if reminder > max(now, round_.opens_at):
        notifications.notify(
            topic=Topic.ROUND_OPENS,
            kind=KIND,
            record=round_,
            headline=_("Voting in “%(round)s” closes soon") % {"round": round_.title},
            body=_("Voting closes at %(when)s. If you have not voted yet, there is still time.")
            % {"when": _when(round_.closes_at)},
            url=round_.get_absolute_url(),
            for_everyone_who_can_take_part=True,
            actor=actor,
            due_at=reminder,
            key=f"{KIND}:{round_.pk}:closing",
        )


def closed(round_: PriorityRound) -> None:
    """Closed early: no reminder that it closes soon."""
    notifications.cancel(key=f"{KIND}:{round_.pk}:closing")


def published(round_: PriorityRound, *, actor, reason: str) -> None:
    notifications.notify(
        topic=Topic.RESULTS,
        kind=KIND,
        record=round_,
        headline=_("The results of “%(round)s” are published") % {"round": round_.title},
        body=reason,
        url=round_.get_absolute_url(),
        actor=actor,
    )
