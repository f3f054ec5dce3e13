from django.contrib import admin

from commonweal.codesign.models import Decision, Participant, Session


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    autocomplete_fields = ()
    raw_id_fields = ("user", "organisation")


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "starts_at", "place", "organised_by")
    list_filter = ("kind", "place")
    search_fields = ("title",)
    # By id, not a list of every need and outcome (thousands in a city: half a second a page).
    raw_id_fields = ("place", "organised_by", "created_by", "needs", "outcomes")
    inlines = [ParticipantInline]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "session", "recorded_at")
    # By id: agreed_by as a list would offer every participant of every session.
    raw_id_fields = ("session", "recorded_by", "agreed_by")
