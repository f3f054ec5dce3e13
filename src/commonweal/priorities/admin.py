from django.contrib import admin

from commonweal.priorities.models import PriorityRound


@admin.register(PriorityRound)
class RoundAdmin(admin.ModelAdmin):
    """Rounds only: ballots are never shown one by one, not even in the back office."""

    list_display = ("title", "place", "method", "status", "opens_at", "closes_at")
    list_filter = ("status", "method", "eligibility")
    search_fields = ("title",)
    # By id, not a two-list picker of every need (thousands in a city: half a second a page).
    raw_id_fields = ("place", "run_by", "created_by", "needs")
