"""Dates typed as day, month and year (the GOV.UK date input): what is accepted, what each refusal
says and marks, and that a date shown and sent back unchanged is the same date."""

from datetime import date, timedelta

import pytest
from django import forms
from django.template import Context, Template
from django.utils import timezone

from commonweal.core.forms import TODAY, DateField, PlainForm, show_again
from commonweal.testing.forms import date_boxes


class EventForm(PlainForm):
    starts = DateField(label="Start date", error_messages={"required": "Enter the start date"})
    ends = DateField(label="End date", required=False)


def errors_for(**sent) -> dict:
    form = EventForm(sent)
    form.is_valid()
    return {name: list(messages) for name, messages in form.errors.items()}


def drawn(form) -> str:
    return Template("{% load govuk %}{% govuk_fields form %}").render(Context({"form": form}))


def summary_links(form) -> list[str]:
    return [
        Template("{% load govuk %}{{ form|error_anchor:name }}").render(
            Context({"form": form, "name": name})
        )
        for name in form.errors
    ]


@pytest.mark.parametrize(
    ("day", "month", "year", "expected"),
    [
        ("27", "3", "2027", date(2027, 3, 27)),
        ("05", "09", "2026", date(2026, 9, 5)),
        (" 1 ", " 12 ", " 2030 ", date(2030, 12, 1)),
        ("29", "2", "2028", date(2028, 2, 29)),
        ("3", "mar", "2027", date(2027, 3, 3)),
        ("3", "March", "2027", date(2027, 3, 3)),
        ("3", "SEPT", "2027", date(2027, 9, 3)),
    ],
)
def test_a_real_date_is_read_from_its_three_boxes(day, month, year, expected):
    form = EventForm(date_boxes("starts", day, month, year))
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"starts": expected, "ends": None}


@pytest.mark.parametrize(
    ("boxes", "message", "marked"),
    [
        (("", "3", "2027"), "Start date must include a day", ["day"]),
        (("27", "", ""), "Start date must include a month and a year", ["month", "year"]),
        (("30", "2", "2027"), "Start date must be a real date", ["day", "month", "year"]),
        (("27", "13", "2027"), "Start date must be a real date", ["day", "month", "year"]),
        (("27", "Marchember", "2027"), "Start date must be a real date", ["month"]),
        (("-1", "3", "2027"), "Start date must be a real date", ["day"]),
        (("27", "3", "27"), "Year must include 4 numbers", ["year"]),
        # Digits int() would refuse, or numbers too long for a day: refused, never a server error.
        (("²", "3", "2027"), "Start date must be a real date", ["day"]),
        (("27", "³", "2027"), "Start date must be a real date", ["month"]),
        (("99999999999999999999", "3", "2027"), "Start date must be a real date", ["day"]),
        (("27", "3", "٢٠٢٧"), "Start date must be a real date", ["year"]),
        (("", "", ""), "Enter the start date", ["day", "month", "year"]),
    ],
)
def test_a_wrong_date_is_refused_saying_what_is_wrong_and_marking_those_boxes(
    boxes, message, marked
):
    form = EventForm(date_boxes("starts", *boxes))
    assert not form.is_valid()
    assert form.errors == {"starts": [message]}
    page = drawn(form)
    for part in ("day", "month", "year"):
        box = page.split(f'id="id_starts-{part}"')[0].rsplit("<input", 1)[1]
        assert ("govuk-input--error" in box) == (part in marked), (part, box)
    # The error summary leads to the first box to mend.
    assert summary_links(form) == [f"id_starts-{marked[0]}"]
    # And what was typed stays in the boxes.
    for part, typed in zip(("day", "month", "year"), boxes, strict=True):
        assert f'name="starts-{part}" type="text" inputmode="numeric" value="{typed.strip()}"' in (
            page
        )


def test_an_optional_date_left_empty_is_none_and_a_partly_typed_one_is_refused():
    assert errors_for(**date_boxes("starts", 1, 1, 2027), **date_boxes("ends", "", "", "")) == {}
    assert errors_for(**date_boxes("starts", 1, 1, 2027), **date_boxes("ends", "", "", "2027")) == {
        "ends": ["End date must include a day and a month"]
    }


def test_a_script_may_send_the_whole_date_as_year_month_day():
    form = EventForm({"starts": "2027-03-31"})
    assert form.is_valid() and form.cleaned_data["starts"] == date(2027, 3, 31)
    assert errors_for(starts="31/03/2027") == {
        "starts": ["Start date must be a real date, written year-month-day, like 2027-03-31"]
    }
    # The boxes win when both are sent.
    form = EventForm({"starts": "2027-03-31", **date_boxes("starts", 1, 4, 2027)})
    assert form.is_valid() and form.cleaned_data["starts"] == date(2027, 4, 1)


