"""An officer revises a project's cost at review, with a reason everyone reads beside the project:
"Cost revised from £12,000 to £9,500: the supplier's quote". Recorded in the audit trail; the same
cost changes and records nothing; £0, less, more than the budget and what is not a number are
refused with a clear message."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from commonweal.core.models import AuditEntry
from commonweal.participation import services
from commonweal.participation.models import BudgetRound, Project

pytestmark = pytest.mark.django_db

R = BudgetRound.Status
REVISED = "Cost revised from £12,000 to £9,500: the supplier&#x27;s quote"


@pytest.fixture
def idea(make_round, resident):
    round_ = make_round(status=R.REVIEW, projects=[], budget=Decimal("50000"))
    project = Project.objects.create(
        round=round_, title="Play area", cost=Decimal("12000"), proposer=resident
    )
    return round_, project


def review_url(round_, project) -> str:
    return reverse("participation:review", kwargs={"pk": round_.pk, "project_pk": project.pk})


def entries(project) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(model="participation.project", object_id=str(project.pk)))


def test_the_review_page_revises_the_cost_and_everyone_sees_why(idea, staff, sign_in, client):
    round_, project = idea
    before = len(entries(project))
    response = sign_in(staff).post(
        review_url(round_, project),
        {
            "status": "accepted",
            "reason": "Meets the need",
            "cost": "9500",
            "cost_reason": "the supplier's quote",
        },
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.cost, project.cost_revised_from) == (Decimal("9500"), Decimal("12000"))
    assert project.status == Project.Status.ACCEPTED
    client.logout()
    assert REVISED in client.get(round_.get_absolute_url()).content.decode()
    # Two entries: the cost, with its reason, and the decision, with its own.
    revised, decided = entries(project)[before:]
    assert revised.actor == staff
    assert revised.reason == "Cost revised from £12,000 to £9,500: the supplier's quote"
    assert (revised.before["cost"], revised.after["cost"]) == ("12000.00", "9500.00")
    assert decided.reason == "Meets the need"


def test_the_same_cost_records_no_change(idea, staff, sign_in):
    round_, project = idea
    page = sign_in(staff).get(review_url(round_, project)).content.decode()
    assert 'value="12000.00"' in page  # the box shows the cost now
    before = len(entries(project))
    sign_in(staff).post(
        review_url(round_, project),
        {"status": "accepted", "reason": "Fine", "cost": "12000.00", "cost_reason": ""},
    )
    project.refresh_from_db()
    assert project.cost == Decimal("12000") and project.cost_revised_from is None
    # One entry, the decision; the cost in it as it was.
    [decided] = entries(project)[before:]
    assert decided.reason == "Fine"
    assert decided.before["cost"] == decided.after["cost"] == "12000.00"
    # Nor does the service, asked directly.
    services.project_cost_revise(project=project, actor=staff, cost=Decimal("12000"), reason="")
    assert len(entries(project)) == before + 1


@pytest.mark.parametrize(
    "cost,message",
    [
        ("0", "Enter the project&#x27;s cost in pounds, more than £0"),
        ("-50", "Enter the project&#x27;s cost in pounds, more than £0"),
        ("nine thousand", "Enter the cost as a number, like 9500"),
        ("9500.555", "Enter the cost in pounds and pence, like 9500 or 9500.50"),
        ("60000", "The project costs more than the whole budget of £50,000.00."),
    ],
)
def test_a_cost_that_is_not_a_cost_is_refused_with_a_clear_message(
    idea, staff, sign_in, cost, message
):
    round_, project = idea
    page = sign_in(staff).post(
        review_url(round_, project),
        {"status": "accepted", "reason": "Fine", "cost": cost, "cost_reason": "A quote"},
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "govuk-error-summary" in text and message in text
    project.refresh_from_db()
    assert project.cost == Decimal("12000") and project.status == Project.Status.PROPOSED


@pytest.mark.parametrize("cost", [Decimal("0"), Decimal("-1"), "nine thousand", "NaN", None])
def test_the_service_refuses_them_too(idea, staff, cost):
    _round, project = idea
    with pytest.raises(ValidationError) as refused:
        services.project_cost_revise(project=project, actor=staff, cost=cost, reason="A quote")
    assert "cost" in refused.value.error_dict
    project.refresh_from_db()
    assert project.cost == Decimal("12000")


def test_a_new_cost_needs_a_reason(idea, staff, sign_in):
    round_, project = idea
    text = (
        sign_in(staff)
        .post(
            review_url(round_, project),
            {"status": "accepted", "reason": "Fine", "cost": "9500", "cost_reason": " "},
        )
        .content.decode()
    )
    assert "Say why the cost changed, so everyone can see the reason" in text
    project.refresh_from_db()
    assert project.cost == Decimal("12000")
    with pytest.raises(ValidationError, match="Say why the cost changed"):
        services.project_cost_revise(project=project, actor=staff, cost="9500", reason="")


def test_once_voting_opens_the_cost_cannot_change_and_the_page_offers_no_form(idea, staff, sign_in):
    round_, project = idea
    BudgetRound.objects.filter(pk=round_.pk).update(status=R.VOTING)
    round_.refresh_from_db()
    project.refresh_from_db()
    text = sign_in(staff).get(review_url(round_, project)).content.decode()
    assert "Save my decision" not in text and "Voting has started" in text
    with pytest.raises(ValidationError, match="Voting has started"):
        services.project_cost_revise(project=project, actor=staff, cost="9500", reason="A quote")


@pytest.mark.parametrize("who", ["resident", "other_staff"])
def test_only_those_who_run_the_round_revise_a_cost(idea, resident, other_staff, sign_in, who):
    round_, project = idea
    person = {"resident": resident, "other_staff": other_staff}[who]
    response = sign_in(person).post(
        review_url(round_, project),
        {"status": "accepted", "reason": "Mine", "cost": "1", "cost_reason": "Cheaper"},
    )
    assert response.status_code == 403
    project.refresh_from_db()
    assert project.cost == Decimal("12000")
