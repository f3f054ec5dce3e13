"""Recording every create, change and delete of a domain record.

Models opt in with ``register``. Saves and deletes from anywhere (services,
the admin, the API, a shell) are then recorded through Django's signals, with
the person and reason taken from ``audit_context`` (set per request by
``AuditActorMiddleware`` and by services that know why they act).

Appending an entry takes no lock that other writers wait on: it inserts the
entry and marks it as waiting. Just after the writer commits, the sealer
(``audit_chain``) gives it its place in a keyed hash chain, so changing or
removing any past entry breaks the chain at that point, which ``verify_chain``
finds; signed checkpoints (``audit_checkpoints``) catch entries removed from
the end. Bulk work is one entry per operation (``bulk_operation``).
"""

import contextvars
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone

from commonweal.core import requestmemo
from commonweal.core.audit_chain import GENESIS_HASH, ChainReport, seal  # noqa: F401
from commonweal.core.audit_chain import canonical as _canonical


@dataclass(frozen=True)
class _Context:
    actor: object | None = None
    reason: str = ""


_context: contextvars.ContextVar[_Context] = contextvars.ContextVar(
    "audit_context",
    default=_Context(),  # noqa: B039 - a frozen dataclass: the shared default cannot be changed
)
_bulk: contextvars.ContextVar["BulkOperation | None"] = contextvars.ContextVar(
    "audit_bulk_operation", default=None
)
_registry: dict[type[models.Model], frozenset[str]] = {}
_former_labels: dict[type[models.Model], tuple[str, ...]] = {}


def register(
    model: type[models.Model], *, exclude: tuple[str, ...] = (), former_labels: tuple[str, ...] = ()
) -> None:
    """Record every change to ``model``, leaving out the fields in ``exclude`` (secrets).

    ``former_labels`` names the model had before a rename ("app.oldname"): entries sealed under
    those names can never be rewritten, so a record's history reads them too.
    """
    _registry[model] = frozenset(exclude)
    _former_labels[model] = tuple(former_labels)


def is_registered(model: type[models.Model]) -> bool:
    return model in _registry


@contextmanager
def audit_context(*, actor=None, reason: str = "") -> Iterator[None]:
    """Attribute the changes made inside the block to ``actor``, for ``reason``."""
    current = _context.get()
    token = _context.set(
        _Context(
            actor=actor if actor is not None else current.actor, reason=reason or current.reason
        )
    )
    try:
        yield
    finally:
        _context.reset(token)


def set_actor(actor) -> None:
    """Name the person acting for the rest of the current ``audit_context`` block.

    For authentication that happens inside a view (API tokens), after the
    request middleware has opened the block.
    """
    current = _context.get()
    _context.set(_Context(actor=actor, reason=current.reason))


def _json_value(value):
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_json_value(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _json_value(item) for key, item in value.items()}
    if hasattr(value, "name") and hasattr(value, "storage"):  # a stored file
        return value.name or None
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def snapshot(instance: models.Model, *, m2m: bool = True) -> dict:
    """The record's fields as plain JSON values, secrets left out; with ``m2m``, its many-to-many links
    too (a query each: rows just written in bulk have none yet, and their links are rows of their own)."""
    exclude = _registry.get(type(instance), frozenset())
    data = {}
    for field in instance._meta.concrete_fields:
        if field.name in exclude:
            continue
        data[field.attname if field.is_relation else field.name] = _json_value(
            field.value_from_object(instance)
        )
    if m2m and instance.pk is not None:
        for field in instance._meta.many_to_many:
            if field.name not in exclude:
                data[field.name] = sorted(
                    getattr(instance, field.name).values_list("pk", flat=True)
                )
    return data


def _actor_label(actor) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return "system"
    name = getattr(actor, "get_full_name", lambda: "")() or ""
    email = getattr(actor, "email", "") or ""
    return f"{name} <{email}>" if name else email or f"user {actor.pk}"


def record(
    *,
    instance: models.Model,
    action: str,
    before: dict | None,
    after: dict | None,
    actor=None,
    reason: str | None = None,
):
    """Append one entry to the audit trail, chained to the one before it (folded in, inside a bulk operation)."""
    context = _context.get()
    actor = actor if actor is not None else context.actor
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    reason = reason if reason is not None else context.reason
    operation = _bulk.get()
    if operation is not None:
        operation._fold(
            model=instance._meta.label_lower,
            action=action,
            object_id=str(instance.pk),
            before=before,
            after=after,
        )
        return None
    return _append(
        instance=instance, action=action, before=before, after=after, actor=actor, reason=reason
    )


