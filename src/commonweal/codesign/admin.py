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
    raw_id_fields = ("place", "organised_by", "created_by")
    filter_horizontal = ("needs", "outcomes")
    inlines = [ParticipantInline]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "session", "recorded_at")
    raw_id_fields = ("session", "recorded_by")
    filter_horizontal = ("agreed_by",)
