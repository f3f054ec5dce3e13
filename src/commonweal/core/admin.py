from django.contrib import admin

from commonweal.core.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit trail, to read and search. Nobody can add, change or delete an entry."""

    list_display = ("id", "at", "actor_label", "action", "model", "object_repr", "reason")
    list_filter = ("action", "model")
    search_fields = ("actor_label", "object_repr", "object_id", "reason")
    date_hierarchy = "at"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