def _append(*, instance: models.Model, action: str, before, after, actor, reason: str):
    """Insert the entry and mark it as waiting to be sealed; the sealer chains it after this commits."""
    from commonweal.core.audit_chain import insert_waiting, schedule_seal
    from commonweal.core.models import AuditEntry

    # No savepoint: if the entry cannot be written, the change it records must not be either.
    with transaction.atomic(savepoint=False):
        entry = insert_waiting(
            AuditEntry(
                at=timezone.now(),
                actor_id=actor.pk if actor is not None else None,
                actor_label=_actor_label(actor),
                action=action,
                model=instance._meta.label_lower,
                object_id=str(instance.pk),
                object_repr=str(instance)[:300],
                before=before,
                after=after,
                reason=str(reason or ""),
            )
        )
        schedule_seal()
    return entry


# --- bulk operations -------------------------------------------------------------


class BulkOperation:
    """One operation that writes many rows, recorded as one entry with a digest of what it wrote.

    Made by ``bulk_operation``. Rows saved one by one inside the block (through
    the signals) are folded into the digest instead of becoming entries of their
    own; rows written with ``bulk_create`` must be passed to ``add_rows`` (or
    written with ``bulk_create`` here), because Django sends no signal for them.
    """

    def __init__(self, *, instance: models.Model | None, action: str, reason: str):
        self.instance = instance
        self.action = action
        self.reason = reason
        self.rows: dict[str, int] = {}  # rows created or changed, per model
        self.deleted: dict[str, int] = {}  # rows removed, per model, kept apart so counts read true
        self._digest = hashlib.sha256()

    def _fold(self, *, model: str, action: str, object_id: str | None, before, after) -> None:
        line = {
            "model": model,
            "action": action,
            "object_id": object_id,
            "before": before,
            "after": after,
        }
        self._digest.update(_canonical(_json_value(line)) + b"\n")
        counts = self.deleted if action == "delete" else self.rows
        counts[model] = counts.get(model, 0) + 1

    def add_rows(self, model_label: str, rows, *, m2m: bool = True) -> None:
        """Fold rows written without signals (``bulk_create``) into the digest: dicts or model instances
        (``m2m=False``: without reading their many-to-many links, for rows just created in bulk).
        Rows written in bulk send no signals, so this request's memo is emptied here instead."""
        requestmemo.forget()
        for row in rows:
            if isinstance(row, models.Model):
                self._fold(
                    model=model_label,
                    action="create",
                    object_id=str(row.pk) if row.pk is not None else None,
                    before=None,
                    after=snapshot(row, m2m=m2m),
                )
            else:
                self._fold(
                    model=model_label, action="create", object_id=None, before=None, after=dict(row)
                )

    def bulk_create(self, model: type[models.Model], objs, *, m2m: bool = True, **kwargs) -> list:
        """``model.objects.bulk_create(objs)`` and ``add_rows`` in one step, so the rows cannot go unrecorded."""
        created = model._default_manager.bulk_create(objs, **kwargs)
        self.add_rows(model._meta.label_lower, created, m2m=m2m)
        return created

    @property
    def digest(self) -> str:
        """The SHA-256, in hex, of the canonical JSON lines of every row folded in so far, in order."""
        return self._digest.hexdigest()

    def summary(self) -> dict:
        summary = {"rows": dict(sorted(self.rows.items())), "digest": self.digest}
        if self.deleted:
            summary["deleted"] = dict(sorted(self.deleted.items()))
        return summary


@contextmanager
def bulk_operation(
    *, instance: models.Model | None = None, action: str, reason: str = ""
) -> Iterator[BulkOperation]:
    """Record the rows written inside the block as one entry about ``instance`` (the aggregate), not one per row.

    The block runs in one transaction. On leaving it without an exception, one
    entry is written: the aggregate's model and id, ``action``, and ``after`` =
    ``{"rows": {model: count}, "digest": sha256}`` (rows created or changed), with
    ``"deleted": {model: count}`` too when rows were removed. ``instance`` may be set on
    the operation inside the block (``op.instance = round_``) when the block
    creates it. Rule: every ``bulk_create`` inside goes through ``op.bulk_create``
    or is passed to ``op.add_rows``; bulk writes are never unrecorded.
    An operation inside another one is recorded as its own entry.
    """
    operation = BulkOperation(instance=instance, action=action, reason=reason)
    with transaction.atomic():
        token = _bulk.set(operation)
        try:
            yield operation
        finally:
            _bulk.reset(token)
        if operation.instance is None or operation.instance.pk is None:
            raise ValueError(
                "A bulk operation needs the record it is about: pass instance= or set op.instance."
            )
        context = _context.get()
        actor = (
            context.actor
            if context.actor is not None and getattr(context.actor, "is_authenticated", False)
            else None
        )
        _append(
            instance=operation.instance,
            action=action,
            before=None,
            after=operation.summary(),
            actor=actor,
            reason=reason or context.reason,
        )


