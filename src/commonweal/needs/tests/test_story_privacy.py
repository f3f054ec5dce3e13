"""A story not to be published stays with its storyteller, whoever recorded it and place staff.

The attack this replays: someone raises a need, place staff merge a duplicate need into it, and
its raiser reads the stories told for the duplicate "not to be published", with the storytellers'
names. After the fix, merging moves the stories but not the right to read them.
"""

import pytest
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.needs import permissions, selectors, services
from commonweal.needs.models import Evidence
from commonweal.needs.tests.conftest import raise_need
from commonweal.organisations.models import Organisation
from commonweal.testing.factories import OrganisationFactory, RoleFactory, UserFactory

PRIVATE_STORY = "I sleep in the stairwell of my old block."
ANONYMISED_STORY = "My mum does not know where I am."


@pytest.fixture
def duplicate_raiser(db):
    return UserFactory(full_name="Dana Duplicate")


@pytest.fixture
def duplicate(duplicate_raiser, ward):
    """A need raised twice: its raiser records two stories, one not to be published."""
    need = raise_need(duplicate_raiser, ward, title="Care leavers have nowhere to stay")
    services.evidence_add(
        need=need,
        actor=duplicate_raiser,
        kind="story",
        title="Stairwell",
        story=PRIVATE_STORY,
        storyteller="Pat Quiet",
        consent_given=False,
        publication=Evidence.Publication.PRIVATE,
    )
    services.evidence_add(
        need=need,
        actor=duplicate_raiser,
        kind="story",
        title="Not at home",
        story=ANONYMISED_STORY,
        storyteller="Sam Hidden",
        consent_given=True,
        publication=Evidence.Publication.ANONYMISED,
    )
    return need


@pytest.fixture
def merged(duplicate, need, place_staff):
    """The duplicate merged into ``need``, which Rita Raiser raised."""
    services.need_merge(source=duplicate, target=need, actor=place_staff, reason="The same problem")
    need.refresh_from_db()
    return need


@pytest.fixture
def self_made(db):
    """Someone who made their own account and their own organisation, and runs it."""
    user = UserFactory(full_name="Selma Selfmade")
    organisation = OrganisationFactory(
        name="Selma's Group", legal_form=Organisation.LegalForm.CHARITY
    )
    RoleFactory(user=user, organisation=organisation, role=Role.ADMINISTRATOR)
    return user


def _page(client, sign_in, user, need) -> str:
    viewer = client if user is None else sign_in(user)
    response = viewer.get(need.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def _stories(need) -> dict:
    return {evidence.title: evidence for evidence in need.evidence.all()}


class TestAfterAMerge:
    def test_the_target_s_raiser_sees_neither_the_private_story_nor_any_storyteller_s_name(
        self, client, sign_in, raiser, merged
    ):
        content = _page(client, sign_in, raiser, merged)
        assert PRIVATE_STORY not in content and "Stairwell" not in content
        assert "Pat Quiet" not in content and "Sam Hidden" not in content
        # The published story moved and is there, without its teller's name.
        assert ANONYMISED_STORY in content and "Name withheld" in content

    def test_the_target_s_raiser_cannot_open_or_remove_the_private_story(
        self, client, sign_in, raiser, merged
    ):
        private = _stories(merged)["Stairwell"]
        url = reverse("needs:evidence-remove", kwargs={"pk": merged.pk, "evidence_id": private.pk})
        viewer = sign_in(raiser)
        for response in (viewer.get(url), viewer.post(url)):
            assert response.status_code == 403
            assert "Stairwell" not in response.content.decode()
            assert "Pat Quiet" not in response.content.decode()
        assert Evidence.objects.filter(pk=private.pk).exists()

    def test_the_target_s_raiser_may_still_remove_a_published_story_now_on_their_need(
        self, client, sign_in, raiser, merged
    ):
        published = _stories(merged)["Not at home"]
        remove = reverse(
            "needs:evidence-remove", kwargs={"pk": merged.pk, "evidence_id": published.pk}
        )
        assert remove in _page(client, sign_in, raiser, merged)

    @pytest.mark.parametrize("who", ["duplicate_raiser", "place_staff", "back_office"])
    def test_whoever_recorded_the_stories_and_place_staff_still_see_them(
        self, client, sign_in, request, merged, who
    ):
        content = _page(client, sign_in, request.getfixturevalue(who), merged)
        assert PRIVATE_STORY in content and "Pat Quiet" in content and "Sam Hidden" in content

    @pytest.mark.parametrize("who", [None, "stranger", "other_staff", "self_made"])
    def test_nobody_else_sees_them(self, client, sign_in, request, merged, who):
        content = _page(client, sign_in, request.getfixturevalue(who) if who else None, merged)
        assert (
            PRIVATE_STORY not in content
            and "Pat Quiet" not in content
            and "Sam Hidden" not in content
        )

    def test_the_selector_gives_the_target_s_raiser_only_the_published_story(self, raiser, merged):
        rows = selectors.need_evidence(merged, raiser)
        assert [(row.evidence.title, row.show_storyteller, row.show_private) for row in rows] == [
            ("Not at home", False, False)
        ]


class TestTheRuleForOneStory:
    def test_a_story_place_staff_recorded_on_a_need_is_not_shown_to_its_raiser(
        self, client, sign_in, raiser, place_staff, need
    ):
        """The storyteller told it to the council; the person who raised the need is not part of that."""
        services.evidence_add(
            need=need,
            actor=place_staff,
            kind="story",
            title="At the council desk",
            story=PRIVATE_STORY,
            storyteller="Pat Quiet",
            publication=Evidence.Publication.PRIVATE,
        )
        content = _page(client, sign_in, raiser, need)
        assert PRIVATE_STORY not in content and "Pat Quiet" not in content
        assert PRIVATE_STORY in _page(client, sign_in, place_staff, need)

    def test_a_story_marked_for_publication_without_consent_is_not_published(
        self, client, raiser, need
    ):
        """Only the service checks consent; a record made another way (an import, the admin) is held back."""
        Evidence.objects.create(
            need=need,
            kind=Evidence.Kind.STORY,
            title="No consent",
            story=PRIVATE_STORY,
            storyteller="Pat Quiet",
            consent_given=False,
            publication=Evidence.Publication.NAMED,
            added_by=raiser,
        )
        content = _page(client, None, None, need)
        assert PRIVATE_STORY not in content and "Pat Quiet" not in content
        assert not selectors.need_published_evidence(need).exists()

    def test_the_published_query_agrees_with_the_rule_for_one_piece(self, raiser, need):
        for publication in Evidence.Publication.values:
            for consent in (True, False):
                Evidence.objects.create(
                    need=need,
                    kind=Evidence.Kind.STORY,
                    title=f"{publication} {consent}",
                    story="A story.",
                    consent_given=consent,
                    publication=publication,
                )
        published = set(selectors.need_published_evidence(need).values_list("title", flat=True))
        assert published == {"named True", "anonymised True"}
        assert published == {e.title for e in need.evidence.all() if permissions.is_published(e)}
