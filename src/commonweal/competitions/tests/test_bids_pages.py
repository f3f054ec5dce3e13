"""A provider's bid pages: who may reach them and who may not, drafts saved section by section and
shown back exactly, word limits, documents that fail the checks, check and submit, the receipt,
withdraw and resubmit, and the deadline."""

import re
from dataclasses import replace
from decimal import Decimal
from html import unescape

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.competitions import selectors_bids, services_bids, vault
from commonweal.competitions.models import (
    Bid,
    BidDocument,
    Measure,
    Opportunity,
    SocialValueFramework,
)
from commonweal.testing.factories import RoleFactory
from commonweal.testing.queries import no_growth, queries_for

pytestmark = pytest.mark.django_db

SECRET = "Our Quayside flats will house forty people in year one."


def text_of(response) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def url(name, opportunity, *args, organisation=None):
    address = reverse(f"competitions:{name}", args=[opportunity.pk, *args])
    return f"{address}?organisation={organisation.pk}" if organisation else address


def questions(opportunity):
    return services_bids.answered_questions(opportunity)


def start(sign_in, person, opportunity, organisation):
    client = sign_in(person)
    response = client.post(url("bid", opportunity), {"organisation": organisation.pk})
    assert response.status_code == 302
    return client, Bid.objects.get(opportunity=opportunity, organisation=organisation)


def fill(person, bid, opportunity):
    def change(content):
        return replace(
            content,
            answers={str(q.pk): f"{SECRET} {q.pk}" for q in questions(opportunity)},
            price=Decimal("987654.32"),
            conflicts=services_bids.NO_CONFLICTS,
        )

    return services_bids.bid_save(actor=person, bid=bid, change=change)


PAGES = [
    ("bid", ()),
    ("bid-section", ("how",)),
    ("bid-section", ("price",)),
    ("bid-section", ("social-value",)),
    ("bid-section", ("conflicts",)),
    ("bid-documents", ()),
    ("bid-submit", ()),
    ("bid-receipt", ()),
    ("bid-withdraw", ()),
    ("receipt-check", ()),
]


def page_args(opportunity, name, args):
    if name == "bid-answer":
        return (questions(opportunity)[0].pk,)
    return args


@pytest.mark.parametrize("name,args", PAGES + [("bid-answer", ())])
def test_nobody_signed_out_reaches_a_bid_page(client, opportunity, name, args):
    response = client.get(url(name, opportunity, *page_args(opportunity, name, args)))
    assert response.status_code == 302 and "next=" in response.url


@pytest.mark.parametrize("who", ["stranger", "resident", "staff", "other_staff", "back_office"])
@pytest.mark.parametrize("name,args", PAGES + [("bid-answer", ())])
def test_people_who_speak_for_no_provider_are_refused(
    request, sign_in, opportunity, bidders, bidder_people, who, name, args
):
    person = bidder_people[0]
    bid = fill(
        person,
        services_bids.bid_start(actor=person, opportunity=opportunity, organisation=bidders[0]),
        opportunity,
    )
    services_bids.bid_submit(actor=person, bid=bid)
    client = sign_in(request.getfixturevalue(who))
    address = url(name, opportunity, *page_args(opportunity, name, args), organisation=bidders[0])
    for response in (client.get(address), client.post(address, {"answer": "x", "action": "how"})):
        assert response.status_code in (403, 405)
        assert SECRET not in response.content.decode()
    bid.refresh_from_db()
    assert bid.status == Bid.Status.SUBMITTED


@pytest.mark.parametrize("name,args", PAGES + [("bid-answer", ())])
def test_another_bidder_and_a_self_made_one_see_nothing_of_a_bid(
    sign_in,
    opportunity,
    bidders,
    bidder_people,
    self_made_bidder,
    name,
    args,
):
    person = bidder_people[0]
    bid = fill(
        person,
        services_bids.bid_start(actor=person, opportunity=opportunity, organisation=bidders[0]),
        opportunity,
    )
    bid = services_bids.bid_submit(actor=person, bid=bid)
    for other in (bidder_people[1], self_made_bidder):
        client = sign_in(other)
        address = url(
            name, opportunity, *page_args(opportunity, name, args), organisation=bidders[0]
        )
        response = client.get(address, follow=True)
        page = response.content.decode()
        assert SECRET not in page and "987,654" not in page and bid.receipt not in page
        client.post(address, {"answer": "taken over", "action": "how", "form": "alone"})
    bid.refresh_from_db()
    assert bid.status == Bid.Status.SUBMITTED and bid.version == 1


