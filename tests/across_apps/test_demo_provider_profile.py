"""The demo's provider can do what her dashboard asks: keep the night shelter's profile up to date.
Here because it loads the demo, which sits above the home app's layer."""

import pytest
from django.urls import reverse

from commonweal.accounts.models import User
from commonweal.demo import data, services

pytestmark = pytest.mark.django_db


def test_the_demo_providers_person_can_edit_the_profile_her_dashboard_asks_her_to_keep(sign_in):
    services.demo_load()
    leila = User.objects.get(email=data.email("provider_member"))
    client = sign_in(leila)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert "Keep its profile up to date" in html
    edit = reverse("organisations:edit", args=["riverside-night-shelter"])
    assert edit in html and client.get(edit).status_code == 200
