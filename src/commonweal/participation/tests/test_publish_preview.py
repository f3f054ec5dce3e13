"""Those who run a round preview its latest count on the publishing page, marked as a preview, with
the button that publishes it under it. Voters, the public, other places' staff and a person who
made their own account and "public body" see nothing until the results are published."""

import pytest
from django.test import Client
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.core.models import AuditEntry
from commonweal.participation import services, services_counting, services_voting
from commonweal.participation.models import BudgetRound
from commonweal.participation.tests.conftest import make_resident, project_pk
from commonweal.testing.factories import PublicBodyFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db

R = BudgetRound.Status
PREVIEW = "Preview: not published. Only the people running this round can see this."
# Two of three voters back the benches (£3,000): each pays £1,500 under equal shares.
PAID = "2 people who voted for it each paid £1,500"


def url(name, round_) -> str:
    return reverse(f"participation:{name}", kwargs={"pk": round_.pk})


@pytest.fixture
def counted(make_round, staff, ward):
    """Voting closed and counted, not published; with the voters."""
    round_ = make_round(rule="mes", completion="none")
    voters = [make_resident(ward, name) for name in ("Ann", "Ben", "Cat")]
    for voter, titles in zip(
        voters,
        [["Benches by the river", "Youth club kit"], ["Benches by the river"], ["Street trees"]],
        strict=True,
    ):
        services_voting.ballot_cast(
            round_=round_,
            voter=voter,
            age_confirmed=True,
            marks={project_pk(round_, t): 1 for t in titles},
        )
    services.round_move(round_=round_, actor=staff, to=R.CLOSED)
    services_counting.round_count(round_=round_, actor=staff)
    return round_, voters


@pytest.fixture
def self_made(riverside):
    """Made their own account and organisation, a "public body" serving Riverside that nobody has
    verified, and made themselves its commissioner."""
    body = PublicBodyFactory(name="Ministry of Everything", verified=False)
    body.places_served.add(riverside)
    return RoleFactory(role=Role.COMMISSIONER, organisation=body).user


def test_those_who_run_the_round_see_the_count_as_a_preview_with_the_button_under_it(
    counted, staff, sign_in
):
    round_, _voters = counted
    response = sign_in(staff).get(url("publish", round_))
    assert response.status_code == 200
    text = response.content.decode()
    assert PREVIEW in text and PAID in text
    assert "1 project is funded, costing £3,000 of the £10,000 budget." in text
    # The button comes after the preview, and the page is never kept by a cache.
    assert text.index(PREVIEW) < text.index(PAID) < text.index("Publish the results</button>")
    assert response["Cache-Control"] == "no-store"
    # No file to download yet: it opens at publishing.
    assert url("export", round_) not in text


def test_the_back_office_may_preview_too(counted, back_office, sign_in):
    round_, _voters = counted
    assert PREVIEW in sign_in(back_office).get(url("publish", round_)).content.decode()


@pytest.mark.parametrize("who", ["voter", "resident", "stranger", "other_staff", "self_made"])
def test_nobody_else_sees_the_count_before_it_is_published(
    who, counted, resident, stranger, other_staff, self_made, sign_in
):
    round_, voters = counted
    person = {
        "voter": voters[0],
        "resident": resident,
        "stranger": stranger,
        "other_staff": other_staff,
        "self_made": self_made,
    }[who]
    client = sign_in(person)
    refused = client.get(url("publish", round_))
    assert refused.status_code == 403 and PAID not in refused.content.decode()
    results = client.get(url("results", round_))
    assert results.status_code == 404 and PAID not in results.content.decode()
    assert client.get(url("export", round_)).status_code == 404
    # Nor may they publish it.
    assert client.post(url("publish", round_), {"reason": "Because"}).status_code == 403
    round_.refresh_from_db()
    assert round_.status == R.CLOSED


def test_the_public_sees_nothing_until_publication(counted, staff, sign_in):
    round_, _voters = counted
    public = Client()
    assert "/sign-in" in public.get(url("publish", round_))["Location"]
    pending = public.get(url("results", round_))
    assert pending.status_code == 404 and PAID not in pending.content.decode()
    assert "check a preview of it before they publish it" in pending.content.decode()
    sign_in(staff).post(url("publish", round_), {"reason": ""})
    assert PAID in public.get(url("results", round_)).content.decode()


def test_publishing_from_the_preview_is_recorded_with_who_and_why(counted, staff, sign_in):
    round_, _voters = counted
    response = sign_in(staff).post(url("publish", round_), {"reason": "Checked with the panel"})
    assert response.status_code == 302 and response["Location"] == url("results", round_)
    round_.refresh_from_db()
    assert round_.status == R.PUBLISHED
    entry = AuditEntry.objects.filter(
        model="participation.budgetround", object_id=str(round_.pk), action="update"
    ).last()
    assert entry.actor == staff and entry.reason == "Checked with the panel"
    assert entry.after["status"] == R.PUBLISHED


def test_before_a_count_there_is_nothing_to_preview_and_no_button(make_round, staff, sign_in):
    round_ = make_round(status=R.CLOSED)
    text = sign_in(staff).get(url("publish", round_)).content.decode()
    assert PREVIEW not in text and "Publish the results</button>" not in text
    assert "Count the votes before you publish the results." in text
    assert url("count", round_) in text


def test_a_ballot_in_after_the_count_shows_the_preview_but_no_button(counted, staff, sign_in):
    round_, _voters = counted
    services_voting.paper_ballot_enter(
        round_=round_, actor=staff, marks={project_pk(round_, "Street trees"): 1}, batch="Late"
    )
    text = sign_in(staff).get(url("publish", round_)).content.decode()
    assert PREVIEW in text and "Publish the results</button>" not in text
    assert "Some ballots arrived after the votes were counted." in text


def test_once_published_the_page_points_to_the_results(counted, staff, sign_in):
    round_, _voters = counted
    services_counting.round_publish(round_=round_, actor=staff)
    text = sign_in(staff).get(url("publish", round_)).content.decode()
    assert PREVIEW not in text and "Publish the results</button>" not in text
    assert url("results", round_) in text


def test_an_unverified_body_given_the_round_still_may_not_preview(counted, self_made, sign_in):
    """Even named as running the round, a body nobody has verified gives its staff no powers."""
    round_, _voters = counted
    BudgetRound.objects.filter(pk=round_.pk).update(
        run_by=self_made.role_assignments.get().organisation
    )
    assert sign_in(self_made).get(url("publish", round_)).status_code == 403
    assert sign_in(UserFactory()).get(url("publish", round_)).status_code == 403
