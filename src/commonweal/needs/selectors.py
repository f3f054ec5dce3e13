"""Reads about needs: the register with its filters, one need with what a person may see, and the summary."""

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from commonweal.core.models import AuditEntry
from commonweal.core.viewtools import InTurn, rows_in_order
from commonweal.needs import links, permissions
from commonweal.needs.apps import NEEDS_STAMP
from commonweal.needs.models import Comment, Evidence, Need, StatusChange, Support, Term
from commonweal.notifications.models import Follow
from commonweal.organisations import history, place_staff
from commonweal.places.models import Place
from commonweal.places.selectors import place_with_descendant_ids

NEWEST = "newest"
MOST_SUPPORTED = "supported"


def terms(vocabulary: str) -> QuerySet:
    """The terms of one vocabulary that are still in use, in their order."""
    return Term.objects.filter(vocabulary=vocabulary, is_active=True).order_by("position", "name")


def raisable_places() -> QuerySet:
    return (
        Place.objects.filter(
            kind__in=(Place.Kind.LOCAL_AUTHORITY, Place.Kind.WARD, Place.Kind.NEIGHBOURHOOD)
        )
        .select_related("parent")
        .order_by("name")
    )


def needs_in(place: Place | None = None, *, open_only: bool = False) -> QuerySet[Need]:
    """The needs raised for a place or any place inside it (everywhere when no place is given).

    Merged needs are left out: they live on in the need they were merged into. With
    ``open_only``, so are needs addressed or not taken forward (``Need.CLOSED``): what a round,
    a panel or a session can still take up. The one place every app asks this question.
    """
    needs = Need.objects.all()
    if place is not None:
        needs = needs.filter(place_id__in=place_with_descendant_ids(place))
    return needs.exclude(status__in=Need.CLOSED if open_only else (Need.Status.MERGED,))