def verify_chain() -> ChainReport:
    """The whole sealed trail, checked against itself and against the signed checkpoints stored with it."""
    from commonweal.core.audit_checkpoints import verify_all

    return verify_all()


def history_for(instance: models.Model):
    """The audit entries about one record, oldest first."""
    from commonweal.core.models import AuditEntry

    labels = (instance._meta.label_lower, *_former_labels.get(type(instance), ()))
    return AuditEntry.objects.filter(model__in=labels, object_id=str(instance.pk)).select_related(
        "actor"
    )


# --- signals -----------------------------------------------------------------

_BEFORE_ATTR = "_audit_before"


def _on_pre_save(sender, instance, raw=False, **kwargs):
    if sender not in _registry or raw:
        return
    before = None
    if instance.pk is not None:
        existing = sender._default_manager.filter(pk=instance.pk).first()
        before = snapshot(existing) if existing is not None else None
    setattr(instance, _BEFORE_ATTR, before)


def _on_post_save(sender, instance, created, raw=False, **kwargs):
    if sender not in _registry or raw:
        return
    before = None if created else getattr(instance, _BEFORE_ATTR, None)
    # Read back what was stored, so values are as the database holds them (a Decimal's places), not as
    # the caller passed them; a model whose fields the database stores exactly as given needs no query.
    stored = (
        instance
        if _stored_as_given(sender)
        else sender._default_manager.filter(pk=instance.pk).first()
    )
    after = snapshot(stored or instance)
    if not created and _without_timestamps(sender, before) == _without_timestamps(sender, after):
        return
    record(
        instance=instance,
        action="create" if created or before is None else "update",
        before=before,
        after=after,
    )


# Field types whose value the database gives back exactly as Python held it (subclasses included:
# a slug or an email is a CharField, a one-to-one a ForeignKey).
_EXACT_FIELDS = (
    models.AutoField,
    models.BigAutoField,
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.DateTimeField,
    models.UUIDField,
    models.ForeignKey,
    models.JSONField,
)
_exactly_stored: dict[type[models.Model], bool] = {}


def _stored_as_given(model: type[models.Model]) -> bool:
    if model not in _exactly_stored:
        _exactly_stored[model] = all(
            isinstance(field, _EXACT_FIELDS) for field in model._meta.concrete_fields
        )
    return _exactly_stored[model]


def _without_timestamps(model, data: dict | None) -> dict | None:
    """A snapshot without the fields Django stamps on every save, for comparing."""
    if data is None:
        return None
    stamped = {f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)}
    return {key: value for key, value in data.items() if key not in stamped}


def _on_post_delete(sender, instance, **kwargs):
    if sender not in _registry:
        return
    before = {
        field.attname if field.is_relation else field.name: _json_value(
            field.value_from_object(instance)
        )
        for field in instance._meta.concrete_fields
        if field.name not in _registry[sender]
    }
    record(instance=instance, action="delete", before=before, after=None)


def _on_m2m_changed(sender, instance, action, reverse, **kwargs):
    if reverse or type(instance) not in _registry:
        return
    if action in ("pre_add", "pre_remove", "pre_clear"):
        setattr(instance, _BEFORE_ATTR + "_m2m", snapshot(instance))
    elif action in ("post_add", "post_remove", "post_clear"):
        before = getattr(instance, _BEFORE_ATTR + "_m2m", None)
        after = snapshot(instance)
        if before != after:
            record(instance=instance, action="update", before=before, after=after)


def connect_signals() -> None:
    pre_save.connect(_on_pre_save, dispatch_uid="audit_pre_save")
    post_save.connect(_on_post_save, dispatch_uid="audit_post_save")
    post_delete.connect(_on_post_delete, dispatch_uid="audit_post_delete")
    m2m_changed.connect(_on_m2m_changed, dispatch_uid="audit_m2m_changed")