def test_a_draft_opportunity_is_not_found(sign_in, opportunity, bidder_people):
    Opportunity.objects.filter(pk=opportunity.pk).update(
        status=Opportunity.Status.DRAFT, published_at=None
    )
    client = sign_in(bidder_people[0])
    assert client.get(url("bid", opportunity)).status_code == 404


def test_bid_is_not_in_the_back_office_admin():
    assert Bid not in admin.site._registry and BidDocument not in admin.site._registry


def test_a_bidder_starts_answers_and_sees_their_answer_back_exactly(
    sign_in, opportunity, bidders, bidder_people
):
    client, bid = start(sign_in, bidder_people[0], opportunity, bidders[0])
    page = text_of(client.get(url("bid", opportunity, organisation=bidders[0])))
    assert "Harbour Housing Co-op's bid" in page and "How you will help people keep a home" in page
    question = questions(opportunity)[0]
    answer = f"{SECRET}\nSecond line, with “quotes” & <angle> brackets."
    address = url("bid-answer", opportunity, question.pk, organisation=bidders[0])
    response = client.post(address, {"answer": answer, "organisation": bidders[0].pk})
    assert response.status_code == 302
    bid.refresh_from_db()
    assert bid.version == 1
    assert vault.read_own(bid)[1].answers[str(question.pk)] == answer
    shown = client.get(address).content.decode()
    assert "Second line, with “quotes” &amp; &lt;angle&gt; brackets." in shown
    # Sent back unchanged: nothing is written.
    client.post(address, {"answer": answer, "organisation": bidders[0].pk})
    bid.refresh_from_db()
    assert bid.version == 1


def test_an_answer_over_the_word_limit_is_refused_with_its_count(
    sign_in, opportunity, bidders, bidder_people
):
    client, bid = start(sign_in, bidder_people[0], opportunity, bidders[0])
    question = questions(opportunity)[0]
    response = client.post(
        url("bid-answer", opportunity, question.pk, organisation=bidders[0]),
        {"answer": "word " * 1001},
    )
    assert response.status_code == 200
    assert "Your answer must be 1,000 words or fewer: it has 1,001" in text_of(response)
    assert "There is a problem" in text_of(response)
    bid.refresh_from_db()
    assert bid.version == 0


def test_an_answer_over_a_million_characters_is_refused(
    sign_in, opportunity, bidders, bidder_people
):
    client, bid = start(sign_in, bidder_people[0], opportunity, bidders[0])
    question = questions(opportunity)[0]
    response = client.post(
        url("bid-answer", opportunity, question.pk, organisation=bidders[0]),
        {"answer": "x" * 1_000_001},
    )
    assert response.status_code == 200 and "1,000,000 characters or fewer" in text_of(response)
    bid.refresh_from_db()
    assert bid.version == 0


