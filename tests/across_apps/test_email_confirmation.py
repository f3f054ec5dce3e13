"""Email addresses are confirmed, by a signed, expiring, single-purpose link, before anyone votes, supports,
raises or proposes."""

import json
import re
from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlparse

import pytest
from django.core import mail, signing
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from commonweal.accounts import confirmation, services
from commonweal.accounts.models import User
from commonweal.accounts.tokens import api_token_create
from commonweal.needs.models import Need, Support
from commonweal.participation.models import BudgetRound, Project
from commonweal.priorities.models import PriorityRound
from commonweal.testing.factories import UserFactory
from commonweal.testing.place_world import make_resident

pytestmark = pytest.mark.django_db

PROMPT = "Confirm your email address to"
SEND_AGAIN = reverse("accounts:confirm-email-send")


def _link(message) -> str:
    return urlparse(re.search(r"https?://\S+", message.body).group(0)).path


def _confirm_url(token: str) -> str:
    return reverse("accounts:confirm-email", kwargs={"token": token})


# --- the link -----------------------------------------------------------------------------------


def test_signing_up_sends_a_link_and_following_it_confirms_the_address(client):
    client.post(
        reverse("accounts:sign-up"),
        {
            "full_name": "Ruth Adeyemi",
            "email": "ruth@example.org",
            "password1": "marigold tugboat quilt",
            "password2": "marigold tugboat quilt",
        },
    )
    person = User.objects.get(email="ruth@example.org")
    assert person.email_confirmed_at is None
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ruth@example.org"]
    link = _link(mail.outbox[0])
    # Opening the link confirms nothing (a mail scanner may open it); the button does.
    page = client.get(link).content.decode()
    assert "Confirm that <strong>ruth@example.org</strong> is your email address" in page
    person.refresh_from_db()
    assert person.email_confirmed_at is None
    assert client.post(link).status_code == 302
    person.refresh_from_db()
    assert person.email_confirmed_at is not None
    assert "is already confirmed" in client.get(link).content.decode()
    settings_page = client.get(reverse("accounts:settings")).content.decode()
    assert "Not confirmed" not in settings_page and "Confirmed" in settings_page


def test_the_link_works_without_being_signed_in(client):
    person = UserFactory(unconfirmed=True)
    response = client.post(_confirm_url(confirmation.link_token(person)))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:sign-in")
    person.refresh_from_db()
    assert person.email_confirmed_at is not None


def test_a_forged_link_is_refused_with_a_message(client):
    person = UserFactory(unconfirmed=True)
    token = confirmation.link_token(person)
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    for bad in (
        forged,
        "nonsense",
        signing.dumps({"u": person.pk, "e": person.email}, salt="someone.else"),
    ):
        response = client.post(_confirm_url(bad))
        assert response.status_code == 400
        assert "This link is not valid" in response.content.decode()
    person.refresh_from_db()
    assert person.email_confirmed_at is None


def test_a_password_reset_link_does_not_confirm_an_address(client):
    person = UserFactory(email="ruth@example.org", unconfirmed=True)
    client.post(reverse("accounts:password-reset"), {"email": "ruth@example.org"})
    reset_token = _link(mail.outbox[0]).rstrip("/").split("/")[-1]
    response = client.post(_confirm_url(reset_token))
    assert response.status_code == 400 and "This link is not valid" in response.content.decode()
    person.refresh_from_db()
    assert person.email_confirmed_at is None


def test_an_expired_link_is_refused_with_a_message(client):
    person = UserFactory(unconfirmed=True)
    token = confirmation.link_token(person)
    with override_settings(EMAIL_CONFIRMATION_TIMEOUT=-1):
        response = client.post(_confirm_url(token))
    assert response.status_code == 400 and "This link has expired" in response.content.decode()
    person.refresh_from_db()
    assert person.email_confirmed_at is None


def test_changing_the_email_address_unconfirms_it_and_the_old_link_stops_working(client, sign_in):
    person = UserFactory(email="old@example.org", unconfirmed=True)
    old_token = confirmation.link_token(person)
    services.user_email_confirm(user=person)
    sign_in(person)
    client.post(
        reverse("accounts:change-details"),
        {
            "full_name": person.full_name,
            "email": "new@example.org",
            "current_password": "correct horse battery staple",
        },
    )
    person.refresh_from_db()
    assert person.email == "new@example.org" and person.email_confirmed_at is None
    assert mail.outbox[-1].to == ["new@example.org"]
    response = client.post(_confirm_url(old_token))
    assert response.status_code == 400 and "no longer on the account" in response.content.decode()
    client.post(_link(mail.outbox[-1]))
    person.refresh_from_db()
    assert person.email_confirmed_at is not None


def test_changing_only_the_name_keeps_the_address_confirmed():
    person = UserFactory()
    services.user_update_details(
        actor=person, user=person, full_name="New Name", email=person.email
    )
    person.refresh_from_db()
    assert person.email_confirmed_at is not None
    assert mail.outbox == []


