from django.contrib import admin

from commonweal.core.admin import ReadOnlyAdmin
from commonweal.opendata.models import Release


@admin.register(Release)
class ReleaseAdmin(ReadOnlyAdmin):
    """Published releases, to read and search: nobody edits or removes a published release."""

    list_display = ("release_id", "ocid", "date", "tags", "published_at", "published_by")
    search_fields = ("release_id", "ocid")
    date_hierarchy = "date"
    list_select_related = ("published_by",)
    readonly_fields = [field.name for field in Release._meta.fields]
