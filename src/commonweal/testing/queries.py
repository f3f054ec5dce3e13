"""Query budgets: a page or endpoint asks the database as often for 30 rows as for 3.

A budget test builds a small world, counts the queries of one request, grows the world tenfold and
counts again::

    few, _page = queries_for(client, url)
    build(27)
    many, _page = queries_for(client, url)
    no_growth(few, many, ceiling=20, what="the list")

The ceiling says the one count is sensible too.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, url: str, params=None, *, status: int | None = 200):
    """How many queries one GET of ``url`` makes, and its response (which must have ``status``,
    unless it is None: then a refusal counts too, but never a server error)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    if status is None:
        assert response.status_code < 500, f"{url}: {response.status_code}"
    else:
        assert response.status_code == status, f"{url}: {response.status_code}"
    return len(captured.captured_queries), response


def queries_for_post(client, url: str, data, *, status: int = 200):
    """How many queries one POST of ``data`` to ``url`` makes (a form sent, or a chooser's search
    sent with it), and its response, which must have ``status``."""
    with CaptureQueriesContext(connection) as captured:
        response = client.post(url, data)
    assert response.status_code == status, f"{url}: {response.status_code}"
    return len(captured.captured_queries), response


def no_growth(few: int, many: int, *, ceiling: int, what: str = "") -> None:
    """The larger world took no more queries than the small one, and the small one no more than ``ceiling``."""
    assert many <= few, f"{what}: {few} queries for 3 of everything, {many} for 30"
    assert few <= ceiling, f"{what}: {few} queries, more than {ceiling}"
