"""Writes about needs: raising, evidence, support, comments, statuses and merges. Each is audited."""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Count, DateTimeField, Max, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonweal.accounts.models import User
from commonweal.accounts.permissions import EmailNotConfirmed, has_confirmed_email
from commonweal.core import audit, pagecache, uploads
from commonweal.needs import notices
from commonweal.needs.apps import NEEDS_STAMP, SUPPORTERS_STAMP
from commonweal.needs.models import Comment, Evidence, Need, StatusChange, Support, Term
from commonweal.organisations.models import Organisation
from commonweal.places.models import Place

# Needs are raised for a local authority, a ward or a neighbourhood: somewhere people live.
RAISABLE_PLACE_KINDS = (Place.Kind.LOCAL_AUTHORITY, Place.Kind.WARD, Place.Kind.NEIGHBOURHOOD)
EDITABLE_FIELDS = frozenset({"title", "problem", "population", "place", "themes", "raised_for"})
CONSENT_MESSAGE = gettext_lazy("You can only publish a story if the storyteller has given consent")

# A figure's date: none before 1900 (a year typed wrong, 1066 for 2026), none after today.
FIGURE_EARLIEST = date(1900, 1, 1)
# Units that may go below 0: a percentage or a change in one, an amount of money, a difference or a
# balance, a temperature. Any other unit counts things (people, households, days), never below 0.
_MAY_BE_NEGATIVE = re.compile(
    r"%|per ?cent|percentage|£|\bpounds?\b|\bgbp\b|change|difference|\bnet\b|balance|°|degree",
    re.IGNORECASE,
)


def _clean_text(value: str | None) -> str:
    return (value or "").strip()


def _check_need(need: Need) -> None:
    errors = {}
    if not need.title:
        errors["title"] = _("Enter the need in a sentence")
    if not need.problem:
        errors["problem"] = _("Describe the problem")
    if not need.population:
        errors["population"] = _("Say who it affects")
    if need.place_id is None:
        errors["place"] = _("Select the place where the need is")
    elif need.place.kind not in RAISABLE_PLACE_KINDS:
        errors["place"] = _("Select a local authority, ward or neighbourhood")
    if errors:
        raise ValidationError(errors)
    need.full_clean(exclude=["place", "raised_by", "raised_for", "merged_into"])


def _check_raised_for(actor: User, organisation: Organisation | None) -> None:
    if organisation is not None and not organisation.role_assignments.filter(user=actor).exists():
        raise ValidationError(
            {"raised_for": _("You can only raise a need for an organisation you belong to")}
        )


def _check_terms(themes: Iterable[Term], *, already: Iterable[Term] = ()) -> list[Term]:
    """Themes in use; a term taken out of use may stay where it ``already`` was."""
    themes = list(themes or [])
    kept = {term.pk for term in already}
    if any(not term.is_active and term.pk not in kept for term in themes):
        raise ValidationError({"themes": _("Choose themes that are still in use")})
    return themes


@transaction.atomic
def need_raise(
    *,
    actor: User,
    place: Place,
    title: str,
    problem: str,
    population: str,
    themes: Iterable[Term] = (),
    raised_for: Organisation | None = None,
) -> Need:
    """Record a new need for a place, raised by ``actor`` (optionally for their organisation)."""
    if not has_confirmed_email(actor):
        raise EmailNotConfirmed(actor, "raise")
    need = Need(
        place=place,
        title=_clean_text(title),
        problem=_clean_text(problem),
        population=_clean_text(population),
        raised_by=actor,
        raised_for=raised_for,
        status=Need.Status.RAISED,
        status_reason=_("Raised on Commonweal"),
    )
    _check_need(need)
    _check_raised_for(actor, raised_for)
    themes = _check_terms(themes)
    with audit.audit_context(actor=actor, reason=_("Raised a need")):
        need.save()
        need.themes.set(themes)
        StatusChange.objects.create(
            need=need,
            from_status="",
            to_status=Need.Status.RAISED,
            reason=need.status_reason,
            changed_by=actor,
        )
    return need


