"""Long lists a page at a time: a count kept while nothing it counts changes (CountKept, through
pagecache.count), and several ordered lists read in turn as one (InTurn)."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commonweal.core import pagecache
from commonweal.core.models import PageStamp
from commonweal.core.viewtools import CountKept, InTurn


class Part(list):
    """A list that counts itself, as a QuerySet does."""

    def count(self) -> int:
        return len(self)


def numbers(start: int, stop: int) -> Part:
    return Part(range(start, stop))


@pytest.mark.parametrize("sizes", [(0, 7), (7, 0), (3, 4), (5, 5, 5), (20, 1), (1, 0, 19)])
def test_in_turn_pages_are_the_pages_of_the_lists_one_after_the_other(sizes):
    parts, start = [], 0
    for size in sizes:
        parts.append(numbers(start, start + size))
        start += size
    everything = list(range(start))
    for per_page in (1, 2, 3, 5, 20):
        paginator = Paginator(InTurn(*parts), per_page)
        assert paginator.count == len(everything)
        pages = [list(paginator.page(n).object_list) for n in paginator.page_range]
        expected = [everything[i : i + per_page] for i in range(0, len(everything), per_page)]
        assert pages == (expected or [[]])


def test_in_turn_reads_only_the_lists_a_page_spans():
    class Watched(Part):
        read = False

        def __getitem__(self, index):
            self.read = True
            return super().__getitem__(index)

    first, second, third = Watched(range(0, 10)), Watched(range(10, 20)), Watched(range(20, 30))
    assert InTurn(first, second, third)[12:15] == [12, 13, 14]
    assert (first.read, second.read, third.read) == (False, True, False)
    assert InTurn(first, second, third)[8:12] == [8, 9, 10, 11]
    assert first.read and not third.read


def test_in_turn_is_read_a_page_at_a_time():
    with pytest.raises(TypeError):
        InTurn(numbers(0, 3))[1]


@pytest.mark.django_db
def test_a_kept_count_is_not_counted_again_until_its_stamp_moves():
    # Rows of a core model counted under a stamp of the test's own (an app's list bumps its own).
    rows = PageStamp.objects.filter(name__startswith="row-").order_by("name")
    PageStamp.objects.bulk_create([PageStamp(name=f"row-{n}", value="x") for n in range(3)])
    kept = CountKept(rows, stamps=("rows",))
    assert kept.count() == 3
    with CaptureQueriesContext(connection) as queries:
        assert kept.count() == 3
    assert len(queries) == 1 and "COUNT" not in queries[0]["sql"]  # the stamp only
    PageStamp.objects.create(name="row-3", value="x")
    assert kept.count() == 3  # nothing said the rows changed
    pagecache.bump("rows")
    assert kept.count() == 4
    # Another query is another count, and one that can match nothing asks nothing.
    assert CountKept(rows.filter(value="y"), stamps=("rows",)).count() == 0
    with CaptureQueriesContext(connection) as queries:
        assert CountKept(rows.filter(pk__in=[]), stamps=("rows",)).count() == 0
    assert len(queries) == 0
    assert list(kept[1:3]) == list(rows[1:3])
