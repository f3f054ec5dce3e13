from django.contrib import admin

from commonweal.notifications.models import Email


@admin.register(Email)
class EmailAdmin(admin.ModelAdmin):
    """The emails waiting and sent: to see whether the mail server takes them."""

    list_display = ["subject", "to", "created_at", "attempts", "sent_at", "last_error"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["to", "subject"]
    readonly_fields = [field.name for field in Email._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
