"""An alliance's governance pages: who may see and do what (permissions_alliance.py: decisions and
members public, the risk register and pain and gain for the parties, recording for the leadership
team's people and those who run it, members for those who run it), decisions refused without the
agreement the rule needs, unchanged edits writing nothing, the error summary, query budgets."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from commonweal.agreements.models import Agreement, Decision, Member, PainGainYear, Risk
from commonweal.agreements.tests.fixtures_alliance import *  # noqa: F403 (the fixtures)
from commonweal.agreements.tests.fixtures_alliance import make_alliance
from commonweal.core.models import AuditEntry
from commonweal.testing.factories import OrganisationFactory
from commonweal.testing.queries import no_growth, queries_for

pytestmark = pytest.mark.django_db

PEOPLE = (
    "anonymous",
    "resident",
    "stranger",
    "self_made",
    "outsider",
    "other_staff",
    "quiet_person",
    "provider_person",
    "staff",
    "back_office",
)
PARTIES = {"quiet_person", "provider_person", "staff", "back_office"}
GOVERN = {"provider_person", "staff", "back_office"}
RUN = {"staff", "back_office"}


@pytest.fixture
def as_person(request, client, sign_in):
    def _as(name: str):
        if name != "anonymous":
            sign_in(request.getfixturevalue(name))
        return client

    return _as


def url(name: str, agreement, **more) -> str:
    return reverse(f"agreements:{name}", kwargs={"pk": agreement.pk, **more})


def expected(name: str, allowed: set[str]) -> int:
    if name in allowed:
        return 200
    return 302 if name == "anonymous" else 403


@pytest.mark.parametrize("person", PEOPLE)
def test_decisions_and_members_are_public(as_person, alliance, person):
    client = as_person(person)
    assert client.get(url("decisions", alliance)).status_code == 200
    page = client.get(url("members", alliance))
    assert page.status_code == 200
    assert "Harbour Housing Co-op" in page.content.decode()


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("page", ["risks", "pain-gain"])
def test_the_register_and_pain_gain_are_for_the_parties(as_person, alliance, person, page):
    response = as_person(person).get(url(page, alliance))
    assert response.status_code == expected(person, PARTIES)
    if person == "anonymous":
        assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize("person", PEOPLE)
def test_the_agreement_s_page_links_only_the_alliance_pages_the_person_may_open(
    as_person, alliance, person
):
    """A link that answers 403 is a dead end (the browser crawl found one)."""
    page = as_person(person).get(alliance.get_absolute_url()).content.decode()
    assert url("decisions", alliance) in page and url("members", alliance) in page
    for parties_only in ("risks", "pain-gain"):
        assert (url(parties_only, alliance) in page) is (person in PARTIES)


@pytest.mark.parametrize("person", PEOPLE)
def test_shares_are_shown_to_the_parties_only(as_person, alliance, person):
    page = as_person(person).get(url("members", alliance)).content.decode()
    assert ("Share of pain and gain" in page) is (person in PARTIES)


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("page", ["decision-add", "risk-add", "pain-gain-add"])
def test_recording_is_for_the_team_and_those_who_run_it(as_person, alliance, person, page):
    assert as_person(person).get(url(page, alliance)).status_code == expected(person, GOVERN)


@pytest.mark.parametrize("person", PEOPLE)
def test_changing_members_is_for_those_who_run_it(as_person, alliance, seats, person):
    client = as_person(person)
    harbour = seats["Harbour Housing Co-op"]
    assert client.get(url("member-add", alliance)).status_code == expected(person, RUN)
    edit = url("member-edit", alliance, member_pk=harbour.pk)
    assert client.get(edit).status_code == expected(person, RUN)
    remove = client.post(url("member-remove", alliance, member_pk=seats["Quiet Partners"].pk))
    assert remove.status_code == (302 if person in RUN or person == "anonymous" else 403)
    assert Member.objects.filter(pk=seats["Quiet Partners"].pk).exists() is (person not in RUN)


def test_a_recovery_person_on_the_team_may_record(client, sign_in, alliance, recovery_person):
    sign_in(recovery_person)
    assert client.get(url("decision-add", alliance)).status_code == 200


@pytest.mark.parametrize("person", ["anonymous", "stranger", "provider_person"])
def test_a_draft_alliance_is_hidden_from_all_but_its_parties(
    as_person, riverside, council, staff, provider, person
):
    draft = make_alliance(
        place=riverside, council=council, created_by=staff, status=Agreement.Status.DRAFT
    )
    Member.objects.create(agreement=draft, organisation=provider, role="provider", share=100)
    status = as_person(person).get(url("decisions", draft)).status_code
    assert status == (200 if person == "provider_person" else 404)


def test_an_agreement_that_is_not_an_alliance_has_no_governance_pages(client, contract):
    for name in ("decisions", "members", "risks", "pain-gain"):
        assert client.get(url(name, contract)).status_code == 404
    assert client.get(reverse("agreements:decisions", kwargs={"pk": 999999})).status_code == 404


# --- Decisions ------------------------------------------------------------------------------------


def decision_data(seats, *names, **more):
    data = {
        "subject": "Open a second day centre",
        "decision": "Use the year's gain to open a day centre in Quayside.",
        "principle_test": "People told us they walk two miles to the only one.",
        "agreed_by": [str(seats[name].pk) for name in names],
        "decided_on-day": "3",
        "decided_on-month": "11",
        "decided_on-year": "2026",
    }
    data.update(more)
    return data


TEAM = ("Riverside Council", "Harbour Housing Co-op", "Riverside Recovery")


def test_a_decision_with_everyone_agreed_is_recorded_and_published(
    client, sign_in, alliance, seats, provider_person
):
    sign_in(provider_person)
    response = client.post(url("decision-add", alliance), decision_data(seats, *TEAM))
    assert response.status_code == 302
    decision = Decision.objects.get(agreement=alliance)
    assert decision.rule == "unanimity"
    assert decision.recorded_by == provider_person
    assert decision.decided_on == datetime.date(2026, 11, 3)
    assert {m.organisation.name for m in decision.agreed_by.all()} == set(TEAM)
    client.logout()
    page = client.get(url("decisions", alliance)).content.decode()
    assert "Open a second day centre" in page
    assert "People told us they walk two miles" in page
    assert "Every member of the leadership team agrees" in page


def test_a_decision_without_everyone_is_refused_naming_who_is_missing(
    client, sign_in, alliance, seats, staff
):
    sign_in(staff)
    response = client.post(url("decision-add", alliance), decision_data(seats, "Riverside Council"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "does not have the agreement it needs" in page
    assert "Not agreed: Harbour Housing Co-op and Riverside Recovery." in page
    assert not Decision.objects.exists()


def test_a_majority_alliance_needs_more_than_half(client, sign_in, alliance, seats, staff):
    Agreement.objects.filter(pk=alliance.pk).update(decision_rule="majority")
    sign_in(staff)
    one = client.post(url("decision-add", alliance), decision_data(seats, "Riverside Council"))
    assert "2 of 3. 1 agreed." in one.content.decode()
    two = client.post(
        url("decision-add", alliance),
        decision_data(seats, "Riverside Council", "Riverside Recovery"),
    )
    assert two.status_code == 302
    assert Decision.objects.get().rule == "majority"


def test_a_decision_must_say_how_it_serves_the_principle(client, sign_in, alliance, seats, staff):
    sign_in(staff)
    response = client.post(
        url("decision-add", alliance), decision_data(seats, *TEAM, principle_test="  ")
    )
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Say how this decision serves the alliance" in page
    assert not Decision.objects.exists()


def test_a_member_off_the_team_cannot_be_counted(client, sign_in, alliance, seats, staff):
    sign_in(staff)
    response = client.post(
        url("decision-add", alliance), decision_data(seats, *TEAM, "Quiet Partners")
    )
    # Quiet Partners is not offered: it is not on the leadership team.
    assert "govuk-error-summary" in response.content.decode()
    assert not Decision.objects.exists()


def test_an_empty_decision_form_shows_every_error(client, sign_in, alliance, staff):
    sign_in(staff)
    page = client.post(url("decision-add", alliance), {}).content.decode()
    assert "govuk-error-summary" in page
    for words in ("Enter what was decided", "Enter the decision", "Enter the day it was decided"):
        assert words in page


# --- Members --------------------------------------------------------------------------------------


def test_adding_a_member_after_a_search(client, sign_in, alliance, seats, staff):
    Member.objects.filter(pk=seats["Riverside Council"].pk).update(share=Decimal("40"))
    newcomer = OrganisationFactory(name="Shelter Together")
    sign_in(staff)
    search = client.get(url("member-add", alliance), {"q": "Shelter"})
    assert "Shelter Together" in search.content.decode()
    assert (
        "Harbour Housing Co-op"
        not in client.get(url("member-add", alliance), {"q": "Harbour"})
        .content.decode()
        .split('<form method="post"')[1]
    )
    response = client.post(
        url("member-add", alliance) + "?q=Shelter",
        {"organisation": newcomer.pk, "share": "10", "on_leadership_team": "on"},
    )
    assert response.status_code == 302
    member = Member.objects.get(agreement=alliance, organisation=newcomer)
    assert (member.share, member.role, member.on_leadership_team) == (
        Decimal("10"),
        "provider",
        True,
    )


def test_shares_above_100_are_refused(client, sign_in, alliance, staff):
    newcomer = OrganisationFactory(name="Shelter Together")
    sign_in(staff)
    response = client.post(
        url("member-add", alliance) + "?q=Shelter",
        {"organisation": newcomer.pk, "share": "5"},
    )
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "The shares would add up to 105%, more than 100%" in page
    assert not Member.objects.filter(organisation=newcomer).exists()


def test_a_member_edit_sent_unchanged_changes_nothing(client, sign_in, alliance, seats, staff):
    harbour = seats["Harbour Housing Co-op"]
    sign_in(staff)
    form = client.get(url("member-edit", alliance, member_pk=harbour.pk)).content.decode()
    assert 'value="30.00"' in form
    before = AuditEntry.objects.count()
    response = client.post(
        url("member-edit", alliance, member_pk=harbour.pk),
        {"share": "30.00", "on_leadership_team": "on"},
    )
    assert response.status_code == 302
    assert AuditEntry.objects.count() == before


def test_a_bad_share_shows_the_error_summary(client, sign_in, alliance, seats, staff):
    sign_in(staff)
    page = client.post(
        url("member-edit", alliance, member_pk=seats["Harbour Housing Co-op"].pk),
        {"share": "lots"},
    ).content.decode()
    assert "govuk-error-summary" in page
    assert "Enter the share as a percentage between 0 and 100" in page


def test_the_commissioner_and_members_on_record_stay(client, sign_in, alliance, seats, staff):
    decision = Decision.objects.create(
        agreement=alliance,
        subject="s",
        decision="d",
        principle_test="p",
        rule="unanimity",
        decided_on=datetime.date(2026, 5, 1),
    )
    decision.agreed_by.set([seats["Harbour Housing Co-op"]])
    sign_in(staff)
    for name in ("Riverside Council", "Harbour Housing Co-op"):
        client.post(url("member-remove", alliance, member_pk=seats[name].pk))
        assert Member.objects.filter(pk=seats[name].pk).exists()
    page = client.get(url("members", alliance)).content.decode()
    assert "agreed decisions on record" in page


# --- Risks ----------------------------------------------------------------------------------------


RISK = {
    "title": "Winter beds run short",
    "likelihood": "3",
    "impact": "2",
    "owner": "",
    "mitigation": "Book forty extra beds with the night shelter.",
}


def test_a_risk_added_edited_unchanged_and_closed(
    client, sign_in, alliance, seats, provider_person
):
    sign_in(provider_person)
    response = client.post(
        url("risk-add", alliance), {**RISK, "owner": seats["Riverside Recovery"].pk}
    )
    assert response.status_code == 302
    risk = Risk.objects.get(agreement=alliance)
    assert (risk.likelihood, risk.impact, risk.owner) == (3, 2, seats["Riverside Recovery"])
    page = client.get(url("risks", alliance)).content.decode()
    assert "Winter beds run short" in page and "Riverside Recovery" in page
    before = AuditEntry.objects.count()
    unchanged = client.post(
        url("risk-edit", alliance, risk_pk=risk.pk), {**RISK, "owner": risk.owner_id}
    )
    assert unchanged.status_code == 302
    assert AuditEntry.objects.count() == before
    client.post(url("risk-close", alliance, risk_pk=risk.pk))
    risk.refresh_from_db()
    assert risk.status == "closed"
    assert client.get(url("risk-edit", alliance, risk_pk=risk.pk)).status_code == 200
    refused = client.post(url("risk-edit", alliance, risk_pk=risk.pk), {**RISK, "title": "New"})
    assert "This risk is closed" in refused.content.decode()


def test_a_risk_without_its_facts_shows_the_error_summary(client, sign_in, alliance, staff):
    sign_in(staff)
    page = client.post(url("risk-add", alliance), {"likelihood": "9"}).content.decode()
    assert "govuk-error-summary" in page
    for words in ("Enter the risk", "Choose how likely it is", "Say what is being done about it"):
        assert words in page
    assert not Risk.objects.exists()


def test_those_who_may_not_cannot_close_a_risk(client, sign_in, alliance, quiet_person):
    risk = Risk.objects.create(
        agreement=alliance, title="r", likelihood=1, impact=1, mitigation="m"
    )
    sign_in(quiet_person)
    assert client.post(url("risk-close", alliance, risk_pk=risk.pk)).status_code == 403
    risk.refresh_from_db()
    assert risk.status == "open"


# --- Pain and gain --------------------------------------------------------------------------------


def test_a_years_gain_is_recorded_capped_with_its_arithmetic(client, sign_in, alliance, staff):
    # Target £1,000,000, actual £900,000: gain £100,000, capped at £60,000; 50/30/20/0 of it.
    sign_in(staff)
    response = client.post(
        url("pain-gain-add", alliance),
        {
            "year_starting-day": "1",
            "year_starting-month": "4",
            "year_starting-year": "2026",
            "actual_cost": "£900,000",
        },
    )
    assert response.status_code == 302
    year = PainGainYear.objects.get(agreement=alliance)
    assert {share["name"]: share["amount"] for share in year.shares} == {
        "Riverside Council": "30000.00",
        "Harbour Housing Co-op": "18000.00",
        "Riverside Recovery": "12000.00",
        "Quiet Partners": "0.00",
    }
    assert year.working["limit_bit"] is True
    page = client.get(url("pain-gain", alliance)).content.decode()
    assert "The gain cap bit" in page
    assert "£30,000.00 + £18,000.00 + £12,000.00 + £0.00 = £60,000.00" in page


def test_a_year_is_recorded_once_and_within_the_term(client, sign_in, alliance, staff):
    sign_in(staff)
    data = {
        "year_starting-day": "1",
        "year_starting-month": "4",
        "year_starting-year": "2026",
        "actual_cost": "1000000",
    }
    assert client.post(url("pain-gain-add", alliance), data).status_code == 302
    again = client.post(url("pain-gain-add", alliance), data).content.decode()
    assert "is recorded already" in again
    early = client.post(url("pain-gain-add", alliance), {**data, "year_starting-year": "2020"})
    assert "The year must start between 1 April 2026 and 31 March 2036" in early.content.decode()
    assert PainGainYear.objects.count() == 1


def test_shares_not_adding_to_100_are_refused_with_the_reason(
    client, sign_in, alliance, seats, staff
):
    Member.objects.filter(pk=seats["Riverside Council"].pk).update(share=Decimal("40"))
    sign_in(staff)
    page = client.post(
        url("pain-gain-add", alliance),
        {
            "year_starting-day": "1",
            "year_starting-month": "4",
            "year_starting-year": "2026",
            "actual_cost": "900000",
        },
    ).content.decode()
    assert "govuk-error-summary" in page
    assert "They add up to 90%" in page
    assert not PainGainYear.objects.exists()


def test_a_bad_cost_shows_the_error_summary(client, sign_in, alliance, staff):
    sign_in(staff)
    page = client.post(url("pain-gain-add", alliance), {"actual_cost": "-5"}).content.decode()
    assert "govuk-error-summary" in page
    assert "Enter the actual cost in pounds and pence" in page


def test_an_ended_alliance_takes_no_more_records(client, sign_in, alliance, seats, staff):
    Agreement.objects.filter(pk=alliance.pk).update(status=Agreement.Status.ENDED)
    sign_in(staff)
    page = client.post(url("decision-add", alliance), decision_data(seats, *TEAM))
    assert "no longer in force" in page.content.decode()
    assert "Record a decision" not in client.get(url("decisions", alliance)).content.decode()


# --- Query budgets --------------------------------------------------------------------------------


def _grow(alliance, seats, count: int) -> None:
    team = [seats[name] for name in TEAM]
    for n in range(count):
        organisation = OrganisationFactory(name=f"Extra {n}")
        Member.objects.create(agreement=alliance, organisation=organisation, role="provider")
        decision = Decision.objects.create(
            agreement=alliance,
            subject=f"Decision {n}",
            decision="d",
            principle_test="p",
            rule="unanimity",
            decided_on=datetime.date(2026, 5, 1),
        )
        decision.agreed_by.set(team)
        Risk.objects.create(
            agreement=alliance,
            title=f"Risk {n}",
            likelihood=2,
            impact=2,
            owner=team[n % 3],
            mitigation="m",
        )
        PainGainYear.objects.create(
            agreement=alliance,
            year_starting=datetime.date(2026 + n, 4, 1),
            actual_cost=Decimal("1"),
            shares=[{"name": "A", "percent": "100", "amount": "1.00"}],
            working={"lines": [{"template": "Line %(n)s", "params": {"n": n}}]},
        )


@pytest.mark.parametrize("person", ["anonymous", "staff", "provider_person"])
@pytest.mark.parametrize("page", ["decisions", "members", "risks", "pain-gain"])
def test_query_budgets(as_person, alliance, seats, person, page):
    if person == "anonymous" and page in ("risks", "pain-gain"):
        return
    client = as_person(person)
    _grow(alliance, seats, 3)
    few, _response = queries_for(client, url(page, alliance))
    _grow_more = _grow
    Decision.objects.all().delete()
    PainGainYear.objects.all().delete()
    Risk.objects.all().delete()
    Member.objects.filter(organisation__name__startswith="Extra").delete()
    _grow_more(alliance, seats, 30)
    many, _response = queries_for(client, url(page, alliance))
    no_growth(few, many, ceiling=25, what=f"{page} as {person}")
