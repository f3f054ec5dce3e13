"""The agreements API: who may read and write what, 400 field errors for bad input, and the rules
refused with their reasons (figures written by hand from the law)."""

import pytest

from commonweal.agreements.models import Agreement, Variation
from commonweal.testing.api import api, token_for  # noqa: F401
from commonweal.testing.factories import OrganisationFactory

LIST = "/api/agreements/"
PEOPLE = (
    "resident",
    "stranger",
    "self_made",
    "provider_person",
    "other_staff",
    "staff",
    "back_office",
)


@pytest.fixture
def as_person(request, token_for):  # noqa: F811
    def key(name):
        return None if name == "anonymous" else token_for(request.getfixturevalue(name))

    return key


def entry(riverside, council, provider, **fields):
    data = {
        "kind": "contract",
        "place": riverside.slug,
        "commissioner": council.slug,
        "provider": provider.slug,
        "title": "Floating support",
        "value": "300000.00",
        "starts_on": "2026-04-01",
        "ends_on": "2029-03-31",
    }
    data.update(fields)
    return data


def test_the_list_shows_live_agreements_to_everyone(api, contract, draft):  # noqa: F811
    answer = api.get(LIST)
    assert answer.status_code == 200
    titles = [row["title"] for row in answer.json()["results"]]
    assert titles == [contract.title]


@pytest.mark.parametrize("name", ["provider_person", "staff", "back_office"])
def test_the_parties_list_their_drafts(api, contract, draft, as_person, name):  # noqa: F811
    titles = [row["title"] for row in api.get(LIST, token=as_person(name)).json()["results"]]
    assert draft.title in titles


@pytest.mark.parametrize("name", ["resident", "stranger", "self_made", "other_staff"])
def test_others_do_not(api, draft, as_person, name):  # noqa: F811
    titles = [row["title"] for row in api.get(LIST, token=as_person(name)).json()["results"]]
    assert draft.title not in titles
    assert api.get(f"{LIST}{draft.pk}/", token=as_person(name)).status_code == 404


def test_the_list_filters(api, contract, partnership, provider):  # noqa: F811
    kinds = api.get(LIST, {"kind": "strategic_partnership"}).json()["results"]
    assert [row["id"] for row in kinds] == [partnership.pk]
    assert api.get(LIST, {"provider": "harbour"}).json()["count"] == 2
    assert api.get(LIST, {"organisation": provider.slug}).json()["count"] == 2
    bad = api.get(LIST, {"kind": "nonsense", "place": "nowhere"})
    assert bad.status_code == 400
    assert set(bad.json()) >= {"kind", "place"}


def test_one_agreement_with_what_hangs_off_it(api, contract, staff):  # noqa: F811
    contract.kpis.create(title="Tenancies kept", target="85%")
    Variation.objects.create(
        agreement=contract,
        kind="scope",
        reason="Wider",
        before={"summary": ""},
        after={"summary": "More"},
    )
    answer = api.get(f"{LIST}{contract.pk}/")
    assert answer.status_code == 200
    body = answer.json()
    assert body["value"] == "1200000.00"
    assert body["kpis"][0]["title"] == "Tenancies kept"
    assert body["variations"][0]["reason"] == "Wider"
    assert api.get(f"{LIST}999999/").status_code == 404


@pytest.mark.parametrize(
    "name,status",
    [
        ("anonymous", 401),
        ("resident", 403),
        ("stranger", 403),
        ("self_made", 403),
        ("provider_person", 403),
        ("other_staff", 403),
        ("staff", 201),
        ("back_office", 201),
    ],
)
def test_who_may_enter_one(api, riverside, council, provider, as_person, name, status):  # noqa: F811
    answer = api.post(LIST, entry(riverside, council, provider), token=as_person(name))
    assert answer.status_code == status
    assert Agreement.objects.filter(title="Floating support").exists() == (status == 201)