def test_price_consortium_and_conflicts_save_and_come_back(
    sign_in, opportunity, bidders, bidder_people
):
    client, bid = start(sign_in, bidder_people[0], opportunity, bidders[0])
    org = bidders[0]
    assert (
        client.post(
            url("bid-section", opportunity, "price", organisation=org),
            {"price": "£1,234,567.89", "staff_hours": "52000"},
        ).status_code
        == 302
    )
    assert (
        client.post(
            url("bid-section", opportunity, "how", organisation=org),
            {"action": "how", "form": "consortium"},
        ).status_code
        == 302
    )
    assert (
        client.post(
            url("bid-section", opportunity, "how", organisation=org),
            {
                "action": "member",
                "name": "Quay Kitchens CIC",
                "role": "subcontractor",
                "share": "15",
            },
        ).status_code
        == 302
    )
    assert (
        client.post(
            url("bid-section", opportunity, "conflicts", organisation=org),
            {"has_conflicts": "yes", "details": "Our chair's sister sits on the council."},
        ).status_code
        == 302
    )
    bid.refresh_from_db()
    content = vault.read_own(bid)[1]
    assert content.price == Decimal("1234567.89") and content.staff_hours == Decimal("52000")
    assert bid.form == Bid.Form.CONSORTIUM and content.members[0].name == "Quay Kitchens CIC"
    assert content.conflicts == "Our chair's sister sits on the council."
    version = bid.version
    # Each form sent back as shown changes nothing.
    client.post(
        url("bid-section", opportunity, "price", organisation=org),
        {"price": "1234567.89", "staff_hours": "52000.00"},
    )
    client.post(
        url("bid-section", opportunity, "conflicts", organisation=org),
        {"has_conflicts": "yes", "details": "Our chair's sister sits on the council."},
    )
    client.post(
        url("bid-section", opportunity, "how", organisation=org),
        {"action": "how", "form": "consortium"},
    )
    bid.refresh_from_db()
    assert bid.version == version
    # An alliance is not offered where the opportunity does not take one.
    response = client.post(
        url("bid-section", opportunity, "how", organisation=org),
        {"action": "how", "form": "alliance"},
    )
    assert response.status_code == 200 and "There is a problem" in text_of(response)


def test_social_value_with_no_framework_says_so_and_lets_them_go_on(
    sign_in, opportunity, bidders, bidder_people
):
    client, _bid = start(sign_in, bidder_people[0], opportunity, bidders[0])
    page = text_of(
        client.get(url("bid-section", opportunity, "social-value", organisation=bidders[0]))
    )
    assert "has no social value measures" in page and "go on with the rest of your bid" in page


def test_social_value_commitments_are_added_for_each_year(
    sign_in, opportunity, bidders, bidder_people
):
    framework = SocialValueFramework.objects.create(name="Open measures", licence="OGL")
    measure = Measure.objects.create(
        framework=framework, code="J1", title="Local jobs", unit="jobs"
    )
    Opportunity.objects.filter(pk=opportunity.pk).update(social_value_framework=framework)
    client, bid = start(sign_in, bidder_people[0], opportunity, bidders[0])
    data = {
        "action": "add",
        "measure": measure.pk,
        "delivery_plan": "Hire from Quayside.",
        "evidence_plan": "Payroll postcodes.",
        "beyond_core": "yes",
        "attribution": "80",
        "deadweight": "10",
        "double_counting_group": "jobs",
        **{f"year_{y}": str(y) for y in range(1, 6)},
    }
    response = client.post(
        url("bid-section", opportunity, "social-value", organisation=bidders[0]), data
    )
    assert response.status_code == 302
    bid.refresh_from_db()
    (commitment,) = vault.read_own(bid)[1].commitments
    assert commitment.quantity_by_year == tuple(Decimal(y) for y in range(1, 6))
    assert commitment.attribution == Decimal("0.8") and commitment.deadweight == Decimal("0.1")
    missing_year = {k: v for k, v in data.items() if k != "year_5"}
    response = client.post(
        url("bid-section", opportunity, "social-value", organisation=bidders[0]), missing_year
    )
    assert response.status_code == 200 and "There is a problem" in text_of(response)


def pdf():
    return SimpleUploadedFile("policy.pdf", b"%PDF-1.4\nsafeguarding\n%%EOF\n")


