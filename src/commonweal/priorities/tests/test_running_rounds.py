"""Setting up, opening, closing and publishing rounds: only public-body staff for the place, with reasons."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from commonweal.core.models import AuditEntry
from commonweal.needs.models import Need
from commonweal.priorities.models import PriorityRound
from commonweal.testing.factories import UserFactory
from commonweal.testing.forms import date_boxes

from .conftest import make_need

pytestmark = pytest.mark.django_db


def create_url(place) -> str:
    return reverse("priorities:create", kwargs={"place_pk": place.pk})


def round_data(council, needs, **changes) -> dict:
    data = {
        "title": "Which needs first in 2027?",
        "description": "We will use the result to plan next year.",
        "run_by": council.pk,
        "method": PriorityRound.Method.BORDA,
        "eligibility": PriorityRound.Eligibility.RESIDENTS,
        "needs": [need.pk for need in needs],
        "opens_on": (date.today() + timedelta(days=1)).isoformat(),
        "closes_on": (date.today() + timedelta(days=14)).isoformat(),
    }
    data.update(changes)
    return data


class TestSettingUp:
    def test_anonymous_people_are_asked_to_sign_in(self, client, riverside):
        assert client.get(reverse("priorities:create-place")).status_code == 302
        assert client.get(create_url(riverside)).status_code == 302

    @pytest.mark.parametrize("who", ["stranger", "resident"])
    def test_people_who_are_not_public_body_staff_are_refused(
        self, sign_in, riverside, council, needs, request, who
    ):
        client = sign_in(request.getfixturevalue(who))
        assert client.get(reverse("priorities:create-place")).status_code == 403
        assert client.get(create_url(riverside)).status_code == 403
        assert client.post(create_url(riverside), round_data(council, needs)).status_code == 403
        assert not PriorityRound.objects.exists()

    def test_staff_of_another_place_cannot_set_up_a_round_here(
        self, sign_in, other_staff, riverside, council, needs
    ):
        client = sign_in(other_staff)
        assert client.get(create_url(riverside)).status_code == 403
        assert client.post(create_url(riverside), round_data(council, needs)).status_code == 403
        assert riverside.name not in client.get(reverse("priorities:create-place")).content.decode()

    def test_choosing_the_place_leads_to_the_form_with_its_needs(
        self, sign_in, staff, riverside, needs, elsewhere
    ):
        make_need(elsewhere, "A need somewhere else")
        client = sign_in(staff)
        response = client.get(reverse("priorities:create-place"), {"place": riverside.pk})
        assert response.url == create_url(riverside)
        content = client.get(create_url(riverside)).content.decode()
        assert "Lonely older people (Quayside, reference " in content
        assert "A need somewhere else" not in content

    def test_staff_set_up_a_draft_round_recorded_in_the_audit_trail(
        self, sign_in, staff, riverside, council, needs
    ):
        response = sign_in(staff).post(create_url(riverside), round_data(council, needs))
        round_ = PriorityRound.objects.get()
        assert response.url == round_.get_absolute_url()
        assert (
            round_.status == PriorityRound.Status.DRAFT
            and round_.place == riverside
            and round_.run_by == council
        )
        assert set(round_.needs.all()) == set(needs)
        assert AuditEntry.objects.filter(
            model="priorities.priorityround", object_id=str(round_.pk), actor=staff
        ).exists()

    def test_a_closed_need_cannot_be_put_in_a_round(
        self, sign_in, staff, riverside, council, needs
    ):
        addressed = make_need(riverside, "Already fixed", status=Need.Status.ADDRESSED)
        response = sign_in(staff).post(
            create_url(riverside), round_data(council, [needs[0], addressed])
        )
        assert "Choose open needs for this place or a place in it" in response.content.decode()
        assert not PriorityRound.objects.exists()

    def test_bad_input_is_explained_and_kept(self, sign_in, staff, riverside, council, needs):
        data = round_data(
            council,
            needs[:1],
            title="",
            **date_boxes("opens_on", 10, 3, 2027),
            **date_boxes("closes_on", 1, 3, 2027),
        )
        content = sign_in(staff).post(create_url(riverside), data).content.decode()
        assert "There is a problem" in content
        assert "Enter a title for the round" in content
        assert "The closing date must be the same as or after the opening date" in content
        assert 'name="opens_on-day" type="text" inputmode="numeric" value="10"' in content
        assert not PriorityRound.objects.exists()

    def test_fewer_than_two_needs_is_refused(self, sign_in, staff, riverside, council, needs):
        content = (
            sign_in(staff)
            .post(create_url(riverside), round_data(council, needs[:1]))
            .content.decode()
        )
        assert "Choose at least 2 needs" in content
        assert not PriorityRound.objects.exists()


class TestStatusChanges:
    def url(self, action, round_):
        return reverse(f"priorities:{action}", kwargs={"pk": round_.pk})

    @pytest.mark.parametrize(
        "action,status",
        [
            ("open", PriorityRound.Status.DRAFT),
            ("close", PriorityRound.Status.OPEN),
            ("publish", PriorityRound.Status.CLOSED),
        ],
    )
    @pytest.mark.parametrize("who", ["stranger", "resident", "other_staff"])
    def test_only_staff_for_the_place_change_status(
        self, sign_in, make_round, request, who, action, status
    ):
        round_ = make_round(status=status)
        client = sign_in(request.getfixturevalue(who))
        assert client.get(self.url(action, round_)).status_code == 403
        assert client.post(self.url(action, round_), {"reason": "Because"}).status_code == 403
        round_.refresh_from_db()
        assert round_.status == status

    def test_anonymous_people_are_asked_to_sign_in(self, client, make_round):
        round_ = make_round(status=PriorityRound.Status.DRAFT)
        assert client.post(self.url("open", round_), {"reason": "Because"}).status_code == 302
        round_.refresh_from_db()
        assert round_.status == PriorityRound.Status.DRAFT

    def test_open_close_publish_with_reasons_in_the_audit_trail(self, sign_in, staff, make_round):
        round_ = make_round(status=PriorityRound.Status.DRAFT)
        client = sign_in(staff)
        for action, status in (("open", "open"), ("close", "closed"), ("publish", "published")):
            response = client.post(self.url(action, round_), {"reason": f"Time to {action}"})
            assert response.url == round_.get_absolute_url()
            round_.refresh_from_db()
            assert round_.status == status
            assert AuditEntry.objects.filter(
                model="priorities.priorityround",
                object_id=str(round_.pk),
                reason=f"Time to {action}",
                actor=staff,
            ).exists()

    def test_back_office_may_run_any_round(self, sign_in, make_round):
        round_ = make_round(status=PriorityRound.Status.DRAFT)
        sign_in(UserFactory(is_staff=True)).post(self.url("open", round_), {"reason": "Ready"})
        round_.refresh_from_db()
        assert round_.status == PriorityRound.Status.OPEN

    def test_a_reason_is_needed(self, sign_in, staff, make_round):
        round_ = make_round(status=PriorityRound.Status.DRAFT)
        content = sign_in(staff).post(self.url("open", round_), {"reason": "  "}).content.decode()
        assert "Enter the reason" in content
        round_.refresh_from_db()
        assert round_.status == PriorityRound.Status.DRAFT

    def test_the_reason_is_not_promised_to_everyone(self, sign_in, staff, make_round):
        # Opening, closing or publishing a round keeps its reason in the record of changes only.
        round_ = make_round(status=PriorityRound.Status.DRAFT)
        content = sign_in(staff).get(self.url("open", round_)).content.decode()
        assert "Everyone can read this" not in content
        assert "It is not shown on the round&#x27;s page" in content

    def test_results_cannot_be_published_while_voting_is_open(self, sign_in, staff, make_round):
        round_ = make_round(status=PriorityRound.Status.OPEN)
        content = (
            sign_in(staff).post(self.url("publish", round_), {"reason": "Early"}).content.decode()
        )
        assert "Voting is still open" in content
        round_.refresh_from_db()
        assert round_.status == PriorityRound.Status.OPEN

    def test_a_round_past_its_closing_date_can_be_published(self, sign_in, staff, make_round):
        round_ = make_round(status=PriorityRound.Status.OPEN, opens_in_days=-9, closes_in_days=-1)
        sign_in(staff).post(self.url("publish", round_), {"reason": "Voting ended"})
        round_.refresh_from_db()
        assert round_.status == PriorityRound.Status.PUBLISHED

    def test_a_published_round_cannot_be_opened_again(self, sign_in, staff, make_round):
        round_ = make_round(status=PriorityRound.Status.PUBLISHED)
        content = (
            sign_in(staff).post(self.url("open", round_), {"reason": "Again"}).content.decode()
        )
        assert "Only a draft round can be opened" in content

    def test_an_unknown_round_is_not_found(self, sign_in, staff):
        assert (
            sign_in(staff)
            .post(reverse("priorities:open", kwargs={"pk": 9999}), {"reason": "x"})
            .status_code
            == 404
        )
