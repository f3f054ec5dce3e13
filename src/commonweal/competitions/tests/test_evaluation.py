"""Evaluation pages: who may and may not, conflicts before content, independent scores hidden from
everyone until moderation, the scale enforced, moderation and the results."""

from decimal import Decimal

import pytest
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.competitions.models import Conflict, Evaluator, ModeratedScore, Opening, Score
from commonweal.competitions.tests.fixtures_evaluation import criteria, submit_bid
from commonweal.organisations.models import Organisation
from commonweal.testing.factories import OrganisationFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db

SECRET = "We will house forty people in year one in our Quayside flats."


@pytest.fixture
def self_made(db):
    """A person who made their own account and their own organisation (conftest's
    self_made names a legal form that does not exist)."""
    organisation = OrganisationFactory(
        name="Just Made Ltd", legal_form=Organisation.LegalForm.PRIVATE_COMPANY
    )
    user = UserFactory(full_name="Jo Justmade")
    RoleFactory(user=user, organisation=organisation, role=Role.ADMINISTRATOR)
    return user


@pytest.fixture
def citizen(opportunity, riverside, staff):
    """A citizen commissioner of the plan with a citizen seat (held for the place)."""
    user = UserFactory(full_name="Cal Citizen")
    RoleFactory(user=user, place=riverside, organisation=None, role=Role.CITIZEN_COMMISSIONER)
    opportunity.plan.citizen_commissioners.add(user)
    Evaluator.objects.create(
        opportunity=opportunity, user=user, kind=Evaluator.Kind.CITIZEN, added_by=staff
    )
    return user


@pytest.fixture
def bids(opportunity, bidders, closed):
    c = criteria(opportunity)
    made = [
        submit_bid(opportunity, bidders[0], price="1000000", answers={str(c["home"].pk): SECRET}),
        submit_bid(opportunity, bidders[1], price="800000"),
        submit_bid(opportunity, bidders[2], price="900000"),
    ]
    closed(opportunity)
    return made


def _url(name, opportunity, *more):
    return reverse(f"competitions:{name}", args=[opportunity.pk, *more])


def _declare(client, opportunity, bidders, conflicted=()):
    data = {}
    for organisation in bidders:
        if organisation in conflicted:
            data[f"bidder_{organisation.pk}"] = "yes"
            data[f"details_{organisation.pk}"] = "My sister runs it."
        else:
            data[f"bidder_{organisation.pk}"] = "no"
    return client.post(_url("conflicts", opportunity), data)


def _scores(opportunity, values, reason="Clear plan with evidence."):
    """Form data for the officer's criteria: values by short name."""
    c = criteria(opportunity)
    data = {}
    for key, value in values.items():
        prefix = f"c{c[key].pk}_"
        if key == "safeguarding":
            data[prefix + "passed"] = value
        else:
            data[prefix + "score"] = value
        data[prefix + "reason"] = reason
    return data


OFFICER_ALL = {"home": "3", "listening": "2", "safeguarding": "pass", "jobs": "1"}


# --- Who may and may not --------------------------------------------------------------------------


def test_strangers_see_nothing(
    client, sign_in, opportunity, bids, stranger, self_made, bidder_people, other_staff, resident
):
    for name, args in (
        ("evaluation", ()),
        ("evaluators", ()),
        ("conflicts", ()),
        ("score", (bids[0].pk,)),
        ("moderation", ()),
        ("results", ()),
        ("low-bids", ()),
    ):
        url = _url(name, opportunity, *args)
        response = client.get(url)
        assert response.status_code == 302 and "sign-in" in response.url
        for person in (stranger, self_made, bidder_people[0], other_staff, resident):
            sign_in(person)
            assert client.get(url).status_code == 403, (name, person)
        client.logout()
    assert not Opening.objects.exists()


