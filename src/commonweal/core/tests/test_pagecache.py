"""The pages cache: a part is built once per stamp value and language, and again after a bump."""

import pytest
from django.utils import translation

from commonweal.core import pagecache
from commonweal.core.models import PageStamp

pytestmark = pytest.mark.django_db


class Builder:
    def __init__(self):
        self.built = 0

    def __call__(self) -> str:
        self.built += 1
        return f"<p>Built {self.built} times</p>"


def test_a_part_is_built_once_until_one_of_its_stamps_is_bumped():
    build = Builder()
    first = pagecache.fragment("part", 1, stamps=["a", "b"], build=build)
    assert pagecache.fragment("part", 1, stamps=["b", "a"], build=build) == first
    assert build.built == 1
    pagecache.bump("unrelated")
    pagecache.fragment("part", 1, stamps=["a", "b"], build=build)
    assert build.built == 1
    pagecache.bump("b")  # the first bump of a stamp makes it
    assert pagecache.fragment("part", 1, stamps=["a", "b"], build=build) == "<p>Built 2 times</p>"
    pagecache.bump("b")  # and each later one changes it
    pagecache.fragment("part", 1, stamps=["a", "b"], build=build)
    assert build.built == 3


def test_each_object_and_each_language_has_its_own_part():
    build = Builder()
    pagecache.fragment("part", 1, stamps=["a"], build=build)
    pagecache.fragment("part", 2, stamps=["a"], build=build)
    with translation.override("cy"):
        pagecache.fragment("part", 1, stamps=["a"], build=build)
    assert build.built == 3


def test_a_bump_writes_one_row_per_stamp_whatever_the_repeats():
    pagecache.bump("a", "a", "b")
    values = dict(PageStamp.objects.values_list("name", "value"))
    assert set(values) == {"a", "b"} and values["a"] != values["b"]
    pagecache.bump("a")
    assert PageStamp.objects.get(name="a").value != values["a"]
    assert PageStamp.objects.count() == 2


def test_a_fragment_is_placed_in_a_page_as_it_is():
    html = pagecache.fragment("part", stamps=["a"], build=lambda: "<p>Hi</p>")
    from django.template import Context, Template

    assert Template("{{ html }}").render(Context({"html": html})) == "<p>Hi</p>"


def test_a_page_of_parts_reads_the_stamps_once_and_builds_only_those_not_kept(
    django_assert_num_queries,
):
    built = []

    def build(part: int) -> str:
        built.append(part)
        return f"<p>Part {part}</p>"

    def stamps(part: int) -> list[str]:
        return ["list", f"part-{part}"]

    with django_assert_num_queries(1):  # the stamps of every part at once
        first = pagecache.cached_each("parts", [1, 2, 3], stamps=stamps, build=build)
    assert first == {1: "<p>Part 1</p>", 2: "<p>Part 2</p>", 3: "<p>Part 3</p>"}
    with django_assert_num_queries(1):
        assert pagecache.cached_each("parts", range(1, 31), stamps=stamps, build=build)[30] == (
            "<p>Part 30</p>"
        )
    assert sorted(built) == list(range(1, 31))  # 1, 2 and 3 were kept
    pagecache.bump("part-2")
    pagecache.cached_each("parts", [1, 2, 3], stamps=stamps, build=build)
    assert built[30:] == [2]
    pagecache.bump("list")
    pagecache.cached_each("parts", [1, 2, 3], stamps=stamps, build=build)
    assert sorted(built[31:]) == [1, 2, 3]


def test_a_part_kept_one_at_a_time_is_the_same_part_kept_in_a_page():
    build = Builder()
    kept = pagecache.cached("part", 7, stamps=["a"], build=build)
    found = pagecache.cached_each(
        "part", [7], stamps=lambda _part: ["a"], build=lambda _part: build()
    )
    assert found == {7: kept}
    assert build.built == 1


def test_in_a_request_each_stamp_is_read_once_and_again_after_a_bump():
    """A page asks several parts of the cache: the stamps are one query, unless one was bumped
    since (in this request: its change shows at once)."""
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from commonweal.core.requestmemo import RequestMemoMiddleware

    build = Builder()
    seen = []

    def view(_request):
        with CaptureQueriesContext(connection) as queries:
            seen.append(pagecache.fragment("part", 1, stamps=["a"], build=build))
            seen.append(pagecache.fragment("other", 1, stamps=["a", "b"], build=build))
            seen.append(pagecache.fragment("part", 1, stamps=["a"], build=build))
        reads = [q for q in queries if "core_pagestamp" in q["sql"]]
        assert len(reads) == 2  # "a", then "b" (not read yet)
        pagecache.bump("a")
        seen.append(pagecache.fragment("part", 1, stamps=["a"], build=build))

    RequestMemoMiddleware(view)(RequestFactory().get("/"))
    assert seen == [
        "<p>Built 1 times</p>",
        "<p>Built 2 times</p>",
        "<p>Built 1 times</p>",
        "<p>Built 3 times</p>",  # the bump shows in the same request
    ]


def test_the_first_read_in_a_request_reads_the_stamps_models_bump_with_it(monkeypatch):
    """A page's parts ask for different stamps at different moments (who the person is, then the
    page's lists): the stamps that models' changes bump (``watch``) are read with the first one
    asked, so the second part reads nothing; a stamp nobody watches is still read when asked."""
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from commonweal.core.requestmemo import RequestMemoMiddleware

    monkeypatch.setattr(pagecache, "_WATCHED", {"a", "b"})
    pagecache.bump("b")
    build = Builder()
    reads = []

    def view(_request):
        with CaptureQueriesContext(connection) as queries:
            pagecache.fragment("part", 1, stamps=["a"], build=build)
            pagecache.fragment("other", 1, stamps=["b"], build=build)
            reads.append(len([q for q in queries if "core_pagestamp" in q["sql"]]))
            pagecache.fragment("third", 1, stamps=["c"], build=build)
            reads.append(len([q for q in queries if "core_pagestamp" in q["sql"]]))

    RequestMemoMiddleware(view)(RequestFactory().get("/"))
    assert reads == [1, 2]
    assert build.built == 3
    # What was read with "a" is b's value as it stands: after another bump, the part is built again.
    pagecache.bump("b")
    RequestMemoMiddleware(lambda _r: pagecache.fragment("other", 1, stamps=["b"], build=build))(
        RequestFactory().get("/")
    )
    assert build.built == 4
