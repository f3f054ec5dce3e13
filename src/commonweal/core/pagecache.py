"""The public part of a heavy page, built once and kept until what it shows changes.

A page whose work grows with the data and whose content is the same for every visitor (an
outcomes framework and its files, the needs summary, a priority round's published results) keeps that part in the "pages" cache (settings.CACHES, a
cache of its own, so throttle counts and sign-in attempts never push it out), under the stamps it
was built from and the language::

    content = pagecache.fragment(
        "outcomes-content", version.pk, stamps=("outcomes", "needs"),
        build=lambda: render_to_string("outcomes/includes/content.html", {...}),
    )

A stamp is a named row (core.models.PageStamp) with a random value. Whatever changes what a page
shows gives the stamp a new value (``bump``), in the same transaction as the change: until it
commits, every reader sees the old stamp and the old data; from then on, the new stamp, so the
part is built again on its next view (the stamps are read before the part is built, so a part
is never kept under a stamp newer than its data). Apps call ``watch`` in their AppConfig.ready so that every
save, delete and change of a many-to-many relation of a model bumps its stamp, whether it comes
from a service or the back office; a service that writes in bulk (which sends no signals) calls
``bump`` itself.

Only what is the same for everyone goes in: ``build`` renders without the request, so no CSRF
token, no signed-in person and nothing only staff may see can reach the cache (the page adds
those parts around it). Stamps live in the database, so each worker may keep its own cache and a
stale part is never served, whichever worker a change went through.
"""

import hashlib
import secrets
from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from django.core.cache import caches
from django.core.exceptions import EmptyResultSet
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from commonweal.core import requestmemo
from commonweal.core.models import PageStamp

CACHE = "pages"

T = TypeVar("T")
P = TypeVar("P", bound=Hashable)


def bump(*names: str) -> None:
    """Give each named stamp a new value: the parts built on it are built again on their next view."""
    if not names:
        return
    read = requestmemo.remember(_READ, dict)
    for name in names:
        read.pop(name, None)  # read again after the change, in this request
    PageStamp.objects.bulk_create(
        [PageStamp(name=name, value=secrets.token_hex(16)) for name in dict.fromkeys(names)],
        update_conflicts=True,
        unique_fields=["name"],
        update_fields=["value"],
    )


def watch(model: type[models.Model], stamp: str) -> None:
    """Bump ``stamp`` whenever a ``model`` record is saved or deleted (a delete sends a signal for
    each record it takes with it); for a many-to-many relation's through model, whenever the
    relation changes through its manager (add, remove, set, clear), from either side. Watch only
    models that have receivers already (the audit trail's): the first receiver of a model's
    deletes makes Django fetch each record before deleting it."""

    def changed(sender, instance, **kwargs) -> None:
        bump(stamp)  # loading fixtures too: data loaded into a running site shows at once

    def relation_changed(sender, instance, action, **kwargs) -> None:
        if action in ("post_add", "post_remove", "post_clear"):
            bump(stamp)

    _WATCHED.add(stamp)
    uid = f"pagecache:{model._meta.label}:{stamp}"
    if model._meta.auto_created:
        # A many-to-many relation's through model: its rows are written in bulk (no save signals),
        # and a receiver of their deletes would make Django fetch each row before deleting it.
        m2m_changed.connect(relation_changed, sender=model, weak=False, dispatch_uid=uid)
        return
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid)


# The stamps' values read so far in this request (core.requestmemo), each read once: a page asks
# several parts and counts of the cache. Kept in place, unlike other memos: ``bump`` drops what it
# changes, so the request reads it again.
_READ = ("pagecache", "stamps read")

# The stamps some model's changes bump (``watch``): a fixed few, named by the apps. The first read
# in a request reads all of them with the ones asked for, so a page whose parts ask for different
# stamps at different moments reads the stamps once.
_WATCHED: set[str] = set()


