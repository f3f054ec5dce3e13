"""The demo's people have been told what happened to the needs they raised or support: the demo
resident finds news waiting on their notifications page, follows their ward, and loading the demo
again tells nobody twice."""

import html

import pytest
from django.core import mail
from django.urls import reverse

from commonweal.accounts.models import User
from commonweal.demo import data, services
from commonweal.needs.models import Need
from commonweal.notifications.models import Follow, Notification

pytestmark = pytest.mark.django_db


def test_the_demo_resident_has_news_of_the_needs_they_support(demo_place, client):
    resident = User.objects.get(email=data.email("resident"))
    news = Notification.objects.filter(user=resident)
    assert news.exists() and resident.unread_notifications == news.count()
    assert Follow.objects.filter(user=resident, kind="place").exists()
    assert mail.outbox == [], "the demo's people are fictional: nobody is emailed"

    client.force_login(resident)
    page = client.get(reverse("notifications:list")).content.decode()
    need = Need.objects.get(pk=news.select_related("event").first().event.object_id)
    assert need.title in html.unescape(page)
    assert ">New</strong>" in page


def test_loading_again_tells_nobody_twice(demo_place):
    before = Notification.objects.count()
    services.demo_load()
    assert Notification.objects.count() == before
