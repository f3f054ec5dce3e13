"""The back office for places. Saving runs Place.clean(), so a ward cannot sit inside a country."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from commonweal.places.models import Place


class ChildInline(admin.TabularInline):
    model = Place
    fk_name = "parent"
    fields = ("name", "slug", "kind", "gss_code")
    show_change_link = True
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        # New places are added on their own page, where their parent is checked.
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "parent", "gss_code", "population", "is_fictional")
    list_filter = ("kind", "is_fictional")
    search_fields = ("name", "slug", "gss_code")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("parent",)
    list_select_related = ("parent",)
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "parent")}),
        (_("Facts"), {"fields": ("gss_code", "population", "description", "is_fictional")}),
    )
    inlines = (ChildInline,)