def test_staff_and_back_office_run_it(client, sign_in, opportunity, bids, staff, back_office):
    for person in (staff, back_office):
        sign_in(person)
        for name in ("evaluation", "evaluators", "moderation", "low-bids"):
            assert client.get(_url(name, opportunity)).status_code == 200
        # Running it is not a seat: they score nothing.
        assert client.get(_url("score", opportunity, bids[0].pk)).status_code == 403


def test_huge_ids_are_not_found(client, sign_in, opportunity, bids, staff, evaluator):
    sign_in(staff)
    huge = 2**70
    assert client.get(reverse("competitions:evaluation", args=[huge])).status_code == 404
    assert client.get(_url("moderate", opportunity, huge, huge)).status_code == 404
    assert client.get(_url("low-bid-decide", opportunity, huge)).status_code == 404
    sign_in(evaluator)
    assert client.get(_url("score", opportunity, huge)).status_code == 404


# --- The panel ------------------------------------------------------------------------------------


def test_panel_is_chosen_from_eligible_people(
    client, sign_in, opportunity, staff, council, citizen, stranger
):
    officer = UserFactory(full_name="Olive Officer")
    RoleFactory(user=officer, organisation=council, role=Role.PROCUREMENT_OFFICER)
    sign_in(staff)
    page = client.get(_url("evaluators", opportunity)).content.decode()
    assert "Olive Officer" in page and stranger.full_name not in page
    response = client.post(_url("evaluators", opportunity), {"person": f"officer:{officer.pk}"})
    assert response.status_code == 302
    assert Evaluator.objects.filter(user=officer, kind="officer").exists()
    # Someone not eligible is refused, even by a forged form.
    response = client.post(_url("evaluators", opportunity), {"person": f"officer:{stranger.pk}"})
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    assert not Evaluator.objects.filter(user=stranger).exists()
    # Removed before scoring starts.
    seat = Evaluator.objects.get(user=officer)
    assert client.post(_url("evaluators", opportunity), {"remove": seat.pk}).status_code == 302
    assert not Evaluator.objects.filter(pk=seat.pk).exists()


def test_nobody_is_removed_once_scoring_started(
    client, sign_in, opportunity, bids, bidders, staff, evaluator
):
    sign_in(evaluator)
    _declare(client, opportunity, bidders)
    client.post(_url("score", opportunity, bids[0].pk), _scores(opportunity, OFFICER_ALL))
    assert Score.objects.exists()
    sign_in(staff)
    seat = Evaluator.objects.get(user=evaluator)
    client.post(_url("evaluators", opportunity), {"remove": seat.pk})
    assert Evaluator.objects.filter(pk=seat.pk).exists()


# --- Conflicts ------------------------------------------------------------------------------------


def test_evaluator_sees_names_only_until_declared(
    client, sign_in, opportunity, bids, bidders, evaluator
):
    sign_in(evaluator)
    page = client.get(_url("conflicts", opportunity)).content.decode()
    assert all(organisation.name in page for organisation in bidders)
    assert SECRET not in page
    assert client.get(_url("score", opportunity, bids[0].pk)).status_code == 403
    assert not Opening.objects.exists()
    # A conflict needs its details.
    response = client.post(
        _url("conflicts", opportunity),
        {f"bidder_{o.pk}": "yes" if o == bidders[0] else "no" for o in bidders},
    )
    assert response.status_code == 200 and "Say what your conflict" in response.content.decode()
    assert not Conflict.objects.exists()
    assert _declare(client, opportunity, bidders, conflicted=[bidders[0]]).status_code == 302
    assert Conflict.objects.filter(has_conflict=True).count() == 1
    # Never the conflicted bidder; the others open, each opening recorded.
    assert client.get(_url("score", opportunity, bids[0].pk)).status_code == 403
    assert client.get(_url("score", opportunity, bids[1].pk)).status_code == 200
    assert Opening.objects.filter(opened_by=evaluator, bid=bids[1]).count() == 1
    overview = client.get(_url("evaluation", opportunity)).content.decode()
    assert bidders[0].name not in overview and bidders[1].name in overview


