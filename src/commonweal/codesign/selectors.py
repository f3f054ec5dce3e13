"""Reads about co-design: sessions, their people and decisions, and the "You said, we did" log."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commonweal.codesign.models import Decision, Participant, Session
from commonweal.needs.models import Need, StatusChange
from commonweal.needs.selectors import needs_in, needs_matching
from commonweal.organisations.models import Organisation
from commonweal.organisations.selectors import organisations_matching
from commonweal.outcomes.models import Outcome
from commonweal.places.models import Place
from commonweal.places.selectors import place_with_descendant_ids


def session_get(pk: int) -> Session | None:
    return (
        Session.objects.select_related("place", "organised_by", "created_by").filter(pk=pk).first()
    )


def _listed(sessions: QuerySet) -> QuerySet:
    return sessions.select_related("place", "organised_by")


def sessions_upcoming(*, place: Place | None = None) -> QuerySet:
    """Sessions still to come, soonest first, in the place and the places inside it."""
    sessions = Session.objects.filter(starts_at__gte=timezone.now())
    if place is not None:
        sessions = sessions.filter(place_id__in=place_with_descendant_ids(place))
    return _listed(sessions.order_by("starts_at", "pk"))


def sessions_past(*, place: Place | None = None) -> QuerySet:
    """Sessions that have happened, most recent first."""
    sessions = Session.objects.filter(starts_at__lt=timezone.now())
    if place is not None:
        sessions = sessions.filter(place_id__in=place_with_descendant_ids(place))
    return _listed(sessions.order_by("-starts_at", "-pk"))


def places_with_sessions() -> QuerySet:
    return Place.objects.filter(codesign_sessions__isnull=False).distinct().order_by("name")


def places_with_a_log() -> QuerySet:
    """Places worth a "You said, we did" link: those with sessions, and local authorities with needs."""
    # One EXISTS each, asked of each place: joining sessions and needs, then DISTINCT over the
    # result, grew with the register (at 100 times the demo, 378 ms and one query of 11 s under load).
    authority = Place.Kind.LOCAL_AUTHORITY
    has_sessions = Exists(Session.objects.filter(place=OuterRef("pk")))
    has_needs = Exists(Need.objects.filter(place=OuterRef("pk")))
    wards_have_needs = Exists(Need.objects.filter(place__parent=OuterRef("pk")))
    return Place.objects.filter(
        has_sessions | Q(kind=authority) & (has_needs | wards_have_needs)
    ).order_by("name")


@dataclass
class ParticipantGroup:
    kind: str
    label: str
    participants: list[Participant] = field(default_factory=list)


# Headings for each group of participants on a session's page.
GROUP_LABELS = {
    Participant.Kind.RESIDENT: _("Residents"),
    Participant.Kind.SERVICE_USER: _("Service users"),
    Participant.Kind.VOLUNTARY_ORGANISATION: _("Voluntary organisations"),
    Participant.Kind.COMMISSIONER: _("Commissioners"),
}


def session_participant_groups(session: Session) -> list[ParticipantGroup]:
    """The session's participants grouped by how they take part, in a fixed order."""
    groups = {
        kind: ParticipantGroup(kind, GROUP_LABELS.get(kind, label))
        for kind, label in Participant.Kind.choices
    }
    for participant in session.participants.select_related("organisation").order_by(
        "display_name", "pk"
    ):
        groups[participant.kind].participants.append(participant)
    return [group for group in groups.values() if group.participants]


def session_participants(session: Session) -> QuerySet:
    return session.participants.select_related("organisation").order_by(
        "kind", "display_name", "pk"
    )


def organisations_found(
    organisations: QuerySet[Organisation], q: str = ""
) -> QuerySet[Organisation]:
    """Those of ``organisations`` a search by name or identifier finds, by name: a chooser's pages."""
    return organisations_matching(organisations, q).order_by("name", "pk")


def organisations_to_represent(q: str = "") -> QuerySet[Organisation]:
    """The organisations a participant may represent (any in the directory) that a search finds."""
    return organisations_found(Organisation.objects.all(), q)


def session_decisions(session: Session) -> QuerySet:
    """Decisions, oldest first, with who agreed and who recorded them."""
    return session.decisions.select_related("recorded_by").prefetch_related(
        Prefetch("agreed_by", queryset=Participant.objects.order_by("display_name", "pk"))
    )


def session_needs(session: Session) -> QuerySet:
    return session.needs.select_related("place").order_by("title", "pk")


def need_sessions(need: Need) -> QuerySet[Session]:
    """The co-design sessions that worked on a need, for the need's page."""
    return need.codesign_sessions.all()


def session_outcomes(session: Session) -> QuerySet:
    return session.outcomes.select_related("version__framework").order_by("code", "pk")


