"""Import a new draft from CSV or JSON: every row checked first, nothing saved if any is bad; exports re-import."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commonweal.outcomes import exchange, selectors
from commonweal.outcomes.models import FrameworkVersion, Indicator, OutcomeArea

pytestmark = pytest.mark.django_db

HEADER = ",".join(exchange.COLUMNS)


def import_url(framework) -> str:
    return reverse("outcomes:version-import", kwargs={"slug": framework.slug})


def export(client, version, file_format: str) -> bytes:
    return client.get(
        reverse(
            f"outcomes:export-{file_format}",
            kwargs={"slug": version.framework.slug, "number": version.number},
        )
    ).content


def upload(name: str, content: bytes, note: str = "Imported from the workshop") -> dict:
    return {"file": SimpleUploadedFile(name, content), "change_note": note}


def row(**values) -> str:
    return ",".join(values.get(column, "") for column in exchange.COLUMNS)


GOOD = {
    "area_code": "A1",
    "area_name": "Housing",
    "outcome_code": "O1",
    "outcome_title": "People keep their home",
    "indicator_code": "I1",
    "indicator_name": "Evictions",
    "definition": "Court evictions",
    "unit": "households",
    "direction": "lower",
    "baseline_value": "30",
    "baseline_date": "2025-04-01",
    "target_value": "12",
    "target_date": "2027-03-31",
    "data_source": "County court",
    "frequency": "quarterly",
    "breakdowns": "age;ward",
}


@pytest.mark.parametrize("file_format", ["csv", "json"])
def test_an_exported_file_re_imports_to_the_same_content(sign_in, published, manager, file_format):
    client = sign_in(manager)
    data = export(client, published, file_format)
    response = client.post(
        import_url(published.framework), upload(f"framework.{file_format}", data)
    )
    assert response.status_code == 302
    imported = published.framework.versions.get(number=2)
    assert (
        imported.status == FrameworkVersion.Status.DRAFT
        and imported.change_note == "Imported from the workshop"
    )
    assert selectors.version_as_dict(imported) == selectors.version_as_dict(published)
    again = export(client, imported, file_format)
    if file_format == "json":
        assert json.loads(again)["areas"] == json.loads(data)["areas"]
    else:
        assert again == data


def test_an_import_keeps_needs_linked_by_outcome_code(sign_in, published, manager, need):
    client = sign_in(manager)
    client.post(
        import_url(published.framework), upload("framework.csv", export(client, published, "csv"))
    )
    assert list(published.framework.versions.get(number=2).outcomes.get(code="O1").needs.all()) == [
        need
    ]


def test_a_bad_row_is_named_with_its_column_and_nothing_is_saved(sign_in, framework, manager):
    lines = [
        HEADER,
        row(**GOOD),
        row(**{**GOOD, "indicator_code": "I2"}),
        row(area_code="A2", area_name="Health"),
        row(**{**GOOD, "indicator_code": "I3", "target_date": "31/03/2027"}),
        row(**{**GOOD, "indicator_code": "I4", "direction": "sideways", "baseline_value": "many"}),
        row(**{**GOOD, "indicator_code": "I1"}),
    ]
    areas_before, indicators_before = OutcomeArea.objects.count(), Indicator.objects.count()
    response = sign_in(manager).post(
        import_url(framework), upload("framework.csv", "\n".join(lines).encode())
    )
    page = response.content.decode()
    assert (
        response.status_code == 200 and "There is a problem" in page and "Nothing was saved" in page
    )
    assert (
        "Row 5, target_date: Target date must be a real date, written year-month-day, like 2027-03-31"
        in page
    )
    assert "Row 6, direction: Choose higher or lower" in page
    assert "Row 6, baseline_value: Enter a number, like 120 or 7.5" in page
    assert "Row 7, indicator_code: Indicator I1 is on an earlier row too" in page
    assert "Row 2," not in page and "Row 3," not in page
    assert framework.versions.count() == 1
    assert (OutcomeArea.objects.count(), Indicator.objects.count()) == (
        areas_before,
        indicators_before,
    )


def test_missing_required_values_are_named(sign_in, framework, manager):
    lines = [
        HEADER,
        row(**{**GOOD, "definition": "", "frequency": ""}),
        row(area_code="A1", indicator_code="I5"),
    ]
    page = (
        sign_in(manager)
        .post(import_url(framework), upload("framework.csv", "\n".join(lines).encode()))
        .content.decode()
    )
    assert (
        "Row 2, definition: Enter the definition" in page
        and "Row 2, frequency: Choose how often it is collected" in page
    )
    assert "Row 3, outcome_code: Enter the code of the outcome this row is about" in page
    assert framework.versions.count() == 1


def test_a_file_without_the_columns_is_refused(sign_in, framework, manager):
    page = (
        sign_in(manager)
        .post(import_url(framework), upload("framework.csv", b"name,value\nx,1\n"))
        .content.decode()
    )
    assert "Row 1, area_code: The file must have a column called area_code" in page
    assert framework.versions.count() == 1


def test_a_csv_saved_by_excel_on_windows_is_read(sign_in, framework, manager):
    # Excel on Windows saves plain "CSV" in Windows-1252: the é and the £ are one byte each.
    named = {**GOOD, "area_name": "Logement é", "indicator_name": "Rent arrears over £500"}
    content = (HEADER + "\r\n" + row(**named) + "\r\n").encode("cp1252")
    assert b"\xe9" in content and b"\xa3" in content
    response = sign_in(manager).post(import_url(framework), upload("framework.csv", content))
    assert response.status_code == 302
    version = framework.versions.get(number=2)
    assert version.areas.get().name == "Logement é"
    assert Indicator.objects.get(outcome__area__version=version).name == "Rent arrears over £500"


@pytest.mark.parametrize(
    "content",
    [
        # Neither UTF-8 nor Windows-1252 (0x81 is a byte Windows-1252 leaves unused), and UTF-16.
        (HEADER + "\n" + row(**GOOD)).encode("ascii").replace(b"Housing", b"Hous\x81ng"),
        (HEADER + "\n" + row(**GOOD)).encode("utf-16"),
    ],
)
def test_a_csv_in_another_character_set_is_refused_saying_how_to_save_it(
    sign_in, framework, manager, content
):
    page = (
        sign_in(manager)
        .post(import_url(framework), upload("framework.csv", content))
        .content.decode()
    )
    assert "Save the file as CSV UTF-8 in Excel: File, Save as, CSV UTF-8" in page
    assert "The file must be a CSV or JSON file" not in page
    assert framework.versions.count() == 1


def test_a_json_file_with_a_bad_indicator_names_where_it_is(sign_in, framework, manager):
    indicator = {
        "code": "I1",
        "name": "Evictions",
        "definition": "Count",
        "unit": "households",
        "direction": "lower",
        "data_source": "Court",
        "frequency": "yearly",
        "target_date": "soon",
    }
    content = json.dumps(
        {
            "areas": [
                {
                    "code": "A1",
                    "name": "Housing",
                    "outcomes": [{"code": "O1", "title": "Keep home", "indicators": [indicator]}],
                }
            ]
        }
    ).encode()
    page = (
        sign_in(manager)
        .post(import_url(framework), upload("framework.json", content))
        .content.decode()
    )
    assert (
        "Area 1, outcome 1, indicator 1, target_date: Target date must be a real date, written year-month-day, like 2027-03-31"
        in page
    )
    assert framework.versions.count() == 1


def test_json_that_is_not_an_export_is_refused(sign_in, framework, manager):
    page = (
        sign_in(manager)
        .post(import_url(framework), upload("framework.json", b'["just", "a", "list"]'))
        .content.decode()
    )
    assert "same shape as an export" in page and framework.versions.count() == 1


def test_other_kinds_of_file_are_refused(sign_in, framework, manager):
    page = (
        sign_in(manager)
        .post(import_url(framework), upload("framework.pdf", b"%PDF-1.4\n%%EOF\n"))
        .content.decode()
    )
    assert (
        "The file must be a CSV or JSON file saved as UTF-8" in page
        and framework.versions.count() == 1
    )


def test_import_is_refused_while_there_is_a_draft(sign_in, framework, draft, manager):
    lines = [HEADER, row(**GOOD)]
    page = (
        sign_in(manager)
        .post(import_url(framework), upload("framework.csv", "\n".join(lines).encode()))
        .content.decode()
    )
    assert "There is already a draft, version 2" in page and framework.versions.count() == 2


@pytest.mark.parametrize("who", ["stranger", "vcse_member", "other_commissioner"])
def test_only_managers_import(sign_in, framework, request, who):
    client = sign_in(request.getfixturevalue(who))
    assert client.get(import_url(framework)).status_code == 403
    assert (
        client.post(
            import_url(framework), upload("framework.csv", f"{HEADER}\n{row(**GOOD)}".encode())
        ).status_code
        == 403
    )
    assert framework.versions.count() == 1


def test_anonymous_people_are_asked_to_sign_in(client, framework):
    assert (
        client.post(
            import_url(framework), upload("framework.csv", f"{HEADER}\n{row(**GOOD)}".encode())
        ).status_code
        == 302
    )
    assert framework.versions.count() == 1


def test_the_back_office_imports(sign_in, framework, back_office):
    response = sign_in(back_office).post(
        import_url(framework), upload("framework.csv", f"{HEADER}\n{row(**GOOD)}".encode())
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get(outcome__version__number=2, code="I1")
    assert indicator.breakdowns == ["age", "ward"] and str(indicator.target_value) == "12.0000"


def test_a_framework_just_started_is_filled_from_a_file(sign_in, council, place, manager):
    from commonweal.outcomes import services

    started = services.framework_create(
        actor=manager, owner=council, place=place, name="Young people's outcomes"
    )
    client = sign_in(manager)
    framework_page = client.get(started.get_absolute_url()).content.decode()
    assert import_url(started) in framework_page
    lines = [HEADER, row(**GOOD)]
    response = client.post(import_url(started), upload("framework.csv", "\n".join(lines).encode()))
    assert response.status_code == 302
    [version] = started.versions.all()
    assert version.number == 1 and version.status == FrameworkVersion.Status.DRAFT
    assert Indicator.objects.filter(outcome__version=version).count() == 1


def test_a_started_framework_with_content_in_its_draft_still_refuses_a_second_draft(
    sign_in, council, place, manager
):
    from commonweal.outcomes import services

    started = services.framework_create(
        actor=manager, owner=council, place=place, name="Young people's outcomes"
    )
    draft = started.versions.get()
    services.outcome_area_save(version=draft, actor=manager, code="A1", name="Housing")
    lines = [HEADER, row(**GOOD)]
    page = (
        sign_in(manager)
        .post(import_url(started), upload("framework.csv", "\n".join(lines).encode()))
        .content.decode()
    )
    assert "There is already a draft, version 1" in page and started.versions.count() == 1
