from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from commonweal.needs.models import Need, StatusChange, Term


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    """Administrators extend the vocabulary here; a term no longer wanted is taken out of use, not deleted."""

    list_display = ("name", "vocabulary", "is_active", "position")
    list_filter = ("vocabulary", "is_active")
    list_editable = ("is_active", "position")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    actions = ["deactivate", "activate"]

    def has_delete_permission(self, request, obj=None) -> bool:
        # Needs keep their themes: a term is taken out of use instead.
        return False

    @admin.action(description=_("Take the selected terms out of use"))
    def deactivate(self, request, queryset):
        for term in queryset:
            term.is_active = False
            term.save(update_fields=["is_active"])

    @admin.action(description=_("Put the selected terms back into use"))
    def activate(self, request, queryset):
        for term in queryset:
            term.is_active = True
            term.save(update_fields=["is_active"])


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    readonly_fields = (
        "from_status",
        "to_status",
        "reason",
        "changed_by",
        "changed_at",
        "evidence_label",
        "evidence_url",
    )

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ("title", "place", "status", "created_at")
    list_filter = ("status",)
    search_fields = ("title", "problem")
    raw_id_fields = ("place", "raised_by", "raised_for", "merged_into")
    filter_horizontal = ("themes",)
    readonly_fields = ("status", "status_reason", "merged_into")
    inlines = [StatusChangeInline]
