"""Social value frameworks as imported data: the open measures Commonweal ships load, every row
valid and no proxy value, again and again without change; a council's own framework loads from a
CSV for a place its person is staff for, with its licence required; every wrong row named by
number and nothing saved; replacing a framework an opportunity uses refused with why."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.competitions import services_frameworks
from commonweal.competitions.frameworks_csv import (
    MeasureProblems,
    read_measures,
    read_measures_file,
)
from commonweal.competitions.models import Measure, Opportunity, SocialValueFramework
from commonweal.core.models import AuditEntry
from commonweal.testing.factories import RoleFactory, UnverifiedPublicBodyFactory, UserFactory
from commonweal.testing.queries import no_growth, queries_for

GOOD = (
    "code,title,unit,proxy_value,theme\n"
    'NT1,Local people employed,people (FTE) for a year,"£31,512.00",Jobs\n'
    "NT2,Apprenticeships,weeks,250,Skills\n"
    "NT3,Volunteering,hours,,Communities\n"
)
DETAILS = {
    "name": "Riverside TOMs",
    "version": "2024",
    "licence": "CC BY-NC-ND 4.0",
    "licence_url": "https://creativecommons.org/licenses/by-nc-nd/4.0/",
    "source_url": "https://example.org/toms",
}


@pytest.fixture
def self_made_council(riverside):
    body = UnverifiedPublicBodyFactory(name="Totally Real Council", places_served=[riverside])
    user = UserFactory(full_name="Sam Selfmade")
    RoleFactory(user=user, organisation=body, role=Role.COMMISSIONER)
    return user


@pytest.fixture
def as_caller(request, client, sign_in):
    def _as(name: str):
        if name == "anonymous":
            return client
        return sign_in(request.getfixturevalue(name))

    return _as


def upload(staff, place, text=GOOD, **details):
    return services_frameworks.framework_upload(
        actor=staff, place=place, data=text.encode(), **{**DETAILS, **details}
    )


# --- the open measures Commonweal ships (no database for the first) ------------------------------


def test_the_shipped_measures_are_valid_open_and_modest():
    rows = read_measures_file(services_frameworks.OPEN_MEASURES_FILE.read_bytes())
    assert 15 <= len(rows) <= 30
    assert all(row.proxy_value is None for row in rows)  # no proxy values: those are licensed
    assert all(row.code and row.title and row.unit and row.theme for row in rows)
    assert len({row.code for row in rows}) == len(rows)
    readme = (services_frameworks.DATA / "README.md").read_text()
    assert "AGPL-3.0-or-later" in readme
    assert "AGPL-3.0-or-later" in services_frameworks.OPEN_MEASURES_LICENCE


@pytest.mark.django_db
def test_the_command_loads_the_open_measures_once_however_often_it_runs(capsys):
    call_command("competitions", "load-measures")
    framework = SocialValueFramework.objects.get()
    assert framework.place is None
    assert framework.licence == services_frameworks.OPEN_MEASURES_LICENCE
    count = framework.measures.count()
    assert 15 <= count <= 30
    entries = AuditEntry.objects.count()
    call_command("competitions", "load-measures")
    assert SocialValueFramework.objects.get().pk == framework.pk
    assert Measure.objects.count() == count
    assert AuditEntry.objects.count() == entries
    assert "measures" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_command_loads_a_councils_file_for_its_place(tmp_path, riverside):
    path = tmp_path / "toms.csv"
    path.write_text(GOOD)
    call_command(
        "competitions",
        "load-measures",
        str(path),
        "--name",
        "Riverside TOMs",
        "--licence",
        "CC BY-NC-ND 4.0",
        "--place",
        str(riverside.pk),
    )
    framework = SocialValueFramework.objects.get()
    assert framework.place == riverside
    assert framework.measures.get(code="NT1").proxy_value == Decimal("31512.00")
    with pytest.raises(CommandError, match="--licence"):
        call_command("competitions", "load-measures", str(path), "--name", "X", "--place", "1")
    bad = tmp_path / "bad.csv"
    bad.write_text("code,title,unit,proxy_value\nA,B,C,abc\n")
    with pytest.raises(CommandError, match="Row 2"):
        call_command(
            "competitions",
            "load-measures",
            str(bad),
            "--name",
            "Y",
            "--licence",
            "Open",
            "--place",
            str(riverside.pk),
        )


# --- reading a file, row by row -----------------------------------------------------------------


def test_every_wrong_row_is_named_by_its_number():
    text = (
        "code,title,unit,proxy_value,theme\n"
        "A1,Jobs,people,10,Jobs\n"
        "A2,Training,,5,Skills\n"  # row 3: no unit
        "A3,Volunteering,hours,-1,\n"  # row 4: below zero
        "A1,Again,people,,\n"  # row 5: the same code as row 2
        "\n"
        "A4,Carbon,tonnes,abc,\n"  # row 7: not a number
    )
    with pytest.raises(MeasureProblems) as problems:
        read_measures(text)
    messages = problems.value.messages
    assert "Row 3: The unit is empty" in messages
    assert "Row 4: The proxy value “-1” is below zero" in messages
    assert "Row 5: The code “A1” is on row 2 too. Each measure needs its own code" in messages
    assert "Row 7: The proxy value “abc” is not a number" in messages
    assert len(messages) == 4


def test_a_file_without_the_columns_is_refused_at_row_1():
    with pytest.raises(MeasureProblems) as problems:
        read_measures("name,value\nA,1\n")
    assert problems.value.messages[0].startswith("Row 1: The first row must name the columns")
    with pytest.raises(MeasureProblems):
        read_measures("")
    with pytest.raises(MeasureProblems) as problems:
        read_measures("code,title,unit\n")
    assert "The file has no measures" in problems.value.messages[0]


def test_a_spreadsheets_windows_text_and_money_are_read():
    rows = read_measures_file(
        'code,title,unit,proxy_value\nA,Café hours,£ hours,"£1,250.5"\n'.encode("cp1252")
    )
    assert rows[0].title == "Café hours"
    assert rows[0].proxy_value == Decimal("1250.50")


# --- a council's own framework ------------------------------------------------------------------


@pytest.mark.django_db
def test_place_staff_load_their_councils_framework(staff, riverside):
    framework = upload(staff, riverside)
    assert framework.place == riverside
    assert framework.licence == "CC BY-NC-ND 4.0"
    assert framework.loaded_by == staff
    assert framework.measures.count() == 3


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["resident", "stranger", "other_staff", "self_made_council"])
def test_others_cannot_load_one_for_the_place(request, riverside, who):
    with pytest.raises(PermissionDenied):
        upload(request.getfixturevalue(who), riverside)
    assert not SocialValueFramework.objects.exists()


@pytest.mark.django_db
def test_a_wrong_row_saves_nothing(staff, riverside):
    with pytest.raises(ValidationError) as refused:
        upload(staff, riverside, text=GOOD + "NT4,Carbon,tonnes,abc,Environment\n")
    assert "Row 5: The proxy value “abc” is not a number" in refused.value.messages
    assert not SocialValueFramework.objects.exists()
    assert not Measure.objects.exists()


@pytest.mark.django_db
def test_the_licence_is_required(staff, riverside):
    with pytest.raises(ValidationError) as refused:
        upload(staff, riverside, licence="  ")
    assert "licence" in refused.value.message_dict
    assert not SocialValueFramework.objects.exists()


@pytest.mark.django_db
def test_loading_again_replaces_the_measures_unless_an_opportunity_uses_it(
    staff, riverside, opportunity
):
    first = upload(staff, riverside)
    entries = AuditEntry.objects.count()
    assert upload(staff, riverside).pk == first.pk  # the same again: nothing written
    assert AuditEntry.objects.count() == entries
    changed = upload(staff, riverside, text="code,title,unit\nNEW1,Local spend,pounds\n")
    assert changed.pk == first.pk
    assert list(changed.measures.values_list("code", flat=True)) == ["NEW1"]
    Opportunity.objects.filter(pk=opportunity.pk).update(social_value_framework=first)
    with pytest.raises(ValidationError) as refused:
        upload(staff, riverside)
    assert "used by 1 opportunity" in refused.value.messages[0]
    assert "new version" in refused.value.messages[0]
    assert list(first.measures.values_list("code", flat=True)) == ["NEW1"]
    assert upload(staff, riverside, version="2025").pk != first.pk  # a new version loads
    # Its licence corrected, with the same measures: allowed while in use, the measures kept.
    kept = list(first.measures.values_list("pk", flat=True))
    corrected = upload(
        staff, riverside, text="code,title,unit\nNEW1,Local spend,pounds\n", licence="CC BY 4.0"
    )
    assert corrected.licence == "CC BY 4.0"
    assert list(corrected.measures.values_list("pk", flat=True)) == kept


@pytest.mark.django_db
def test_each_place_and_the_open_set_are_apart(staff, other_staff, riverside, elsewhere):
    mine = upload(staff, riverside)
    theirs = upload(other_staff, elsewhere)
    assert mine.pk != theirs.pk
    services_frameworks.open_measures_load()
    assert SocialValueFramework.objects.count() == 3


# --- the pages ----------------------------------------------------------------------------------

CALLERS = [
    "anonymous",
    "resident",
    "stranger",
    "self_made_council",
    "other_staff",
    "staff",
    "back_office",
]


def upload_url() -> str:
    return reverse("competitions:framework-upload")


def form(**changes) -> dict:
    return {
        "place": "",
        **DETAILS,
        "file": SimpleUploadedFile("toms.csv", GOOD.encode(), content_type="text/csv"),
        **changes,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("who", CALLERS)
def test_everyone_sees_the_frameworks_with_licence_and_source(as_caller, staff, riverside, who):
    framework = upload(staff, riverside)
    services_frameworks.open_measures_load()
    client = as_caller(who)
    html = client.get(reverse("competitions:frameworks")).content.decode()
    assert "Riverside TOMs 2024" in html
    assert "CC BY-NC-ND 4.0" in html
    assert "https://example.org/toms" in html
    assert "Written by Commonweal" in html
    assert "AGPL-3.0-or-later" in html
    assert ("Load your council" in html) == (who in {"staff", "back_office", "other_staff"})
    detail = client.get(reverse("competitions:framework", kwargs={"pk": framework.pk}))
    assert "Local people employed" in detail.content.decode()
    assert "£31512.00" in detail.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("who", CALLERS)
def test_who_may_load_a_framework_at_the_page(as_caller, riverside, who):
    client = as_caller(who)
    response = client.get(upload_url())
    if who == "anonymous":
        assert response.status_code == 302
        return
    if who in {"resident", "stranger", "self_made_council"}:
        assert response.status_code == 403
        assert client.post(upload_url(), form(place=riverside.pk)).status_code == 403
        assert not SocialValueFramework.objects.exists()
        return
    assert response.status_code == 200
    response = client.post(upload_url(), form(place=riverside.pk))
    if who == "other_staff":  # staff elsewhere: Riverside is not theirs to choose
        assert response.status_code == 200
        assert "Choose a place you are staff for" in response.content.decode()
        assert not SocialValueFramework.objects.exists()
    else:
        assert response.status_code == 302
        assert SocialValueFramework.objects.get().place == riverside


@pytest.mark.django_db
def test_the_page_names_every_wrong_row_and_saves_nothing(as_caller, riverside):
    bad = "code,title,unit,proxy_value\nA,Jobs,people,1\nB,,people,2\nC,Carbon,tonnes,abc\n"
    response = as_caller("staff").post(
        upload_url(),
        form(place=riverside.pk, file=SimpleUploadedFile("bad.csv", bad.encode())),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Row 3: The title is empty" in html
    assert "Row 4: The proxy value “abc” is not a number" in html
    assert not SocialValueFramework.objects.exists()


@pytest.mark.django_db
def test_the_page_requires_a_licence_and_a_csv_file(as_caller, riverside):
    client = as_caller("staff")
    response = client.post(upload_url(), form(place=riverside.pk, licence=""))
    assert "Enter the framework&#x27;s licence" in response.content.decode()
    pdf = SimpleUploadedFile("toms.pdf", b"%PDF-1.4 not really", content_type="application/pdf")
    response = client.post(upload_url(), form(place=riverside.pk, file=pdf))
    assert "The file must be a CSV file" in response.content.decode()
    assert not SocialValueFramework.objects.exists()


@pytest.mark.django_db
def test_numbers_no_framework_can_have_are_not_found(client):
    assert client.get(f"/opportunities/social-value-frameworks/{2**70}/").status_code == 404
    assert client.get("/opportunities/social-value-frameworks/99/").status_code == 404


@pytest.mark.django_db
def test_the_lists_ask_as_often_for_30_as_for_3(client, staff, riverside):
    def load(start, count):
        for number in range(start, start + count):
            upload(staff, riverside, version=str(number))

    load(0, 3)
    few, _page = queries_for(client, reverse("competitions:frameworks"))
    load(3, 27)
    many, _page = queries_for(client, reverse("competitions:frameworks"))
    no_growth(few, many, ceiling=8, what="the frameworks list")
    framework = SocialValueFramework.objects.first()
    few, _page = queries_for(client, reverse("competitions:framework", kwargs={"pk": framework.pk}))
    rows = "code,title,unit\n" + "".join(f"M{n},Measure {n},hours\n" for n in range(60))
    upload(staff, riverside, version="big", text=rows)
    big = SocialValueFramework.objects.get(version="big")
    many, _page = queries_for(client, reverse("competitions:framework", kwargs={"pk": big.pk}))
    no_growth(few, many, ceiling=8, what="a framework's measures")
