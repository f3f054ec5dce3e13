"""Small helpers that make needs, sessions, rounds and frameworks for the API tests, with the models."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from commonweal.codesign.models import Decision, Participant, Session
from commonweal.needs.models import Evidence, Need, StatusChange, Support, Term
from commonweal.outcomes.models import (
    Endorsement,
    Framework,
    FrameworkVersion,
    Indicator,
    Outcome,
    OutcomeArea,
)
from commonweal.priorities.models import Ballot, PriorityRound
from commonweal.testing.factories import OrganisationFactory, PublicBodyFactory, UserFactory


def term(vocabulary: str, slug: str, name: str = "") -> Term:
    found, _created = Term.objects.get_or_create(
        vocabulary=vocabulary, slug=slug, defaults={"name": name or slug}
    )
    return found


def need(
    place,
    title="Nowhere to go in the day",
    *,
    status=Need.Status.RAISED,
    reason="",
    themes=(),
    **fields,
) -> Need:
    made = Need.objects.create(
        place=place,
        title=title,
        problem=fields.pop("problem", "The shelter closes at 8am."),
        population=fields.pop("population", "People sleeping rough"),
        status=status,
        status_reason=reason,
        **fields,
    )
    made.themes.set(themes)
    return made


def step(need_, to_status, reason, **fields) -> StatusChange:
    change = StatusChange.objects.create(
        need=need_, from_status=need_.status, to_status=to_status, reason=reason, **fields
    )
    need_.status, need_.status_reason = to_status, reason
    need_.save()
    return change


def supporters(need_, count: int) -> None:
    for _number in range(count):
        Support.objects.create(need=need_, user=UserFactory())


def figure(need_, title="People sleeping rough", value="23") -> Evidence:
    return Evidence.objects.create(
        need=need_,
        kind=Evidence.Kind.FIGURE,
        title=title,
        value=Decimal(value),
        unit="people",
        source="Street count",
        as_of=date(2025, 11, 13),
    )


def story(need_, title, *, publication, consent=True, storyteller="Dean Smith") -> Evidence:
    return Evidence.objects.create(
        need=need_,
        kind=Evidence.Kind.STORY,
        title=title,
        story=f"The story of {title}.",
        storyteller=storyteller,
        consent_given=consent,
        publication=publication,
    )


def framework(
    place,
    slug="riverside-outcomes",
    *,
    status=FrameworkVersion.Status.PUBLISHED,
    number=1,
    existing=None,
    outcome_title="People have a settled home",
):
    made = existing or Framework.objects.create(
        place=place, name=f"Framework {slug}", slug=slug, owner=PublicBodyFactory()
    )
    version = FrameworkVersion.objects.create(
        framework=made,
        number=number,
        status=status,
        published_at=timezone.now() if status == "published" else None,
    )
    area = OutcomeArea.objects.create(version=version, code="A1", name="A home")
    outcome = Outcome.objects.create(version=version, area=area, code="O1", title=outcome_title)
    Indicator.objects.create(
        outcome=outcome,
        code="I1",
        name="Households prevented from becoming homeless",
        definition="Prevention duties ending in prevention.",
        unit="%",
        direction="higher",
        baseline_value=Decimal("52"),
        baseline_date=date(2025, 3, 31),
        target_value=Decimal("65.5"),
        target_date=date(2029, 3, 31),
        data_source="H-CLIC",
        frequency="quarterly",
        validation_method="Case audit.",
        breakdowns=["age", "ward"],
    )
    return made, version, outcome


def endorse(version, name="Riverside Voluntary Action") -> Endorsement:
    return Endorsement.objects.create(
        version=version,
        organisation=OrganisationFactory(name=name),
        comment="Agreed by our members.",
    )


def session(place, title="Getting help early", **fields) -> Session:
    return Session.objects.create(
        place=place,
        title=title,
        kind=fields.pop("kind", Session.Kind.WORKSHOP),
        starts_at=fields.pop("starts_at", timezone.now() - timedelta(days=3)),
        organised_by=fields.pop("organised_by", PublicBodyFactory()),
        **fields,
    )


def participant(session_, name, kind, **fields) -> Participant:
    return Participant.objects.create(session=session_, display_name=name, kind=kind, **fields)


def decision(session_, text, agreed_by) -> Decision:
    made = Decision.objects.create(session=session_, text=text)
    made.agreed_by.set(agreed_by)
    return made


def priority_round(
    place,
    needs,
    *,
    status=PriorityRound.Status.PUBLISHED,
    method=PriorityRound.Method.BORDA,
    title="Priorities 2026",
):
    now = timezone.now()
    made = PriorityRound.objects.create(
        place=place,
        title=title,
        method=method,
        eligibility=PriorityRound.Eligibility.SIGNED_IN,
        opens_at=now - timedelta(days=20),
        closes_at=now - timedelta(days=5),
        status=status,
        run_by=PublicBodyFactory(),
    )
    made.needs.set(needs)
    return made


def ballot(round_, ranking, voter=None) -> Ballot:
    """A ballot ranking the needs given, first choice first (or approving them, for approval rounds), stored as
    the ballot box commits it: under the voter's key, with no link to them."""
    from commonweal.priorities.ballot_box import ballot_key

    voter = voter or UserFactory()
    return Ballot.objects.create(
        round=round_,
        key=ballot_key(round_.pk, voter.pk),
        marks={
            str(need_.pk): rank if round_.method == PriorityRound.Method.BORDA else None
            for rank, need_ in enumerate(ranking, start=1)
        },
    )
