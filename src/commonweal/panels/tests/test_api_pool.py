"""The API's pool of a citizens' panel (/api/panels/<id>/pool/): 50 people a page by pool number, each
with their published chance and whether the draw chose them; names and contacts only for the staff
running the panel, as the panel's own answer gave them before it left the pool to this list."""

import json

import pytest
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.panels import selection, services
from commonweal.panels.models import Panel
from commonweal.panels.tests.helpers import make_panel, staff_for
from commonweal.testing.factories import (
    LocalAuthorityFactory,
    PublicBodyFactory,
    RoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PERSONAL = ("name", "email", "household", "values")


def pool_url(panel) -> str:
    return reverse("api:panel-pool", kwargs={"pk": panel.pk})


def people(panel) -> dict:
    """Everyone who might ask, by who they are, for the panel's place."""
    self_made_body = PublicBodyFactory(verified=False)  # registered itself, not yet verified
    self_made_body.places_served.add(panel.place)
    return {
        "anonymous": None,
        "resident": UserFactory(),
        "self-made staff": RoleFactory(role=Role.COMMISSIONER, organisation=self_made_body).user,
        "another place's staff": staff_for(LocalAuthorityFactory()),
    }


@pytest.fixture
def drawn(django_capture_on_commit_callbacks):
    panel, staff = make_panel(size=4, pool=12)
    with django_capture_on_commit_callbacks(execute=True):
        selection.run_start(actor=staff, panel=panel, method="leximin", time_limit=30)
    services.draw_make(actor=staff, panel=panel, seed="6 2 5")
    panel.refresh_from_db()
    return panel, staff


def test_only_the_panels_own_staff_and_the_back_office_get_names(api, token_for, drawn):
    panel, staff = drawn
    for who, person in people(panel).items():
        token = token_for(person) if person is not None else None
        response = api.get(pool_url(panel), token=token)
        assert response.status_code == 200, who
        body = response.json()
        assert body["count"] == 12, who
        assert all(person[key] is None for person in body["results"] for key in PERSONAL), who
        assert "volunteer1@example.net" not in response.content.decode(), who
        assert "Person 1" not in response.content.decode(), who
    for who, person in (("the panel's staff", staff), ("the back office", None)):
        person = person or UserFactory(is_staff=True)
        first = api.get(pool_url(panel), token=token_for(person)).json()["results"][0]
        assert first == {
            "number": 1,
            "probability": first["probability"],
            "drawn": first["drawn"],
            "name": "Person 1",
            "email": "volunteer1@example.net",
            "household": "h1",
            "values": {"Sex": "Female", "Age band": "Under 40"},
        }, who


def test_a_drafts_pool_is_refused_to_all_but_its_staff(api, token_for):
    panel, staff = make_panel(pool=12)
    Panel.objects.filter(pk=panel.pk).update(status=Panel.Status.DRAFT)
    for who, person in people(panel).items():
        token = token_for(person) if person is not None else None
        response = api.get(pool_url(panel), token=token)
        assert response.status_code == 403, who
        assert "volunteer1@example.net" not in response.content.decode(), who
    response = api.get(pool_url(panel), token=token_for(staff))
    assert response.status_code == 200
    assert response.json()["results"][0]["email"] == "volunteer1@example.net"


def test_a_password_only_session_gets_no_names(client):
    """The second factor guards the pool's pages as it guarded the panel's."""
    panel, staff = make_panel(pool=12)
    client.force_login(staff)
    response = client.get(pool_url(panel))
    assert response.status_code in (401, 403)
    assert "volunteer1@example.net" not in response.content.decode()


def test_each_persons_published_chance_and_the_draw(api, drawn):
    """The chances are the run's, by pool number (the results page's table), and the drawn are the draw's."""
    panel, _staff = drawn
    run, draw = panel.draw.run, panel.draw
    listed = api.get(pool_url(panel)).json()["results"]
    assert [person["number"] for person in listed] == list(range(1, 13))
    assert {person["number"]: person["probability"] for person in listed} == {
        int(number): probability for number, probability in run.selection_probability.items()
    }
    assert sorted(person["number"] for person in listed if person["drawn"]) == sorted(draw.drawn)
    assert sum(person["probability"] for person in listed) == pytest.approx(panel.size)


def test_before_a_lottery_the_chances_are_null(api):
    panel, _staff = make_panel(pool=12)
    listed = api.get(pool_url(panel)).json()["results"]
    assert len(listed) == 12
    assert all(person["probability"] is None and not person["drawn"] for person in listed)


def test_the_pool_is_fifty_a_page(api, token_for):
    panel, staff = make_panel(size=4, pool=55)
    token = token_for(staff)
    first = api.get(pool_url(panel), token=token).json()
    assert first["count"] == 55 and len(first["results"]) == 50
    assert first["results"][-1]["email"] == "volunteer50@example.net"
    assert first["next"].endswith("?page=2")
    second = api.get(pool_url(panel), {"page": "2"}, token=token).json()
    assert [person["number"] for person in second["results"]] == [51, 52, 53, 54, 55]
    assert second["next"] is None
    past = api.get(pool_url(panel), {"page": "3"}, token=token)
    assert past.status_code == 404 and "The last page is 2" in past.json()["detail"]
    assert api.get(pool_url(panel), {"page": "nought"}).status_code == 400


def test_an_unknown_panel_is_a_404(client):
    panel, _staff = make_panel(pool=None)
    response = client.get(reverse("api:panel-pool", kwargs={"pk": panel.pk + 1000}))
    assert response.status_code == 404
    assert str(panel.pk + 1000) in response.json()["detail"]


def test_the_panels_answer_counts_the_pool_and_links_to_it(api, token_for, drawn):
    """Whoever asks, one panel's answer has the pool's count and address, and no person in it."""
    panel, staff = drawn
    url = reverse("api:panel-detail", kwargs={"pk": panel.pk})
    public = api.get(url).json()
    assert public["pool"] == {"count": 12, "address": pool_url(panel)}
    assert public["selection"]["panel_count"] >= 1 and "chances" not in public["selection"]
    assert api.get(public["pool"]["address"]).status_code == 200
    full = api.get(url, token=token_for(staff)).json()
    assert full == public
    assert "volunteer1@example.net" not in json.dumps(full)