def _stamp_values(names: Iterable[str]) -> dict[str, str]:
    names = set(names)
    read: dict[str, str] = requestmemo.remember(_READ, dict)
    missing = names - read.keys()
    if missing:
        missing |= _WATCHED - read.keys()
        found = dict(PageStamp.objects.filter(name__in=missing).values_list("name", "value"))
        read.update({name: found.get(name, "") for name in missing})
    return {name: read[name] for name in names}


def _key(
    name: str, parts: Iterable[object], stamps: Iterable[str], values: dict[str, str] | None = None
) -> str:
    names = sorted(set(stamps))
    if values is None:
        values = _stamp_values(names)
    described = "|".join(
        [
            name,
            *(str(part) for part in parts),
            get_language() or "",
            *(f"{stamp}={values.get(stamp, '')}" for stamp in names),
        ]
    )
    return "page:" + hashlib.sha256(described.encode()).hexdigest()


def cached(name: str, *parts: object, stamps: Iterable[str], build: Callable[[], T]) -> T:
    """What ``build`` makes (text, or plain data such as an API answer), kept under ``name``,
    ``parts``, the language and the ``stamps``' values; built again when any of them changes.
    One query for the stamps."""
    key = _key(name, parts, stamps)
    cache = caches[CACHE]
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value)
    return value


def cached_each(
    name: str,
    parts: Iterable[P],
    *,
    stamps: Callable[[P], Iterable[str]],
    build: Callable[[P], T],
) -> dict[P, T]:
    """``cached`` for each of several objects at once (a page of a list), by each one's ``part``:
    ``build(part)``, kept under ``name``, the part, the language and the values of ``stamps(part)``.
    One query for every stamp and one read of the cache, whatever the number of parts."""
    stamps_of = {part: list(stamps(part)) for part in dict.fromkeys(parts)}
    values = _stamp_values(stamp for names in stamps_of.values() for stamp in names)
    keys = {part: _key(name, (part,), names, values) for part, names in stamps_of.items()}
    cache = caches[CACHE]
    kept = cache.get_many(list(keys.values()))
    found: dict[P, T] = {}
    built: dict[str, T] = {}
    for part, key in keys.items():
        if key in kept:
            found[part] = kept[key]
        else:
            found[part] = built[key] = build(part)
    if built:
        cache.set_many(built)
    return found


def counts(parts: Iterable[models.QuerySet], *, stamps: Iterable[str]) -> list[int]:
    """Each of ``parts`` counted (``part.count()``), kept under the queries (their SQL and
    parameters) and the ``stamps`` their rows depend on: for the page numbers of a long list, which
    would otherwise count every row it filters on every view (at city scale, thousands). Only the
    counts move to the cache; the page of rows shown is always read. One query for the stamps,
    none to count while they stand."""
    parts = list(parts)
    described: list[str] = []
    for part in parts:
        try:
            sql, params = part.query.sql_with_params()
        except EmptyResultSet:  # a filter that can match nothing, such as pk__in=[]
            described.append("nothing")
        else:
            described.append(f"{part.db}:{sql}:{params!r}")
    if all(text == "nothing" for text in described):
        return [0] * len(parts)
    return cached(
        "counts",
        *described,
        stamps=stamps,
        build=lambda: [
            0 if text == "nothing" else part.count()
            for part, text in zip(parts, described, strict=True)
        ],
    )


def count(rows: models.QuerySet, *, stamps: Iterable[str]) -> int:
    """``rows.count()``, kept as ``counts`` keeps it."""
    return counts([rows], stamps=stamps)[0]


def fragment(
    name: str, *parts: object, stamps: Iterable[str], build: Callable[[], str]
) -> SafeString:
    """HTML that ``build`` renders (with render_to_string and no request), kept as ``cached``
    keeps it, for a page to place as it is."""
    # Safe: what build returns was rendered by a template, which escaped it.
    return mark_safe(str(cached(name, *parts, stamps=stamps, build=build)))
