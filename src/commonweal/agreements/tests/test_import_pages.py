"""The import page and its template file: who may, the row-numbered report, the confirmation."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from commonweal.agreements.models import Agreement

URL = reverse("agreements:import")
TEMPLATE = reverse("agreements:import-template")
NEXT_YEAR = (timezone.localdate() + datetime.timedelta(days=365)).isoformat()


def csv_file(text: str, name="contracts.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def good(provider) -> str:
    return (
        "reference,title,provider,value,starts,ends\n"
        f'RBC-1,Night shelter,{provider.org_id},"£420,000",01/04/2024,{NEXT_YEAR}\n'
        f"RBC-2,Street outreach,Harbour Housing Co-op,260000,2024-04-01,{NEXT_YEAR}\n"
    )


@pytest.mark.parametrize("url", [URL, TEMPLATE])
def test_anonymous_is_asked_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "sign-in" in response["Location"]


@pytest.mark.parametrize("who", ["resident", "stranger", "self_made", "provider_person"])
@pytest.mark.parametrize("url", [URL, TEMPLATE])
def test_people_who_act_for_no_public_body_may_not(client, sign_in, request, who, url):
    sign_in(request.getfixturevalue(who))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("who", ["resident", "stranger", "self_made", "provider_person"])
def test_nor_may_they_post(client, sign_in, request, riverside, council, provider, who):
    sign_in(request.getfixturevalue(who))
    response = client.post(
        URL, {"place": riverside.pk, "commissioner": council.pk, "file": csv_file(good(provider))}
    )
    assert response.status_code == 403
    assert not Agreement.objects.exists()


def test_the_page_offers_only_the_places_and_bodies_the_person_acts_for(
    client, sign_in, staff, riverside, council, elsewhere
):
    sign_in(staff)
    response = client.get(URL)
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.fields["place"].queryset) == [riverside]
    assert list(form.fields["commissioner"].queryset) == [council]
    page = response.content.decode()
    assert "Import existing contracts and grants" in page
    assert TEMPLATE in page and "payment_terms_days" in page


def test_the_commissioner_imports_a_file_and_sees_what_was_imported(
    client, sign_in, staff, riverside, council, provider
):
    sign_in(staff)
    response = client.post(
        URL, {"place": riverside.pk, "commissioner": council.pk, "file": csv_file(good(provider))}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Agreements imported" in page
    assert "2 agreements of Riverside Council are on Commonweal" in page
    assert "Night shelter" in page and "£420,000.00" in page
    assert set(Agreement.objects.values_list("reference", flat=True)) == {"RBC-1", "RBC-2"}


def test_a_bad_file_gets_the_error_summary_by_row_and_imports_nothing(
    client, sign_in, staff, riverside, council, provider
):
    sign_in(staff)
    text = good(provider) + "RBC-3,Day centre,Harbour Housing Co-op,1000,2025-04-01,2025-03-01\n"
    response = client.post(
        URL, {"place": riverside.pk, "commissioner": council.pk, "file": csv_file(text)}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Row 4: the end date is before the start date" in page
    assert response.context["problems"] == [
        {"row": 4, "column": "ends", "message": "the end date is before the start date"}
    ]
    assert not Agreement.objects.exists()


def test_a_file_that_is_not_csv_and_no_file_at_all(client, sign_in, staff, riverside, council):
    sign_in(staff)
    response = client.post(
        URL,
        {
            "place": riverside.pk,
            "commissioner": council.pk,
            "file": SimpleUploadedFile("x.png", b"\x89PNG\r\n\x1a\n0000", content_type="image/png"),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "The file must be a CSV file. Save it from your spreadsheet as CSV UTF-8 and upload it again"
    ]
    response = client.post(URL, {"place": riverside.pk, "commissioner": council.pk})
    assert response.context["form"].errors["file"] == ["Choose a CSV file of the agreements"]


def test_another_places_staff_may_not_import_for_riverside(
    client, sign_in, other_staff, riverside, council, provider
):
    sign_in(other_staff)
    response = client.post(
        URL, {"place": riverside.pk, "commissioner": council.pk, "file": csv_file(good(provider))}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["place"] == ["Choose a place you are staff for"]
    assert errors["commissioner"] == ["Choose a body you act for"]
    assert not Agreement.objects.exists()


def test_the_back_office_imports_for_a_body_only_where_it_is_verified(
    client, sign_in, back_office, riverside, elsewhere, council, provider
):
    sign_in(back_office)
    response = client.post(
        URL, {"place": elsewhere.pk, "commissioner": council.pk, "file": csv_file(good(provider))}
    )
    assert response.context["form"].errors["commissioner"] == [
        "Choose a body you act for that serves Elsewhere"
    ]
    response = client.post(
        URL, {"place": riverside.pk, "commissioner": council.pk, "file": csv_file(good(provider))}
    )
    assert "Agreements imported" in response.content.decode()
    assert Agreement.objects.count() == 2


def test_the_template_file(client, sign_in, staff):
    sign_in(staff)
    response = client.get(TEMPLATE)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    lines = response.content.decode().split("\r\n")
    assert lines[0] == (
        "reference,title,provider,kind,value,starts,ends,payment_terms_days,payment_profile,summary"
    )
    assert lines[1].startswith(
        'RBC-2021-014,Street outreach team,GB-CHC-1123456,contract,"£260,000"'
    )
