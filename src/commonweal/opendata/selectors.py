"""Reading published releases: a page of them for the API, one by id, and every one in turn for the
export, a chunk at a time, so a city's years of releases are never all in memory."""

import datetime
from collections.abc import Iterator

from django.db.models import Max, Q, QuerySet

from commonweal.opendata.models import Release

CHUNK = 500


def releases(*, ocid: str | None = None) -> QuerySet[Release]:
    """Published releases, newest first (by release date, then by id), of one process if given."""
    rows = Release.objects.order_by("-date", "-pk")
    if ocid:
        rows = rows.filter(ocid=ocid)
    return rows


def release_get(release_id: str) -> Release | None:
    return Release.objects.filter(release_id=release_id).first()


def releases_of(ocid: str) -> list[dict]:
    """One process's releases as published, oldest first, as its record lists them."""
    rows = Release.objects.filter(ocid=ocid).order_by("date", "pk")
    return list(rows.values_list("data", flat=True))


def releases_in_order(*, chunk: int | None = None) -> Iterator[dict]:
    """Every release as published, oldest first (release date, then id), read ``chunk`` at a time:
    each read starts after the last row of the one before (no offset, no open cursor)."""
    chunk = chunk or CHUNK
    after: tuple[datetime.datetime, int] | None = None
    while True:
        rows = Release.objects.order_by("date", "pk")
        if after is not None:
            rows = rows.filter(Q(date__gt=after[0]) | Q(date=after[0], pk__gt=after[1]))
        page = list(rows.values_list("date", "pk", "data")[:chunk])
        if not page:
            return
        for _date, _pk, data in page:
            yield data
        after = page[-1][0], page[-1][1]


def ocids_in_order(*, chunk: int | None = None) -> Iterator[list[str]]:
    """Every process with a release, by its ocid, ``chunk`` ocids at a time."""
    chunk = chunk or CHUNK
    after = ""
    while True:
        ocids = list(
            Release.objects.filter(ocid__gt=after)
            .order_by("ocid")
            .values_list("ocid", flat=True)
            .distinct()[:chunk]
        )
        if not ocids:
            return
        yield ocids
        after = ocids[-1]


def releases_of_each(ocids: list[str]) -> dict[str, list[dict]]:
    """The releases of each of ``ocids``, oldest first, in one query."""
    found: dict[str, list[dict]] = {ocid: [] for ocid in ocids}
    rows = Release.objects.filter(ocid__in=ocids).order_by("ocid", "date", "pk")
    for ocid, data in rows.values_list("ocid", "data"):
        found[ocid].append(data)
    return found


def last_published(*, ocid: str | None = None) -> datetime.datetime | None:
    """When the newest release (of one process, if given) was published: a package's publishedDate."""
    rows = Release.objects.filter(ocid=ocid) if ocid else Release.objects.all()
    return rows.aggregate(last=Max("published_at"))["last"]
