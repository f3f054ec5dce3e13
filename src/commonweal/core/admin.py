from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from commonweal.core.models import AuditCheckpoint, AuditEntry, AuditSeal


class ReadOnlyAdmin(admin.ModelAdmin):
    """Nobody can add, change or delete a record of the audit trail here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """The audit trail, to read and search, sealed entries and those waiting alike."""

    list_display = (
        "id",
        "at",
        "actor_label",
        "action",
        "model",
        "object_repr",
        "reason",
        "sequence_number",
    )
    list_filter = ("action", "model")
    search_fields = ("actor_label", "object_repr", "object_id", "reason")
    date_hierarchy = "at"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
    list_select_related = ("seal",)

    @admin.display(description=_("sequence number"))
    def sequence_number(self, entry):
        seal = getattr(entry, "seal", None)
        return seal.seq if seal is not None else _("waiting to be sealed")


@admin.register(AuditSeal)
class AuditSealAdmin(ReadOnlyAdmin):
    list_display = ("seq", "entry_id", "hash", "version")
    readonly_fields = [f.name for f in AuditSeal._meta.fields]


@admin.register(AuditCheckpoint)
class AuditCheckpointAdmin(ReadOnlyAdmin):
    list_display = ("seq", "at", "head_hash", "key_id")
    readonly_fields = [f.name for f in AuditCheckpoint._meta.fields]
