"""Riverside's needs, co-design sessions, priority round and common outcomes framework in the demo."""

from datetime import date

import pytest
from django.contrib.auth import authenticate
from django.urls import reverse
from django.utils.text import slugify

from commonweal.accounts.models import User
from commonweal.accounts.roles import Role
from commonweal.codesign.models import Decision, Participant, Session
from commonweal.core import audit
from commonweal.core.models import AuditEntry
from commonweal.demo import data, services
from commonweal.demo.needs_first import _seed_vocabulary
from commonweal.needs.models import Comment, Evidence, Need, StatusChange, Support, Term
from commonweal.organisations.models import Organisation
from commonweal.outcomes.models import Endorsement, Framework, FrameworkVersion, Indicator, Outcome
from commonweal.places.models import Place
from commonweal.priorities import selectors as priority_selectors
from commonweal.priorities.models import Ballot, PriorityRound
from commonweal.priorities.models import Participation as PriorityParticipation

pytestmark = pytest.mark.django_db


@pytest.fixture
def riverside(demo_place):
    """The demo place, loaded once for this module (conftest.py)."""
    return demo_place


def _counts() -> dict[str, int]:
    models = (
        Term,
        Need,
        StatusChange,
        Evidence,
        Support,
        Comment,
        Session,
        Participant,
        Decision,
        PriorityRound,
        Ballot,
        PriorityParticipation,
        Framework,
        FrameworkVersion,
        Outcome,
        Indicator,
        Endorsement,
        User,
        AuditEntry,
    )
    return {model.__name__: model.objects.count() for model in models}


def _needs_with(slug: str):
    return Need.objects.filter(themes__slug=slug).distinct()


# --- needs ------------------------------------------------------------------------------------------


def test_riverside_has_about_forty_needs_spread_over_its_wards(riverside):
    needs = Need.objects.filter(
        place__in=[
            riverside,
            *Place.objects.filter(parent=riverside),
            *Place.objects.filter(parent__parent=riverside),
        ]
    )
    assert 35 <= needs.count() <= 45
    wards = {need.place.name for need in needs.select_related("place") if need.place != riverside}
    assert len(wards) >= 8


@pytest.mark.parametrize(
    "group",
    [
        "people-who-are-homeless",
        "people-who-misuse-substances",
        "people-with-mental-ill-health",
        "people-leaving-prison",
        "young-people-at-risk-of-exploitation",
        "children-in-care",
        "older-people",
    ],
)
def test_needs_cover_every_group_the_issue_names(riverside, group):
    assert _needs_with(group).count() >= 2


def test_every_need_has_themes_from_the_vocabulary_and_the_agencies_it_touches(riverside):
    for need in Need.objects.prefetch_related("themes"):
        vocabularies = {term.vocabulary for term in need.themes.all()}
        assert Term.Vocabulary.OUTCOME_AREA in vocabularies, need
        assert Term.Vocabulary.AGENCY in vocabularies, need
    # The themes are the needs app's seeded terms, not copies of them.
    for vocabulary, names in _seed_vocabulary().items():
        for name in names:
            assert Term.objects.filter(vocabulary=vocabulary, slug=slugify(name)).count() == 1


def test_every_need_has_a_history_of_statuses_with_public_reasons(riverside):
    for need in Need.objects.all():
        changes = list(need.status_changes.order_by("changed_at", "pk"))
        assert changes[0].from_status == "" and changes[0].to_status == Need.Status.RAISED, need
        assert changes[-1].to_status == need.status, need
        assert all(change.reason.strip() for change in changes), need
        assert [change.from_status for change in changes[1:]] == [
            change.to_status for change in changes[:-1]
        ]
        assert need.status_reason == changes[-1].reason


def test_statuses_are_varied_and_merged_needs_point_to_an_open_need(riverside):
    statuses = set(Need.objects.values_list("status", flat=True))
    assert statuses == set(Need.Status.values)
    for merged in Need.objects.filter(status=Need.Status.MERGED):
        assert merged.merged_into is not None and not merged.merged_into.is_closed


def test_figures_have_a_source_and_a_date(riverside):
    figures = Evidence.objects.filter(kind=Evidence.Kind.FIGURE)
    assert figures.count() >= 15
    for figure in figures:
        assert figure.value is not None and figure.unit and figure.source and figure.as_of, figure


