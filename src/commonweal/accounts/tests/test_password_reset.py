"""Resetting a forgotten password by email, sent from a background task."""

import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.urls import reverse
from django_tasks.signals import task_enqueued

from commonweal.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("accounts:password-reset")


@pytest.fixture
def enqueued():
    tasks = []

    def _record(sender, task_result, **kwargs):
        tasks.append(task_result.task.name)

    task_enqueued.connect(_record)
    yield tasks
    task_enqueued.disconnect(_record)


def _link_path(message) -> str:
    link = re.search(r"https?://\S+", message.body).group(0)
    return urlparse(link).path


def test_asking_for_a_reset_sends_a_link_through_the_background_task(client, enqueued):
    UserFactory(email="ruth@example.org", full_name="Ruth Adeyemi")
    response = client.post(URL, {"email": "Ruth@Example.org"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password-reset-done")
    assert enqueued == ["send_email"]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ruth@example.org"]
    assert message.subject == "Reset your Commonweal password"
    assert "Hello Ruth," in message.body
    assert "The link works once, for 24 hours." in message.body


def test_the_link_lets_the_person_choose_a_new_password_and_sign_in_with_it(client):
    user = UserFactory(email="ruth@example.org", full_name="Ruth Adeyemi")
    client.post(URL, {"email": "ruth@example.org"})
    response = client.get(_link_path(mail.outbox[0]), follow=True)
    assert "Choose a new password" in response.content.decode()
    set_password_url = response.redirect_chain[-1][0]
    response = client.post(
        set_password_url,
        {"new_password1": "marigold tugboat quilt", "new_password2": "marigold tugboat quilt"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password-reset-complete")
    user.refresh_from_db()
    assert user.check_password("marigold tugboat quilt")
    signed_in = client.post(
        reverse("accounts:sign-in"),
        {"email": "ruth@example.org", "password": "marigold tugboat quilt"},
    )
    assert signed_in.status_code == 302


def test_the_link_works_only_once(client):
    UserFactory(email="ruth@example.org", full_name="Ruth Adeyemi")
    client.post(URL, {"email": "ruth@example.org"})
    path = _link_path(mail.outbox[0])
    response = client.get(path, follow=True)
    client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "marigold tugboat quilt", "new_password2": "marigold tugboat quilt"},
    )
    page = client.get(path, follow=True).content.decode()
    assert "This link does not work" in page


def test_a_weak_new_password_is_refused(client):
    UserFactory(email="ruth@example.org", full_name="Ruth Adeyemi")
    client.post(URL, {"email": "ruth@example.org"})
    response = client.get(_link_path(mail.outbox[0]), follow=True)
    page = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "password123", "new_password2": "password123"},
    ).content.decode()
    assert "There is a problem" in page and "This password is too common" in page


def test_an_unknown_address_gets_the_same_page_and_no_email(client, enqueued):
    response = client.post(URL, {"email": "nobody@example.org"})
    assert response["Location"] == reverse("accounts:password-reset-done")
    assert mail.outbox == [] and enqueued == []


def test_an_inactive_account_gets_no_email(client):
    UserFactory(email="gone@example.org", is_active=False)
    client.post(URL, {"email": "gone@example.org"})
    assert mail.outbox == []


def test_the_sent_page_does_not_say_whether_the_account_exists(client):
    page = client.get(reverse("accounts:password-reset-done")).content.decode()
    assert "If there is an account with that email address" in page


def test_a_badly_typed_address_is_explained(client):
    page = client.post(URL, {"email": "ruth at example"}).content.decode()
    assert "Enter an email address in the correct format" in page
