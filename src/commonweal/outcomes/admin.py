"""The back office for outcomes frameworks.

Frameworks are set up here (place, name, owner). Their content is edited on the
site, through the services that keep published versions unchanged, so the back
office shows versions and their content without letting them be changed.
"""

from django.contrib import admin

from commonweal.outcomes.models import Endorsement, Framework, FrameworkVersion


class VersionInline(admin.TabularInline):
    model = FrameworkVersion
    fields = ("number", "status", "change_note", "published_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ("name", "place", "owner")
    list_filter = ("place",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("owner",)
    inlines = [VersionInline]


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(admin.ModelAdmin):
    list_display = ("framework", "number", "status", "published_at")
    list_filter = ("status",)
    readonly_fields = (
        "framework",
        "number",
        "status",
        "change_note",
        "created_by",
        "created_at",
        "published_at",
    )

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Endorsement)
class EndorsementAdmin(admin.ModelAdmin):
    list_display = ("organisation", "version", "endorsed_at")
    readonly_fields = ("version", "organisation", "endorsed_by", "comment", "endorsed_at")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
