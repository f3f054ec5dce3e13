"""Bad input to the budgeting pages and services: a clear message, nothing lost, never a crash."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from commonweal.participation import exchange, keys
from commonweal.participation.models import BudgetRound, EligibilityEntry, Project
from commonweal.participation.tests.test_pages import url

pytestmark = pytest.mark.django_db
R = BudgetRound


def upload(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("list.csv", data, content_type="text/csv")


def round_data(place, **changes) -> dict:
    data = {
        "place": place.pk,
        "title": "Quayside decides",
        "budget": "20000",
        "minimum_age": "16",
        "verification": "resident",
        "ballot_type": "approval",
        "rule": "mes",
        "completion": "add1",
    }
    return {**data, **changes}


class TestEligibilityList:
    def test_a_list_saved_with_old_mac_line_endings_is_read(self, sign_in, make_round, staff):
        round_ = make_round(verification=R.Verification.LIST)
        response = sign_in(staff).post(
            url("eligibility", round_), {"file": upload(b"email\ra@example.org\rb@example.org\r")}
        )
        assert response.status_code == 302
        round_.refresh_from_db()
        assert round_.eligibility_list_size == 2

    def test_a_list_saved_by_excel_on_windows_is_read_with_its_accents(
        self, sign_in, make_round, staff
    ):
        # Excel on Windows saves plain "CSV" in Windows-1252: the é and the £ are one byte each.
        round_ = make_round(verification=R.Verification.LIST)
        data = "reference\r\nCHLOÉ-001\r\nREF-£2\r\n".encode("cp1252")
        assert b"\xc9" in data and b"\xa3" in data
        response = sign_in(staff).post(url("eligibility", round_), {"file": upload(data)})
        assert response.status_code == 302
        digests = set(
            EligibilityEntry.objects.filter(round=round_).values_list("digest", flat=True)
        )
        assert digests == {
            keys.identifier_digest(round_.pk, "CHLOÉ-001"),
            keys.identifier_digest(round_.pk, "REF-£2"),
        }

    @pytest.mark.parametrize(
        "data", [b"reference\nREF-\x81\n", "reference\nREF-1\n".encode("utf-16")]
    )
    def test_a_list_in_another_character_set_is_refused_saying_how_to_save_it(
        self, sign_in, make_round, staff, data
    ):
        round_ = make_round(verification=R.Verification.LIST)
        response = sign_in(staff).post(url("eligibility", round_), {"file": upload(data)})
        page = response.content.decode()
        assert response.status_code == 200
        assert "Save the file as CSV UTF-8 in Excel: File, Save as, CSV UTF-8" in page
        assert "The file must be a CSV file" not in page
        assert not EligibilityEntry.objects.filter(round=round_).exists()

    @pytest.mark.parametrize("bad_row", [b"x" * 200_000, b'"' + b"x" * 200_000 + b'"'])
    def test_a_row_too_long_to_read_is_refused_by_its_number_and_the_old_list_is_kept(
        self, sign_in, make_round, staff, bad_row
    ):
        round_ = make_round(verification=R.Verification.LIST)
        client = sign_in(staff)
        client.post(url("eligibility", round_), {"file": upload(b"a@example.org\nb@example.org\n")})
        kept = set(EligibilityEntry.objects.filter(round=round_).values_list("digest", flat=True))
        response = client.post(
            url("eligibility", round_), {"file": upload(b"c@example.org\n" + bad_row + b"\n")}
        )
        assert response.status_code == 200
        assert "Row 2: this row is too long or not laid out as CSV." in response.content.decode()
        round_.refresh_from_db()
        assert round_.eligibility_list_size == 2
        assert (
            set(EligibilityEntry.objects.filter(round=round_).values_list("digest", flat=True))
            == kept
        )


class TestRoundSettings:
    @pytest.mark.parametrize(
        "changes, message",
        [
            ({"budget": str(10**20)}, "Enter a budget of £999,999,999,999.99 or less"),
            ({"budget": "1000000000000"}, "Enter a budget of £999,999,999,999.99 or less"),
            ({"budget": "100.555"}, "Enter the budget in pounds and pence, like 50000 or 50000.50"),
            (
                {"ballot_type": "ranked", "ranks": str(10**9)},
                "The number of projects a voter may rank must be 32,767 or fewer",
            ),
            (
                {"min_projects": "40000"},
                "The fewest projects a voter must choose must be 32,767 or fewer",
            ),
            (
                {"max_projects": "40000"},
                "The most projects a voter may choose must be 32,767 or fewer",
            ),
            (
                {"ballot_type": "cumulative", "points_total": str(10**10)},
                "The points each voter shares out must be 2,147,483,647 or fewer",
            ),
            (
                {
                    "ballot_type": "cumulative",
                    "points_total": "10",
                    "points_max_per_project": str(10**10),
                },
                "The most points for one project must be 2,147,483,647 or fewer",
            ),
        ],
    )
    def test_numbers_too_big_are_refused_with_a_plain_message_and_nothing_is_saved(
        self, sign_in, staff, riverside, changes, message
    ):
        response = sign_in(staff).post(url("create"), round_data(riverside, **changes))
        assert response.status_code == 200
        page = response.content.decode()
        assert "There is a problem" in page and message in page
        assert not BudgetRound.objects.exists()

    def test_a_cost_too_big_is_refused_with_a_plain_message(self, sign_in, make_round, staff):
        round_ = make_round(status=R.Status.DRAFT)
        response = sign_in(staff).post(
            url("project-add", round_),
            {"title": "A bridge", "description": "Over the river", "cost": str(10**20)},
        )
        assert response.status_code == 200
        assert "Enter a cost of £999,999,999,999.99 or less" in response.content.decode()
        assert not round_.projects.filter(title="A bridge").exists()

    def test_a_ranked_ballot_offers_no_more_ranks_than_there_are_projects(
        self, sign_in, make_round, resident
    ):
        # A round set up before ranks were limited: the booth must not offer (or build) 1,000 ranks for 4 projects.
        round_ = make_round(ballot_type=R.BallotType.RANKED, ranks=1000)
        response = sign_in(resident).get(url("vote", round_))
        assert response.status_code == 200
        page = response.content.decode()
        assert page.count('<option value="4"') == 4
        assert '<option value="5"' not in page


def test_a_pabulib_project_id_too_long_to_store_is_refused_and_nothing_is_saved(staff, riverside):
    long_id = "p" * 101
    text = (
        "META\nkey;value\ndescription;Long ids\nbudget;1000\nvote_type;approval\n"
        f"PROJECTS\nproject_id;cost;name\n{long_id};600;Swings\nb;400;Benches\n"
        f"VOTES\nvoter_id;vote\n1;{long_id},b\n"
    )
    with pytest.raises(ValidationError) as refused:
        exchange.round_import(actor=staff, place=riverside, text=text)
    assert refused.value.message_dict["file"] == [
        f"Project {'p' * 20}… has an id of 101 characters. Project ids must be 100 characters or fewer."
    ]
    assert not BudgetRound.objects.exists() and not Project.objects.exists()
    # An id of exactly 100 characters is fine.
    round_ = exchange.round_import(
        actor=staff, place=riverside, text=text.replace(long_id, "p" * 100)
    )
    assert round_.projects.get(title="Swings").pabulib_id == "p" * 100
