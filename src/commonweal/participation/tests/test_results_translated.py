"""The results page translates the PB engine's sentences: the engine gives templates, the page
translates them in the reader's language, and the cached explanation serves every language."""

import pytest
from django.utils import translation

from commonweal.participation import results, services, services_counting, services_voting
from commonweal.participation.models import BudgetRound
from commonweal.participation.tests.conftest import make_resident, project_pk
from commonweal.testing.catalogues import use_catalogue

pytestmark = pytest.mark.django_db

PAID_EACH = (
    "Funded. %(count)s person who voted for it paid %(amount)s of its %(cost)s cost.",
    "Funded. %(count)s people who voted for it each paid %(amount)s of its %(cost)s cost.",
)
NOBODY = "Not funded. Nobody voted for it."
EJR_YES = (
    "Yes. The result passes the test of extended justified representation (EJR): no group of "
    "voters who all backed the same projects, and whose fair share of the budget would have paid "
    "for them, was left with less than those projects would have given them."
)
# A pretend Welsh catalogue (not real Welsh: easy to tell from English, placeholders kept).
CATALOGUE = {
    PAID_EACH: (
        "CY %(count)s person paid %(amount)s of %(cost)s.",
        "CY %(count)s paid %(amount)s each of %(cost)s.",
    ),
    NOBODY: "CY nobody voted.",
    EJR_YES: "CY yes, EJR.",
}


@pytest.fixture
def welsh(settings, tmp_path):
    use_catalogue(settings, tmp_path, "cy", CATALOGUE)


@pytest.fixture
def counted(make_round, staff, ward):
    """Two voters back the benches (£3,000) and nobody the others: each pays £1,500."""
    round_ = make_round(rule="mes", completion="none")
    for name in ("Ann", "Ben"):
        services_voting.ballot_cast(
            round_=round_,
            voter=make_resident(ward, name),
            age_confirmed=True,
            marks={project_pk(round_, "Benches by the river"): 1},
        )
    services.round_move(round_=round_, actor=staff, to=BudgetRound.Status.CLOSED)
    services_counting.round_count(round_=round_, actor=staff)
    services_counting.round_publish(round_=round_, actor=staff)
    return round_


def explained(round_):
    found = results.results_for(round_)
    [benches] = found.funded
    return benches.payments, {row.project.title: row.why_not for row in found.unfunded}, found.ejr


def test_the_engines_sentences_are_shown_in_the_readers_language(welsh, counted):
    with translation.override("cy"):
        payments, why_not, ejr = explained(counted)
    assert payments == ["CY 2 paid £1,500 each of £3,000."]
    assert set(why_not.values()) == {"CY nobody voted."}
    assert ejr == "CY yes, EJR."


def test_one_cached_explanation_serves_every_language(welsh, counted):
    with translation.override("cy"):
        explained(counted)  # the first visitor reads Welsh
    with translation.override("en-gb"):
        payments, why_not, ejr = explained(counted)
    assert payments == ["Funded. 2 people who voted for it each paid £1,500 of its £3,000 cost."]
    assert set(why_not.values()) == {NOBODY}
    assert ejr == EJR_YES
