"""Every reason a form promises "Everyone can read this" for is on the need's page for a person who
is not signed in: a status change's, a merge's (on the page of the need merged away, where its old
links lead), a hidden comment's."""

import pytest

from commonweal.needs import services
from commonweal.needs.tests.conftest import raise_need

pytestmark = pytest.mark.django_db


def public_page(client, need) -> str:
    client.logout()
    response = client.get(need.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_status_change_s_reason(client, place_staff, need):
    services.need_status_set(
        need=need,
        status="under_review",
        reason="The housing team is looking at it with the care leavers' service.",
        actor=place_staff,
    )
    page = public_page(client, need)
    assert "The housing team is looking at it with the care leavers&#x27; service." in page


def test_a_merge_s_reason_on_the_page_of_the_need_merged_away(
    client, place_staff, raiser, ward, need
):
    target = raise_need(raiser, ward, title="Care leavers need somewhere to live")
    services.need_merge(
        source=need,
        target=target,
        actor=place_staff,
        reason="The same problem, raised twice in the same week",
    )
    page = public_page(client, need)
    assert "The same problem, raised twice in the same week" in page
    assert target.get_absolute_url() in page


def test_a_hidden_comment_s_reason(client, place_staff, raiser, need):
    comment = services.comment_add(need=need, author=raiser, body="Something unkind")
    services.comment_moderate(
        comment=comment, actor=place_staff, hide=True, reason="It named a child"
    )
    page = public_page(client, need)
    assert "Hidden by a moderator: It named a child" in page
    assert "Something unkind" not in page