def test_a_stored_date_is_shown_in_the_boxes_and_sent_back_unchanged_is_the_same_date():
    stored = date(2026, 10, 5)
    page = drawn(EventForm(initial={"starts": stored}))
    assert 'name="starts-day" type="text" inputmode="numeric" value="5"' in page
    assert 'name="starts-month" type="text" inputmode="numeric" value="10"' in page
    assert 'name="starts-year" type="text" inputmode="numeric" value="2026"' in page
    # What a browser sends back from that page, boxes and all: the same date, and no change.
    sent = EventForm(date_boxes("starts", 5, 10, 2026), initial={"starts": stored})
    assert sent.is_valid() and sent.cleaned_data["starts"] == stored
    assert sent.changed_data == []
    # Typed with a leading zero is still the same date.
    assert (
        EventForm(date_boxes("starts", "05", "10", "2026"), initial={"starts": stored}).changed_data
        == []
    )
    assert EventForm(
        date_boxes("starts", 6, 10, 2026), initial={"starts": stored}
    ).changed_data == ["starts"]


def test_the_boxes_are_a_labelled_group_with_the_hint_and_error_read_out():
    form = EventForm(date_boxes("starts", "", 3, 2027))
    form.is_valid()
    page = drawn(form)
    group = page.split("</fieldset>")[0]
    assert (
        '<fieldset class="govuk-fieldset" role="group" aria-describedby="id_starts-hint id_starts-error">'
        in group
    )
    assert '<legend class="govuk-fieldset__legend">Start date</legend>' in group
    assert '<div id="id_starts-hint" class="govuk-hint">For example, 27 3 2027</div>' in group
    for part, label in (("day", "Day"), ("month", "Month"), ("year", "Year")):
        assert (
            f'<label class="govuk-label govuk-date-input__label" for="id_starts-{part}">{label}</label>'
            in group
        )
    assert "End date (optional)</legend>" in page


def test_a_form_shown_again_as_sent_keeps_the_boxes_as_typed():
    form = EventForm(date_boxes("starts", 31, 2, 2027), initial={"starts": date(2027, 1, 1)})
    show_again(form)
    page = drawn(form)
    assert 'name="starts-day" type="text" inputmode="numeric" value="31"' in page
    assert 'name="starts-month" type="text" inputmode="numeric" value="2"' in page
    assert "govuk-error-message" not in page


def test_a_disabled_date_is_drawn_disabled_and_never_changes():
    class Locked(forms.Form):
        starts = DateField(label="Start date", disabled=True)

    form = Locked(date_boxes("starts", 1, 1, 2030), initial={"starts": date(2027, 1, 1)})
    assert form.is_valid() and form.cleaned_data["starts"] == date(2027, 1, 1)
    assert form.changed_data == []
    assert 'value="2027" disabled>' in drawn(form)


class FigureForm(PlainForm):
    as_of = DateField(label="Date of the figure", earliest=date(1900, 1, 1), latest=TODAY)
    opens = DateField(
        label="Voting opens",
        required=False,
        earliest=date(2027, 3, 15),
        latest=date(2027, 4, 30),
        error_messages={"too_late": "Voting must open by the end of April"},
    )


@pytest.mark.parametrize(
    ("boxes", "message"),
    [
        ((14, 10, 1066), "Date of the figure must be 1900 or later"),
        ((31, 12, 1899), "Date of the figure must be 1900 or later"),
        ((1, 1, 2099), "Date of the figure must be today or in the past"),
    ],
)
def test_a_date_outside_its_limits_is_refused_saying_which_and_marking_every_box(boxes, message):
    form = FigureForm(date_boxes("as_of", *boxes))
    assert not form.is_valid()
    assert form.errors == {"as_of": [message]}
    page = drawn(form)
    for part in ("day", "month", "year"):
        box = page.split(f'id="id_as_of-{part}"')[0].rsplit("<input", 1)[1]
        assert "govuk-input--error" in box
    assert summary_links(form) == ["id_as_of-day"]


def test_today_and_the_first_day_are_within_the_limits_and_tomorrow_is_not():
    today = timezone.localdate()
    for day in (date(1900, 1, 1), today):
        form = FigureForm(date_boxes("as_of", day.day, day.month, day.year))
        assert form.is_valid(), form.errors
    tomorrow = today + timedelta(days=1)
    form = FigureForm(date_boxes("as_of", tomorrow.day, tomorrow.month, tomorrow.year))
    assert form.errors == {"as_of": ["Date of the figure must be today or in the past"]}


def test_limits_on_other_days_name_the_day_and_a_field_may_say_it_its_own_way():
    sent = {**date_boxes("as_of", 1, 1, 2020)}
    assert FigureForm({**sent, **date_boxes("opens", 14, 3, 2027)}).errors == {
        "opens": ["Voting opens must be 15 March 2027 or later"]
    }
    assert FigureForm({**sent, **date_boxes("opens", 1, 5, 2027)}).errors == {
        "opens": ["Voting must open by the end of April"]
    }
    assert FigureForm({**sent, **date_boxes("opens", "", "", "")}).is_valid()
