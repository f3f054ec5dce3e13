"""`commonweal agreements import FILE --place --commissioner --as`: the report and the exit status."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from commonweal.agreements.models import Agreement

NEXT_YEAR = (timezone.localdate() + datetime.timedelta(days=365)).isoformat()


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("agreements", "import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_good_file_is_imported_and_listed(tmp_path, riverside, council, staff, provider):
    path = tmp_path / "contracts.csv"
    path.write_text(
        "reference,title,provider,value,starts,ends\n"
        f"RBC-1,Night shelter,{provider.org_id},420000,2024-04-01,{NEXT_YEAR}\n"
    )
    out, _err = run(
        str(path), "--place", riverside.slug, "--commissioner", council.slug, "--as", staff.email
    )
    agreement = Agreement.objects.get()
    assert out == (
        "Imported 1 agreement for Riverside Council in Riverside.\n"
        f"RBC-1\t{agreement.pk}\tNight shelter\n"
    )


def test_problems_are_printed_by_row_and_the_exit_status_is_2(
    tmp_path, riverside, council, staff, provider
):
    path = tmp_path / "contracts.csv"
    # Windows-1252, as Excel saves plain CSV: the pound sign is one byte.
    path.write_bytes(
        (
            "reference,title,provider,value,starts,ends\n"
            f"RBC-1,Night shelter,{provider.org_id},£420,2024-04-01,{NEXT_YEAR}\n"
            "RBC-2,Outreach,Harbour Housing Co-op,£1,2025-04-01,2025-03-01\n"
        ).encode("cp1252")
    )
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command(
            "agreements",
            "import",
            str(path),
            "--place",
            riverside.slug,
            "--commissioner",
            council.slug,
            "--as",
            staff.email,
            stderr=err,
        )
    assert raised.value.returncode == 2
    assert str(raised.value) == "Nothing was imported. Correct the file and run the command again."
    assert err.getvalue() == "Row 3: the end date is before the start date\n"
    assert not Agreement.objects.exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--place", "nowhere"], "There is no place with the short name nowhere."),
        (["--commissioner", "nobody"], "There is no organisation with the short name nobody."),
        (["--as", "nobody@example.org"], "Nobody has an account with that email address."),
    ],
)
def test_unknown_names_are_exit_status_2(tmp_path, riverside, council, staff, args, message):
    path = tmp_path / "contracts.csv"
    path.write_text("reference\n")
    given = {"--place": riverside.slug, "--commissioner": council.slug, "--as": staff.email}
    given[args[0]] = args[1]
    with pytest.raises(CommandError) as raised:
        run(str(path), *[part for pair in given.items() for part in pair])
    assert raised.value.returncode == 2 and str(raised.value) == message


def test_someone_who_may_not_is_refused_with_exit_status_2(
    tmp_path, riverside, council, other_staff
):
    path = tmp_path / "contracts.csv"
    path.write_text("reference\n")
    with pytest.raises(CommandError) as raised:
        run(
            str(path),
            "--place",
            riverside.slug,
            "--commissioner",
            council.slug,
            "--as",
            other_staff.email,
        )
    assert raised.value.returncode == 2
    assert "may not import agreements for Riverside Council in Riverside" in str(raised.value)


def test_a_file_that_is_not_there(tmp_path, riverside, council, staff):
    with pytest.raises(CommandError) as raised:
        run(
            str(tmp_path / "missing.csv"),
            "--place",
            riverside.slug,
            "--commissioner",
            council.slug,
            "--as",
            staff.email,
        )
    assert raised.value.returncode == 2
