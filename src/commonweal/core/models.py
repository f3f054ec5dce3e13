"""The audit trail: an append-only record of every change to a domain record, sealed into a keyed hash chain.

Writers only insert an ``AuditEntry`` and a ``PendingSeal`` row (no lock shared
with other writers). One sealer at a time gives waiting entries their
``AuditSeal`` (sequence number and hash) in order and advances the
``AuditChainHead``; ``AuditCheckpoint`` rows are the head, signed, for outsiders
to keep. Nothing in the trail itself is ever updated: sealing only inserts.
"""

from django.conf import settings
from django.db import models
from django.db.models.fields.json import KeyTransform
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Somebody tried to change or remove an audit entry."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit entries cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit entries cannot be removed.")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit entries cannot be removed.")


# Kept for code that imported the old name.
AuditEntryQuerySet = AppendOnlyQuerySet


class AuditEntry(AppendOnlyModel):
    """What happened, by whom, when and why. Its place in the chain is its ``seal``, added afterwards."""

    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        UPDATE = "update", _("Changed")
        DELETE = "delete", _("Deleted")

    at = models.DateTimeField(_("when"), db_index=True)
    # No database constraint: the entry must outlive the person who made it.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_label = models.CharField(_("who (as recorded)"), max_length=300)
    # Besides create, update and delete, a bulk operation names its own action ("pool_import").
    action = models.CharField(_("what"), max_length=40, choices=Action.choices)
    model = models.CharField(_("kind of record"), max_length=100, db_index=True)
    object_id = models.CharField(_("record id"), max_length=64, db_index=True)
    object_repr = models.CharField(_("record"), max_length=300)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    reason = models.TextField(_("why"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        indexes = [
            # One record's history (audit.history_for).
            models.Index(fields=["model", "object_id", "id"]),
            # Records that belong to a need (its evidence, comments, supports and status changes)
            # name it in their need_id: a need's history finds them by it, not by reading them all.
            models.Index(KeyTransform("need_id", "after"), name="audit_after_need"),
            models.Index(KeyTransform("need_id", "before"), name="audit_before_need"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"

    def changed_fields(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for each field whose value differs."""
        before, after = self.before or {}, self.after or {}
        names = list(dict.fromkeys([*before.keys(), *after.keys()]))
        return [
            (name, before.get(name), after.get(name))
            for name in names
            if before.get(name) != after.get(name)
        ]


class PendingSeal(models.Model):
    """An entry waiting for the sealer: written in the writer's transaction, removed when it is sealed."""

    entry = models.OneToOneField(
        AuditEntry,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        primary_key=True,
        related_name="+",
    )

    def __str__(self) -> str:
        return gettext("Audit entry %(entry)s, waiting to be sealed") % {"entry": self.entry_id}


class AuditSeal(AppendOnlyModel):
    """An entry's place in the chain: its sequence number and its hash over the previous hash and its content.

    ``version`` 1 is a plain SHA-256 (entries sealed before keyed hashes); 2 is
    an HMAC-SHA256 with ``AUDIT_KEY``, which is not in the database.
    """

    seq = models.BigIntegerField(_("sequence number"), primary_key=True)
    # No database constraint: the seal must say which entry went missing if one is removed.
    entry = models.OneToOneField(
        AuditEntry,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="seal",
        verbose_name=_("entry"),
    )
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)
    version = models.PositiveSmallIntegerField(default=2)

    class Meta:
        ordering = ["seq"]
        verbose_name = _("audit seal")

    def __str__(self) -> str:
        return gettext("Seal %(seq)s of audit entry %(entry)s") % {
            "seq": self.seq,
            "entry": self.entry_id,
        }


class AuditChainHead(models.Model):
    """One row holding the newest seal's number and hash; only the sealer locks it, in its own transaction."""

    last_hash = models.CharField(max_length=64)
    seq = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("audit chain head")

    def __str__(self) -> str:
        return gettext("The audit chain's newest seal: %(seq)s") % {"seq": self.seq}


class AuditCheckpoint(AppendOnlyModel):
    """The head at a moment, signed with the site's Ed25519 key, for outsiders to keep and check against."""

    seq = models.BigIntegerField(_("sequence number"), db_index=True)
    head_hash = models.CharField(_("hash of the newest entry"), max_length=64)
    at = models.DateTimeField(_("when"))
    origin = models.CharField(_("trail"), max_length=200)
    signature = models.CharField(_("signature"), max_length=200)
    key_id = models.CharField(_("key"), max_length=64)

    class Meta:
        ordering = ["-seq", "-id"]
        verbose_name = _("audit checkpoint")
        verbose_name_plural = _("audit checkpoints")

    def __str__(self) -> str:
        return f"#{self.seq} {self.head_hash[:12]}"


class PolicyEntry(models.Model):
    """A version of a dated rule that an officer added in the back office, without a release.

    Only rules that change often may be extended this way (``core.policy`` marks them
    ``officer_may_add``): the Bank of England base rate and the Real Living Wage. ``in_force``
    reads these beside the built-in versions. Entries are added through
    ``core.policy_entries.policy_entry_add``, which checks them, and are never changed afterwards.
    """

    class RuleKey(models.TextChoices):
        BANK_RATE = "bank_rate", _("Bank of England base rate")
        REAL_LIVING_WAGE = "real_living_wage", _("Real Living Wage")

    rule = models.CharField(_("rule"), max_length=60, choices=RuleKey.choices)
    starts = models.DateField(
        _("starts on"),
        help_text=_(
            "Base rate: the day the change took effect. Real Living Wage: the day the new rates "
            "were announced."
        ),
    )
    rate = models.DecimalField(
        _("rate"),
        max_digits=7,
        decimal_places=2,
        help_text=_(
            "Base rate: percent a year, like 3.75. Real Living Wage: pounds an hour outside "
            "London, like 13.45."
        ),
    )
    london_rate = models.DecimalField(
        _("London rate"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Real Living Wage only: pounds an hour in London, like 14.80."),
    )
    pay_by = models.DateField(
        _("employers pay it by"),
        null=True,
        blank=True,
        help_text=_(
            "Real Living Wage only: the day accredited employers must pay the new rates by."
        ),
    )
    source_url = models.URLField(
        _("source"),
        max_length=500,
        help_text=_("The page where the figure is published, like the Bank of England's."),
    )
    corrects_history = models.BooleanField(
        _("this corrects an earlier day"),
        default=False,
        help_text=_(
            "Tick only to add a version that starts before the newest one, to correct the "
            "record. Past findings will change."
        ),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    class Meta:
        ordering = ["rule", "starts", "pk"]
        verbose_name = _("dated rule entry")
        verbose_name_plural = _("dated rule entries")

    def __str__(self) -> str:
        return f"{self.get_rule_display()} from {self.starts.isoformat()}: {self.rate}"


class PageStamp(models.Model):
    """A named stamp of what a public page shows, changed whenever that changes (core/pagecache.py).

    The pages cache keeps a page's public part under the stamps it was built from, so a new stamp
    means the part is built again on its next view. Bookkeeping for the cache, not a record anyone
    reads: it is not audited, and losing every row only means each page is built once more.
    """

    name = models.CharField(max_length=120, primary_key=True)
    value = models.CharField(max_length=32)

    def __str__(self) -> str:
        return f"{self.name}: {self.value}"
