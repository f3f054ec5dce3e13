"""Orders read a page at a time come from an index, not a sort of every row: a need's discussion
(a need may have thousands of comments) and the needs chooser's page by title (a city has thousands
of needs). The plans are PostgreSQL's."""

import pytest
from django.db import connection

from commonweal.needs import selectors
from commonweal.needs.models import Comment
from commonweal.needs.tests.conftest import raise_need

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        "connection.vendor != 'postgresql'", reason="needs PostgreSQL: the plan is PostgreSQL's"
    ),
]


def plan(queryset) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SET LOCAL enable_sort = off"
        )  # what it does when sorting them all costs more
        return queryset.explain()


def test_a_page_of_a_needs_discussion_is_read_from_the_index(stranger, borough):
    need = raise_need(stranger, borough)
    other = raise_need(stranger, borough, title="Another need")
    Comment.objects.bulk_create(
        Comment(need=n, author=stranger, body=f"Comment {number}")
        for n in (need, other)
        for number in range(30)
    )
    assert "comment_in_order" in plan(selectors.need_comments(need)[25:50])


def test_the_needs_choosers_page_by_title_is_read_from_the_index(stranger, borough):
    for number in range(30):
        raise_need(stranger, borough, title=f"Need {number:02}")
    page = selectors.needs_in(borough, open_only=True).order_by("title", "pk")[:20]
    assert "need_by_title" in plan(page)
