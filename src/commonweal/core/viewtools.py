"""Small helpers every app's views share: form data on POST, a silent 403, service errors on a form,
a page of a long list (its count kept while nothing it counts changes, or read from two lists in
turn)."""

import re
from collections.abc import Callable, Iterable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.shortcuts import resolve_url
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme

from commonweal.core import pagecache

# A browser sends every line break in a form as CR LF (HTML's form submission), whatever it was.
_LINE_BREAK = re.compile(r"\r\n?")


def posted(request):
    """The submitted data on a POST, None otherwise, so an empty POST still shows its errors. Line
    breaks are kept as LF, as text is stored everywhere else: a text sent back unchanged is unchanged."""
    if request.method != "POST":
        return None
    if not any("\r" in value for _name, values in request.POST.lists() for value in values):
        return request.POST
    data = request.POST.copy()
    for name, values in data.lists():
        data.setlist(name, [_LINE_BREAK.sub("\n", value) for value in values])
    return data


def safe_next(request, value: str | None, default: str) -> str:
    """Where to go after this page: ``value`` if it is on this site, otherwise ``default`` (a URL
    name or an address)."""
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return resolve_url(default)


def require(allowed: bool) -> None:
    """Refuse with a 403 that says nothing about the record."""
    if not allowed:
        raise PermissionDenied


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has one, else at the top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def paginate(request, rows, per_page: int, *, param: str = "page") -> dict:
    """One page of ``rows`` (the page asked for by ``param`` in the query string; a wrong one gives the
    nearest page), with what ``includes/pagination.html`` needs: page_obj, page_range, ellipsis and
    page_param. A page with two lists gives the second a ``param`` of its own."""
    return {**page_of(rows, per_page, request.GET.get(param)), "page_param": param}


def page_of(rows, per_page: int, number) -> dict:
    """Page ``number`` of ``rows`` (a wrong one gives the nearest page), with page_obj, page_range and
    ellipsis: for a page asked for some other way than the query string, such as a form's button."""
    paginator = Paginator(rows, per_page)
    page = paginator.get_page(number)
    return {
        "page_obj": page,
        "page_range": paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "ellipsis": Paginator.ELLIPSIS,
    }


class CountKept:
    """``rows`` for a Paginator, counted once while the ``stamps`` its rows depend on stand (kept in
    the pages cache: pagecache.count). The page itself is always read from ``rows``. A list of every
    open need of a city counts thousands of rows on each view otherwise, for its page numbers."""

    def __init__(self, rows: QuerySet, *, stamps: Iterable[str]):
        self.rows = rows
        self.stamps = tuple(stamps)

    def count(self) -> int:
        return pagecache.count(self.rows, stamps=self.stamps)

    def __getitem__(self, index: slice):
        return self.rows[index]


class InTurn:
    """Several ordered lists shown as one, each after the one before, for a Paginator: a page reads
    only the lists it spans, each from its own offset (sorted by the database on an index), rather
    than one query sorting every row of all of them by which list it belongs to. ``counts``, if
    given, says how many rows each list has (else each is asked its count())."""

    def __init__(self, *parts, counts: Callable[[], list[int]] | None = None):
        self.parts = parts
        self._count_parts = counts or (lambda: [part.count() for part in parts])

    @cached_property
    def _counts(self) -> list[int]:
        return list(self._count_parts())

    def count(self) -> int:
        return sum(self._counts)

    def __getitem__(self, index: slice) -> list:
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("InTurn is read a page at a time: rows[start:stop]")
        start = index.start or 0
        stop = self.count() if index.stop is None else index.stop
        rows: list = []
        for part, size in zip(self.parts, self._counts, strict=True):
            if stop <= 0:
                break
            if start < size:
                rows.extend(part[start : min(stop, size)])
            start, stop = max(0, start - size), stop - size
        return rows


def rows_in_order(parts: Sequence[QuerySet], *, stamps: Iterable[str]) -> InTurn:
    """``parts`` one after the other (InTurn), counted once while ``stamps`` stand
    (pagecache.counts: one read of the stamps for them all)."""
    stamps = tuple(stamps)
    return InTurn(*parts, counts=lambda: pagecache.counts(parts, stamps=stamps))