@override_settings(
    ATTEMPT_LIMITS={
        **confirmation.settings.ATTEMPT_LIMITS,
        "confirm-email": {"email": (2, 60), "network": (20, 60)},
    }
)
def test_another_link_can_be_asked_for_a_few_times(client, sign_in):
    person = UserFactory(unconfirmed=True)
    sign_in(person)
    for _ in range(2):
        page = client.post(
            SEND_AGAIN, {"next": reverse("needs:list")}, follow=True
        ).content.decode()
        assert f"We have sent a new link to {person.email}" in page
    page = client.post(SEND_AGAIN, follow=True).content.decode()
    assert "You have asked for too many links. Wait 60 minutes" in page
    assert len(mail.outbox) == 2


def test_asking_for_a_link_needs_a_signed_in_person_and_a_post(client):
    assert client.post(SEND_AGAIN)["Location"].startswith(reverse("accounts:sign-in"))
    assert mail.outbox == []


# --- what an unconfirmed person cannot do ---------------------------------------------------------


@pytest.fixture
def need(riverside):
    return Need.objects.create(
        place=riverside, title="No youth club", problem="Nowhere to go.", population="Young people"
    )


@pytest.fixture
def budget_round(riverside, council, staff):
    def _make(status):
        round_ = BudgetRound.objects.create(
            place=riverside,
            run_by=council,
            title="Riverside decides",
            status=status,
            created_by=staff,
            budget=Decimal("10000"),
        )
        Project.objects.create(
            round=round_, title="Street trees", cost=Decimal("4000"), status=Project.Status.ACCEPTED
        )
        return round_

    return _make


@pytest.fixture
def priority_round(riverside, council, staff, need):
    now = timezone.now()
    round_ = PriorityRound.objects.create(
        place=riverside,
        run_by=council,
        title="Which needs first?",
        method=PriorityRound.Method.APPROVAL,
        eligibility=PriorityRound.Eligibility.RESIDENTS,
        status=PriorityRound.Status.OPEN,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=7),
        created_by=staff,
    )
    round_.needs.set([need])
    return round_


def _resident(ward, *, confirmed: bool):
    person = make_resident(ward)
    if not confirmed:
        User.objects.filter(pk=person.pk).update(email_confirmed_at=None)
        person.refresh_from_db()
    return person


def test_an_unconfirmed_person_cannot_support_a_need_and_is_told_why(client, sign_in, ward, need):
    person = _resident(ward, confirmed=False)
    sign_in(person)
    page = client.get(reverse("needs:detail", kwargs={"pk": need.pk})).content.decode()
    assert (
        f"{PROMPT} say this affects you. We sent a link to <strong>{person.email}</strong>." in page
    )
    assert "Send it again" in page
    assert client.post(reverse("needs:support", kwargs={"pk": need.pk})).status_code == 403
    assert not Support.objects.exists()


def test_a_confirmed_person_can_support_a_need(client, sign_in, ward, need):
    sign_in(_resident(ward, confirmed=True))
    assert (
        PROMPT not in client.get(reverse("needs:detail", kwargs={"pk": need.pk})).content.decode()
    )
    client.post(reverse("needs:support", kwargs={"pk": need.pk}))
    assert Support.objects.filter(need=need).count() == 1


def test_an_unconfirmed_person_cannot_comment_and_is_told_why(client, sign_in, ward, need):
    person = _resident(ward, confirmed=False)
    sign_in(person)
    page = client.get(reverse("needs:detail", kwargs={"pk": need.pk})).content.decode()
    assert f"{PROMPT} comment. We sent a link to <strong>{person.email}</strong>." in page
    assert "Add your comment" not in page
    response = client.post(reverse("needs:comment", kwargs={"pk": need.pk}), {"body": "Me too"})
    assert response.status_code == 403
    assert not need.comments.exists()


def test_a_confirmed_person_can_comment(client, sign_in, ward, need):
    sign_in(_resident(ward, confirmed=True))
    assert (
        "Add your comment"
        in client.get(reverse("needs:detail", kwargs={"pk": need.pk})).content.decode()
    )
    client.post(reverse("needs:comment", kwargs={"pk": need.pk}), {"body": "Me too"})
    assert need.comments.count() == 1