def test_nothing_before_the_deadline(client, sign_in, opportunity, bidders, evaluator):
    bid = submit_bid(opportunity, bidders[0], price="1000")
    sign_in(evaluator)
    page = client.get(_url("conflicts", opportunity)).content.decode()
    assert bidders[0].name not in page
    assert client.get(_url("score", opportunity, bid.pk)).status_code == 403


# --- Scores ---------------------------------------------------------------------------------------


def test_scores_outside_the_scale_are_refused(
    client, sign_in, opportunity, bids, bidders, evaluator
):
    sign_in(evaluator)
    _declare(client, opportunity, bidders)
    for bad in ("5", "-1", "2.5", "lots"):
        response = client.post(
            _url("score", opportunity, bids[0].pk),
            _scores(opportunity, {**OFFICER_ALL, "home": bad}),
        )
        assert response.status_code == 200
        assert "Choose a score on the scale" in response.content.decode()
    assert not Score.objects.exists()


def test_citizen_scores_only_criteria_open_to_citizens(
    client, sign_in, opportunity, bids, bidders, citizen
):
    sign_in(citizen)
    _declare(client, opportunity, bidders)
    page = client.get(_url("score", opportunity, bids[0].pk)).content.decode()
    assert "Would you feel listened to?" in page  # plain guidance
    assert "Look for a clear plan" not in page  # the officers' guidance
    assert "How you will help people keep a home" not in page
    # A score for a criterion not open to citizens is not taken.
    c = criteria(opportunity)
    data = {**_scores(opportunity, {"listening": "3"}), **_scores(opportunity, {"home": "4"})}
    client.post(_url("score", opportunity, bids[0].pk), data)
    assert list(Score.objects.values_list("criterion_id", flat=True)) == [c["listening"].pk]


def test_scores_hidden_from_others_until_moderation(
    client, sign_in, opportunity, bids, bidders, evaluator, citizen, staff
):
    sign_in(evaluator)
    _declare(client, opportunity, bidders)
    client.post(
        _url("score", opportunity, bids[0].pk),
        _scores(opportunity, OFFICER_ALL, reason="An unusual reason only Eve wrote."),
    )
    assert Score.objects.count() == 4
    sign_in(citizen)
    _declare(client, opportunity, bidders)
    page = client.get(_url("score", opportunity, bids[0].pk)).content.decode()
    assert "only Eve wrote" not in page
    sign_in(staff)
    for name in ("evaluation", "moderation"):
        page = client.get(_url(name, opportunity)).content.decode()
        assert "only Eve wrote" not in page
    c = criteria(opportunity)
    response = client.get(_url("moderate", opportunity, bids[0].pk, c["home"].pk))
    assert response.status_code == 302  # not open yet
    assert "only Eve wrote" not in client.get(response.url).content.decode()


def _everyone_scores(client, sign_in, opportunity, bids, bidders, evaluator, citizen):
    sign_in(evaluator)
    _declare(client, opportunity, bidders)
    for bid in bids:
        client.post(_url("score", opportunity, bid.pk), _scores(opportunity, OFFICER_ALL))
    assert client.post(_url("evaluation", opportunity)).status_code == 302
    sign_in(citizen)
    _declare(client, opportunity, bidders)
    for bid in bids:
        client.post(
            _url("score", opportunity, bid.pk),
            _scores(opportunity, {"listening": "4"}, reason="The citizen's own view."),
        )
    client.post(_url("evaluation", opportunity))
    assert Evaluator.objects.filter(scores_submitted_at__isnull=False).count() == 2


def test_cannot_finish_with_scores_missing(client, sign_in, opportunity, bids, bidders, evaluator):
    sign_in(evaluator)
    _declare(client, opportunity, bidders)
    client.post(_url("score", opportunity, bids[0].pk), _scores(opportunity, OFFICER_ALL))
    client.post(_url("evaluation", opportunity))
    assert Evaluator.objects.get(user=evaluator).scores_submitted_at is None


