"""Reading a CSV file of existing contracts (contracts_csv.py, plain Python): every row worked out
by hand from the rules the template page states."""

import datetime
from decimal import Decimal

import pytest

from commonweal.agreements.contracts_csv import (
    LIST_AT_MOST,
    ContractProblems,
    ProviderRef,
    read_contracts,
)
from commonweal.core.uploads import text_of

HEADER = (
    "reference,title,provider,kind,value,starts,ends,payment_terms_days,payment_profile,summary\n"
)


def problems_of(text: str, jurisdiction="england") -> list[tuple]:
    with pytest.raises(ContractProblems) as raised:
        read_contracts(text, jurisdiction=jurisdiction)
    return [(p.row, p.column, str(p)) for p in raised.value.problems]


def test_a_good_file_is_read_row_by_row():
    rows = read_contracts(
        HEADER
        + 'RBC-1,Street outreach,GB-CHC-1123456,contract,"£260,000",01/04/2025,31/03/2027,30,monthly,Seven days a week\n'
        + "RBC-2,Food hub,Riverside Food Bank,grant,45000.5,2023-07-01,2026-06-30,,advance,\n"
        + "RBC-3,Day centre,01234567,,£1,2/4/2024,1/4/2025,14,Quarterly in arrears,\n",
        jurisdiction="england",
    )
    first, second, third = rows
    assert first.row == 2 and first.reference == "RBC-1" and first.title == "Street outreach"
    assert first.provider == ProviderRef(org_id="GB-CHC-1123456")
    assert first.kind == "contract" and first.value == Decimal("260000")
    assert first.starts_on == datetime.date(2025, 4, 1)
    assert first.ends_on == datetime.date(2027, 3, 31)
    assert first.payment_terms_days == 30 and first.payment_profile == "monthly_arrears"
    assert first.summary == "Seven days a week"
    # A name is a name; an empty payment terms cell is 30 days; a grant paid in advance.
    assert second.provider == ProviderRef(name="Riverside Food Bank")
    assert second.kind == "grant" and second.value == Decimal("45000.50")
    assert second.payment_terms_days == 30 and second.payment_profile == "advance"
    # 8 digits are a Companies House number; an empty kind is a contract; d/m/yyyy without zeros.
    assert third.provider == ProviderRef(org_id="GB-COH-01234567")
    assert third.kind == "contract" and third.value == Decimal("1")
    assert third.starts_on == datetime.date(2024, 4, 2)
    assert third.payment_profile == "quarterly_arrears" and third.payment_terms_days == 14


def test_only_the_needed_columns_blank_lines_and_a_7_digit_charity_number():
    text = "Reference,Title,Provider,Value,Starts,Ends\r\n\r\nA,B,1123456,10,2025-01-01,2025-01-02\r\n,,,,,\r\n"
    (row,) = read_contracts(text, jurisdiction="england")
    assert row.row == 3  # the blank line is row 2, still counted
    assert row.provider == ProviderRef(org_id="GB-CHC-1123456")
    assert row.kind == "contract" and row.payment_profile == "monthly_arrears"


def test_excel_windows_1252_pound_sign_and_utf8_mark():
    body = "A,Outreach,Harbour,£1\xa0200,01/04/2025,31/03/2026\n"
    header = "reference,title,provider,value,starts,ends\n"
    windows = (header + body).encode("cp1252")
    assert b"\xa3" in windows  # the pound sign as Excel on Windows saves plain CSV
    (row,) = read_contracts(text_of(windows), jurisdiction="england")
    assert row.value == Decimal("1200")
    (row,) = read_contracts(
        text_of(b"\xef\xbb\xbf" + (header + body).encode()), jurisdiction="england"
    )
    assert row.reference == "A" and row.value == Decimal("1200")


