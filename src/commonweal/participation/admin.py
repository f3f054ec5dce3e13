from django.contrib import admin

from commonweal.participation.models import BudgetRound, Project


class ProjectInline(admin.TabularInline):
    model = Project
    extra = 0
    fields = ("title", "cost", "status")


@admin.register(BudgetRound)
class BudgetRoundAdmin(admin.ModelAdmin):
    list_display = ("title", "place", "status", "budget")
    list_filter = ("status",)
    # By id, not a drop-down of every organisation and every person (a city's: 1.5 s a page).
    raw_id_fields = ("place", "run_by", "created_by")
    inlines = [ProjectInline]
