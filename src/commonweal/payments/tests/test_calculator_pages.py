"""The late-payment calculator's page at /late-payment/: anyone may use it, signed in or not; a GET
form, so an answer is a link; each mistake named in the error summary; never a server error."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from commonweal.core.models import PolicyEntry
from commonweal.testing.queries import queries_for

pytestmark = pytest.mark.django_db

URL = "/late-payment/"
# The example: £12,000 due on 31 January 2025, paid on 17 March 2025 (worked by hand in
# test_late_payment.py: 45 days, 4.75% fixed on 31 December 2024, £188.63, £100, £12,288.63).
EXAMPLE = {
    "amount": "12,000",
    "due-day": "31",
    "due-month": "1",
    "due-year": "2025",
    "paid-day": "17",
    "paid-month": "3",
    "paid-year": "2025",
}


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _summary(response) -> list[str]:
    """The error summary's messages."""
    html = response.content.decode()
    if "govuk-error-summary" not in html:
        return []
    body = html.split("govuk-error-summary__list", 1)[1].split("</ul>", 1)[0]
    return [re.sub(r"\s+", " ", text).strip() for text in re.findall(r'">([^<]+)</a>', body)]


def test_the_address_is_the_calculators():
    assert reverse("late_payment:calculator") == URL


def test_the_empty_question_page_is_a_get_form_with_no_errors(client):
    response = client.get(URL)
    assert response.status_code == 200
    html = _text(response)
    assert '<form method="get"' in html
    assert 'name="amount"' in html
    assert 'name="due-day"' in html and 'name="paid-year"' in html
    assert "When it was paid (optional)" in html
    assert "govuk-error-summary" not in html
    assert "What is owed" not in html


@pytest.mark.parametrize(
    "who", [None, "resident", "stranger", "staff", "other_staff", "back_office"]
)
def test_anyone_signed_in_or_not_gets_the_same_answer(who, request, client, sign_in):
    if who:
        sign_in(request.getfixturevalue(who))
    response = client.get(URL, EXAMPLE)
    assert response.status_code == 200
    html = _text(response)
    assert "What is owed" in html
    # Each figure, worked by hand in test_late_payment.py.
    for shown in (
        "£12,000.00",
        "31 January 2025",
        "17 March 2025",
        "4.75%",
        "Bank Rate on 31 December 2024",
        "12.75% a year",
        "£188.63",
        "£100.00",
        "£12,288.63",
    ):
        assert shown in html, shown
    assert (
        "Interest runs from 1 February 2025, the day after payment was due, to 17 March 2025: 45 days"
        in html
    )
    assert "£12,000.00 × 12.75% × 45 days ÷ 365" in html
    assert "The reference rate, 4.75%, plus 8%." in html
    assert "The invoice is £10,000 or more." in html
    assert "This is not legal advice." in html
    assert "section/5A" in html and "bankofengland.co.uk" in html
    # What was typed stays in the boxes, to change it.
    assert 'value="12,000"' in html and 'value="2025"' in html


def test_a_whole_day_written_year_month_day_works_too_so_the_api_s_link_can_be_used(client):
    response = client.get(URL, {"amount": "999.99", "due": "2025-01-31", "paid": "2025-03-17"})
    html = _text(response)
    # 999.99 × 12.75% × 45 ÷ 365 = 15.72 (see test_late_payment.py); less than £1,000: £40.
    assert "£15.72" in html and "£40.00" in html and "£1,055.71" in html
    assert "The invoice is less than £1,000." in html


def test_the_middle_band_names_both_its_edges(client):
    response = client.get(URL, {"amount": "1000", "due": "2025-01-31", "paid": "2025-03-17"})
    assert "The invoice is £1,000 or more, but less than £10,000." in _text(response)


def test_a_question_sent_with_nothing_filled_in_names_each_thing_to_enter(client):
    response = client.get(URL, {"amount": "", "due-day": "", "due-month": "", "due-year": ""})
    assert response.status_code == 200
    assert _summary(response) == [
        "Enter how much the invoice was for",
        "Enter the day payment was due",
    ]
    assert "<title>Error:" in response.content.decode()


