from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commonweal.core import audit
from commonweal.core.models import AuditCheckpoint, AuditEntry, AuditSeal, PolicyEntry
from commonweal.core.policy_entries import policy_entry_add, policy_entry_errors


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


class PolicyEntryForm(forms.ModelForm):
    source_url = forms.URLField(
        label=_("Source"),
        max_length=500,
        assume_scheme="https",
        help_text=_("The page where the figure is published, like the Bank of England's."),
    )

    class Meta:
        model = PolicyEntry
        fields = (
            "rule",
            "starts",
            "rate",
            "london_rate",
            "pay_by",
            "source_url",
            "corrects_history",
        )

    def clean(self):
        cleaned = super().clean()
        errors = policy_entry_errors(
            rule=cleaned.get("rule") or "",
            starts=cleaned.get("starts"),
            rate=cleaned.get("rate"),
            london_rate=cleaned.get("london_rate"),
            pay_by=cleaned.get("pay_by"),
            corrects_history=bool(cleaned.get("corrects_history")),
        )
        for field, messages in errors.items():
            for message in messages:
                if field not in self.errors:
                    self.add_error(field, message)
        return cleaned


@admin.register(PolicyEntry)
class PolicyEntryAdmin(admin.ModelAdmin):
    """New versions of the base rate and the Real Living Wage, added by officers with the "add
    dated rule entry" permission. An entry is never changed once added; one that has not started
    yet may be deleted (with the delete permission). Both are recorded in the audit trail."""

    form = PolicyEntryForm
    list_display = ("rule", "starts", "rate", "london_rate", "pay_by", "entered_by", "entered_at")
    list_filter = ("rule",)
    date_hierarchy = "starts"
    readonly_fields = ("entered_by", "entered_at")

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # past findings were made under it: add a new version instead

    def has_delete_permission(self, request, obj=None) -> bool:
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.starts > timezone.localdate())

    def save_model(self, request, obj, form, change):
        saved = policy_entry_add(
            actor=request.user,
            rule=obj.rule,
            starts=obj.starts,
            rate=obj.rate,
            london_rate=obj.london_rate,
            pay_by=obj.pay_by,
            source_url=obj.source_url,
            corrects_history=obj.corrects_history,
            reason=_("Added in the back office"),
        )
        obj.pk = saved.pk
        obj.entered_by = saved.entered_by
        obj.entered_at = saved.entered_at

    def delete_model(self, request, obj):
        with audit.audit_context(actor=request.user, reason=_("Deleted in the back office")):
            obj.delete()

    def delete_queryset(self, request, queryset):
        with audit.audit_context(actor=request.user, reason=_("Deleted in the back office")):
            for entry in queryset:
                entry.delete()
