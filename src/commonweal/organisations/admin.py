"""The back office for organisations and their documents.

Size band, SME and VCSE status are derived on save, so they are shown but never typed in.
Uploaded documents get the same checks as on the site.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from commonweal.core import uploads
from commonweal.organisations.models import Organisation, OrganisationDocument

DERIVED = ("size_band", "is_sme", "is_vcse", "created_at", "updated_at")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "org_id", "legal_form", "size_band", "is_vcse", "is_sme")
    list_filter = ("legal_form", "size_band", "is_vcse", "is_sme")
    search_fields = ("name", "org_id", "slug")
    prepopulated_fields = {"slug": ("name",)}
    # A website typed without a scheme is taken to be https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    filter_horizontal = ("places_served",)
    readonly_fields = DERIVED
    fieldsets = (
        (None, {"fields": ("name", "slug", "org_id", "legal_form", "description", "website", "places_served")}),
        (_("Inherent social value facts"), {"fields": (
            "asset_lock", "dividend_cap_percent", "profits_reinvested_percent", "profit_use", "headcount", "annual_turnover",
        )}),
        (_("Worked out from the facts"), {"fields": DERIVED}),
        (_("Contact (private)"), {"fields": ("contact_name", "contact_email", "contact_phone")}),
    )


class DocumentAdminForm(forms.ModelForm):
    class Meta:
        model = OrganisationDocument
        fields = ("organisation", "title", "kind", "file", "is_public")

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file is not None and hasattr(file, "content_type"):  # a new upload, not the stored file
            try:
                self.file_kind = uploads.check_upload(file)
            except ValidationError as error:
                raise ValidationError(error.messages) from None
            file.name = uploads.safe_filename(file.name, self.file_kind)
        return file


@admin.register(OrganisationDocument)
class OrganisationDocumentAdmin(admin.ModelAdmin):
    form = DocumentAdminForm
    list_display = ("title", "organisation", "kind", "is_public", "content_type", "size_bytes", "uploaded_at")
    list_filter = ("kind", "is_public")
    search_fields = ("title", "organisation__name")
    autocomplete_fields = ("organisation",)
    readonly_fields = ("content_type", "size_bytes", "uploaded_by", "uploaded_at")

    def save_model(self, request, obj, form, change):
        file_kind = getattr(form, "file_kind", None)
        if file_kind is not None:
            obj.content_type = file_kind.content_type
            obj.size_bytes = form.cleaned_data["file"].size
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