def test_every_story_marked_for_publication_has_consent(riverside):
    stories = Evidence.objects.filter(kind=Evidence.Kind.STORY)
    assert stories.count() >= 10
    for story in stories.exclude(publication=Evidence.Publication.PRIVATE):
        assert story.consent_given and story.consent_recorded_at and story.consent_recorded_by, (
            story
        )
    assert stories.filter(publication=Evidence.Publication.ANONYMISED).count() >= 3
    assert stories.filter(publication=Evidence.Publication.NAMED).exists()
    assert stories.filter(publication=Evidence.Publication.PRIVATE).count() == 1


def test_demo_people_support_and_comment_on_needs(riverside):
    assert Support.objects.count() >= 60
    assert Support.objects.filter(user__email=data.email("resident")).exists()
    assert Comment.objects.count() >= 5
    assert Need.objects.filter(raised_by__email=data.email("resident")).exists()


# --- people who vote and endorse --------------------------------------------------------------------


def test_the_fictional_voters_are_residents_who_cannot_sign_in(riverside):
    voters = User.objects.filter(pk__in=PriorityParticipation.objects.values("person"))
    assert voters.count() >= 10
    for voter in voters:
        assert voter.is_demo_account and voter.email.endswith("@riverside.example")
        assert voter.role_assignments.filter(role=Role.RESIDENT).exists()
        if voter.email != data.email("resident"):
            assert not voter.has_usable_password()
            assert authenticate(email=voter.email, password=data.DEMO_PASSWORD) is None


# --- co-design --------------------------------------------------------------------------------------


def test_two_sessions_with_every_kind_of_participant_and_decisions_with_who_agreed(riverside):
    sessions = Session.objects.filter(place=riverside)
    assert sessions.count() == 2
    for session in sessions:
        assert {p.kind for p in session.participants.all()} == set(Participant.Kind.values)
        assert session.decisions.exists()
        for decision in session.decisions.all():
            assert decision.agreed_by.count() >= 2
            assert set(decision.agreed_by.values_list("session", flat=True)) == {session.pk}
        assert session.needs.exists() and session.outcomes.exists()
        assert session.agenda and session.notes


# --- priorities -------------------------------------------------------------------------------------


def test_one_published_round_whose_top_two_needs_are_marked_prioritised_citing_it(riverside):
    [priority_round] = PriorityRound.objects.filter(
        place=riverside, status=PriorityRound.Status.PUBLISHED
    )
    assert priority_round.method in PriorityRound.Method.values
    assert priority_round.opens_at < priority_round.closes_at
    results = priority_selectors.round_results(priority_round)
    assert results.ballots >= 10
    top_two = [need for need, standing in results.standings if standing.position <= 2]
    assert len(top_two) == 2
    for need in top_two:
        assert need.status in (Need.Status.PRIORITISED, Need.Status.IN_COMMISSIONING)
        change = need.status_changes.get(to_status=Need.Status.PRIORITISED)
        assert change.evidence_label == priority_round.title
        assert change.evidence_url == reverse("priorities:round", kwargs={"pk": priority_round.pk})


def test_an_open_round_the_demo_resident_can_take_part_in(riverside):
    from django.utils import timezone

    from commonweal.accounts.models import User
    from commonweal.priorities import permissions as priority_permissions

    [open_round] = PriorityRound.objects.filter(place=riverside, status=PriorityRound.Status.OPEN)
    assert open_round.opens_at < timezone.now() < open_round.closes_at
    resident = User.objects.get(email="resident@riverside.example")
    assert priority_permissions.can_vote(resident, open_round)
    assert not open_round.participations.filter(person=resident).exists()
    assert priority_selectors.ballot_choices(open_round, resident) is None
    # The ballots wait in the ballot box until a batch is ready or voting ends; counted, they are all there.
    from commonweal.ballots.services import box_flush
    from commonweal.priorities.ballot_box import box

    assert open_round.participations.count() >= 3
    box_flush(box=box(open_round.pk), force=True)
    assert open_round.ballots.count() == open_round.participations.count()
    # Approval ballots approve without ranking.
    assert all(
        rank is None
        for marks in open_round.ballots.values_list("marks", flat=True)
        for rank in marks.values()
    )


