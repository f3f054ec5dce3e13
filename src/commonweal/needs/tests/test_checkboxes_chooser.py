"""The chooser of several needs that other apps' forms use (needs.choosers, NeedCheckboxesField): the
needs chosen, a search and a page of results; searching or turning a page shows the form again as
sent and never saves it; a need outside the field's needs is refused."""

import pytest
from django import forms
from django.test import RequestFactory

from commonweal.needs.choosers import PAGE_SIZE, choose_needs
from commonweal.needs.forms import NeedCheckboxesField
from commonweal.needs.models import Need

pytestmark = pytest.mark.django_db


class PlanForm(forms.Form):
    title = forms.CharField()
    needs = NeedCheckboxesField(queryset=Need.objects.none(), required=False)

    def __init__(self, *args, needs, held=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = needs
        self.fields["needs"].keep(held)


def make_need(place, title: str, **fields) -> Need:
    return Need.objects.create(place=place, title=title, problem="-", population="-", **fields)


@pytest.fixture
def duplicates(borough):
    return [make_need(borough, f"Duplicate {number:02}") for number in range(PAGE_SIZE + 3)]


def post(data):
    return RequestFactory().post("/plan/", data)


def test_a_search_turns_pages_and_keeps_what_was_sent_without_checking_it(borough, duplicates):
    other = make_need(borough, "Nowhere to meet")
    request = post({"title": "", "needs": [other.pk], "needs-q": "duplicate", "needs-page": "2"})
    form = PlanForm(request.POST, needs=Need.objects.all())
    chooser = choose_needs(request, form)
    assert not form.is_valid() and not form.errors  # shown again, no "required" for the title
    assert [need.pk for need in chooser.chosen] == [other.pk]
    assert list(chooser.page_obj.object_list) == duplicates[PAGE_SIZE:]
    assert chooser.page_obj.paginator.count == PAGE_SIZE + 3
    assert form["needs"].value() == [str(other.pk)] and form["title"].value() == ""


def test_a_reference_number_finds_its_need(borough, duplicates):
    wanted = duplicates[5]
    request = post({"title": "Plan", "needs-q": f"#{wanted.pk}", "needs-page": "1"})
    chooser = choose_needs(request, PlanForm(request.POST, needs=Need.objects.all()))
    assert list(chooser.page_obj.object_list) == [wanted]


def test_a_chosen_need_on_the_page_of_results_has_one_checkbox_that_counts(borough, duplicates):
    chosen = duplicates[1]
    request = post({"title": "Plan", "needs": [chosen.pk], "needs-page": "1"})
    chooser = choose_needs(request, PlanForm(request.POST, needs=Need.objects.all()))
    [shown] = [option for option in chooser.result_options if option.need == chosen]
    assert shown.chosen
    assert [option.need for option in chooser.chosen_options] == [chosen]
    ids = [option.id for option in chooser.chosen_options + chooser.result_options]
    assert len(set(ids)) == len(ids) and ids[0] == "id_needs-0"  # where the error summary links


def test_saving_accepts_a_need_of_any_page_and_refuses_one_outside(borough, other_borough):
    needs = Need.objects.filter(place=borough)
    inside = make_need(borough, "Inside")
    outside = make_need(other_borough, "Outside")
    request = post({"title": "Plan", "needs": [inside.pk]})
    form = PlanForm(request.POST, needs=needs)
    choose_needs(request, form)
    assert form.is_valid() and list(form.cleaned_data["needs"]) == [inside]
    for refused in (outside.pk, "abc", "99999999999999999999"):
        request = post({"title": "Plan", "needs": [inside.pk, refused]})
        form = PlanForm(request.POST, needs=needs)
        choose_needs(request, form)
        assert not form.is_valid()
        assert form.errors["needs"] == ["Choose needs from the list"]


def test_needs_held_already_are_kept_though_outside_now(borough):
    held = make_need(borough, "Addressed since", status=Need.Status.ADDRESSED)
    request = RequestFactory().get("/plan/")
    form = PlanForm(needs=Need.objects.exclude(status__in=Need.CLOSED), held=[held.pk])
    form.initial = {"needs": [held.pk]}
    chooser = choose_needs(request, form)
    assert chooser.chosen == [held]
    request = post({"title": "Plan", "needs": [held.pk]})
    form = PlanForm(
        request.POST, needs=Need.objects.exclude(status__in=Need.CLOSED), held=[held.pk]
    )
    choose_needs(request, form)
    assert form.is_valid() and list(form.cleaned_data["needs"]) == [held]


def test_nothing_to_choose_only_when_there_are_no_needs_at_all(borough):
    request = RequestFactory().get("/plan/")
    assert choose_needs(request, PlanForm(needs=Need.objects.all())).nothing_to_choose
    make_need(borough, "One need")
    request = post({"title": "", "needs-q": "no such words", "needs-page": "1"})
    chooser = choose_needs(request, PlanForm(request.POST, needs=Need.objects.all()))
    assert not chooser.nothing_to_choose and not chooser.page_obj.object_list


def test_many_needs_chosen_show_a_page_at_a_time_and_all_stay_chosen(
    borough, duplicates, django_assert_max_num_queries
):
    chosen_ids = [need.pk for need in duplicates]  # PAGE_SIZE + 3 chosen
    request = post({"title": "", "needs": chosen_ids, "needs-chosen-page": "2"})
    form = PlanForm(request.POST, needs=Need.objects.all())
    # The ids chosen, a page of them, the results, the needs' stamp and the count kept under it.
    with django_assert_max_num_queries(5):
        chooser = choose_needs(request, form)
    assert not form.is_valid() and not form.errors  # turning the page saves nothing
    assert chooser.chosen_count == PAGE_SIZE + 3
    assert chooser.chosen == duplicates[PAGE_SIZE:]
    assert chooser.hidden_ids == chosen_ids[:PAGE_SIZE]
    html = str(chooser.hidden_inputs)
    assert html.count('type="hidden"') == PAGE_SIZE
    assert f'<input type="hidden" name="needs" value="{duplicates[0].pk}">' in html
    # A need chosen on another page is still marked chosen among the results.
    assert all(option.chosen for option in chooser.result_options)
    # Saving with them all sent keeps them all.
    request = post({"title": "Plan", "needs": chosen_ids})
    form = PlanForm(request.POST, needs=Need.objects.all())
    choose_needs(request, form)
    assert form.is_valid() and len(form.cleaned_data["needs"]) == PAGE_SIZE + 3


def test_a_need_sent_that_cannot_be_chosen_is_not_carried_on(borough, other_borough):
    inside = make_need(borough, "Inside")
    outside = make_need(other_borough, "Outside")
    request = post({"title": "", "needs": [inside.pk, outside.pk], "needs-chosen-page": "1"})
    chooser = choose_needs(
        request, PlanForm(request.POST, needs=Need.objects.filter(place=borough))
    )
    assert chooser.chosen == [inside] and chooser.hidden_ids == [] and chooser.chosen_count == 1


def test_the_count_of_needs_to_choose_from_follows_needs_raised_and_closed(borough):
    """The count is kept while no need changes: a need raised or closed since is counted."""
    for title in ("One need", "Another need"):
        make_need(borough, title)

    def counted() -> int:
        request = RequestFactory().get("/plan/")
        return choose_needs(request, PlanForm(needs=open_needs())).page_obj.paginator.count

    def open_needs():
        return Need.objects.exclude(status__in=Need.CLOSED)

    assert counted() == 2
    make_need(borough, "A third need")
    assert counted() == 3
    closed = Need.objects.get(title="One need")
    closed.status = Need.Status.ADDRESSED
    closed.save()  # any save of a need bumps the needs' stamp (apps.py)
    assert counted() == 2


# The rows of checkboxes as the chooser's template drew them with a loop, before they were drawn in
# Python (needs.choosers: NeedChooser.chosen_rows, result_rows): the page must not change by a byte.
_TEMPLATE_ROWS = """{% load i18n %}{% with field=chooser.field %}CHOSEN:
      {% for option in chooser.chosen_options %}
      <div class="govuk-checkboxes__item">
        <input class="govuk-checkboxes__input" id="{{ option.id }}" name="{{ field.html_name }}" type="checkbox" value="{{ option.need.pk }}" checked>
        <label class="govuk-label govuk-checkboxes__label" for="{{ option.id }}">{{ option.label }}</label>
      </div>
      {% endfor %}
FOUND:
      {% for option in chooser.result_options %}
      <div class="govuk-checkboxes__item">
        {% if option.chosen %}
        <p class="govuk-body govuk-!-margin-bottom-2 govuk-!-padding-top-1" id="{{ option.id }}">{{ option.label }} <strong class="govuk-tag govuk-tag--grey">{% translate "Chosen" %}</strong><span class="govuk-hint govuk-!-display-block govuk-!-margin-bottom-0">{% translate "To leave it out, untick it among the needs chosen." %}</span></p>
        {% else %}
        <input class="govuk-checkboxes__input" id="{{ option.id }}" name="{{ field.html_name }}" type="checkbox" value="{{ option.need.pk }}">
        <label class="govuk-label govuk-checkboxes__label" for="{{ option.id }}">{{ option.label }}</label>
        {% endif %}
      </div>
      {% endfor %}
{% endwith %}"""


def test_the_rows_of_checkboxes_are_drawn_as_the_template_drew_them(borough, duplicates):
    from django.template import engines

    odd = make_need(borough, 'Duplicate <b>"quoted"</b> & more')  # escaped the same way
    chosen = [duplicates[1].pk, odd.pk, duplicates[2].pk]
    request = post({"p-1-title": "Plan", "p-1-needs": chosen, "p-1-needs-page": "1"})
    chooser = choose_needs(request, PlanForm(request.POST, needs=Need.objects.all(), prefix="p-1"))
    found = chooser.result_options
    assert any(option.chosen for option in found) and not all(option.chosen for option in found)
    assert chooser.chosen_options
    drawn = f"CHOSEN:\n      {chooser.chosen_rows}\nFOUND:\n      {chooser.result_rows}\n"
    expected = engines["django"].from_string(_TEMPLATE_ROWS).render({"chooser": chooser})
    assert drawn == expected
    assert "&lt;b&gt;&quot;quoted&quot;&lt;/b&gt; &amp; more" in drawn
