"""Choosing several needs among thousands, without JavaScript, inside any form (an outcome's needs, a
priority round's, a panel's): the needs chosen so far as ticked checkboxes, a page at a time, a
search by reference number or words of the title, and a page of what it finds as checkboxes.

An outcome may address hundreds of needs: the chosen ones not on the page shown are carried as
hidden fields, so the work of a page does not grow with how many are chosen.

The search and the pages are buttons of the form itself, so everything in it is sent each time: the
needs ticked (on this page of results or among those chosen before) and what was typed in the other
fields. A form sent by one of those buttons is shown again as it was sent, never checked or saved;
the form's own button saves it. The form's field is a ``needs.forms.NeedCheckboxesField``; the page
draws it with ``needs/includes/need_chooser.html``.
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.forms import BaseForm, BoundField
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from commonweal.core.forms import show_again
from commonweal.core.viewtools import CountKept
from commonweal.needs.apps import NEEDS_STAMP
from commonweal.needs.forms import need_label
from commonweal.needs.models import Need
from commonweal.needs.selectors import needs_matching

PAGE_SIZE = 20
SEARCH_LENGTH = 200


@dataclass(frozen=True)
class Option:
    id: str
    need: Need
    label: str
    chosen: bool


@dataclass
class NeedChooser:
    """What the chooser's template shows: a page of the needs chosen, the search and a page of what
    it found."""

    field: BoundField
    q: str
    chosen: list[Need]  # the page of chosen needs shown
    chosen_page: Page
    chosen_page_range: list
    hidden_ids: list[int]  # the chosen needs on the other pages
    chosen_ids: frozenset[int]  # every need chosen
    page_obj: Page
    page_range: list
    ellipsis: str

    @property
    def chosen_count(self) -> int:
        return self.chosen_page.paginator.count

    @property
    def chosen_page_name(self) -> str:
        return f"{self.field.html_name}-chosen-page"

    @property
    def hidden_inputs(self) -> SafeString:
        """The chosen needs not on this page, sent with the form so they stay chosen (hundreds, for
        some outcomes: the name is escaped once, and each id is a whole number)."""
        start = f'<input type="hidden" name="{escape(self.field.html_name)}" value="'
        return mark_safe("".join(f'{start}{int(pk)}">' for pk in self.hidden_ids))

    @property
    def search_name(self) -> str:
        return f"{self.field.html_name}-q"

    @property
    def page_name(self) -> str:
        """The name of the Search button and of each page's button: the page of results to show."""
        return f"{self.field.html_name}-page"

    @property
    def chosen_options(self) -> list[Option]:
        return [
            Option(f"{self.field.auto_id}-{index}", need, need_label(need), True)
            for index, need in enumerate(self.chosen)
        ]

    @property
    def result_options(self) -> list[Option]:
        """The page of results; a need chosen already is shown ticked here but sent by its checkbox
        among the chosen, so each need has one checkbox that counts."""
        first = len(self.chosen)
        return [
            Option(
                f"{self.field.auto_id}-{first + index}",
                need,
                need_label(need),
                need.pk in self.chosen_ids,
            )
            for index, need in enumerate(self.page_obj.object_list)
        ]

    # The checkboxes, forty to a page (twenty chosen, twenty found): drawn here rather than by a
    # loop of template tags, each row a dozen lookups (most of the chooser's drawing time). Each
    # row exactly as needs/includes/need_chooser.html drew it (test_checkboxes_chooser.py compares).

    @property
    def chosen_rows(self) -> SafeString:
        """The needs chosen on this page, each a ticked checkbox."""
        name = escape(self.field.html_name)
        return mark_safe(
            "".join(
                _ROW.format(
                    _CHECKBOX.format(id=escape(option.id), name=name, pk=int(option.need.pk))
                    + " checked>\n        "
                    + _LABEL.format(id=escape(option.id), label=escape(option.label))
                )
                for option in self.chosen_options
            )
        )

    @property
    def result_rows(self) -> SafeString:
        """The page of results: a checkbox each, or, for a need chosen already, its name marked
        Chosen (its checkbox is among those chosen)."""
        name = escape(self.field.html_name)
        chosen_note = _CHOSEN_NOTE.format(
            chosen=escape(_("Chosen")),
            hint=escape(_("To leave it out, untick it among the needs chosen.")),
        )
        rows = []
        for option in self.result_options:
            if option.chosen:
                row = f'\n        <p class="govuk-body govuk-!-margin-bottom-2 govuk-!-padding-top-1" id="{escape(option.id)}">{escape(option.label)}{chosen_note}</p>\n        '
            else:
                row = (
                    "\n        "
                    + _CHECKBOX.format(id=escape(option.id), name=name, pk=int(option.need.pk))
                    + ">\n        "
                    + _LABEL.format(id=escape(option.id), label=escape(option.label))
                    + "\n        "
                )
            rows.append(_ROW.format(row))
        return mark_safe("".join(rows))

    @property
    def search_id(self) -> str:
        # The error summary links to the field's first checkbox ("-0"); with none, to the search.
        if self.chosen or self.page_obj.object_list:
            return f"{self.field.auto_id}-q"
        return f"{self.field.auto_id}-0"

    @property
    def nothing_to_choose(self) -> bool:
        """No need chosen and none to choose from at all (not only none that a search found)."""
        return not self.chosen_count and not self.q and not self.page_obj.paginator.count