def test_a_document_that_fails_the_checks_is_refused_and_nothing_else_is_lost(
    sign_in, opportunity, bidders, bidder_people
):
    person = bidder_people[0]
    client, bid = start(sign_in, person, opportunity, bidders[0])
    bid = fill(person, bid, opportunity)
    before = (bytes(bid.sealed), bid.version)
    address = url("bid-documents", opportunity, organisation=bidders[0])
    response = client.post(
        address,
        {
            "action": "add",
            "title": "Policy",
            "file": SimpleUploadedFile("policy.pdf", b"MZ not a pdf"),
        },
    )
    assert response.status_code == 200
    assert "The file must be a PDF" in text_of(response)
    bid.refresh_from_db()
    assert (bytes(bid.sealed), bid.version) == before
    response = client.post(
        address, {"action": "add", "title": "Safeguarding policy", "file": pdf()}
    )
    assert response.status_code == 302
    page = text_of(client.get(address))
    assert "Safeguarding policy" in page and "policy.pdf" in page
    document = BidDocument.objects.get(bid=bid)
    response = client.post(address, {"action": f"remove-{document.uid}"})
    assert response.status_code == 302 and not BidDocument.objects.exists()


def test_check_submit_receipt_withdraw_and_resubmit(sign_in, opportunity, bidders, bidder_people):
    person = bidder_people[0]
    client, bid = start(sign_in, person, opportunity, bidders[0])
    org = bidders[0]
    response = client.post(url("bid-submit", opportunity, organisation=org))
    assert response.status_code == 200 and "Your bid is not complete." in text_of(response)
    assert "Give your price" in text_of(response)
    fill(person, bid, opportunity)
    page = text_of(client.get(url("bid-submit", opportunity, organisation=org)))
    assert "987,654.32" in page and "None" in page
    response = client.post(url("bid-submit", opportunity, organisation=org))
    assert response.status_code == 302
    bid.refresh_from_db()
    receipt_page = text_of(client.get(url("bid-receipt", opportunity, organisation=org)))
    assert bid.receipt in receipt_page and "Keep this" in receipt_page
    first = bid.receipt
    assert selectors_bids.submitted_count(opportunity) == 1
    assert client.post(url("bid-withdraw", opportunity, organisation=org)).status_code == 302
    bid.refresh_from_db()
    assert bid.status == Bid.Status.WITHDRAWN and selectors_bids.submitted_count(opportunity) == 0
    assert client.post(url("bid-submit", opportunity, organisation=org)).status_code == 302
    bid.refresh_from_db()
    assert bid.status == Bid.Status.SUBMITTED and bid.receipt != first


def test_after_the_deadline_changes_are_refused_naming_it_and_the_receipt_checks(
    sign_in, opportunity, bidders, bidder_people, closed
):
    person = bidder_people[0]
    client, bid = start(sign_in, person, opportunity, bidders[0])
    bid = services_bids.bid_submit(actor=person, bid=fill(person, bid, opportunity))
    closed(opportunity)
    org = bidders[0]
    message = services_bids.closed_message(opportunity)
    response = client.post(
        url("bid-section", opportunity, "price", organisation=org), {"price": "1"}
    )
    assert message in text_of(response)
    response = client.post(url("bid-withdraw", opportunity, organisation=org))
    assert message in text_of(response)
    bid.refresh_from_db()
    assert bid.status == Bid.Status.SUBMITTED and vault.read_own(bid)[1].price == Decimal(
        "987654.32"
    )
    assert message in text_of(client.get(url("bid", opportunity, organisation=org)))
    check = url("receipt-check", opportunity, organisation=org)
    assert "Your receipt matches" in text_of(client.post(check, {"receipt": bid.receipt}))
    assert "does not match" in text_of(client.post(check, {"receipt": "f" * 64}))


def test_a_late_submission_is_refused_with_the_deadline(
    sign_in, opportunity, bidders, bidder_people, closed
):
    person = bidder_people[0]
    client, bid = start(sign_in, person, opportunity, bidders[0])
    fill(person, bid, opportunity)
    closed(opportunity)
    response = client.post(url("bid-submit", opportunity, organisation=bidders[0]))
    assert services_bids.closed_message(opportunity) in text_of(response)
    bid.refresh_from_db()
    assert bid.status == Bid.Status.DRAFT