@pytest.mark.parametrize(
    ("given", "field", "message"),
    [
        ({"amount": "-12000"}, "amount", "The amount cannot be negative"),
        ({"amount": "0"}, "amount", "Enter an amount more than £0"),
        ({"amount": "twelve"}, "amount", "Enter the amount in pounds, like 12000"),
        ({"amount": "12.345"}, "amount", "at most 2 numbers after the point"),
        ({"amount": "1e999"}, "amount", "Enter the amount in pounds"),
        ({"amount": "NaN"}, "amount", "Enter the amount in pounds"),
        ({"amount": "9" * 40}, "amount", "Enter an amount less than £1,000,000,000,000"),
        (
            {"paid-day": "31", "paid-month": "1"},
            "paid",
            "Paid on 31 January 2025, the day it fell due, is on time",
        ),
        ({"paid-month": "1", "paid-day": "2"}, "paid", "before it fell due on 31 January 2025"),
        (
            {"due-year": "2001"},
            "due",
            "holds no rule in force for a debt that fell due on 31 January 2001",
        ),
        ({"due-day": "32"}, "due", "When payment was due must be a real date"),
        ({"due-year": "25"}, "due", "Year must include 4 numbers"),
        ({"paid-month": ""}, "paid", "When it was paid must include a month"),
        ({"due-year": "99999999"}, "due", "Year must include 4 numbers"),
    ],
)
def test_each_mistake_is_named_on_its_field_and_nothing_is_worked_out(
    client, given, field, message
):
    response = client.get(URL, {**EXAMPLE, **given})
    assert response.status_code == 200
    messages = _summary(response)
    assert len(messages) == 1 and message in messages[0], messages
    html = response.content.decode()
    summary = html.split("govuk-error-summary__list", 1)[1].split("</ul>")[0]
    assert f'href="#id_{field}' in summary  # the link goes to the field (or its first box)
    assert "What is owed" not in html


def test_left_empty_the_day_paid_is_today_and_the_answer_is_never_kept(client):
    due = timezone.localdate() - timedelta(days=10)
    response = client.get(URL, {"amount": "1000", "due": due.isoformat()})
    html = _text(response)
    assert "Not yet: this is what is owed today" in html
    assert "10 days" in html
    assert "no-store" in response["Cache-Control"]


def test_left_empty_before_it_is_due_it_is_not_late_yet(client):
    due = timezone.localdate() + timedelta(days=3)
    response = client.get(URL, {"amount": "1000", "due": due.isoformat()})
    messages = _summary(response)
    assert len(messages) == 1 and messages[0].startswith("It is not late yet: payment is due on")


def test_a_reference_day_still_to_come_is_said_to_be_the_rate_in_force_now(client):
    """A debt due on 31 December of next year is fixed on Bank Rate on that day, not known yet."""
    next_year = timezone.localdate().year + 1
    response = client.get(
        URL,
        {"amount": "1000", "due": f"{next_year}-12-31", "paid": f"{next_year + 1}-01-30"},
    )
    assert "has not come yet, so Bank Rate on that day is not known" in _text(response)


def test_a_base_rate_an_officer_added_is_used(client):
    """An officer adds Bank Rate 3.50% from 7 May 2026. £10,000 due on 31 July 2026 and paid on
    30 August 2026: interest starts 1 August, so the rate is fixed on 30 June 2026: 3.50%, 11.50%
    a year. 30 days: 10,000 × 0.115 × 30 ÷ 365 = 34,500 ÷ 365 = 94.520... = £94.52. £10,000 or
    more: £100. Total £10,194.52."""
    PolicyEntry.objects.create(
        rule=PolicyEntry.RuleKey.BANK_RATE,
        starts=date(2026, 5, 7),
        rate=Decimal("3.50"),
        source_url="https://www.bankofengland.co.uk/monetary-policy-summary-and-minutes/2026/may-2026",
    )
    response = client.get(URL, {"amount": "10000", "due": "2026-07-31", "paid": "2026-08-30"})
    html = _text(response)
    assert "3.50%" in html and "11.50% a year" in html
    assert "£94.52" in html and "£10,194.52" in html
    assert "may-2026" in html


def test_the_page_answers_get_and_head_only(client):
    assert client.post(URL, EXAMPLE).status_code == 405
    assert client.head(URL).status_code == 200


def test_every_page_links_to_the_calculator_from_its_footer(client):
    assert f'href="{URL}"' in client.get(reverse("organisations:list")).content.decode()


def test_the_answer_asks_the_database_a_few_times_only(client):
    """Only for the base rates officers have added: the rest is plain Python."""
    count, _response = queries_for(client, URL, EXAMPLE)
    assert count <= 5