_ROW = '\n      <div class="govuk-checkboxes__item">\n        {}\n      </div>\n      '
_CHECKBOX = (
    '<input class="govuk-checkboxes__input" id="{id}" name="{name}" type="checkbox" value="{pk}"'
)
_LABEL = '<label class="govuk-label govuk-checkboxes__label" for="{id}">{label}</label>'
_CHOSEN_NOTE = (
    ' <strong class="govuk-tag govuk-tag--grey">{chosen}</strong><span class="govuk-hint'
    ' govuk-!-display-block govuk-!-margin-bottom-0">{hint}</span>'
)


def choose_needs(request, form: BaseForm, name: str = "needs", *, per_page: int = PAGE_SIZE):
    """Set up ``form``'s NeedCheckboxesField ``name`` for this request and say what its chooser shows.
    Call it before anything reads the form's fields. When the chooser's Search or one of its pages
    sent the form, the form is shown again as sent and is not valid (nothing is saved)."""
    field = form.fields[name]
    html_name = form.add_prefix(name)
    data = request.POST if request.method == "POST" else request.GET
    if request.method == "POST" and (
        f"{html_name}-page" in data or f"{html_name}-chosen-page" in data
    ):
        show_again(form)
    q = data.get(f"{html_name}-q", "").strip()[:SEARCH_LENGTH]
    # What a checkbox shows: the title, the place's name and the number (need_label).
    needs = (
        field.queryset.select_related("place")
        .only("title", "place", "place__name")
        .order_by("title", "pk")
    )
    # Sent, or (the form not sent) what it starts with, read as given: preparing each of an
    # outcome's hundreds of needs for display first, as BoundField.value() does, cost more.
    bound_field = form[name]
    sent = list(dict.fromkeys(_ids(bound_field.value() if form.is_bound else bound_field.initial)))
    # The chosen needs' ids in order (one small query, however many), then a page of them in full.
    held = field.held_in_order
    if sent and held is not None and held[0] == frozenset(sent):
        chosen_ids = list(held[1])  # what the record holds, ordered by the field's keep()
    else:
        chosen_ids = list(needs.filter(pk__in=sent).values_list("pk", flat=True)) if sent else []
    chosen_pages = Paginator(chosen_ids, per_page)
    chosen_page = chosen_pages.get_page(data.get(f"{html_name}-chosen-page"))
    on_page = list(chosen_page.object_list)
    found = {need.pk: need for need in needs.filter(pk__in=on_page)} if on_page else {}
    chosen = [found[pk] for pk in on_page if pk in found]
    chosen_page.object_list = chosen
    shown = set(on_page)
    # Counted once while no need changes: every open need of a city, for the page numbers.
    paginator = Paginator(CountKept(needs_matching(needs, q), stamps=(NEEDS_STAMP,)), per_page)
    page = paginator.get_page(data.get(f"{html_name}-page"))
    page.object_list = list(page.object_list)
    field.offered = chosen + [need for need in page.object_list if need.pk not in shown]
    return NeedChooser(
        field=form[name],
        q=q,
        chosen=chosen,
        chosen_page=chosen_page,
        chosen_page_range=list(
            chosen_pages.get_elided_page_range(chosen_page.number, on_each_side=1, on_ends=1)
        ),
        hidden_ids=[pk for pk in chosen_ids if pk not in shown],
        chosen_ids=frozenset(chosen_ids),
        page_obj=page,
        page_range=list(paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)),
        ellipsis=Paginator.ELLIPSIS,
    )


def _ids(value) -> list[int]:
    """The ids among what was sent, or among what a form starts with (ids, or needs themselves);
    anything else (never a need's) the form's check refuses."""
    if value is None or isinstance(value, str | bytes):
        values = [value] if value else []
    else:
        values = value if hasattr(value, "__iter__") else [value]
    ids = []
    for item in values:
        item = getattr(item, "pk", item)
        if type(item) is int:
            if 0 <= item < 2**63:
                ids.append(item)
        elif str(item).isdigit() and int(item) < 2**63:
            ids.append(int(item))
    return ids