def needs_linkable(session: Session, q: str = "") -> QuerySet:
    """Needs of the session's place (and places inside it) not yet linked and not merged away, by
    title; with ``q``, those a search by reference number or words of the title finds."""
    return (
        needs_matching(needs_in(session.place).exclude(pk__in=session.needs.values("pk")), q)
        .select_related("place")
        .order_by("title", "pk")
    )


def _framework_place_ids(place: Place) -> list[int]:
    return [p.pk for p in place.ancestors(include_self=True)] + place_with_descendant_ids(place)[1:]


def outcomes_linkable(session: Session) -> QuerySet:
    """Outcomes of frameworks for the session's place, places it is part of, or places inside it."""
    return (
        Outcome.objects.filter(version__framework__place_id__in=_framework_place_ids(session.place))
        .exclude(pk__in=session.outcomes.values("pk"))
        .select_related("version__framework")
        .order_by("version__framework__name", "-version__number", "code", "pk")
    )


# --- You said, we did --------------------------------------------------------------------------


@dataclass
class SessionWork:
    """A co-design session that worked on a need, and what it decided."""

    session: Session
    decisions: list[Decision]


@dataclass
class LogEntry:
    need: Need
    timeline: list[StatusChange]
    sessions: list[SessionWork]


def you_said_we_did(place: Place, *, status: str = "") -> QuerySet:
    """Needs raised in the place and places inside it, most recent activity first.

    Activity is the need being raised or changed, a new status, evidence, or a co-design session
    taking it up or deciding on it: ``Need.last_activity_at``, kept by the services and indexed
    (it was the latest status change of each need, worked out across the table on every request).
    Turn a page of these into log entries with ``you_said_we_did_entries``.
    """
    needs = Need.objects.filter(place_id__in=place_with_descendant_ids(place))
    if status:
        needs = needs.filter(status=status)
    return needs.select_related("place", "merged_into").order_by("-last_activity_at", "-pk")


def you_said_we_did_entries(needs) -> list[LogEntry]:
    """Each need with its timeline of status changes and the co-design sessions that worked on it.

    A fixed number of queries, however many needs there are.
    """
    needs = list(needs)
    ids = [need.pk for need in needs]
    timelines: dict[int, list[StatusChange]] = defaultdict(list)
    for change in StatusChange.objects.filter(need_id__in=ids).order_by("changed_at", "pk"):
        timelines[change.need_id].append(change)

    links = list(
        Session.needs.through.objects.filter(need_id__in=ids).values_list("need_id", "session_id")
    )
    session_ids = {session_id for _, session_id in links}
    sessions = {
        session.pk: session
        for session in Session.objects.filter(pk__in=session_ids).prefetch_related(
            Prefetch(
                "decisions",
                queryset=Decision.objects.prefetch_related(
                    Prefetch(
                        "agreed_by", queryset=Participant.objects.order_by("display_name", "pk")
                    )
                ).order_by("recorded_at", "pk"),
            )
        )
    }
    work: dict[int, list[SessionWork]] = defaultdict(list)
    for need_id, session_id in links:
        session = sessions[session_id]
        work[need_id].append(SessionWork(session, list(session.decisions.all())))
    for items in work.values():
        items.sort(key=lambda item: (item.session.starts_at, item.session.pk))
    return [LogEntry(need, timelines[need.pk], work[need.pk]) for need in needs]


def _sessions() -> QuerySet[Session]:
    return Session.objects.select_related("place", "organised_by").order_by("-starts_at", "-pk")


def session_list() -> QuerySet[Session]:
    """Every session, most recent first, with what the API's list sends of it and no more: not its
    agenda and notes, nor every column of its place and organisation (the list reads the needs each
    worked on for the whole page at once)."""
    return _sessions().only(
        "title", "kind", "starts_at", "location", "place__slug", "organised_by__slug"
    )


def session_detail(pk: int) -> Session | None:
    """One session with the needs it worked on, who took part, what was decided and who agreed, and
    its outcomes (the API's)."""
    return (
        _sessions()
        .filter(pk=pk)
        .prefetch_related(
            Prefetch("needs", queryset=Need.objects.only("pk")),
            Prefetch(
                "participants",
                queryset=Participant.objects.select_related("organisation").order_by(
                    "kind", "display_name"
                ),
            ),
            Prefetch(
                "decisions",
                queryset=Decision.objects.prefetch_related(
                    Prefetch("agreed_by", queryset=Participant.objects.order_by("display_name"))
                ).order_by("recorded_at", "pk"),
            ),
            Prefetch(
                "outcomes",
                queryset=Outcome.objects.select_related("version__framework").order_by(
                    "version__framework__slug", "code"
                ),
            ),
        )
        .first()
    )