def test_bad_input_is_a_400_with_field_errors(api, riverside, council, provider, as_person):  # noqa: F811
    key = as_person("staff")
    answer = api.post(LIST, entry(riverside, council, provider, payment_terms_days=31), token=key)
    assert answer.status_code == 400
    assert "30 days" in answer.json()["payment_terms_days"][0]
    answer = api.post(LIST, entry(riverside, council, provider, ends_on="2026-04-01"), token=key)
    assert answer.status_code == 400 and "ends_on" in answer.json()
    answer = api.post(LIST, {"kind": "contract"}, token=key)
    assert answer.status_code == 400 and {"title", "value"} <= set(answer.json())
    answer = api.post(
        LIST, entry(riverside, council, provider, kind="outcomes_contract"), token=key
    )
    assert answer.status_code == 400 and "rate_card" in answer.json()
    assert not Agreement.objects.exists()


def test_an_alliance_and_a_subcontract(api, riverside, council, provider, partnership, as_person):  # noqa: F811
    other = OrganisationFactory(name="Riverside Recovery", slug="riverside-recovery")
    answer = api.post(
        LIST,
        {
            **entry(riverside, council, provider, kind="alliance"),
            "provider": None,
            "members": [provider.slug, other.slug],
        },
        token=as_person("staff"),
    )
    assert answer.status_code == 201, answer.json()
    assert {m["organisation"] for m in answer.json()["members"]} == {
        council.slug,
        provider.slug,
        other.slug,
    }
    sub = {
        "kind": "subcontract",
        "parent": partnership.pk,
        "provider": other.slug,
        "title": "Small",
        "value": "10000",
        "starts_on": "2026-04-01",
        "ends_on": "2027-03-31",
        "payment_terms_days": 21,
    }
    answer = api.post(LIST, sub, token=as_person("provider_person"))
    assert answer.status_code == 400 and "payment_terms_days" in answer.json()
    assert (
        api.post(LIST, {**sub, "payment_terms_days": 20}, token=as_person("staff")).status_code
        == 403
    )
    assert (
        api.post(
            LIST, {**sub, "payment_terms_days": 20}, token=as_person("provider_person")
        ).status_code
        == 201
    )


@pytest.mark.parametrize(
    "name,status",
    [
        ("anonymous", 401),
        ("resident", 403),
        ("stranger", 403),
        ("self_made", 403),
        ("provider_person", 403),
        ("other_staff", 403),
        ("staff", 201),
        ("back_office", 201),
    ],
)
def test_who_may_vary(api, contract, as_person, name, status):  # noqa: F811
    answer = api.post(
        f"{LIST}{contract.pk}/variations/",
        {"kind": "scope", "reason": "Wider", "summary": "More"},
        token=as_person(name),
    )
    assert answer.status_code == status


def test_a_variation_past_the_limits_is_refused(api, contract, as_person):  # noqa: F811
    url = f"{LIST}{contract.pk}/variations/"
    key = as_person("staff")
    # £1,200,000 first agreed: £1,320,000 at most; first agreed to end 31 March 2031, plus 24 months.
    answer = api.post(url, {"kind": "value", "reason": "More", "value": "1320000.01"}, token=key)
    assert answer.status_code == 400 and "£1,320,000.00" in answer.json()["value"][0]
    answer = api.post(
        url, {"kind": "extension", "reason": "More", "ends_on": "2033-04-01"}, token=key
    )
    assert answer.status_code == 400 and "31 March 2033" in answer.json()["ends_on"][0]
    answer = api.post(url, {"kind": "extension", "reason": "", "ends_on": "2033-03-31"}, token=key)
    assert answer.status_code == 400 and "reason" in answer.json()
    answer = api.post(url, {"kind": "extension", "reason": "x", "value": "1"}, token=key)
    assert answer.status_code == 400
    assert not Variation.objects.exists()
    answer = api.post(
        url, {"kind": "extension", "reason": "Two years", "ends_on": "2033-03-31"}, token=key
    )
    assert answer.status_code == 201
    assert answer.json()["after"] == {"ends_on": "2033-03-31"}