@transaction.atomic
def need_update(*, need: Need, actor: User, reason: str = "", **fields: Any) -> Need:
    """Change what a need says: its title, problem, who it affects, place, themes or organisation."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"These need fields cannot be set: {', '.join(sorted(unknown))}")
    if need.status == Need.Status.MERGED:
        raise ValidationError(
            _("This need has been merged into another. Change that need instead.")
        )
    themes = fields.pop("themes", None)
    original = {name: getattr(need, name) for name in fields}
    for name, value in fields.items():
        setattr(
            need, name, _clean_text(value) if name in ("title", "problem", "population") else value
        )
    try:
        _check_need(need)
        if "raised_for" in fields:
            _check_raised_for(actor, need.raised_for)
        if themes is not None:
            themes = _check_terms(themes, already=need.themes.all())
    except ValidationError:
        for name, value in original.items():
            setattr(need, name, value)
        raise
    changed = any(getattr(need, name) != value for name, value in original.items()) or (
        themes is not None and {t.pk for t in themes} != {t.pk for t in need.themes.all()}
    )
    if not changed:
        return need  # sent again as it was: not saved (updated_at) and not moved on (activity)
    with audit.audit_context(actor=actor, reason=reason or _("Changed the need")):
        need.save()
        if themes is not None:
            need.themes.set(themes)
    need_activity_mark(needs=[need])
    return need


def need_activity_mark(*, needs: Iterable[Need], at: datetime | None = None) -> None:
    """Record that needs moved on at ``at`` (now unless given): "You said, we did" shows the latest
    first. A time before the one already kept leaves that one. Called by every service that changes
    a need, its status, its evidence or the response to it (co-design sessions)."""
    at = at or timezone.now()
    needs = list(needs)
    Need.objects.filter(pk__in=[need.pk for need in needs]).update(
        last_activity_at=Greatest("last_activity_at", Value(at, output_field=DateTimeField()))
    )
    for need in needs:
        need.last_activity_at = max(need.last_activity_at, at)


def needs_activity_recount(*, needs: Iterable[Need]) -> None:
    """Work each need's last activity out again from its rows (raised, status changes, evidence), after
    their times were set by hand (the demo backdates what it makes)."""
    Need.objects.filter(pk__in=[need.pk for need in needs]).update(
        last_activity_at=_latest_activity()
    )


def _latest_activity() -> Greatest:
    """The latest of a need being raised, changing status and getting evidence, as an expression."""

    def latest(rows: models.QuerySet, field: str) -> Coalesce:
        times = rows.filter(need=OuterRef("pk")).order_by().values("need")
        return Coalesce(Subquery(times.annotate(at=Max(field)).values("at")), "created_at")

    return Greatest(
        "created_at",
        latest(StatusChange.objects.all(), "changed_at"),
        latest(Evidence.objects.all(), "added_at"),
    )


def counts_things(unit: str) -> bool:
    """Whether a figure in ``unit`` counts things (people, households, days), so is never below 0;
    a percentage, an amount of money or a change may be."""
    return bool(unit.strip()) and not _MAY_BE_NEGATIVE.search(unit)


def figure_impossible(*, value: Decimal | None, unit: str, as_of: date | None) -> dict[str, Any]:
    """Why a figure cannot be true, by field: a count below 0 ("-5 children"), a date before 1900
    or after today. The form asks the same (forms.FigureForm)."""
    errors: dict[str, Any] = {}
    value, as_of = _as_stored("value", value), _as_stored("as_of", as_of)
    if value is not None and value < 0 and counts_things(unit):
        errors["value"] = _("Figure must be 0 or more, as it counts %(unit)s") % {
            "unit": unit.strip()
        }
    if as_of is not None and as_of < FIGURE_EARLIEST:
        errors["as_of"] = _("Date of the figure must be %(year)s or later") % {
            "year": FIGURE_EARLIEST.year
        }
    elif as_of is not None and as_of > timezone.localdate():
        errors["as_of"] = _("Date of the figure must be today or in the past")
    return errors


def _as_stored(field: str, value: object) -> Any:
    """``value`` as the evidence's ``field`` holds it (a script may send "2026-01-01" or "240"), or
    None when it is not one: the record's own checks then say so."""
    column = Evidence._meta.get_field(field)
    assert isinstance(column, models.Field)
    try:
        return column.to_python(value)
    except ValidationError:
        return None


