from django.contrib import admin

from commonweal.panels.models import (
    Draw,
    Meeting,
    Panel,
    PanelMember,
    PanelTask,
    Paper,
    SelectionRun,
)


@admin.register(Panel)
class PanelAdmin(admin.ModelAdmin):
    """Panels, runs, draws and members; the pool's names and contacts are seen on the panel's own pages."""

    list_display = ("title", "place", "size", "status", "created_at")
    list_filter = ("status",)
    search_fields = ("title",)
    # By id, not a two-list picker of every need (thousands in a city: half a second a page).
    raw_id_fields = ("place", "framework", "created_by", "needs")


@admin.register(SelectionRun)
class SelectionRunAdmin(admin.ModelAdmin):
    list_display = (
        "panel",
        "method",
        "status",
        "maximin",
        "stages_completed",
        "seconds",
        "created_at",
    )
    list_filter = ("status", "method")
    raw_id_fields = ("panel", "created_by")


@admin.register(Draw)
class DrawAdmin(admin.ModelAdmin):
    list_display = ("panel", "seed", "entered_by", "entered_at")
    raw_id_fields = ("panel", "run", "entered_by")


@admin.register(PanelMember)
class PanelMemberAdmin(admin.ModelAdmin):
    list_display = ("panel", "user", "seated_at")
    raw_id_fields = ("panel", "user", "volunteer")


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    """A panel's workspace: meetings, papers and tasks (staff change them on the workspace's pages)."""

    list_display = ("title", "panel", "starts_at")
    raw_id_fields = ("panel", "created_by")


@admin.register(Paper)
class PaperAdmin(admin.ModelAdmin):
    list_display = ("title", "panel", "meeting", "added_at")
    raw_id_fields = ("panel", "meeting", "added_by")


@admin.register(PanelTask)
class PanelTaskAdmin(admin.ModelAdmin):
    list_display = ("title", "panel", "member", "due_on")
    raw_id_fields = ("panel", "member", "created_by")
