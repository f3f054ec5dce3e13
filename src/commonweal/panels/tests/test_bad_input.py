"""Bad input to the panel pages: a clear message, nothing lost, never a crash."""

import pytest
from django.urls import reverse

from commonweal.panels.models import Feature
from commonweal.panels.tests.helpers import make_panel, pool_csv, pool_rows, post_pool

pytestmark = pytest.mark.django_db


def pool_names(panel) -> list[str]:
    return list(panel.pool.order_by("number").values_list("name", flat=True))


@pytest.mark.parametrize("big_cell", ["x" * 200_000, "\n".join(["x" * 1000] * 200)])
def test_a_pool_file_with_a_cell_too_big_to_read_is_refused_by_row_and_the_pool_is_kept(
    sign_in, big_cell, django_capture_on_commit_callbacks
):
    panel, staff = make_panel(pool=12)
    before = pool_names(panel)
    rows = pool_rows(3)
    rows[1][0] = big_cell
    response = post_pool(sign_in(staff), panel, pool_csv(rows), django_capture_on_commit_callbacks)
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "Nothing was saved" in page
        and "Row 3: The row is too long or is not laid out as CSV" in page
    )
    assert pool_names(panel) == before


def test_a_pool_file_whose_header_is_too_big_to_read_is_refused(
    sign_in, django_capture_on_commit_callbacks
):
    panel, staff = make_panel(pool=None)
    data = pool_csv(pool_rows(2), header=("name", "email", "household", "Sex", "x" * 200_000))
    response = post_pool(sign_in(staff), panel, data, django_capture_on_commit_callbacks)
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "Row 1: The row is too long or is not laid out as CSV. The first row must be the header: name, email, "
        "household, Sex, Age band" in page
    )
    assert not panel.pool.exists()


def test_names_households_and_emails_longer_than_the_pool_holds_are_refused_by_row(
    sign_in, django_capture_on_commit_callbacks
):
    panel, staff = make_panel(pool=12)
    before = pool_names(panel)
    rows = pool_rows(4)
    rows[0][0] = "N" * 201
    rows[1][2] = "h" * 101
    rows[2][1] = (
        "a" * 64 + "@" + ("b" * 60 + ".") * 3 + "example.org"
    )  # 259 characters, but a valid address
    response = post_pool(sign_in(staff), panel, pool_csv(rows), django_capture_on_commit_callbacks)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Row 2: The name must be 200 characters or fewer. It has 201" in page
    assert "Row 3: The household must be 100 characters or fewer. It has 101" in page
    assert "Row 4: The email must be 254 characters or fewer. It has 259" in page
    assert pool_names(panel) == before
    rows = pool_rows(4)
    rows[0][0], rows[1][2] = "N" * 200, "h" * 100
    response = post_pool(sign_in(staff), panel, pool_csv(rows), django_capture_on_commit_callbacks)
    assert response.status_code == 200 and pool_names(panel)[0] == "N" * 200


def test_a_category_longer_than_100_characters_is_refused_and_no_feature_is_added(sign_in):
    panel, staff = make_panel(pool=None)
    response = sign_in(staff).post(
        reverse("panels:features", kwargs={"pk": panel.pk}),
        {"name": "Tenure", "categories": "Owns their home\n" + "R" * 101},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert f"Each category must be 100 characters or fewer. {'R' * 30}… has 101" in page
    assert not Feature.objects.filter(panel=panel, name="Tenure").exists()
