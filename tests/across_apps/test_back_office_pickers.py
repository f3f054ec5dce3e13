"""The back office's pages for rounds, panels and co-design sessions name needs, organisations and
people by id: none lists every need, organisation or person there is (thousands in a city, and a
page of every one took half a second to a second and a half)."""

import pytest
from django.urls import reverse

from commonweal.needs.models import Need
from commonweal.testing.factories import OrganisationFactory, UserFactory

ADD_PAGES = [
    "admin:participation_budgetround_add",
    "admin:priorities_priorityround_add",
    "admin:panels_panel_add",
    "admin:codesign_session_add",
    "admin:codesign_decision_add",
]


@pytest.mark.parametrize("page", ADD_PAGES)
def test_an_add_page_lists_no_need_organisation_or_person(client, sign_in, riverside, page):
    Need.objects.create(place=riverside, title="A need nobody chose", problem="-", population="-")
    OrganisationFactory(name="An organisation nobody chose")
    UserFactory(full_name="A person nobody chose", email="nobody-chose@example.org")
    admin = UserFactory(full_name="Bea Backoffice", is_staff=True, is_superuser=True)
    sign_in(admin)
    response = client.get(reverse(page))
    assert response.status_code == 200
    content = response.content.decode()
    for name in ("A need nobody chose", "An organisation nobody chose", "nobody-chose@example.org"):
        assert name not in content, f"{page} lists {name}"
