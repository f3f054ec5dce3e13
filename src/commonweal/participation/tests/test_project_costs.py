"""A project costing £0 is refused wherever projects come in (a resident's idea, an officer's
project, a bulk import, a Pabulib file): it takes nothing from the budget, so the count would always
fund it. The refusal says what to enter, and for a file which project and line."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from commonweal.participation import exchange, services
from commonweal.participation.models import BudgetRound, Project
from commonweal.participation.tests.test_pages import url

pytestmark = pytest.mark.django_db
R = BudgetRound.Status
MESSAGE = "Enter the project&#x27;s cost in pounds, more than £0"


@pytest.mark.parametrize("cost", ["0", "0.00", "-5"])
def test_a_resident_s_idea_costing_nothing_is_refused(sign_in, make_round, resident, cost):
    round_ = make_round(status=R.PROPOSALS, projects=[])
    page = sign_in(resident).post(
        url("propose", round_), {"title": "Free hugs", "description": "Hugs", "cost": cost}
    )
    assert page.status_code == 200 and MESSAGE in page.content.decode()
    assert not round_.projects.exists()


def test_an_officer_s_project_costing_nothing_is_refused(sign_in, make_round, staff):
    round_ = make_round(status=R.DRAFT, projects=[])
    page = sign_in(staff).post(
        url("project-add", round_), {"title": "Litter pick", "description": "Bags", "cost": "0"}
    )
    assert page.status_code == 200 and MESSAGE in page.content.decode()
    assert not round_.projects.exists()


def test_the_services_refuse_it_too(make_round, staff, resident):
    message = {"cost": ["Enter the project's cost in pounds, more than £0"]}
    ideas = make_round(status=R.PROPOSALS, projects=[])
    with pytest.raises(ValidationError) as refused:
        services.project_propose(
            round_=ideas, actor=resident, title="Free", description="Hugs", cost=Decimal("0")
        )
    assert refused.value.message_dict == message
    draft = make_round(status=R.DRAFT, projects=[])
    with pytest.raises(ValidationError) as refused:
        services.project_add(
            round_=draft, actor=staff, title="Free", description="Hugs", cost=Decimal("0")
        )
    assert refused.value.message_dict == message
    with pytest.raises(ValidationError) as refused:
        services.projects_add_bulk(
            round_=draft,
            projects=[
                {"title": "Benches", "cost": Decimal("300")},
                {"title": "Free", "cost": Decimal("0")},
            ],
            reason="Imported",
        )
    assert refused.value.message_dict == message
    assert not Project.objects.exists()


PB = """META
key;value
description;Little round
budget;1000
vote_type;approval
PROJECTS
project_id;cost;name
a;600;Swings
b;0;Free hugs
c;300;Bins
d;0.00;Smiles
VOTES
voter_id;vote
1;a,b
2;c,d
"""


def test_a_pabulib_file_with_a_project_costing_nothing_says_which_and_on_which_line(
    staff, riverside
):
    with pytest.raises(ValidationError) as refused:
        exchange.round_import(actor=staff, place=riverside, text=PB)
    assert refused.value.message_dict == {
        "file": [
            "Line 9: project b costs £0. Enter the project's cost in pounds, more than £0",
            "Line 11: project d costs £0. Enter the project's cost in pounds, more than £0",
        ]
    }
    assert not BudgetRound.objects.exists() and not Project.objects.exists()


def test_the_import_page_shows_it(sign_in, staff, riverside):
    page = sign_in(staff).post(
        url("import"),
        {"place": riverside.pk, "file": SimpleUploadedFile("round.pb", PB.encode())},
    )
    assert "Line 9: project b costs £0." in page.content.decode()
    assert not BudgetRound.objects.exists()