def need_counts_in(places, *, status: str) -> dict[int, int]:
    """For each place, how many needs with ``status`` it has, counting the places inside it (as
    ``needs_in(place).filter(status=status).count()`` would): one query a level of places inside them
    and one to count, however many places."""
    tops = {place.pk for place in places}
    parent_of: dict[int, int] = {}
    frontier = set(tops)
    while frontier:
        rows = list(Place.objects.filter(parent_id__in=frontier).values_list("pk", "parent_id"))
        frontier = {pk for pk, _parent in rows if pk not in parent_of and pk not in tops}
        for pk, parent in rows:
            parent_of.setdefault(pk, parent)
    totals = dict.fromkeys(tops, 0)
    counted = (
        needs_in()
        .filter(place_id__in=tops | set(parent_of), status=status)
        .values("place_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in counted:
        node, seen = row["place_id"], set()
        while node is not None and node not in seen:  # up to every place asked about around it
            seen.add(node)
            if node in totals:
                totals[node] += row["n"]
            node = parent_of.get(node)
    return totals


def need_get(pk: int) -> Need | None:
    return (
        Need.objects.filter(pk=pk)
        # Who raised it is not shown (permissions compare raised_by_id): no user row is joined.
        .select_related("place__parent", "raised_for", "merged_into")
        .prefetch_related(
            Prefetch("themes", queryset=Term.objects.order_by("vocabulary", "position", "name"))
        )
        .first()
    )


# What a need's page shows of the records joined to the need (names and web addresses), and the
# parent of each place, which "who acts for the place" walks up: the rest of them is never shown,
# and every column read is one more the query is built, sent and read with.
_PAGE_JOINED = (
    *("place__name", "place__slug", "place__parent"),
    *("place__parent__name", "place__parent__slug", "place__parent__parent"),
    *("raised_for__name", "merged_into__title"),
)


def need_for_page(pk: int) -> Need | None:
    """A need for its page: all of it, with its place and the place that holds it, the organisation
    it was raised for and the need it was merged into, of which only what the page shows (names and
    web addresses) is read. Its themes come from ``need_themes``."""
    return (
        Need.objects.filter(pk=pk)
        # Who raised it is not shown (permissions compare raised_by_id): no user row is joined.
        .select_related("place__parent", "raised_for", "merged_into")
        .only(*(field.name for field in Need._meta.concrete_fields), *_PAGE_JOINED)
        .first()
    )


def need_themes(need: Need) -> list[Term]:
    """A need's terms, in the order its page lists them (by vocabulary, then as each is ordered)."""
    return list(need.themes.order_by("vocabulary", "position", "name"))


def need_search(
    *,
    q: str = "",
    theme: Term | None = None,
    group: Term | None = None,
    place: Place | None = None,
    status: str = "",
    sort: str = NEWEST,
) -> QuerySet:
    """The register: needs matching the words and filters given. Merged needs only when asked for."""
    needs = Need.objects.all()
    q = (q or "").strip()
    if q:
        needs = needs.filter(Q(title__icontains=q) | Q(problem__icontains=q))
    if theme is not None:
        needs = needs.filter(themes=theme)
    if group is not None:
        needs = needs.filter(themes=group)
    if place is not None:
        needs = needs.filter(place__in=place_with_descendant_ids(place))
    needs = needs.filter(status=status) if status else needs.exclude(status=Need.Status.MERGED)
    needs = needs.select_related("place")
    needs = needs.prefetch_related(
        Prefetch("themes", queryset=Term.objects.order_by("vocabulary", "position", "name"))
    )
    if sort == MOST_SUPPORTED:
        return needs.order_by("-supporter_count", "-created_at", "-pk")
    return needs.order_by("-created_at", "-pk")


def need_status_changes(need: Need) -> QuerySet:
    # Who changed it is in the history for staff, not in the list of steps: no user row is joined.
    return StatusChange.objects.filter(need=need).order_by("changed_at", "pk")


@dataclass(frozen=True)
class EvidenceView:
    evidence: Evidence
    show_storyteller: bool
    # The story's publication and consent, and the Remove link: for those who may see everything about it.
    show_private: bool
    can_remove: bool


def need_evidence(need: Need, user, *, staff: bool | None = None) -> list[EvidenceView]:
    """The evidence a person may see, each piece by its own rule (see ``permissions``): a story not to
    be published only for its recorder and place staff; a storyteller's name only as consented.
    ``staff``: whether the person is staff for the need's place, when the caller already knows."""
    if staff is None:
        staff = permissions.is_place_staff(user, need.place)
    raiser = permissions.is_raiser(user, need)
    rows = []
    # The page names who recorded a story's consent (to those who see everything about it), never
    # who added a piece: the permissions compare their ids, so no other user row is joined.
    for evidence in need.evidence.select_related("consent_recorded_by").order_by("added_at", "pk"):
        evidence.need = need
        insider = permissions.can_see_private_evidence(user, evidence, staff=staff)
        if not (insider or permissions.is_published(evidence)):
            continue
        rows.append(
            EvidenceView(
                evidence,
                show_storyteller=permissions.can_see_storyteller(user, evidence, staff=staff),
                show_private=insider,
                can_remove=insider or raiser,
            )
        )
    return rows


def need_published_evidence(need: Need) -> QuerySet:
    """What anyone may see of a need's evidence, oldest first: for the API, exports and counts."""
    return need.evidence.filter(permissions.published_evidence_q()).order_by("added_at", "pk")


def need_evidence_get(need: Need, evidence_id: int) -> Evidence | None:
    return need.evidence.filter(pk=evidence_id).select_related("need__place").first()


def need_comments(need: Need) -> QuerySet:
    return (
        # The author's name is shown; who moderated a comment is in the history, not the discussion.
        Comment.objects.filter(need=need).select_related("author").order_by("created_at", "pk")
    )


def need_comment_page(comment: Comment, per_page: int) -> int:
    """The page of its need's discussion (``need_comments``, ``per_page`` a page) a comment is on."""
    before = Comment.objects.filter(need_id=comment.need_id).filter(
        Q(created_at__lt=comment.created_at) | Q(created_at=comment.created_at, pk__lt=comment.pk)
    )
    return before.count() // per_page + 1


def need_comment_get(need: Need, comment_id: int) -> Comment | None:
    return Comment.objects.filter(need=need, pk=comment_id).select_related("author").first()


def need_supported_and_followed_by(need: Need, user) -> tuple[bool, bool]:
    """Whether the person supports the need, and whether they follow it, in one query (its page
    asks both of everyone signed in). Two plain EXISTS by unique indexes, written out: built by
    the ORM, the query cost more to build than the two it replaces."""
    if not user.is_authenticated:
        return False, False
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT EXISTS (SELECT 1 FROM {Support._meta.db_table} WHERE need_id = %s AND "
            f"user_id = %s), EXISTS (SELECT 1 FROM {Follow._meta.db_table} WHERE user_id = %s "
            "AND kind = %s AND object_id = %s)",
            [need.pk, user.pk, user.pk, "need", need.pk],
        )
        supported, following = cursor.fetchone()
    return bool(supported), bool(following)


def need_merge_targets(need: Need) -> QuerySet:
    """Open needs a duplicate could be merged into: any but itself (whether the person may merge into
    one is for the view to ask)."""
    return Need.objects.exclude(pk=need.pk).exclude(status__in=Need.CLOSED)


def need_merge_choices(need: Need, user, q: str = "") -> InTurn:
    """The open needs the merge page offers: those in places the person manages (any, for the back
    office), matching ``q`` (a reference number, or words that are all in the title), those in the
    need's own place first, then the rest, each by title. For a page of them (the place may have
    thousands): two lists read in turn, each in the order of an index, and counted once while no
    need changes."""
    needs = needs_matching(need_merge_targets(need), q)
    if not user.is_staff:
        needs = needs.filter(place_id__in=place_staff.staff_place_ids(user))
    needs = needs.select_related("place").only("title", "place", "place__name")
    return rows_in_order(
        [
            needs.filter(place_id=need.place_id).order_by("title", "pk"),
            needs.exclude(place_id=need.place_id).order_by("title", "pk"),
        ],
        stamps=(NEEDS_STAMP,),
    )


def needs_matching(needs: QuerySet[Need], q: str) -> QuerySet[Need]:
    """Those of ``needs`` a chooser's search finds: the need with that reference number (its id, as in
    its web address, with or without #), or those with every word in their title. All, for no words."""
    words = (q or "").split()
    if not words:
        return needs
    matching = Q()
    for word in words:
        matching &= Q(title__icontains=word)
    reference = (q or "").strip().lstrip("#")
    if reference.isdigit():
        matching |= Q(pk=int(reference))
    return needs.filter(matching)


def need_history_entries(need: Need) -> QuerySet[AuditEntry]:
    """The audit entries about the need, its evidence, comments, supports and statuses, newest first
    (a need with thousands of supporters has thousands: show a page at a time)."""
    related = ("needs.evidence", "needs.comment", "needs.support", "needs.statuschange")
    return (
        AuditEntry.objects.filter(
            Q(model="needs.need", object_id=str(need.pk))
            | (Q(model__in=related) & (Q(after__need_id=need.pk) | Q(before__need_id=need.pk)))
        )
        .select_related("actor")
        .order_by("-id")
    )


def need_history(need: Need) -> list[history.ReadableEntry]:
    """Changes to the need, its evidence, comments, supports and statuses, newest first."""
    return history.readable(need_history_entries(need))


def user_organisations(user) -> QuerySet:
    """The organisations a person belongs to, to raise a need on behalf of."""
    from commonweal.organisations.models import Organisation

    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(role_assignments__user=user).distinct().order_by("name")


@dataclass(frozen=True)
class Row:
    label: str
    count: int
    url_query: str


def needs_by_ward() -> list[Row]:
    """Open and closed needs (not merged ones) counted by ward; a neighbourhood counts for its ward.

    Needs raised for a whole local authority are counted against it, named as the whole area.
    """
    places = {
        place.pk: place for place in Place.objects.only("pk", "name", "kind", "parent_id", "slug")
    }
    counts: Counter = Counter()
    for place_id, count in (
        Need.objects.exclude(status=Need.Status.MERGED)
        .values_list("place_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        place = places.get(place_id)
        while (
            place is not None
            and place.kind == Place.Kind.NEIGHBOURHOOD
            and place.parent_id in places
        ):
            place = places[place.parent_id]
        if place is not None:
            counts[place.pk] += count
    rows = []
    for place_id, count in counts.items():
        place = places[place_id]
        label = (
            place.name
            if place.kind == Place.Kind.WARD
            else _("%(place)s (whole area)") % {"place": place.name}
        )
        rows.append(Row(label, count, f"place={place.slug}"))
    return sorted(rows, key=lambda row: (-row.count, row.label))


def needs_by_theme(vocabulary: str = Term.Vocabulary.OUTCOME_AREA) -> list[Row]:
    """Needs (not merged ones) counted by each theme of a vocabulary, largest first, empty themes left out."""
    parameter = "group" if vocabulary == Term.Vocabulary.BENEFICIARY_GROUP else "theme"
    counted = (
        Term.objects.filter(vocabulary=vocabulary)
        .annotate(n=Count("needs", filter=~Q(needs__status=Need.Status.MERGED), distinct=True))
        .filter(n__gt=0)
    )
    rows = [Row(term.name, term.n, f"{parameter}={term.slug}") for term in counted]
    return sorted(rows, key=lambda row: (-row.count, row.label))


def need_list(
    *, place: Place | None = None, status: str = "", theme: str = "", q: str = ""
) -> QuerySet[Need]:
    """The API's register, newest first: as on the needs page, and filtered by any kind of term's
    short name, with what the API sends of each need and its place. Without the needs' terms: the
    API reads a page's at once (``need_terms``)."""
    needs = (
        need_search(q=q, place=place, status=status)
        .prefetch_related(None)
        .only(
            *("title", "problem", "population", "status", "status_reason", "supporter_count"),
            *("created_at", "updated_at", "place__slug", "place__name"),
        )
    )
    if theme:
        needs = needs.filter(pk__in=Need.objects.filter(themes__slug=theme).values("pk"))
    return needs


class TermShown(NamedTuple):
    """What a list of needs shows of one of their terms."""

    pk: int
    vocabulary: str
    slug: str
    name: str


def need_terms(need_ids: list[int]) -> dict[int, list[TermShown]]:
    """Each need's terms, in the order a need's page lists them, for a page of needs in one query.
    A term many of the needs share is one ``TermShown``, read once (a page shares a few dozen)."""
    links = (
        Need.themes.through.objects.filter(need_id__in=need_ids)
        .order_by("term__vocabulary", "term__position", "term__name", "term_id")
        .values_list("need_id", "term_id", "term__vocabulary", "term__slug", "term__name")
    )
    shown: dict[int, TermShown] = {}
    by_need: dict[int, list[TermShown]] = {pk: [] for pk in need_ids}
    for need_id, term_id, vocabulary, slug, name in links:
        term = shown.get(term_id)
        if term is None:
            term = shown[term_id] = TermShown(term_id, vocabulary, slug, name)
        by_need[need_id].append(term)
    return by_need


def need_outcomes(need: Need) -> list:
    """The outcomes that address a need, in each framework's latest published version.

    The outcomes app records them and registers how to list them (needs/links.py): needs never
    imports it. Empty when no app has registered them.
    """
    return links.items_of("outcomes", need)


def people_who_care(need: Need, event: object = None) -> Iterator[int]:
    """Ids of the person who raised the need and of everyone who supports it (for notifications)."""
    if need.raised_by_id is not None:
        yield need.raised_by_id
    yield from (
        Support.objects.filter(need=need).order_by().values_list("user_id", flat=True).iterator()
    )
