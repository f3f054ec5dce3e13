"""Writing opportunities through the API: those who run the plan start a draft, change it, build its
criteria tree, publish and cancel it. Nobody signed in gets a 401; anybody else a draft is the same
404 as no opportunity (and a plan they may not run the same 404 as no plan), a published one a 403.
Bad input is a 400 naming the field, never a server error; sent unchanged, nothing is written."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from commonweal.competitions.models import Criterion, Opportunity
from commonweal.competitions.tests.conftest import make_opportunity
from commonweal.core.models import AuditEntry

pytestmark = pytest.mark.django_db

SIGNED_IN_OUTSIDERS = ["resident", "stranger", "self_made_bidder", "other_staff"]
OUTSIDERS = ["anonymous", *SIGNED_IN_OUTSIDERS]
RUNNERS = ["staff", "back_office"]
HUGE = 2**70


@pytest.fixture
def draft(plan, staff):
    return make_opportunity(
        plan,
        created_by=staff,
        status=Opportunity.Status.DRAFT,
        published_at=None,
        title="Draft recovery service",
    )


def key(request, token_for, who):
    return None if who == "anonymous" else token_for(request.getfixturevalue(who))


def start_body(for_plan, **changes):
    now = timezone.now()
    body = {
        "plan": for_plan.pk,
        "kind": "tender",
        "title": "Recovery at home",
        "description": "Support for people to recover at home.",
        "value": "500000.00",
        "questions_close_at": (now + datetime.timedelta(days=20)).isoformat(),
        "closes_at": (now + datetime.timedelta(days=30)).isoformat(),
        "quality_weight": "50",
        "social_value_weight": "20",
        "price_weight": "30",
        "scale": [
            {"score": "0", "descriptor": "No answer"},
            {"score": "2", "descriptor": "Meets the need"},
            {"score": "4", "descriptor": "Meets it fully"},
        ],
    }
    body.update(changes)
    return body


def url(name, *args):
    return reverse(f"api:{name}", args=args)


# --- starting a draft --------------------------------------------------------------------------


@pytest.mark.parametrize("who", RUNNERS)
def test_those_who_run_the_plan_start_a_draft(request, api, token_for, who, plan):
    answer = api.post(url("opportunity-list"), start_body(plan), token=key(request, token_for, who))
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["status"] == "draft"
    assert body["title"] == "Recovery at home"
    assert body["value"] == "500000.00"
    assert [point["descriptor"] for point in body["scale"]][-1] == "Meets it fully"
    assert "cost_model_hours" not in body
    opportunity = Opportunity.objects.get(pk=body["id"])
    assert opportunity.plan == plan
    assert opportunity.created_by == request.getfixturevalue(who)


def test_nobody_signed_in_is_asked_to_sign_in(api, plan):
    answer = api.post(url("opportunity-list"), start_body(plan))
    assert answer.status_code == 401
    assert not Opportunity.objects.exists()


@pytest.mark.parametrize("who", SIGNED_IN_OUTSIDERS)
def test_a_plan_others_may_not_run_is_the_same_404_as_no_plan(request, api, token_for, who, plan):
    token = key(request, token_for, who)
    hidden = api.post(url("opportunity-list"), start_body(plan), token=token)
    missing = api.post(url("opportunity-list"), start_body(plan, plan=plan.pk + 1000), token=token)
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json()["detail"] == missing.json()["detail"].replace(
        str(plan.pk + 1000), str(plan.pk)
    )
    assert not Opportunity.objects.exists()


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"price_weight": "40"}, "price_weight"),  # 50 + 20 + 40 is not 100
        (
            {
                "questions_close_at": (timezone.now() + datetime.timedelta(days=40)).isoformat(),
            },
            "questions_close_at",
        ),
        ({"value": "NaN"}, "value"),
        ({"value": "Infinity"}, "value"),
        ({"value": "-5"}, "value"),
        ({"scale": [{"score": "three", "descriptor": "Good"}]}, "scale"),
        ({"scale": "0: nothing"}, "scale"),
        ({"scale": [{"score": "1"}]}, "scale"),
        (
            {
                "scale": [
                    {"score": "2", "descriptor": "Same"},
                    {"score": "2", "descriptor": "Twice"},
                ]
            },
            "scale",
        ),
        ({"closes_at": "next Tuesday"}, "closes_at"),
        ({"lot": HUGE}, "lot"),
        ({"lot": 0}, "lot"),
        ({"social_value_framework": HUGE}, "social_value_framework"),
        ({"kind": "auction"}, "kind"),
        ({"title": ""}, "title"),
        ({"match_funding_required": True}, "match_funding_required"),
        ({"price_formula": "linear"}, "price_floor"),
        ({"answer_word_limit": 10**12}, "answer_word_limit"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(api, token_for, staff, plan, changes, field):
    answer = api.post(url("opportunity-list"), start_body(plan, **changes), token=token_for(staff))
    assert answer.status_code == 400, answer.content
    assert field in answer.json(), answer.json()
    assert not Opportunity.objects.exists()


def test_what_starting_one_cannot_do_without_is_named(api, token_for, staff, plan):
    answer = api.post(url("opportunity-list"), {"plan": plan.pk}, token=token_for(staff))
    assert answer.status_code == 400
    assert {"title", "description", "closes_at", "price_weight"} <= answer.json().keys()


@pytest.mark.parametrize("plan_id", [HUGE, -HUGE, 0])
def test_a_plan_number_out_of_range_is_a_404(api, token_for, staff, plan, plan_id):
    answer = api.post(
        url("opportunity-list"), start_body(plan, plan=plan_id), token=token_for(staff)
    )
    assert answer.status_code == 404


def test_a_lot_of_the_plan_gives_its_value(api, token_for, staff, plan):
    lot = plan.lots.create(title="North", value=Decimal("250000"))
    body = start_body(plan, lot=lot.pk)
    del body["value"]
    answer = api.post(url("opportunity-list"), body, token=token_for(staff))
    assert answer.status_code == 201, answer.content
    assert answer.json()["lot"] == "North"
    assert answer.json()["value"] == "250000.00"


# --- changing a draft --------------------------------------------------------------------------


@pytest.mark.parametrize("who", RUNNERS)
def test_those_who_run_it_change_a_draft(request, api, token_for, who, draft):
    answer = api.patch(
        url("opportunity-detail", draft.pk),
        {"title": "Recovery and tenancy support", "budget": "1100000.50"},
        token=key(request, token_for, who),
    )
    assert answer.status_code == 200, answer.content
    draft.refresh_from_db()
    assert draft.title == "Recovery and tenancy support"
    assert draft.budget == Decimal("1100000.50")
    assert draft.description.startswith("Support for people")  # not sent, not changed


def test_a_draft_sent_back_unchanged_writes_nothing(api, token_for, staff, draft):
    token = token_for(staff)
    shown = api.get(url("opportunity-detail", draft.pk), token=token).json()
    same = {
        name: shown[name]
        for name in ("title", "description", "value", "budget", "closes_at", "quality_weight")
    }
    same["scale"] = shown["scale"]
    entries = AuditEntry.objects.count()
    answer = api.patch(url("opportunity-detail", draft.pk), same, token=token)
    assert answer.status_code == 200, answer.content
    assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize("who", SIGNED_IN_OUTSIDERS)
def test_others_cannot_change_a_draft_and_it_is_the_same_404_as_none(
    request,
    api,
    token_for,
    who,
    draft,
):
    token = key(request, token_for, who)
    hidden = api.patch(url("opportunity-detail", draft.pk), {"title": "Mine"}, token=token)
    missing = api.patch(url("opportunity-detail", draft.pk + 1000), {"title": "Mine"}, token=token)
    assert hidden.status_code == missing.status_code == 404
    assert "Draft recovery" not in hidden.content.decode()
    draft.refresh_from_db()
    assert draft.title == "Draft recovery service"


@pytest.mark.parametrize("who", SIGNED_IN_OUTSIDERS)
def test_others_cannot_change_a_published_one(request, api, token_for, who, opportunity):
    answer = api.patch(
        url("opportunity-detail", opportunity.pk),
        {"title": "Mine"},
        token=key(request, token_for, who),
    )
    assert answer.status_code == 403
    opportunity.refresh_from_db()
    assert opportunity.title == "Housing-led recovery service"


def test_nobody_signed_in_cannot_change_one(api, draft):
    assert api.patch(url("opportunity-detail", draft.pk), {"title": "Mine"}).status_code == 401


def test_a_published_one_cannot_change_and_the_answer_says_why(api, token_for, staff, opportunity):
    answer = api.patch(
        url("opportunity-detail", opportunity.pk), {"title": "New"}, token=token_for(staff)
    )
    assert answer.status_code == 400
    assert "cancel it and start again" in str(answer.json())


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"price_weight": "31"}, "price_weight"),
        (
            {"questions_close_at": (timezone.now() + datetime.timedelta(days=60)).isoformat()},
            "questions_close_at",
        ),
        ({"value": "NaN"}, "value"),
        ({"value": None}, "value"),
        ({"scale": [{"score": "NaN", "descriptor": "Odd"}]}, "scale"),
        ({"scale": [{"score": "1", "descriptor": ""}]}, "scale"),
        ({"contract_months": HUGE}, "contract_months"),
        ({"social_value_framework": 0}, "social_value_framework"),
    ],
)
def test_bad_changes_are_400s_naming_the_field(api, token_for, staff, draft, changes, field):
    token = token_for(staff)  # (making a token is itself audited)
    entries = AuditEntry.objects.count()
    answer = api.patch(url("opportunity-detail", draft.pk), changes, token=token)
    assert answer.status_code == 400, answer.content
    assert field in answer.json(), answer.json()
    assert AuditEntry.objects.count() == entries


def test_a_huge_opportunity_number_is_a_404(api, token_for, staff):
    token = token_for(staff)
    assert (
        api.patch(url("opportunity-detail", HUGE), {"title": "x"}, token=token).status_code == 404
    )
    assert (
        api.post(url("opportunity-criteria", HUGE), {"title": "x"}, token=token).status_code == 404
    )
    assert api.post(url("opportunity-publish", HUGE), {}, token=token).status_code == 404
    assert (
        api.post(url("opportunity-cancel", HUGE), {"reason": "x"}, token=token).status_code == 404
    )
    assert api.delete(url("opportunity-criterion", HUGE, HUGE), token=token).status_code == 404


def test_changing_a_draft_reads_a_bounded_number_of_times(
    api,
    token_for,
    staff,
    draft,
    django_assert_max_num_queries,
):
    token = token_for(staff)
    with django_assert_max_num_queries(30):
        answer = api.patch(url("opportunity-detail", draft.pk), {"title": "Quicker"}, token=token)
    assert answer.status_code == 200


# --- the criteria tree -------------------------------------------------------------------------


@pytest.mark.parametrize("who", RUNNERS)
def test_those_who_run_it_build_the_criteria_tree(request, api, token_for, who, draft):
    token = key(request, token_for, who)
    group = api.post(
        url("opportunity-criteria", draft.pk),
        {"title": "Working with partners", "part": "social_value", "weight": "0"},
        token=token,
    )
    assert group.status_code == 201, group.content
    child = api.post(
        url("opportunity-criteria", draft.pk),
        {
            "title": "Local partners",
            "parent": group.json()["id"],
            "question": "Who will you work with here?",
            "guidance": "Named partners score higher.",
            "weight": "100",
        },
        token=token,
    )
    assert child.status_code == 201, child.content
    assert child.json()["part"] == "social_value"  # a child takes its parent's part
    assert child.json()["guidance"] == "Named partners score higher."
    changed = api.patch(
        url("opportunity-criterion", draft.pk, child.json()["id"]),
        {"title": "Local partners and suppliers"},
        token=token,
    )
    assert changed.status_code == 200
    assert changed.json()["title"] == "Local partners and suppliers"
    removed = api.delete(url("opportunity-criterion", draft.pk, group.json()["id"]), token=token)
    assert removed.status_code == 204
    assert not Criterion.objects.filter(pk__in=[group.json()["id"], child.json()["id"]]).exists()


def test_a_criterion_sent_back_unchanged_writes_nothing(api, token_for, staff, draft):
    criterion = draft.criteria.get(title="Quality")
    token = token_for(staff)
    entries = AuditEntry.objects.count()
    answer = api.patch(
        url("opportunity-criterion", draft.pk, criterion.pk),
        {"title": "Quality", "weight": "100", "part": "quality"},
        token=token,
    )
    assert answer.status_code == 200, answer.content
    assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize(
    "body, field",
    [
        ({"title": "x", "parent": HUGE}, "parent"),
        ({"title": "x", "parent": 0}, "parent"),
        ({"title": "x", "part": "price"}, "part"),
        ({"title": "x", "part": "quality", "weight": "101"}, "weight"),
        ({"title": "x", "part": "quality", "weight": "NaN"}, "weight"),
        ({"title": "x", "part": "quality", "position": HUGE}, "position"),
        ({"part": "quality"}, "title"),
        ({"title": "x"}, "part"),
    ],
)
def test_bad_criteria_are_400s_naming_the_field(api, token_for, staff, draft, body, field):
    before = draft.criteria.count()
    answer = api.post(url("opportunity-criteria", draft.pk), body, token=token_for(staff))
    assert answer.status_code == 400, answer.content
    assert field in answer.json(), answer.json()
    assert draft.criteria.count() == before


def test_a_criterion_cannot_sit_under_its_own_child(api, token_for, staff, draft):
    group = draft.criteria.get(title="Quality")
    child = group.children.first()
    answer = api.patch(
        url("opportunity-criterion", draft.pk, group.pk),
        {"parent": child.pk},
        token=token_for(staff),
    )
    assert answer.status_code == 400
    assert "parent" in answer.json()


def test_a_criterion_of_another_opportunity_is_a_404(api, token_for, staff, draft, opportunity):
    theirs = opportunity.criteria.first()
    token = token_for(staff)
    assert (
        api.patch(
            url("opportunity-criterion", draft.pk, theirs.pk), {"title": "x"}, token=token
        ).status_code
        == 404
    )
    assert (
        api.delete(url("opportunity-criterion", draft.pk, theirs.pk), token=token).status_code
        == 404
    )
    assert Criterion.objects.filter(pk=theirs.pk).exists()


def test_a_published_ones_criteria_cannot_change(api, token_for, staff, opportunity):
    token = token_for(staff)
    criterion = opportunity.criteria.first()
    added = api.post(
        url("opportunity-criteria", opportunity.pk), {"title": "x", "part": "quality"}, token=token
    )
    removed = api.delete(url("opportunity-criterion", opportunity.pk, criterion.pk), token=token)
    assert added.status_code == removed.status_code == 400
    assert Criterion.objects.filter(pk=criterion.pk).exists()


@pytest.mark.parametrize("who", OUTSIDERS)
def test_others_cannot_touch_the_criteria(request, api, token_for, who, draft, opportunity):
    token = key(request, token_for, who)
    expected_draft = 401 if who == "anonymous" else 404
    expected_published = 401 if who == "anonymous" else 403
    criterion = draft.criteria.first()
    theirs = opportunity.criteria.first()
    body = {"title": "Mine", "part": "quality"}
    assert api.post(url("opportunity-criteria", draft.pk), body, token=token).status_code == (
        expected_draft
    )
    assert (
        api.patch(
            url("opportunity-criterion", draft.pk, criterion.pk), body, token=token
        ).status_code
        == expected_draft
    )
    assert (
        api.delete(url("opportunity-criterion", draft.pk, criterion.pk), token=token).status_code
        == expected_draft
    )
    assert api.post(url("opportunity-criteria", opportunity.pk), body, token=token).status_code == (
        expected_published
    )
    assert (
        api.delete(url("opportunity-criterion", opportunity.pk, theirs.pk), token=token).status_code
        == expected_published
    )
    assert Criterion.objects.filter(pk__in=[criterion.pk, theirs.pk]).count() == 2
    assert not Criterion.objects.filter(title="Mine").exists()


# --- publishing and cancelling -----------------------------------------------------------------


@pytest.mark.parametrize("who", RUNNERS)
def test_those_who_run_it_publish_a_draft(request, api, token_for, who, draft):
    answer = api.post(url("opportunity-publish", draft.pk), {}, token=key(request, token_for, who))
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["opportunity"]["status"] == "open"
    assert isinstance(body["open_data_waiting"], bool)
    assert bool(body["open_data_waiting_because"]) == body["open_data_waiting"]
    draft.refresh_from_db()
    assert draft.status == Opportunity.Status.OPEN
    assert draft.published_at is not None


def test_publishing_says_why_it_cannot(api, token_for, staff, draft):
    draft.criteria.update(question="")
    answer = api.post(url("opportunity-publish", draft.pk), {}, token=token_for(staff))
    assert answer.status_code == 400
    assert "Add at least one question" in str(answer.json())
    draft.refresh_from_db()
    assert draft.status == Opportunity.Status.DRAFT


def test_a_published_one_cannot_be_published_again(api, token_for, staff, opportunity):
    answer = api.post(url("opportunity-publish", opportunity.pk), {}, token=token_for(staff))
    assert answer.status_code == 400
    assert "already published" in str(answer.json())


@pytest.mark.parametrize("who", OUTSIDERS)
def test_others_cannot_publish_or_cancel(request, api, token_for, who, draft, opportunity):
    token = key(request, token_for, who)
    expected_draft = 401 if who == "anonymous" else 404
    expected_published = 401 if who == "anonymous" else 403
    assert api.post(url("opportunity-publish", draft.pk), {}, token=token).status_code == (
        expected_draft
    )
    assert api.post(
        url("opportunity-cancel", draft.pk), {"reason": "Because"}, token=token
    ).status_code == (expected_draft)
    assert api.post(
        url("opportunity-cancel", opportunity.pk), {"reason": "Because"}, token=token
    ).status_code == (expected_published)
    draft.refresh_from_db()
    opportunity.refresh_from_db()
    assert draft.status == Opportunity.Status.DRAFT
    assert opportunity.status == Opportunity.Status.OPEN


@pytest.mark.parametrize("who", RUNNERS)
def test_those_who_run_it_cancel_it_saying_why(request, api, token_for, who, opportunity):
    answer = api.post(
        url("opportunity-cancel", opportunity.pk),
        {"reason": "The service is now run in-house."},
        token=key(request, token_for, who),
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["status"] == "cancelled"
    assert answer.json()["cancelled_reason"] == "The service is now run in-house."


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_cancelling_needs_a_reason(api, token_for, staff, opportunity, reason):
    answer = api.post(
        url("opportunity-cancel", opportunity.pk), {"reason": reason}, token=token_for(staff)
    )
    assert answer.status_code == 400
    assert "reason" in answer.json()
    opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.OPEN


def test_a_cancelled_one_cannot_be_cancelled_again(api, token_for, staff, opportunity):
    token = token_for(staff)
    first = api.post(url("opportunity-cancel", opportunity.pk), {"reason": "No money"}, token=token)
    again = api.post(url("opportunity-cancel", opportunity.pk), {"reason": "Still"}, token=token)
    assert first.status_code == 200
    assert again.status_code == 400
    assert "already cancelled" in str(again.json())