def _figure_errors(
    *, value: Decimal | None, unit: str, source: str, as_of: date | None
) -> dict[str, Any]:
    errors: dict[str, Any] = figure_impossible(value=value, unit=unit, as_of=as_of)
    if value is None:
        errors["value"] = _("Enter the figure, like 240")
    if not unit:
        errors["unit"] = _("Enter what the figure counts, like people or percent")
    if not source:
        errors["source"] = _("Enter where the figure comes from")
    if as_of is None:
        errors["as_of"] = _("Enter the date of the figure")
    return errors


@transaction.atomic
def evidence_add(
    *,
    need: Need,
    actor: User,
    kind: str,
    title: str,
    value: Decimal | None = None,
    unit: str = "",
    source: str = "",
    as_of: date | None = None,
    story: str = "",
    storyteller: str = "",
    consent_given: bool = False,
    publication: str = Evidence.Publication.PRIVATE,
    file: UploadedFile | None = None,
) -> Evidence:
    """Add a figure, a lived-experience story or a document to a need."""
    if need.status == Need.Status.MERGED:
        raise ValidationError(
            _("This need has been merged into another. Add evidence to that need instead.")
        )
    evidence = Evidence(need=need, kind=kind, title=_clean_text(title), added_by=actor)
    errors: dict[str, Any] = (
        {} if evidence.title else {"title": _("Enter a title for the evidence")}
    )
    file_kind = None
    if kind == Evidence.Kind.FIGURE:
        evidence.value, evidence.unit, evidence.source, evidence.as_of = (
            value,
            _clean_text(unit),
            _clean_text(source),
            as_of,
        )
        errors.update(
            _figure_errors(value=value, unit=evidence.unit, source=evidence.source, as_of=as_of)
        )
    elif kind == Evidence.Kind.STORY:
        evidence.story, evidence.storyteller = _clean_text(story), _clean_text(storyteller)
        evidence.consent_given, evidence.publication = bool(consent_given), publication
        if not evidence.story:
            errors["story"] = _("Enter the story")
        if publication not in Evidence.Publication.values:
            errors["publication"] = _("Select whether and how the story may be published")
        elif publication != Evidence.Publication.PRIVATE and not evidence.consent_given:
            errors["publication"] = CONSENT_MESSAGE
        if evidence.consent_given:
            evidence.consent_recorded_by, evidence.consent_recorded_at = actor, timezone.now()
    elif kind == Evidence.Kind.DOCUMENT:
        if file is None:
            errors["file"] = _("Select a file")
        else:
            try:
                file_kind = uploads.check_upload(file)
            except ValidationError as error:
                errors["file"] = error.messages
            else:
                evidence.content_type = file_kind.content_type
    else:
        errors["kind"] = _("Choose a figure, a story or a document")
    if errors:
        raise ValidationError(errors)
    evidence.full_clean(exclude=["file", "need", "added_by", "consent_recorded_by"])
    with audit.audit_context(actor=actor, reason=_("Added evidence to a need")):
        if file is not None and file_kind is not None:
            evidence.file.save(uploads.safe_filename(file.name or "", file_kind), file, save=False)
        try:
            evidence.save()
        except Exception:
            if file_kind is not None and evidence.file.name:
                evidence.file.storage.delete(evidence.file.name)
            raise
    need_activity_mark(needs=[need])
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: Evidence, actor: User, reason: str = "") -> None:
    """Remove a piece of evidence and, once that is committed, any stored file."""
    storage, name = evidence.file.storage, evidence.file.name
    with audit.audit_context(actor=actor, reason=reason or _("Removed evidence from a need")):
        evidence.delete()
    need_activity_mark(needs=[evidence.need])
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def need_support(*, need: Need, user: User) -> bool:
    """Say "this affects me too". True when recorded now, False when the person already supports it."""
    if not has_confirmed_email(user):
        raise EmailNotConfirmed(user, "support")
    if need.is_closed:
        raise ValidationError(_("This need is closed, so it cannot be supported any more"))
    if Support.objects.filter(need=need, user=user).exists():
        return False
    try:
        with (
            transaction.atomic(),
            audit.audit_context(actor=user, reason=_("Said this affects them too")),
        ):
            Support.objects.create(need=need, user=user)
    except IntegrityError:
        # Two presses at once: the other one recorded it.
        return False
    return True