# --- the common outcomes framework ------------------------------------------------------------------


def test_a_common_outcomes_framework_owned_by_the_council_with_ten_outcomes_and_25_indicators(
    riverside,
):
    [framework] = Framework.objects.filter(place=riverside)
    assert framework.owner.name == "Riverside Borough Council"
    [version] = framework.versions.all()
    assert (
        version.number == 1
        and version.status == FrameworkVersion.Status.PUBLISHED
        and version.published_at
    )
    assert version.areas.count() >= 3
    assert 9 <= version.outcomes.count() <= 11
    indicators = Indicator.objects.filter(outcome__version=version)
    assert 23 <= indicators.count() <= 27
    for indicator in indicators:
        indicator.full_clean()
        for name in (
            "definition",
            "unit",
            "direction",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "data_source",
            "frequency",
            "validation_method",
            "breakdowns",
        ):
            assert getattr(indicator, name) not in (None, "", []), (indicator.code, name)
        assert set(indicator.breakdowns) <= set(Indicator.Breakdown.values)
        assert indicator.baseline_date < indicator.target_date


def test_three_voluntary_organisations_endorse_the_framework(riverside):
    endorsements = Endorsement.objects.filter(version__framework__place=riverside).select_related(
        "organisation"
    )
    assert endorsements.count() == 3
    for endorsement in endorsements:
        assert endorsement.organisation.findings(date.today())["vcse"].value, (
            endorsement.organisation
        )
        assert endorsement.endorsed_by is not None
        assert endorsement.endorsed_by.role_assignments.filter(
            organisation=endorsement.organisation
        ).exists()


def test_needs_are_linked_to_the_outcomes_that_address_them(riverside):
    assert Need.objects.filter(outcomes__isnull=False).distinct().count() >= 25
    assert all(outcome.needs.exists() for outcome in Outcome.objects.all())


# --- loading again and resetting --------------------------------------------------------------------


def test_loading_again_changes_nothing(riverside):
    before = _counts()
    services.demo_load()
    assert _counts() == before
    assert audit.verify_chain().intact


def test_loading_again_puts_back_a_changed_need(riverside):
    need = Need.objects.get(title="Needle exchange closes at 5pm")
    need.status = Need.Status.RAISED
    need.save()
    services.demo_load()
    need.refresh_from_db()
    assert need.status == Need.Status.ADDRESSED


def test_reset_loads_the_same_needs_sessions_round_and_framework_and_the_whole_vocabulary(
    riverside,
):
    before = {key: value for key, value in _counts().items() if key != "AuditEntry"}
    Term.objects.filter(
        needs__isnull=True
    ).delete()  # a seeded term nobody used goes with the flush too
    services.demo_load(reset=True)
    after = {key: value for key, value in _counts().items() if key != "AuditEntry"}
    assert after == before
    assert audit.verify_chain().intact


def test_the_sign_in_table_leaves_out_people_nobody_signs_in_as(riverside):
    from commonweal.demo import selectors

    emails = [row.email for row in selectors.demo_sign_ins()]
    assert data.email("amara.okoye") not in emails and data.email("chloe.barnes") not in emails


# --- the API over the demo --------------------------------------------------------------------------


def test_the_api_serves_the_demo_without_private_stories(riverside, client):
    listed = client.get(reverse("api:need-list"), {"place": "riverside"}).json()
    assert listed["count"] == Need.objects.exclude(status=Need.Status.MERGED).count()
    private = Evidence.objects.get(
        kind=Evidence.Kind.STORY, publication=Evidence.Publication.PRIVATE
    )
    evidence = client.get(
        reverse("api:need-evidence", kwargs={"pk": private.need_id})
    ).content.decode()
    assert private.title not in evidence and private.storyteller not in evidence
    framework = client.get(
        reverse("api:framework-detail", kwargs={"slug": "riverside-common-outcomes"})
    ).json()
    assert (
        sum(len(area["outcomes"]) for area in framework["version"]["areas"])
        == Outcome.objects.count()
    )
    assert Organisation.objects.filter(slug=framework["owner"]).exists()
