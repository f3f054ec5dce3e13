"""Writes about co-design sessions: setting up, people, decisions and links. Each is audited."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonweal.accounts.models import User
from commonweal.codesign import notices
from commonweal.codesign.models import Decision, Participant, Session
from commonweal.core import audit
from commonweal.needs.models import Need
from commonweal.needs.services import need_activity_mark
from commonweal.organisations.models import Organisation
from commonweal.outcomes.models import Outcome
from commonweal.places.models import Place
from commonweal.places.selectors import place_with_descendant_ids

# What a person may change about a session once it is set up. Its place and
# organiser stay: the people allowed to run it follow from them.
EDITABLE_FIELDS = frozenset({"title", "kind", "starts_at", "location", "agenda", "notes"})


@transaction.atomic
def session_create(
    *,
    actor: User,
    place: Place,
    organised_by: Organisation,
    title: str,
    kind: str,
    starts_at: datetime,
    location: str = "",
    agenda: str = "",
    notes: str = "",
    reason: str = "",
) -> Session:
    """Set up a co-design session for a place."""
    with audit.audit_context(actor=actor, reason=reason or _("Set up a co-design session")):
        session = Session(
            place=place,
            organised_by=organised_by,
            title=(title or "").strip(),
            kind=kind,
            starts_at=starts_at,
            location=(location or "").strip(),
            agenda=agenda or "",
            notes=notes or "",
            created_by=actor,
        )
        session.full_clean(exclude=["created_by"])
        session.save()
    return session


@transaction.atomic
def session_update(*, session: Session, actor: User, reason: str = "", **fields: Any) -> Session:
    """Change a session's title, kind, time, place of meeting, agenda or notes."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"These session fields cannot be set: {', '.join(sorted(unknown))}")
    original = {name: getattr(session, name) for name in fields}
    for name, value in fields.items():
        setattr(
            session,
            name,
            value.strip() if name in ("title", "location") and isinstance(value, str) else value,
        )
    try:
        session.full_clean(exclude=["created_by"])
    except ValidationError:
        for name, value in original.items():
            setattr(session, name, value)
        raise
    with audit.audit_context(
        actor=actor, reason=reason or _("Changed the co-design session's details")
    ):
        session.save()
    return session


@transaction.atomic
def participant_add(
    *,
    session: Session,
    actor: User,
    kind: str,
    display_name: str,
    email: str = "",
    organisation: Organisation | None = None,
    reason: str = "",
) -> Participant:
    """Add a person to a session, as they agreed to be named; optionally linked to their account."""
    user = None
    email = (email or "").strip().lower()
    if email:
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise ValidationError(
                {
                    "email": _(
                        "Nobody has a Commonweal account with this email address. Leave it empty to add them by name only."
                    )
                }
            )
        if session.participants.filter(user=user).exists():
            raise ValidationError(
                {"email": _("This person is already taking part in the session.")}
            )
    with audit.audit_context(
        actor=actor, reason=reason or _("Added a participant to a co-design session")
    ):
        participant = Participant(
            session=session,
            kind=kind,
            display_name=(display_name or "").strip(),
            user=user,
            organisation=organisation,
        )
        participant.full_clean()
        participant.save()
    return participant


@transaction.atomic
def participant_remove(*, participant: Participant, actor: User, reason: str = "") -> None:
    """Take a person off a session, unless they agreed to one of its decisions."""
    if participant.decisions.exists():
        raise ValidationError(
            _("%(name)s agreed to a decision of this session, so they stay on the record.")
            % {"name": participant.display_name}
        )
    with audit.audit_context(
        actor=actor, reason=reason or _("Removed a participant from a co-design session")
    ):
        participant.delete()


@transaction.atomic
def decision_record(
    *, session: Session, actor: User, text: str, agreed_by: Iterable[Participant], reason: str = ""
) -> Decision:
    """Record what a session decided and which of its participants agreed."""
    text = (text or "").strip()
    agreed_by = list(agreed_by)
    errors = {}
    if not text:
        errors["text"] = _("Enter what was decided")
    if not agreed_by:
        errors["agreed_by"] = _("Select at least one participant who agreed")
    elif any(participant.session_id != session.pk for participant in agreed_by):
        errors["agreed_by"] = _(
            "Only people taking part in this session can agree to its decisions"
        )
    if errors:
        raise ValidationError(errors)
    with audit.audit_context(
        actor=actor, reason=reason or _("Recorded a decision of a co-design session")
    ):
        decision = Decision.objects.create(session=session, text=text, recorded_by=actor)
        decision.agreed_by.set(agreed_by)
    # A decision is the response to the needs the session works on: they come first in the log.
    need_activity_mark(needs=session.needs.all(), at=decision.recorded_at)
    notices.decided(decision, actor=actor)
    return decision


