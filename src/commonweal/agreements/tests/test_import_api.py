"""POST /api/agreements/import/: who may, the 400 with the row report, the 201."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from commonweal.agreements.models import Agreement

URL = "/api/agreements/import/"
NEXT_YEAR = (timezone.localdate() + datetime.timedelta(days=365)).isoformat()


def good(provider) -> str:
    return (
        "reference,title,provider,value,starts,ends\n"
        f'RBC-1,Night shelter,{provider.org_id},"£420,000",01/04/2024,{NEXT_YEAR}\n'
    )


def send(client, token, text, *, place="riverside", commissioner=None):
    data = {"place": place, "file": SimpleUploadedFile("c.csv", text.encode(), "text/csv")}
    if commissioner is not None:
        data["commissioner"] = commissioner.slug
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post(URL, data, headers=headers)


def test_nobody_signed_in_is_a_401(client, riverside, council, provider):
    response = send(client, None, good(provider), place=riverside.slug, commissioner=council)
    assert response.status_code == 401
    assert not Agreement.objects.exists()


@pytest.mark.parametrize(
    "who", ["resident", "stranger", "self_made", "provider_person", "other_staff"]
)
def test_anybody_but_the_commissioners_staff_is_a_403(
    client, request, token_for, riverside, council, provider, who
):
    person = request.getfixturevalue(who)
    response = send(
        client, token_for(person), good(provider), place=riverside.slug, commissioner=council
    )
    assert response.status_code == 403
    assert not Agreement.objects.exists()


def test_the_commissioners_staff_import_and_get_what_was_imported(
    client, token_for, staff, riverside, council, provider
):
    response = send(
        client, token_for(staff), good(provider), place=riverside.slug, commissioner=council
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["imported"] == 1
    (agreement,) = body["agreements"]
    assert agreement["reference"] == "RBC-1" and agreement["provider"] == provider.slug
    assert agreement["value"] == "420000.00" and agreement["status"] == "live"
    assert agreement["starts_on"] == "2024-04-01"


def test_the_back_office_may_too(client, token_for, back_office, riverside, council, provider):
    response = send(
        client, token_for(back_office), good(provider), place=riverside.slug, commissioner=council
    )
    assert response.status_code == 201


def test_a_bad_file_is_a_400_with_every_problem_by_row_and_nothing_is_imported(
    client, token_for, staff, riverside, council, provider
):
    text = good(provider) + "RBC-2,Outreach,Nobody,abc,2025-04-01,2025-03-01\n"
    response = send(client, token_for(staff), text, place=riverside.slug, commissioner=council)
    assert response.status_code == 400
    assert response.json() == {
        "file": [
            "Row 3: the value “abc” is not an amount of money. Write it in pounds and pence, like "
            "120000 or £120,000.50",
            "Row 3: the end date is before the start date",
        ],
        "rows": [
            {
                "row": 3,
                "column": "value",
                "message": "the value “abc” is not an amount of money. Write it in pounds and "
                "pence, like 120000 or £120,000.50",
            },
            {"row": 3, "column": "ends", "message": "the end date is before the start date"},
        ],
    }
    assert not Agreement.objects.exists()


def test_missing_fields_and_unknown_names_are_400s(client, token_for, staff, riverside, council):
    token = token_for(staff)
    response = client.post(URL, {}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 400
    assert set(response.json()) == {"place", "commissioner", "file"}
    response = send(client, token, "x", place="nowhere", commissioner=council)
    assert response.json()["place"] == ["There is no place with the short name “nowhere”."]
    # JSON is read, but a file can only come as multipart/form-data.
    response = client.post(
        URL,
        {"place": riverside.slug, "commissioner": council.slug, "file": "a,b"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 400 and "file" in response.json()