def test_moderation_and_results(
    client,
    sign_in,
    opportunity,
    bids,
    bidders,
    evaluator,
    citizen,
    staff,
    django_assert_max_num_queries,
):
    _everyone_scores(client, sign_in, opportunity, bids, bidders, evaluator, citizen)
    sign_in(staff)
    with django_assert_max_num_queries(30):
        page = client.get(_url("moderation", opportunity)).content.decode()
    assert "The citizen&#x27;s own view." in page and "Clear plan with evidence." in page
    c = criteria(opportunity)
    for bid, home in zip(bids, ("3", "2", "4"), strict=True):
        for key, value in (("home", home), ("listening", "3"), ("jobs", "2")):
            response = client.post(
                _url("moderate", opportunity, bid.pk, c[key].pk),
                {"score": value, "reason": "Agreed after discussion."},
            )
            assert response.status_code == 302
        client.post(
            _url("moderate", opportunity, bid.pk, c["safeguarding"].pk),
            {"passed": "pass", "reason": "Policy seen."},
        )
    assert ModeratedScore.objects.count() == 12
    # Off the scale at moderation too.
    response = client.post(
        _url("moderate", opportunity, bids[0].pk, c["home"].pk), {"score": "9", "reason": "x"}
    )
    assert response.status_code == 200
    assert ModeratedScore.objects.get(bid=bids[0], criterion=c["home"]).score == Decimal("3")
    with django_assert_max_num_queries(40):
        response = client.get(_url("results", opportunity))
    page = response.content.decode()
    # By hand: listening 3/4×20 = 15, jobs 2/4×20 = 10 for all.
    # Harbour 3/4×30 = 22.50 + 15 + 10 + 800/1000×30 = 24.00 → 71.50
    # Riverside 2/4×30 = 15 + 15 + 10 + 30 → 70.00
    # Nationwide 30 + 15 + 10 + 26.67 → 81.67, the most advantageous tender.
    assert "Nationwide Care plc is the most advantageous tender, with 81.67 points." in page
    assert "71.50" in page and "70.00" in page
    assert "The lowest price gets full marks." in page
    assert "would still win" in page


def test_evaluator_query_budget(
    client, sign_in, opportunity, bids, bidders, evaluator, django_assert_max_num_queries
):
    sign_in(evaluator)
    _declare(client, opportunity, bidders)
    with django_assert_max_num_queries(25):
        assert client.get(_url("score", opportunity, bids[0].pk)).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(_url("evaluation", opportunity)).status_code == 200


def test_scores_sent_back_unchanged_change_nothing(
    client, sign_in, opportunity, bids, bidders, evaluator
):
    from commonweal.core.models import AuditEntry

    sign_in(evaluator)
    _declare(client, opportunity, bidders)
    url = _url("score", opportunity, bids[1].pk)
    client.post(url, _scores(opportunity, OFFICER_ALL))
    written = AuditEntry.objects.filter(model="competitions.score").count()
    assert written == 4
    client.post(url, _scores(opportunity, OFFICER_ALL))
    assert AuditEntry.objects.filter(model="competitions.score").count() == written
    # The page shows the evaluator's own scores back.
    home = criteria(opportunity)["home"]
    page = client.get(url).content.decode()
    assert f'name="c{home.pk}_score" type="radio" value="3" checked' in page


def test_panel_page_query_budget(
    client, sign_in, opportunity, staff, evaluator, citizen, council, django_assert_max_num_queries
):
    for index in range(5):
        person = UserFactory(full_name=f"Officer {index}")
        RoleFactory(user=person, organisation=council, role=Role.EVALUATOR)
    sign_in(staff)
    with django_assert_max_num_queries(25):
        page = client.get(_url("evaluators", opportunity)).content.decode()
    assert "Officer 4" in page and "Eve Evaluator" in page