@transaction.atomic
def session_need_link(*, session: Session, need: Need, actor: User, reason: str = "") -> None:
    """Record that the session worked on a need of its place."""
    if need.place_id not in place_with_descendant_ids(session.place):
        raise ValidationError(
            {
                "need": _("Choose a need raised for %(place)s or a place inside it.")
                % {"place": session.place}
            }
        )
    if need.status == Need.Status.MERGED:
        raise ValidationError(
            {"need": _("This need was merged into another. Link that one instead.")}
        )
    with audit.audit_context(
        actor=actor, reason=reason or _("Linked a need to a co-design session")
    ):
        session.needs.add(need)
    need_activity_mark(needs=[need])


@transaction.atomic
def session_need_unlink(*, session: Session, need: Need, actor: User, reason: str = "") -> None:
    """Take a need off the list a session worked on."""
    with audit.audit_context(
        actor=actor, reason=reason or _("Unlinked a need from a co-design session")
    ):
        session.needs.remove(need)


def _framework_place_ids(place: Place) -> set[int]:
    return {p.pk for p in place.ancestors(include_self=True)} | set(
        place_with_descendant_ids(place)
    )


@transaction.atomic
def session_outcome_link(
    *, session: Session, outcome: Outcome, actor: User, reason: str = ""
) -> None:
    """Record that the session worked on an outcome of a framework for its place."""
    if outcome.version.framework.place_id not in _framework_place_ids(session.place):
        raise ValidationError(
            {
                "outcome": _("Choose an outcome from a framework for %(place)s.")
                % {"place": session.place}
            }
        )
    with audit.audit_context(
        actor=actor, reason=reason or _("Linked an outcome to a co-design session")
    ):
        session.outcomes.add(outcome)


@transaction.atomic
def session_outcome_unlink(
    *, session: Session, outcome: Outcome, actor: User, reason: str = ""
) -> None:
    """Take an outcome off the list a session worked on."""
    with audit.audit_context(
        actor=actor, reason=reason or _("Unlinked an outcome from a co-design session")
    ):
        session.outcomes.remove(outcome)


# --- in bulk: imports and the demo's city-scale data --------------------------------------------


@dataclass(frozen=True)
class SessionImport:
    """One session for ``sessions_import``, as it was held: who took part (unsaved ``Participant``
    records, no session yet), what was decided (``(text, positions of those who agreed)``), and the
    needs and outcomes (ids) it worked on."""

    place: Place
    organised_by: Organisation
    title: str
    kind: str
    starts_at: datetime
    created_by: User | None = None
    location: str = ""
    agenda: str = ""
    notes: str = ""
    needs: Sequence[Need] = ()
    outcomes: Sequence[int] = ()
    participants: Sequence[Participant] = ()
    decisions: Sequence[tuple[str, Sequence[int]]] = ()


@transaction.atomic
def sessions_import(
    *, place: Place, sessions: Sequence[SessionImport], reason: str
) -> list[Session]:
    """Record many sessions already held at once, with who took part, what they decided and the needs
    and outcomes they worked on (an import, the demo's city-scale data): one audit entry about
    ``place`` with the counts and a digest. Each is checked as ``session_create`` checks it."""
    built = []
    for spec in sessions:
        session = Session(
            place=spec.place,
            organised_by=spec.organised_by,
            title=(spec.title or "").strip(),
            kind=spec.kind,
            starts_at=spec.starts_at,
            location=(spec.location or "").strip(),
            agenda=spec.agenda or "",
            notes=spec.notes or "",
            created_by=spec.created_by,
        )
        session.clean_fields(exclude=["place", "organised_by", "created_by"])
        built.append(session)
    with (
        audit.audit_context(reason=reason),
        audit.bulk_operation(instance=place, action="sessions_import", reason=reason) as operation,
    ):
        created = operation.bulk_create(Session, built, m2m=False)
        pairs = list(zip(created, sessions, strict=True))
        needs, outcomes = Session.needs.through, Session.outcomes.through
        operation.bulk_create(
            needs,
            [needs(session_id=s.pk, need_id=n.pk) for s, spec in pairs for n in spec.needs],
        )
        operation.bulk_create(
            outcomes,
            [outcomes(session_id=s.pk, outcome_id=o) for s, spec in pairs for o in spec.outcomes],
        )
        people = []
        for session, spec in pairs:
            for participant in spec.participants:
                participant.session = session
                participant.display_name = (participant.display_name or "").strip()
                participant.clean_fields(exclude=["session", "user", "organisation"])
                people.append(participant)
        operation.bulk_create(Participant, people, m2m=False, batch_size=1000)
        decisions, agreed = [], []
        for session, spec in pairs:
            for text, positions in spec.decisions:
                decisions.append(Decision(session=session, text=text, recorded_by=spec.created_by))
                agreed.append([spec.participants[i] for i in positions])
        decisions = operation.bulk_create(Decision, decisions, m2m=False, batch_size=1000)
        through = Decision.agreed_by.through
        operation.bulk_create(
            through,
            [
                through(decision_id=decision.pk, participant_id=participant.pk)
                for decision, participants in zip(decisions, agreed, strict=True)
                for participant in participants
            ],
            batch_size=1000,
        )
        # Each need's response is the session that took it up, when it was held (if it has been).
        now = timezone.now()
        for session, spec in pairs:
            need_activity_mark(needs=spec.needs, at=min(session.starts_at, now))
    return created
