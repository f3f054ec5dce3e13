"""The bid API: a bidder reads, saves, submits and withdraws their own bid; everyone else gets the
one 404 (or 401 signed out); bad input is a 400 with field errors; the deadline is kept."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commonweal.accounts.roles import Role
from commonweal.competitions import services_bids, vault
from commonweal.competitions.models import Bid, Opportunity
from commonweal.testing.factories import RoleFactory

pytestmark = pytest.mark.django_db

SECRET = "Our Quayside flats will house forty people in year one."


def at(opportunity, tail=""):
    return f"/api/opportunities/{opportunity.pk}/bid/{tail}"


def whole(opportunity, **changes) -> dict:
    body = {
        "form": "alone",
        "answers": {
            str(q.pk): f"{SECRET} {q.pk}" for q in services_bids.answered_questions(opportunity)
        },
        "price": "987654.32",
        "staff_hours": "40000",
        "members": [],
        "commitments": [],
        "conflicts_declared": True,
        "conflicts": "",
    }
    body.update(changes)
    return body


def test_a_bidder_saves_reads_back_submits_and_withdraws(
    api,
    token_for,
    opportunity,
    bidders,
    bidder_people,
):
    token = token_for(bidder_people[0])
    assert api.get(at(opportunity), token=token).status_code == 404
    response = api.put(at(opportunity), whole(opportunity), token=token)
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["status"] == "draft" and data["missing"] == []
    assert data["content"]["price"] == "987654.32" and data["content"]["conflicts_declared"]
    again = api.get(at(opportunity), token=token).json()
    assert again["content"] == data["content"]
    # Sent unchanged: nothing is written.
    assert api.put(at(opportunity), whole(opportunity), token=token).json()["version"] == 1
    submitted = api.post(at(opportunity, "submit/"), {}, token=token)
    assert submitted.status_code == 200
    receipt = submitted.json()["receipt"]
    bid = Bid.objects.get()
    assert bid.receipt == receipt and bid.status == Bid.Status.SUBMITTED
    refused = api.put(at(opportunity), whole(opportunity, price="1"), token=token)
    assert refused.status_code == 400
    withdrawn = api.post(at(opportunity, "withdraw/"), {}, token=token)
    assert withdrawn.status_code == 200 and withdrawn.json()["receipt"] == ""
    assert api.put(at(opportunity), whole(opportunity, price="5"), token=token).status_code == 200
    resubmitted = api.post(at(opportunity, "submit/"), {}, token=token).json()
    assert resubmitted["receipt"] and resubmitted["receipt"] != receipt


@pytest.mark.parametrize(
    "who",
    [
        "stranger",
        "resident",
        "staff",
        "other_staff",
        "back_office",
        "other_bidder",
        "self_made_bidder",
    ],
)
def test_nobody_else_gets_anything_but_the_one_404(
    request,
    api,
    token_for,
    opportunity,
    bidders,
    bidder_people,
    who,
):
    person = bidder_people[0]
    bid = services_bids.bid_start(actor=person, opportunity=opportunity, organisation=bidders[0])
    token = token_for(person)
    api.put(at(opportunity), whole(opportunity), token=token)
    bid = services_bids.bid_submit(actor=person, bid=bid)
    other = bidder_people[1] if who == "other_bidder" else request.getfixturevalue(who)
    other_token = token_for(other)
    no_such = api.get(f"/api/opportunities/{opportunity.pk + 999}/bid/", token=other_token)
    for method, tail, query in (
        ("get", "", ""),
        ("get", "", f"?organisation={bidders[0].pk}"),
        ("post", "submit/", f"?organisation={bidders[0].pk}"),
        ("post", "withdraw/", f"?organisation={bidders[0].pk}"),
    ):
        call = getattr(api, method)
        response = (
            call(at(opportunity, tail) + query, {}, token=other_token)
            if method == "post"
            else call(at(opportunity, tail) + query, token=other_token)
        )
        assert response.status_code == 404
        assert response.json() == {
            "detail": no_such.json()["detail"].replace(
                str(opportunity.pk + 999), str(opportunity.pk)
            )
        }
        assert SECRET not in response.content.decode()
    bid.refresh_from_db()
    assert bid.status == Bid.Status.SUBMITTED and bid.version == 1


def test_signed_out_is_401(api, opportunity):
    assert api.get(at(opportunity)).status_code == 401
    assert api.put(at(opportunity), {}).status_code == 401
    assert api.post(at(opportunity, "submit/"), {}).status_code == 401


def test_a_draft_opportunity_is_the_same_404(api, token_for, opportunity, bidder_people):
    Opportunity.objects.filter(pk=opportunity.pk).update(
        status=Opportunity.Status.DRAFT, published_at=None
    )
    response = api.put(at(opportunity), whole(opportunity), token=token_for(bidder_people[0]))
    assert response.status_code == 404
    assert not Bid.objects.exists()


def test_bad_input_is_refused_with_field_errors_and_nothing_saved(
    api,
    token_for,
    opportunity,
    bidder_people,
):
    token = token_for(bidder_people[0])
    question = services_bids.answered_questions(opportunity)[0]
    for body, field in (
        (whole(opportunity, answers={str(question.pk): "word " * 1001}), "answers"),
        (whole(opportunity, answers={"999999": "hello"}), "answers"),
        (whole(opportunity, answers={str(question.pk): "x" * 1_000_001}), "answers"),
        (whole(opportunity, price="-1"), "price"),
        (whole(opportunity, price="lots"), "price"),
        (whole(opportunity, form="alliance"), "form"),
        (whole(opportunity, members=[{"name": "A", "role": "boss"}]), "members"),
        (
            whole(
                opportunity,
                commitments=[
                    {
                        "measure_id": 1,
                        "quantity_by_year": ["1"],
                        "beyond_core_service": True,
                        "attribution": "0.5",
                        "deadweight": "0.1",
                    }
                ],
            ),
            "commitments",
        ),
        (whole(opportunity, grant={"requested": "10"}), "grant"),
    ):
        response = api.put(at(opportunity), body, token=token)
        assert response.status_code == 400, (field, response.json())
        assert field in response.json(), (field, response.json())
    bid = Bid.objects.filter(opportunity=opportunity).first()
    assert bid is None or bid.version == 0
    words = api.put(
        at(opportunity), whole(opportunity, answers={str(question.pk): "word " * 1001}), token=token
    )
    assert "it has 1,001" in str(words.json())


def test_incomplete_and_late_submissions_are_refused_with_the_reason(
    api,
    token_for,
    opportunity,
    bidder_people,
    closed,
):
    token = token_for(bidder_people[0])
    api.put(at(opportunity), whole(opportunity, price=None), token=token)
    response = api.post(at(opportunity, "submit/"), {}, token=token)
    assert response.status_code == 400 and "Give your price" in str(response.json())
    api.put(at(opportunity), whole(opportunity), token=token)
    closed(opportunity)
    response = api.post(at(opportunity, "submit/"), {}, token=token)
    assert response.status_code == 400
    assert services_bids.closed_message(opportunity) in str(response.json())
    bid = Bid.objects.get()
    assert bid.status == Bid.Status.DRAFT and vault.read_own(bid)[1].price == Decimal("987654.32")
    assert api.put(at(opportunity), whole(opportunity, price="1"), token=token).status_code == 400


def test_a_person_for_several_organisations_chooses(
    api, token_for, opportunity, bidders, bidder_people
):
    person = bidder_people[0]
    RoleFactory(user=person, organisation=bidders[1], role=Role.PROVIDER_MEMBER)
    token = token_for(person)
    response = api.put(at(opportunity), whole(opportunity), token=token)
    assert response.status_code == 400 and "organisation" in response.json()
    response = api.put(
        at(opportunity) + f"?organisation={bidders[1].pk}", whole(opportunity), token=token
    )
    assert response.status_code == 201 and response.json()["organisation"]["id"] == bidders[1].pk
    # Another organisation's number that is not theirs: the one 404.
    assert (
        api.put(
            at(opportunity) + f"?organisation={bidders[2].pk}", whole(opportunity), token=token
        ).status_code
        == 404
    )


def test_the_bid_endpoint_query_budget(api, token_for, opportunity, bidders, bidder_people):
    person = bidder_people[0]
    token = token_for(person)
    api.put(at(opportunity), whole(opportunity), token=token)
    from django.core.files.uploadedfile import SimpleUploadedFile

    bid = Bid.objects.get()

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert api.get(at(opportunity), token=token).status_code == 200
        return len(captured)

    services_bids.bid_document_add(
        actor=person, bid=bid, file=SimpleUploadedFile("a.pdf", b"%PDF-1.4\nx\n%%EOF\n"), title="A"
    )
    few = count()
    for n in range(10):
        services_bids.bid_document_add(
            actor=person,
            bid=bid,
            file=SimpleUploadedFile(f"{n}.pdf", b"%PDF-1.4\nx\n%%EOF\n"),
            title=f"D{n}",
        )
    assert count() == few <= 20
