"""Statuses with public reasons, and merging duplicates: who may, the rules, and what moves."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from commonweal.needs import services
from commonweal.needs.models import Comment, Evidence, Need, StatusChange, Support
from commonweal.needs.tests.conftest import raise_need, term
from commonweal.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def status_url(need):
    return reverse("needs:status", kwargs={"pk": need.pk})


def merge_url(need):
    return reverse("needs:merge", kwargs={"pk": need.pk})


class TestStatusPermissions:
    def test_anonymous_people_are_asked_to_sign_in(self, client, need):
        assert client.get(status_url(need)).status_code == 302
        assert (
            client.post(status_url(need), {"status": "addressed", "reason": "Done"}).status_code
            == 302
        )
        assert Need.objects.get().status == "raised"

    @pytest.mark.parametrize("who", ["stranger", "raiser", "other_staff"])
    def test_others_may_not_change_the_status(self, sign_in, request, need, who):
        client = sign_in(request.getfixturevalue(who))
        assert client.get(status_url(need)).status_code == 403
        assert (
            client.post(status_url(need), {"status": "addressed", "reason": "Done"}).status_code
            == 403
        )
        assert Need.objects.get().status == "raised"

    @pytest.mark.parametrize("who", ["place_staff", "back_office"])
    def test_place_staff_change_it_with_a_public_reason(self, sign_in, request, need, who):
        client = sign_in(request.getfixturevalue(who))
        assert client.get(status_url(need)).status_code == 200
        response = client.post(
            status_url(need),
            {"status": "under_review", "reason": "The housing team is looking at it."},
        )
        assert response.status_code == 302
        need.refresh_from_db()
        assert (
            need.status == "under_review"
            and need.status_reason == "The housing team is looking at it."
        )
        assert (
            "The housing team is looking at it."
            in client.get(need.get_absolute_url()).content.decode()
        )

    def test_the_reason_is_required(self, sign_in, place_staff, need):
        response = sign_in(place_staff).post(
            status_url(need), {"status": "addressed", "reason": "  "}
        )
        assert (
            "Enter the reason for the change, so everyone can see why" in response.content.decode()
        )
        assert Need.objects.get().status == "raised"

    def test_merged_is_not_a_status_you_can_choose(self, sign_in, place_staff, need):
        response = sign_in(place_staff).post(
            status_url(need), {"status": "merged", "reason": "Duplicate"}
        )
        assert "Select a status" in response.content.decode()


class TestStatusService:
    def test_each_change_is_recorded_with_who_from_and_to(self, place_staff, need):
        services.need_status_set(
            need=need,
            status="prioritised",
            reason="Ranked first.",
            actor=place_staff,
            evidence_label="Spring round",
            evidence_url="/priorities/1/",
        )
        change = StatusChange.objects.filter(need=need).last()
        assert (
            change.from_status,
            change.to_status,
            change.reason,
            change.changed_by,
            change.evidence_label,
        ) == ("raised", "prioritised", "Ranked first.", place_staff, "Spring round")

    def test_an_empty_reason_is_refused(self, place_staff, need):
        with pytest.raises(ValidationError, match="Enter the reason"):
            services.need_status_set(need=need, status="addressed", reason="", actor=place_staff)

    def test_a_merged_need_cannot_move(self, place_staff, raiser, ward, need):
        target = raise_need(raiser, ward)
        services.need_merge(source=need, target=target, actor=place_staff, reason="Same problem")
        with pytest.raises(ValidationError, match="merged into another"):
            services.need_status_set(
                need=need, status="addressed", reason="Done", actor=place_staff
            )


@pytest.fixture
def target(raiser, ward):
    return raise_need(
        UserFactory(full_name="Tess Target"),
        ward,
        title="Care leavers need somewhere to live",
        themes=[term("agency", "housing")],
    )


class TestMergeRules:
    def test_a_need_cannot_be_merged_into_itself(self, place_staff, need):
        with pytest.raises(ValidationError, match="cannot be merged into itself"):
            services.need_merge(source=need, target=need, actor=place_staff, reason="Oops")

    @pytest.mark.parametrize("closed", ["addressed", "not_taken_forward"])
    def test_a_need_cannot_be_merged_into_a_closed_need(self, place_staff, need, target, closed):
        services.need_status_set(need=target, status=closed, reason="Closed.", actor=place_staff)
        with pytest.raises(ValidationError, match="closed"):
            services.need_merge(
                source=need, target=target, actor=place_staff, reason="Same problem"
            )
        assert Need.objects.get(pk=need.pk).status == "raised"

    def test_a_merged_need_cannot_be_merged_again(self, place_staff, need, target, raiser, ward):
        services.need_merge(source=need, target=target, actor=place_staff, reason="Same problem")
        third = raise_need(raiser, ward, title="Third")
        with pytest.raises(ValidationError, match="already been merged"):
            services.need_merge(source=need, target=third, actor=place_staff, reason="Again")

    def test_a_reason_is_required(self, place_staff, need, target):
        with pytest.raises(ValidationError, match="Enter the reason"):
            services.need_merge(source=need, target=target, actor=place_staff, reason=" ")


class TestWhatMoves:
    def test_supporters_evidence_comments_and_themes_move_and_each_person_counts_once(
        self, place_staff, raiser, need, target, stranger
    ):
        both = UserFactory()
        for user in (stranger, both):
            services.need_support(need=need, user=user)
        services.need_support(need=target, user=both)
        services.evidence_add(
            need=need,
            actor=raiser,
            kind="figure",
            title="A count",
            value=3,
            unit="people",
            source="A survey",
            as_of="2026-01-01",
        )
        services.comment_add(need=need, author=stranger, body="Same here")

        services.need_merge(
            source=need, target=target, actor=place_staff, reason="The same problem, raised twice"
        )

        supporters = set(Support.objects.filter(need=target).values_list("user_id", flat=True))
        assert supporters == {
            stranger.pk,
            both.pk,
            raiser.pk,
        }  # the duplicate's raiser is affected too
        assert Support.objects.filter(need=target, user=both).count() == 1
        assert not Support.objects.filter(need=need).exists()
        assert Evidence.objects.get().need == target
        assert Comment.objects.get().need == target
        assert {t.slug for t in target.themes.all()} >= {
            "housing",
            "care-leavers",
            "childrens-services",
        }
        need.refresh_from_db()
        assert (
            need.status == "merged"
            and need.merged_into == target
            and need.status_reason == "The same problem, raised twice"
        )
        # The history stays with the source.
        assert [c.to_status for c in StatusChange.objects.filter(need=need)] == ["raised", "merged"]

    def test_the_merged_need_s_page_says_where_it_went(self, client, place_staff, need, target):
        services.need_merge(source=need, target=target, actor=place_staff, reason="Same problem")
        content = client.get(need.get_absolute_url()).content.decode()
        assert "It has been merged into" in content and target.get_absolute_url() in content
        assert (
            "Needs merged into this one" in client.get(target.get_absolute_url()).content.decode()
        )


class TestMergePage:
    def test_anonymous_people_are_asked_to_sign_in(self, client, need, target):
        assert (
            client.post(merge_url(need), {"target": target.pk, "reason": "Same"}).status_code == 302
        )
        assert Need.objects.get(pk=need.pk).status == "raised"

    @pytest.mark.parametrize("who", ["stranger", "raiser", "other_staff"])
    def test_others_may_not_merge(self, sign_in, request, need, target, who):
        client = sign_in(request.getfixturevalue(who))
        assert client.get(merge_url(need)).status_code == 403
        assert (
            client.post(merge_url(need), {"target": target.pk, "reason": "Same"}).status_code == 403
        )
        assert Need.objects.get(pk=need.pk).status == "raised"

    def test_place_staff_merge_and_land_on_the_target(self, sign_in, place_staff, need, target):
        response = sign_in(place_staff).post(
            merge_url(need), {"target": target.pk, "reason": "Same problem"}
        )
        assert response.status_code == 302 and response.url == target.get_absolute_url()
        assert Need.objects.get(pk=need.pk).merged_into == target

    def test_a_closed_need_is_not_offered_and_is_refused_with_a_reason(
        self, sign_in, place_staff, need, target
    ):
        services.need_status_set(
            need=target, status="addressed", reason="Closed.", actor=place_staff
        )
        response = sign_in(place_staff).post(
            merge_url(need), {"target": target.pk, "reason": "Same problem"}
        )
        assert "Choose the need to merge it into" in response.content.decode()
        assert Need.objects.get(pk=need.pk).status == "raised"

    def test_staff_cannot_merge_into_a_need_in_a_place_they_do_not_manage(
        self, sign_in, place_staff, need, other_borough, raiser
    ):
        elsewhere = raise_need(raiser, other_borough, title="Elsewhere")
        response = sign_in(place_staff).post(
            merge_url(need), {"target": elsewhere.pk, "reason": "Same problem"}
        )
        assert "You can only merge into a need for a place you manage" in response.content.decode()
        assert Need.objects.get(pk=need.pk).status == "raised"