@transaction.atomic
def need_unsupport(*, need: Need, user: User) -> bool:
    """Take back a support. True when there was one to take back."""
    with audit.audit_context(actor=user, reason=_("Took back their support")):
        deleted, _count = Support.objects.filter(need=need, user=user).delete()
    return bool(deleted)


@transaction.atomic
def comment_add(*, need: Need, author: User, body: str) -> Comment:
    """Add a comment to a need's discussion."""
    if need.status == Need.Status.MERGED:
        raise ValidationError(
            _("This need has been merged into another. Comment on that need instead.")
        )
    body = _clean_text(body)
    if not body:
        raise ValidationError({"body": _("Enter your comment")})
    with audit.audit_context(actor=author, reason=_("Commented on a need")):
        return Comment.objects.create(need=need, author=author, body=body)


@transaction.atomic
def comment_moderate(*, comment: Comment, actor: User, hide: bool, reason: str) -> Comment:
    """Hide a comment (or show it again), with a reason everyone can read."""
    reason = _clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Enter the reason, so everyone can see why")})
    comment.moderation = Comment.Moderation.HIDDEN if hide else Comment.Moderation.VISIBLE
    comment.moderation_reason = reason[:300]
    comment.moderated_by = actor
    with audit.audit_context(actor=actor, reason=reason):
        comment.save()
    return comment


@transaction.atomic
def need_status_set(
    *,
    need: Need,
    status: str,
    reason: str,
    actor: User,
    evidence_label: str = "",
    evidence_url: str = "",
) -> Need:
    """Move a need to a new status, recording the public reason (and what the decision rests on)."""
    reason = _clean_text(reason)
    need = Need.objects.select_for_update().get(pk=need.pk)
    if need.status == Need.Status.MERGED:
        raise ValidationError(
            _("This need has been merged into another, so its status cannot change")
        )
    if status == Need.Status.MERGED:
        raise ValidationError({"status": _("Merge the need into another instead")})
    if status not in Need.Status.values:
        raise ValidationError({"status": _("Select a status")})
    if not reason:
        raise ValidationError(
            {"reason": _("Enter the reason for the change, so everyone can see why")}
        )
    with audit.audit_context(actor=actor, reason=reason):
        StatusChange.objects.create(
            need=need,
            from_status=need.status,
            to_status=status,
            reason=reason,
            changed_by=actor,
            evidence_label=_clean_text(evidence_label)[:300],
            evidence_url=_clean_text(evidence_url)[:300],
        )
        need.status, need.status_reason = status, reason
        need.save(update_fields=["status", "status_reason", "updated_at"])
    need_activity_mark(needs=[need])
    notices.status_changed(need, status=status, reason=reason, actor=actor)
    return need


def _supporters_recount(*needs: Need) -> None:
    """Count the supports of needs again, after supports moved between them (a merge)."""
    supports = Support.objects.filter(need=OuterRef("pk")).order_by().values("need")
    Need.objects.filter(pk__in=[need.pk for need in needs]).update(
        supporter_count=Coalesce(Subquery(supports.annotate(n=Count("pk")).values("n")), 0)
    )
    pagecache.bump(SUPPORTERS_STAMP)  # an update sends no signal


