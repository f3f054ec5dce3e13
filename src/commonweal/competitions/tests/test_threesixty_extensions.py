"""The 360Giving package's hook for later apps: what they register adds to each decision's grant
and gives grants of their own, without competitions importing them."""

import pytest

from commonweal.competitions import threesixty
from commonweal.competitions.tests.fixtures_award import make_grant_round
from commonweal.competitions.tests.test_threesixty import decide


@pytest.fixture
def grant_round(plan, staff, bidders, closed):
    return make_grant_round(plan, staff, bidders, closed)


@pytest.fixture
def registered(monkeypatch):
    """Only the test's extension, for the test's length (the apps' own are put back after)."""
    seen: list = []

    def add_to(decisions, grants):
        seen.append([decision.pk for decision in decisions])
        for grant in grants:
            grant["amountDisbursed"] = 100

    def more():
        return [{"id": "360G-test-1", "title": "Another grant"}]

    monkeypatch.setattr(threesixty, "_extensions", {})
    threesixty.register("test", threesixty.GrantExtension(add_to=add_to, more=more))
    return seen


def test_an_extension_adds_to_each_grant_and_adds_its_own(grant_round, staff, registered):
    round_, bids = grant_round
    decide(round_, bids, staff)
    data = threesixty.published_package()
    assert [grant["id"] for grant in data["grants"]] == [
        f"360G-commonweal-local-{round_.uid}-{bids[0].pk}",
        "360G-test-1",
    ]
    assert data["grants"][0]["amountDisbursed"] == 100
    assert registered == [[bids[0].grant_decision.pk]]


def test_an_extensions_own_grants_make_a_package_without_decisions(db, registered):
    assert threesixty.published_package() == {
        "version": "1.4",
        "grants": [{"id": "360G-test-1", "title": "Another grant"}],
    }


def test_registering_the_same_name_again_replaces_it(monkeypatch):
    monkeypatch.setattr(threesixty, "_extensions", {})
    first = threesixty.GrantExtension(add_to=lambda d, g: None, more=lambda: [])
    second = threesixty.GrantExtension(add_to=lambda d, g: None, more=lambda: [])
    threesixty.register("same", first)
    threesixty.register("same", second)
    assert threesixty.extensions() == [second]