def test_a_person_for_two_organisations_chooses_and_a_second_start_finds_the_first(
    sign_in, opportunity, bidders, bidder_people
):
    person = bidder_people[0]
    RoleFactory(user=person, organisation=bidders[1], role=Role.PROVIDER_MEMBER)
    client = sign_in(person)
    page = text_of(client.get(url("bid", opportunity)))
    assert "Which organisation is this bid for?" in page
    response = client.post(url("bid", opportunity), {})
    assert "Choose the organisation you are bidding for" in text_of(response)
    client.post(url("bid", opportunity), {"organisation": bidders[1].pk})
    client.post(url("bid", opportunity), {"organisation": bidders[1].pk})
    assert Bid.objects.filter(opportunity=opportunity).count() == 1
    assert Bid.objects.get().organisation == bidders[1]


def grow(opportunity, bidders, bidder_people, count):
    from commonweal.competitions.models import Criterion

    for n in range(count):
        Criterion.objects.create(
            opportunity=opportunity,
            part="quality",
            title=f"Extra {n}",
            question=f"Extra question {n}?",
            position=10 + n,
        )
    person = bidder_people[0]
    bid = Bid.objects.get(opportunity=opportunity, organisation=bidders[0])
    fill(person, bid, opportunity)
    for n in range(count):
        services_bids.bid_document_add(
            actor=person,
            bid=bid,
            file=SimpleUploadedFile(f"d{n}.pdf", b"%PDF-1.4\nx\n%%EOF\n"),
            title=f"Doc {n}",
        )


@pytest.mark.parametrize("name,args", [("bid", ()), ("bid-submit", ()), ("bid-documents", ())])
def test_query_budgets(sign_in, opportunity, bidders, bidder_people, name, args):
    client, _bid = start(sign_in, bidder_people[0], opportunity, bidders[0])
    address = url(name, opportunity, *args, organisation=bidders[0])
    grow(opportunity, bidders, bidder_people, 2)
    few, _page = queries_for(client, address)
    grow(opportunity, bidders, bidder_people, 20)
    many, _page = queries_for(client, address)
    no_growth(few, many, ceiling=25, what=name)


def test_a_grant_budget_saves_its_lines_and_asks_for_match_funding(
    sign_in, plan, staff, bidders, bidder_people
):
    from commonweal.competitions.tests.conftest import make_opportunity

    grant = make_opportunity(
        plan, created_by=staff, kind=Opportunity.Kind.GRANT_ROUND, match_funding_required=True
    )
    client, bid = start(sign_in, bidder_people[0], grant, bidders[0])
    address = url("bid-section", grant, "budget", organisation=bidders[0])
    assert (
        client.get(url("bid-section", grant, "price", organisation=bidders[0])).status_code == 404
    )
    response = client.post(address, {"requested": "50000", "lines": "Rent, 12000"})
    assert response.status_code == 200 and "Enter your match funding" in text_of(response)
    response = client.post(
        address, {"requested": "50000", "match_funding": "5000", "lines": "Rent 12000"}
    )
    assert "Line 1 must be what it pays for" in text_of(response)
    data = {
        "requested": "50000",
        "match_funding": "5000",
        "in_kind": "Volunteers, 10 hours a week",
        "lines": "Rent, 12000\nA worker, £38,000",
    }
    assert client.post(address, data).status_code == 302
    bid.refresh_from_db()
    budget = vault.read_own(bid)[1].grant
    assert budget.lines == (("Rent", Decimal("12000.00")), ("A worker", Decimal("38000.00")))
    version = bid.version
    shown = client.get(address).content.decode()
    assert "Rent, 12000.00" in shown
    client.post(address, {**data, "lines": "Rent, 12000.00\nA worker, 38000.00"})
    bid.refresh_from_db()
    assert bid.version == version


def test_nothing_a_bidder_enters_is_kept_in_their_session(
    sign_in, opportunity, bidders, bidder_people
):
    client, bid = start(sign_in, bidder_people[0], opportunity, bidders[0])
    question = questions(opportunity)[0]
    client.post(
        url("bid-answer", opportunity, question.pk, organisation=bidders[0]), {"answer": SECRET}
    )
    client.post(
        url("bid-section", opportunity, "price", organisation=bidders[0]), {"price": "987654.32"}
    )
    stored = str(dict(client.session.items()))
    assert SECRET not in stored and "987654" not in stored
