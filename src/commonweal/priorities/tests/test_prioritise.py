"""Marking needs prioritised from published results, citing the round."""

import pytest
from django.urls import reverse

from commonweal.needs.models import Need, StatusChange
from commonweal.priorities.models import PriorityRound

pytestmark = pytest.mark.django_db


def url(round_) -> str:
    return reverse("priorities:prioritise", kwargs={"pk": round_.pk})


@pytest.fixture
def published(make_round):
    return make_round(status=PriorityRound.Status.PUBLISHED, closes_in_days=-1)


class TestWhoMay:
    def test_anonymous_people_are_asked_to_sign_in(self, client, published, needs):
        assert (
            client.post(url(published), {"needs": [needs[0].pk], "reason": "Top"}).status_code
            == 302
        )
        assert not StatusChange.objects.exists()

    @pytest.mark.parametrize("who", ["stranger", "resident", "other_staff"])
    def test_others_are_refused(self, sign_in, published, needs, request, who):
        client = sign_in(request.getfixturevalue(who))
        assert client.get(url(published)).status_code == 403
        assert (
            client.post(url(published), {"needs": [needs[0].pk], "reason": "Top"}).status_code
            == 403
        )
        assert not StatusChange.objects.exists()

    @pytest.mark.parametrize("status", [PriorityRound.Status.OPEN, PriorityRound.Status.CLOSED])
    def test_not_before_the_results_are_published(self, sign_in, staff, make_round, needs, status):
        round_ = make_round(status=status)
        assert (
            sign_in(staff).post(url(round_), {"needs": [needs[0].pk], "reason": "Top"}).status_code
            == 404
        )
        assert not StatusChange.objects.exists()

    def test_staff_see_the_link_on_the_published_round(self, sign_in, staff, client, published):
        assert url(published) in sign_in(staff).get(published.get_absolute_url()).content.decode()


class TestMarking:
    def test_chosen_needs_are_prioritised_with_the_round_as_evidence(
        self, sign_in, staff, published, needs
    ):
        response = sign_in(staff).post(
            url(published),
            {"needs": [needs[0].pk, needs[2].pk], "reason": "Top two in the residents' vote"},
        )
        assert response.url == published.get_absolute_url()
        for need in (needs[0], needs[2]):
            need.refresh_from_db()
            assert need.status == Need.Status.PRIORITISED
            change = need.status_changes.get()
            assert change.reason == "Top two in the residents' vote"
            assert change.evidence_label == published.title
            assert change.evidence_url == published.get_absolute_url()
            assert change.changed_by == staff
        needs[1].refresh_from_db()
        assert needs[1].status == Need.Status.RAISED

    def test_a_reason_and_a_need_are_needed(self, sign_in, staff, published):
        content = sign_in(staff).post(url(published), {"reason": ""}).content.decode()
        assert "There is a problem" in content
        assert "Choose at least one need to mark prioritised" in content
        assert "Say why these needs are prioritised" in content
        assert not StatusChange.objects.exists()

    def test_a_need_outside_the_round_is_refused(self, sign_in, staff, published, riverside):
        from .conftest import make_need

        other = make_need(riverside, "Not in the round")
        content = (
            sign_in(staff)
            .post(url(published), {"needs": [other.pk], "reason": "Top"})
            .content.decode()
        )
        assert "Choose needs from the list" in content
        other.refresh_from_db()
        assert other.status == Need.Status.RAISED

    def test_a_need_already_past_raised_or_under_review_is_not_offered(
        self, sign_in, staff, published, needs
    ):
        Need.objects.filter(pk=needs[0].pk).update(status=Need.Status.IN_COMMISSIONING)
        client = sign_in(staff)
        assert (
            f'name="needs" type="checkbox" value="{needs[0].pk}"'
            not in client.get(url(published)).content.decode()
        )
        content = client.post(
            url(published), {"needs": [needs[0].pk], "reason": "Top"}
        ).content.decode()
        assert "Choose needs from the list" in content
        assert not StatusChange.objects.exists()


def test_the_reason_is_on_each_need_for_a_person_not_signed_in(
    sign_in, staff, client, published, needs
):
    # The form promises "Everyone can read this on each need, with a link to this round".
    sign_in(staff).post(
        url(published), {"needs": [needs[0].pk], "reason": "First in the residents' vote"}
    )
    client.logout()
    page = client.get(needs[0].get_absolute_url()).content.decode()
    assert "First in the residents&#x27; vote" in page
    assert f'href="{published.get_absolute_url()}"' in page