@transaction.atomic
def need_merge(*, source: Need, target: Need, actor: User, reason: str) -> Need:
    """Merge a duplicate into another need: supporters, evidence, comments and links move; the source says where it went."""
    reason = _clean_text(reason)
    source = Need.objects.select_for_update().get(pk=source.pk)
    target = Need.objects.select_for_update().get(pk=target.pk)
    if source.pk == target.pk:
        raise ValidationError({"target": _("A need cannot be merged into itself")})
    if source.status == Need.Status.MERGED:
        raise ValidationError(_("This need has already been merged into another"))
    if target.is_closed:
        raise ValidationError(
            {
                "target": _("You cannot merge into a need that is closed (%(status)s)")
                % {"status": target.get_status_display().lower()}
            }
        )
    if not reason:
        raise ValidationError(
            {"reason": _("Enter the reason for the merge, so everyone can see why")}
        )
    with audit.audit_context(actor=actor, reason=reason):
        already = set(target.supports.values_list("user_id", flat=True))
        if target.raised_by_id:
            already.add(target.raised_by_id)
        for support in source.supports.all():
            if support.user_id in already:
                support.delete()
            else:
                support.need = target
                support.save()
                already.add(support.user_id)
        # The person who raised the duplicate is affected too: they become a supporter.
        if source.raised_by_id and source.raised_by_id not in already:
            Support.objects.create(need=target, user_id=source.raised_by_id)
        for evidence in source.evidence.all():
            evidence.need = target
            evidence.save()
        for comment in source.comments.all():
            comment.need = target
            comment.save()
        target.themes.add(*source.themes.all())
        target.outcomes.add(*source.outcomes.all())
        for session in source.codesign_sessions.all():
            session.needs.add(target)
        for priority_round in source.priority_rounds.all():
            priority_round.needs.add(target)
        StatusChange.objects.create(
            need=source,
            from_status=source.status,
            to_status=Need.Status.MERGED,
            reason=reason,
            changed_by=actor,
            evidence_label=target.title[:300],
            evidence_url=target.get_absolute_url(),
        )
        source.status, source.status_reason, source.merged_into = Need.Status.MERGED, reason, target
        source.save(update_fields=["status", "status_reason", "merged_into", "updated_at"])
    _supporters_recount(source, target)
    need_activity_mark(needs=[source, target])
    notices.merged(source, target, reason=reason, actor=actor)
    return source


# --- in bulk: imports and the demo's city-scale data --------------------------------------------

# Rows written per INSERT by the bulk services (the database may lower it).
BULK_BATCH_SIZE = 1000


@dataclass(frozen=True)
class NeedImport:
    """One need for ``needs_import``, as it was raised and has moved on since.

    ``steps`` are the status changes after it was raised, oldest first: ``(status, reason, by, at)``;
    the last one is its status now. ``evidence`` are unsaved ``Evidence`` records (no need yet), each
    with its ``added_at``. ``outcomes`` are ids of outcomes that address it.
    """

    place: Place
    title: str
    problem: str
    population: str
    raised_by: User | None
    raised_at: datetime
    raised_for: Organisation | None = None
    themes: Sequence[Term] = ()
    outcomes: Sequence[int] = ()
    steps: Sequence[tuple[str, str, User | None, datetime]] = ()
    evidence: Sequence[Evidence] = ()


