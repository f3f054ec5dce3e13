"""The merge attack, through the API: the raiser of the need a duplicate was merged into reads its
evidence with their token and finds no story told "not to be published", and no storyteller's name
that was not given for publication."""

import pytest
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.needs import services
from commonweal.needs.models import Evidence
from commonweal.testing.factories import (
    LocalAuthorityFactory,
    PublicBodyFactory,
    RoleFactory,
    UserFactory,
)

PRIVATE_STORY = "I sleep in the stairwell of my old block."


@pytest.fixture
def merged(db):
    borough = LocalAuthorityFactory()
    council = PublicBodyFactory()
    council.places_served.add(borough)
    staff = RoleFactory(role=Role.COMMISSIONER, organisation=council).user
    raiser, duplicate_raiser = UserFactory(), UserFactory()

    def raise_need(actor, title):
        return services.need_raise(
            actor=actor, place=borough, title=title, problem="A problem.", population="Some"
        )

    target, duplicate = (
        raise_need(raiser, "Nowhere to stay"),
        raise_need(duplicate_raiser, "Nowhere safe to stay"),
    )
    services.evidence_add(
        need=duplicate,
        actor=duplicate_raiser,
        kind="story",
        title="Stairwell",
        story=PRIVATE_STORY,
        storyteller="Pat Quiet",
        publication=Evidence.Publication.PRIVATE,
    )
    services.evidence_add(
        need=duplicate,
        actor=duplicate_raiser,
        kind="story",
        title="Not at home",
        story="My mum does not know where I am.",
        storyteller="Sam Hidden",
        consent_given=True,
        publication=Evidence.Publication.ANONYMISED,
    )
    services.need_merge(source=duplicate, target=target, actor=staff, reason="The same problem")
    return target, raiser


def test_the_target_s_raiser_gets_only_the_published_story_without_a_name(api, token_for, merged):
    target, raiser = merged
    response = api.get(
        reverse("api:need-evidence", kwargs={"pk": target.pk}), token=token_for(raiser)
    )
    assert response.status_code == 200
    assert [(item["title"], item["storyteller"]) for item in response.json()] == [
        ("Not at home", None)
    ]
    text = response.content.decode()
    for hidden in (PRIVATE_STORY, "Stairwell", "Pat Quiet", "Sam Hidden"):
        assert hidden not in text
