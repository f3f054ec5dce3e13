"""The rules the co-design services keep, whoever calls them."""

import pytest
from django.core.exceptions import ValidationError

from commonweal.codesign import services
from commonweal.codesign.tests.samples import make_need, make_outcome
from commonweal.core.models import AuditEntry
from commonweal.needs.models import Need


def test_decision_needs_at_least_one_participant(session, participants, commissioner):
    with pytest.raises(ValidationError) as error:
        services.decision_record(
            session=session, actor=commissioner, text="Do something", agreed_by=[]
        )
    assert "agreed_by" in error.value.error_dict
    assert not session.decisions.exists()


def test_decision_needs_words(session, participants, commissioner):
    with pytest.raises(ValidationError) as error:
        services.decision_record(
            session=session, actor=commissioner, text="  ", agreed_by=participants
        )
    assert "text" in error.value.error_dict


def test_decision_participants_must_belong_to_the_session(session, commissioner, borough, council):
    other = services.session_create(
        actor=commissioner,
        place=borough,
        organised_by=council,
        title="Other",
        kind="visit",
        starts_at="2030-01-01T10:00Z",
    )
    outsider = services.participant_add(
        session=other, actor=commissioner, kind="resident", display_name="Outsider"
    )
    with pytest.raises(ValidationError):
        services.decision_record(
            session=session, actor=commissioner, text="Do something", agreed_by=[outsider]
        )
    assert not session.decisions.exists()


def test_participant_who_agreed_a_decision_stays_on_the_record(session, participants, commissioner):
    resident, _ = participants
    services.decision_record(
        session=session, actor=commissioner, text="Do something", agreed_by=[resident]
    )
    with pytest.raises(ValidationError, match="stay on the record"):
        services.participant_remove(participant=resident, actor=commissioner)
    assert session.participants.filter(pk=resident.pk).exists()


def test_same_account_cannot_take_part_twice(session, commissioner, stranger):
    services.participant_add(
        session=session, actor=commissioner, kind="resident", display_name="S", email=stranger.email
    )
    with pytest.raises(ValidationError, match="already taking part"):
        services.participant_add(
            session=session,
            actor=commissioner,
            kind="resident",
            display_name="S again",
            email=stranger.email,
        )


def test_linked_needs_must_be_in_the_sessions_place(session, commissioner, ward, other_borough):
    services.session_need_link(session=session, need=make_need(ward), actor=commissioner)
    with pytest.raises(ValidationError):
        services.session_need_link(
            session=session, need=make_need(other_borough), actor=commissioner
        )
    assert session.needs.count() == 1


def test_merged_need_cannot_be_linked(session, commissioner, borough):
    target = make_need(borough, title="Target")
    merged = make_need(borough, title="Merged", status=Need.Status.MERGED, merged_into=target)
    with pytest.raises(ValidationError, match="merged"):
        services.session_need_link(session=session, need=merged, actor=commissioner)


def test_linked_outcomes_must_be_for_the_sessions_place(
    session, commissioner, borough, other_borough, council
):
    services.session_outcome_link(
        session=session, outcome=make_outcome(borough, council), actor=commissioner
    )
    with pytest.raises(ValidationError):
        services.session_outcome_link(
            session=session,
            outcome=make_outcome(other_borough, council, code="O9"),
            actor=commissioner,
        )
    assert session.outcomes.count() == 1


def test_changes_are_audited_with_who_and_why(session, participants, commissioner):
    services.decision_record(
        session=session, actor=commissioner, text="Do something", agreed_by=participants
    )
    entry = AuditEntry.objects.filter(model="codesign.decision").first()
    assert entry.actor == commissioner
    assert entry.reason == "Recorded a decision of a co-design session"
    created = AuditEntry.objects.get(model="codesign.session", action="create")
    assert created.reason == "Set up a co-design session"


def test_session_update_refuses_place_and_bad_values(session, commissioner, other_borough):
    with pytest.raises(TypeError):
        services.session_update(session=session, actor=commissioner, place=other_borough)
    with pytest.raises(ValidationError):
        services.session_update(session=session, actor=commissioner, title="")
    session.refresh_from_db()
    assert session.title == "Rough sleeping: what would help?"