def _stamp(model: type[models.Model], rows: Sequence, field: str, wanted: Sequence) -> None:
    """Give rows just written in bulk the times they really happened (``auto_now_add`` set them to now).

    One UPDATE ... FROM (VALUES ...) per batch on PostgreSQL and SQLite (Django's ``bulk_update`` builds
    a CASE per row, far slower for tens of thousands of rows); ``bulk_update`` elsewhere.
    """
    for row, value in zip(rows, wanted, strict=True):
        setattr(row, field, value)
    column, key = model._meta.get_field(field), model._meta.pk
    assert (
        isinstance(column, models.DateTimeField) and key is not None
    )  # a time, on a table with a key
    vendor = connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        model._default_manager.bulk_update(rows, [field], batch_size=BULK_BATCH_SIZE // 2)
        return
    quote = connection.ops.quote_name
    table, name, pk = (
        quote(model._meta.db_table),
        quote(column.column or field),
        quote(key.column or "id"),
    )
    if vendor == "postgresql":
        value_sql, target = "(%s::bigint, %s::timestamptz)", "v(id, at)"
        pk_ref, at_ref = "v.id", "v.at"
    else:
        value_sql, target = "(%s, %s)", "v"
        pk_ref, at_ref = "v.column1", "v.column2"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BULK_BATCH_SIZE // 2):
            batch = rows[start : start + BULK_BATCH_SIZE // 2]
            params: list[Any] = []
            for row in batch:
                params += [row.pk, column.get_db_prep_value(getattr(row, field), connection)]
            # Names quoted by the database's own rules; every value is a bound parameter.
            cursor.execute(
                f"UPDATE {table} SET {name} = {at_ref} FROM (VALUES "
                + ", ".join([value_sql] * len(batch))
                + f") AS {target} WHERE {table}.{pk} = {pk_ref}",
                params,
            )


def _bulk_write(
    operation: audit.BulkOperation,
    model: type[models.Model],
    rows: list,
    *,
    times: dict[str, Sequence] | None = None,
) -> list:
    """Insert rows, set their real times, and fold them into the audit operation as stored."""
    created = model._default_manager.bulk_create(rows, batch_size=BULK_BATCH_SIZE)
    for field, wanted in (times or {}).items():
        _stamp(model, created, field, wanted)
    operation.add_rows(model._meta.label_lower, created, m2m=False)
    return created


@transaction.atomic
def needs_import(*, place: Place, needs: Sequence[NeedImport], reason: str) -> list[Need]:
    """Record many needs at once, with their themes, outcomes, status changes and evidence (an import,
    the demo's city-scale data): one audit entry about ``place`` with the counts and a digest.

    Each need is checked as ``need_raise`` checks it; nothing is written if one fails. Supports and
    comments are added apart (``supports_add_bulk``, ``comments_add_bulk``).
    """
    built = []
    for spec in needs:
        status, status_reason = Need.Status.RAISED.value, _("Raised on Commonweal")
        if spec.steps:
            status, status_reason = spec.steps[-1][0], spec.steps[-1][1]
        need = Need(
            place=spec.place,
            title=_clean_text(spec.title),
            problem=_clean_text(spec.problem),
            population=_clean_text(spec.population),
            raised_by=spec.raised_by,
            raised_for=spec.raised_for,
            status=status,
            status_reason=status_reason,
        )
        if need.status == Need.Status.MERGED:
            raise ValidationError(_("A need is merged into another one by merging, not by import."))
        _check_need(need)
        _check_terms(spec.themes)
        built.append(need)
    with (
        audit.audit_context(reason=reason),
        audit.bulk_operation(instance=place, action="needs_import", reason=reason) as operation,
    ):
        created = _bulk_write(
            operation,
            Need,
            built,
            times={
                "created_at": [spec.raised_at for spec in needs],
                "updated_at": [
                    spec.steps[-1][3] if spec.steps else spec.raised_at for spec in needs
                ],
                "last_activity_at": [
                    max(
                        [spec.raised_at]
                        + [at for *_step, at in spec.steps]
                        + [item.added_at for item in spec.evidence]
                    )
                    for spec in needs
                ],
            },
        )
        pairs = list(zip(created, needs, strict=True))
        themes, outcomes = Need.themes.through, Need.outcomes.through
        _bulk_write(
            operation,
            themes,
            [
                themes(need_id=need.pk, term_id=term.pk)
                for need, spec in pairs
                for term in spec.themes
            ],
        )
        _bulk_write(
            operation,
            outcomes,
            [
                outcomes(need_id=need.pk, outcome_id=outcome_id)
                for need, spec in pairs
                for outcome_id in spec.outcomes
            ],
        )
        changes, when = [], []
        for need, spec in pairs:
            previous = ""
            steps = [
                (
                    Need.Status.RAISED.value,
                    _("Raised on Commonweal"),
                    spec.raised_by,
                    spec.raised_at,
                )
            ]
            for status, step_reason, by, at in [*steps, *spec.steps]:
                changes.append(
                    StatusChange(
                        need=need,
                        from_status=previous,
                        to_status=status,
                        reason=step_reason,
                        changed_by=by,
                    )
                )
                when.append(at)
                previous = status
        _bulk_write(operation, StatusChange, changes, times={"changed_at": when})
        evidence, added = [], []
        for need, spec in pairs:
            for item in spec.evidence:
                item.need = need
                if item.publication != Evidence.Publication.PRIVATE and (
                    item.kind == Evidence.Kind.STORY and not item.consent_given
                ):
                    raise ValidationError({"publication": CONSENT_MESSAGE})
                if item.kind == Evidence.Kind.FIGURE and (
                    impossible := figure_impossible(
                        value=item.value, unit=item.unit, as_of=item.as_of
                    )
                ):
                    raise ValidationError(impossible)
                evidence.append(item)
                added.append(item.added_at)
        _bulk_write(operation, Evidence, evidence, times={"added_at": added})
    # Bulk writes send no signals: pages built from the needs (apps.py) are built again.
    pagecache.bump(NEEDS_STAMP)
    return created


def _open_needs(needs: Iterable[Need]) -> None:
    if any(need.status == Need.Status.MERGED for need in needs):
        raise ValidationError(
            _("This need has been merged into another. Add to that need instead.")
        )


@transaction.atomic
def supports_add_bulk(
    *, place: Place, supports: Sequence[tuple[Need, User, datetime]], reason: str
) -> int:
    """Record many supports at once, each ``(need, person, when)`` (an import of supports gathered
    elsewhere, the demo's city-scale data), and count each need's supporters again from its rows:
    one audit entry about ``place``. A support the person already gave is left as it is. People
    need confirmed email addresses, as to support a need themselves. Returns how many were added."""
    needs = {need.pk: need for need, _user, _at in supports}
    _open_needs(needs.values())
    people = {user.pk: user for _need, user, _at in supports}
    for user in people.values():
        if not has_confirmed_email(user):
            raise EmailNotConfirmed(user, "support")
    already: set[tuple[int, int]] = set()
    need_ids = list(needs)
    for start in range(0, len(need_ids), BULK_BATCH_SIZE):
        already.update(
            Support.objects.filter(
                need_id__in=need_ids[start : start + BULK_BATCH_SIZE]
            ).values_list("need_id", "user_id")
        )
    fresh, seen = [], set(already)
    for need, user, at in supports:
        if (need.pk, user.pk) in seen:
            continue
        seen.add((need.pk, user.pk))
        fresh.append((need, user, at))
    with (
        audit.audit_context(reason=reason),
        audit.bulk_operation(instance=place, action="supports_import", reason=reason) as operation,
    ):
        _bulk_write(
            operation,
            Support,
            [Support(need=need, user=user) for need, user, _at in fresh],
            times={"created_at": [at for _need, _user, at in fresh]},
        )
        for start in range(0, len(need_ids), BULK_BATCH_SIZE):
            _supporters_recount(*(needs[pk] for pk in need_ids[start : start + BULK_BATCH_SIZE]))
    return len(fresh)


@transaction.atomic
def comments_add_bulk(
    *, place: Place, comments: Sequence[tuple[Need, User | None, str, datetime]], reason: str
) -> list[Comment]:
    """Add many comments at once, each ``(need, author, text, when)`` (an import of a discussion held
    elsewhere, the demo's city-scale data): one audit entry about ``place``."""
    _open_needs({need.pk: need for need, *_rest in comments}.values())
    rows = []
    for need, author, body, _at in comments:
        body = _clean_text(body)
        if not body:
            raise ValidationError({"body": _("Enter your comment")})
        rows.append(Comment(need=need, author=author, body=body))
    with (
        audit.audit_context(reason=reason),
        audit.bulk_operation(instance=place, action="comments_import", reason=reason) as operation,
    ):
        return _bulk_write(
            operation, Comment, rows, times={"created_at": [at for *_rest, at in comments]}
        )
