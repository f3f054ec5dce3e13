""" "This affects me too": one support per person; a second press changes nothing and says so kindly."""

import pytest
from django.test import Client
from django.urls import reverse

from commonweal.needs import services
from commonweal.needs.models import Support

pytestmark = pytest.mark.django_db


def support_url(need):
    return reverse("needs:support", kwargs={"pk": need.pk})


def test_anonymous_people_are_asked_to_sign_in(client, need):
    response = client.post(support_url(need))
    assert response.status_code == 302 and "sign-in" in response.url
    assert not Support.objects.exists()


def test_supporting_needs_a_post(sign_in, stranger, need):
    assert sign_in(stranger).get(support_url(need)).status_code == 405
    assert not Support.objects.exists()


def test_supporting_needs_a_csrf_token(stranger, need):
    client = Client(enforce_csrf_checks=True)
    client.force_login(stranger)
    assert client.post(support_url(need)).status_code == 403
    assert not Support.objects.exists()


@pytest.mark.parametrize("who", ["stranger", "raiser", "place_staff", "other_staff"])
def test_anyone_signed_in_supports_once(sign_in, request, need, who):
    client = sign_in(request.getfixturevalue(who))
    response = client.post(support_url(need), follow=True)
    assert "You have said this need affects you too." in response.content.decode()
    assert "1 person says this affects them." in response.content.decode()
    assert Support.objects.filter(need=need).count() == 1


def test_a_second_press_is_quietly_ignored_with_a_friendly_message(sign_in, stranger, need):
    client = sign_in(stranger)
    client.post(support_url(need))
    response = client.post(support_url(need), follow=True)
    content = response.content.decode()
    assert response.status_code == 200
    assert "You have already said this need affects you. We count each person once." in content
    assert "There is a problem" not in content
    assert Support.objects.filter(need=need).count() == 1


def test_two_sessions_pressing_together_count_once(stranger, need):
    first, second = Client(), Client()
    first.force_login(stranger)
    second.force_login(stranger)
    responses = [first.post(support_url(need)), second.post(support_url(need))]
    assert [response.status_code for response in responses] == [302, 302]
    assert Support.objects.filter(need=need, user=stranger).count() == 1


def test_the_database_itself_refuses_a_second_support(stranger, need):
    from django.db import IntegrityError, transaction

    Support.objects.create(need=need, user=stranger)
    with pytest.raises(IntegrityError), transaction.atomic():
        Support.objects.create(need=need, user=stranger)


def test_support_can_be_taken_back(sign_in, stranger, need):
    client = sign_in(stranger)
    client.post(support_url(need))
    client.post(reverse("needs:unsupport", kwargs={"pk": need.pk}))
    assert not Support.objects.exists()


def test_a_closed_need_cannot_be_supported(sign_in, stranger, need, place_staff):
    services.need_status_set(
        need=need, status="addressed", reason="The new service has opened.", actor=place_staff
    )
    assert sign_in(stranger).post(support_url(need)).status_code == 403
    assert not Support.objects.exists()


def test_an_unknown_need_is_not_found(sign_in, stranger):
    assert (
        sign_in(stranger).post(reverse("needs:support", kwargs={"pk": 987654})).status_code == 404
    )


def test_the_list_can_be_sorted_by_most_supported(client, raiser, ward, stranger, need):
    from commonweal.needs.tests.conftest import raise_need

    newer = raise_need(raiser, ward, title="A newer need with no supporters")
    services.need_support(need=need, user=stranger)
    newest_first = client.get(reverse("needs:list")).content.decode()
    assert newest_first.index(newer.title) < newest_first.index(need.title)
    supported_first = client.get(reverse("needs:list"), {"sort": "supported"}).content.decode()
    assert supported_first.index(need.title) < supported_first.index(newer.title)
