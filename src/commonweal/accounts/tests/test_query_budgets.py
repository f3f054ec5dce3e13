"""The pages about a person's own account that list things do the same work for 3 as for 30: the
account page (their roles and API tokens) and the API's "me" (their roles)."""

import pytest
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.accounts.tokens import api_token_create
from commonweal.testing.factories import RoleFactory, UserFactory, WardFactory
from commonweal.testing.queries import no_growth, queries_for

pytestmark = pytest.mark.django_db

CEILING = 15


def grow(person, size: int) -> None:
    """``size`` more API tokens, roles in organisations and roles for places."""
    for number in range(size):
        api_token_create(user=person, name=f"Token {size}-{number}")
        RoleFactory(user=person, role=Role.PROVIDER_MEMBER)
        RoleFactory(
            user=person,
            organisation=None,
            place=WardFactory(name=f"Ward {size}-{number}", slug=f"ward-{size}-{number}"),
            role=Role.CITIZEN_COMMISSIONER,
        )


@pytest.mark.parametrize("url", [reverse("accounts:settings"), reverse("api:me")])
def test_a_persons_own_lists(sign_in, url):
    person = UserFactory()
    client = sign_in(person)
    grow(person, 3)
    few, _page = queries_for(client, url)
    grow(person, 27)
    many, page = queries_for(client, url)
    shown = page.content.decode()
    if url == reverse("accounts:settings"):  # the larger page really is larger
        assert "Ward 27-26" in shown and "Token 27-26" in shown
    else:
        assert "ward-27-26" in shown
    no_growth(few, many, ceiling=CEILING, what=url)