def test_an_unconfirmed_person_cannot_raise_a_need_on_the_pages_or_the_api(client, sign_in, ward):
    person = _resident(ward, confirmed=False)
    sign_in(person)
    page = client.get(reverse("needs:list")).content.decode()
    assert f"{PROMPT} raise a need." in page and reverse("needs:raise") not in page
    refused = client.get(reverse("needs:raise"))
    assert refused.status_code == 403
    # The refusal says what to do about it, and offers the link again.
    assert f"We sent a link to <strong>{person.email}</strong>" in refused.content.decode()
    assert "Send it again" in refused.content.decode()
    _, key = api_token_create(user=person, name="scripts")
    response = client.post(
        reverse("api:need-list"),
        json.dumps(
            {
                "title": "Broken lifts",
                "problem": "The lifts are broken.",
                "population": "Tenants",
                "place": ward.slug,
            }
        ),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 403
    assert response.json()["detail"].startswith(
        f"{PROMPT} raise a need. We sent a link to {person.email}."
    )
    assert not Need.objects.filter(title="Broken lifts").exists()


def test_a_confirmed_person_can_raise_a_need_on_the_pages_and_the_api(client, sign_in, ward):
    person = _resident(ward, confirmed=True)
    sign_in(person)
    page = client.get(reverse("needs:list")).content.decode()
    assert PROMPT not in page and reverse("needs:raise") in page
    assert client.get(reverse("needs:raise")).status_code == 200
    _, key = api_token_create(user=person, name="scripts")
    response = client.post(
        reverse("api:need-list"),
        json.dumps(
            {
                "title": "Broken lifts",
                "problem": "The lifts are broken.",
                "population": "Tenants",
                "place": ward.slug,
            }
        ),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 201


def test_an_unconfirmed_person_cannot_vote_in_a_priority_round(
    client, sign_in, ward, priority_round
):
    person = _resident(ward, confirmed=False)
    sign_in(person)
    page = client.get(
        reverse("priorities:round", kwargs={"pk": priority_round.pk})
    ).content.decode()
    assert f"{PROMPT} vote." in page
    assert reverse("priorities:vote", kwargs={"pk": priority_round.pk}) not in page
    assert (
        client.get(reverse("priorities:vote", kwargs={"pk": priority_round.pk})).status_code == 403
    )


def test_a_confirmed_person_can_vote_in_a_priority_round(client, sign_in, ward, priority_round):
    sign_in(_resident(ward, confirmed=True))
    page = client.get(
        reverse("priorities:round", kwargs={"pk": priority_round.pk})
    ).content.decode()
    assert PROMPT not in page
    assert (
        client.get(reverse("priorities:vote", kwargs={"pk": priority_round.pk})).status_code == 200
    )


def test_an_unconfirmed_person_cannot_vote_in_a_community_budget_on_the_pages_or_the_api(
    client, sign_in, ward, budget_round
):
    round_ = budget_round(BudgetRound.Status.VOTING)
    person = _resident(ward, confirmed=False)
    sign_in(person)
    page = client.get(reverse("participation:round", kwargs={"pk": round_.pk})).content.decode()
    assert (
        f"{PROMPT} vote." in page
        and reverse("participation:vote", kwargs={"pk": round_.pk}) not in page
    )
    assert client.get(reverse("participation:vote", kwargs={"pk": round_.pk})).status_code == 403
    _, key = api_token_create(user=person, name="scripts")
    trees = str(round_.projects.get().pk)
    response = client.put(
        reverse("api:budget-my-ballot", kwargs={"pk": round_.pk}),
        json.dumps({"projects": {trees: 1}, "age_confirmed": True}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 403
    assert response.json()["detail"].startswith(f"{PROMPT} vote. We sent a link to {person.email}.")


def test_a_confirmed_person_can_vote_in_a_community_budget(client, sign_in, ward, budget_round):
    round_ = budget_round(BudgetRound.Status.VOTING)
    person = _resident(ward, confirmed=True)
    sign_in(person)
    assert (
        PROMPT
        not in client.get(reverse("participation:round", kwargs={"pk": round_.pk})).content.decode()
    )
    assert client.get(reverse("participation:vote", kwargs={"pk": round_.pk})).status_code == 200
    _, key = api_token_create(user=person, name="scripts")
    trees = str(round_.projects.get().pk)
    response = client.put(
        reverse("api:budget-my-ballot", kwargs={"pk": round_.pk}),
        json.dumps({"projects": {trees: 1}, "age_confirmed": True}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 200


def test_an_unconfirmed_person_cannot_propose_a_project(client, sign_in, ward, budget_round):
    round_ = budget_round(BudgetRound.Status.PROPOSALS)
    sign_in(_resident(ward, confirmed=False))
    page = client.get(reverse("participation:round", kwargs={"pk": round_.pk})).content.decode()
    assert f"{PROMPT} put forward a project idea." in page
    assert "Sign in to put forward an idea" not in page
    assert client.get(reverse("participation:propose", kwargs={"pk": round_.pk})).status_code == 403


def test_a_confirmed_person_can_propose_a_project(client, sign_in, ward, budget_round):
    round_ = budget_round(BudgetRound.Status.PROPOSALS)
    sign_in(_resident(ward, confirmed=True))
    page = client.get(reverse("participation:round", kwargs={"pk": round_.pk})).content.decode()
    assert PROMPT not in page and reverse("participation:propose", kwargs={"pk": round_.pk}) in page
    assert client.get(reverse("participation:propose", kwargs={"pk": round_.pk})).status_code == 200