def test_every_kind_of_bad_cell_is_named_by_row_and_column():
    text = (
        HEADER
        + ",,,,,,,,,\n"  # row 2: blank, skipped
        + ",No reference,,,,,,,,\n"  # row 3
        + "B,Bad cells,GB-CHC-12,loan,abc,31/02/2025,tomorrow,0,weekly,\n"  # row 4
        + "C,Backwards,Harbour,contract,-5,2025-04-01,2025-03-31,45,,\n"  # row 5
        + "D,Same day,Harbour,grant,1.234,2025-04-01,2025-04-01,45,,\n"  # row 6
        + "E,Too dear,Harbour,,1000000000000,2025-04-01,2026-04-01,x,,\n"  # row 7
    )
    assert problems_of(text) == [
        (3, "reference", "Row 3: enter the agreement's reference"),
        (3, "provider", "Row 3: enter the provider's name, or its charity or company number"),
        (3, "value", "Row 3: enter the agreement's total value, in pounds"),
        (3, "starts", "Row 3: enter the day the agreement starts"),
        (3, "ends", "Row 3: enter the day the agreement ends"),
        (
            4,
            "provider",
            "Row 4: the provider “GB-CHC-12” is not a valid identifier. 12 is not a valid number "
            "for the Charity Commission for England and Wales. It should look like GB-CHC-1123456.",
        ),
        (
            4,
            "kind",
            "Row 4: the kind “loan” is not one this list can have: write contract or grant",
        ),
        (
            4,
            "value",
            "Row 4: the value “abc” is not an amount of money. Write it in pounds and pence, like "
            "120000 or £120,000.50",
        ),
        (4, "starts", "Row 4: “31/02/2025” is not a real date"),
        (
            4,
            "ends",
            "Row 4: “tomorrow” is not a date. Write it as 31/03/2026 (day, month, year) or 2026-03-31",
        ),
        (
            4,
            "payment_profile",
            "Row 4: the payment profile “weekly” is not one this list can have: write advance, "
            "monthly, quarterly or milestone",
        ),
        (
            4,
            "payment_terms_days",
            "Row 4: the payment terms “0” must be a whole number of days from 1 to 120",
        ),
        (5, "value", "Row 5: the value “-5” is below nothing"),
        (5, "ends", "Row 5: the end date is before the start date"),
        (
            5,
            "payment_terms_days",
            "Row 5: a public contract must let the provider be paid within 30 days of a valid "
            "invoice. This row gives 45 days",
        ),
        # A grant is no public contract: 45 days is allowed; three decimal places are not pence.
        (
            6,
            "value",
            "Row 6: the value “1.234” is not an amount of money. Write it in pounds and pence, like "
            "120000 or £120,000.50",
        ),
        (6, "ends", "Row 6: the agreement must end after the day it starts"),
        (7, "value", "Row 7: the value “1000000000000” is more than £999,999,999,999.99"),
        (
            7,
            "payment_terms_days",
            "Row 7: the payment terms “x” must be a whole number of days from 1 to 120",
        ),
    ]


def test_payment_terms_over_30_days_before_the_act_or_in_scotland_are_not_refused_here():
    # The Act's 30 days began on 24 February 2025 in England, Wales and Northern Ireland.
    text = HEADER + "A,Old,Harbour,contract,10,2025-02-23,2026-01-01,60,,\n"
    (row,) = read_contracts(text, jurisdiction="england")
    assert row.payment_terms_days == 60
    text = HEADER + "A,New,Harbour,contract,10,2025-02-24,2026-01-01,31,,\n"
    assert problems_of(text)[0][0:2] == (2, "payment_terms_days")
    (row,) = read_contracts(text, jurisdiction="scotland")
    assert row.payment_terms_days == 31


def test_the_same_reference_twice_in_the_file():
    text = (
        HEADER
        + "A,One,Harbour,,10,2025-04-01,2026-04-01,,,\nA,Two,Harbour,,10,2025-04-01,2026-04-01,,,\n"
    )
    assert problems_of(text) == [
        (
            3,
            "reference",
            "Row 3: the reference “A” is on row 2 too. Each agreement needs its own reference",
        )
    ]


def test_header_problems_name_the_missing_and_unknown_columns():
    assert problems_of(
        "reference,title,supplier,value,start date,ends\nA,B,C,1,2025-01-01,2025-02-01\n"
    ) == [
        (
            1,
            "",
            "Row 1: the first row has no columns provider, starts. It must name the columns "
            "reference, title, provider, value, starts, ends (and may name kind, "
            "payment_terms_days, payment_profile, summary)",
        ),
        (
            1,
            "",
            "Row 1: supplier, start_date are not columns this file can have. The columns are "
            "reference, title, provider, kind, value, starts, ends, payment_terms_days, "
            "payment_profile, summary",
        ),
    ]
    assert problems_of("reference,title,provider,value,starts,ends,title\n") == [
        (1, "", "Row 1: the first row names title more than once")
    ]
    assert problems_of("") == [
        (
            1,
            "",
            "Row 1: the first row must name the columns: reference, title, provider, kind, value, "
            "starts, ends, payment_terms_days, payment_profile, summary",
        )
    ]


def test_a_file_with_only_its_header_and_one_with_too_many_cells():
    assert problems_of("reference,title,provider,value,starts,ends\n\n") == [
        (None, "", "The file has no contracts: add a row for each one")
    ]
    text = "reference,title,provider,value,starts,ends\nA,B,C,£1,000,2025-01-01,2025-02-01\n"
    assert problems_of(text)[0] == (
        2,
        "",
        "Row 2: the row has 7 cells but the first row names only 6 columns. Check for a comma in a "
        "cell that is not inside quotes",
    )


def test_a_file_wrong_on_every_row_lists_the_first_problems_and_counts_the_rest():
    rows = "".join(f"R{n},T,P,,x,2025-01-01,2025-02-01,,,\n" for n in range(LIST_AT_MOST + 3))
    found = problems_of(HEADER + rows)
    assert len(found) == LIST_AT_MOST + 1
    assert found[0] == (
        2,
        "value",
        "Row 2: the value “x” is not an amount of money. Write it in pounds and pence, like 120000 "
        "or £120,000.50",
    )
    assert found[-1] == (None, "", "And 3 more problems")
