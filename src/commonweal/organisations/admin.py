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
from commonweal.organisations.models import (
    Organisation,
    OrganisationDocument,
    PublicBodyVerification,
)
from commonweal.organisations.services_verification import (
    public_body_verification_revoke,
    public_body_verify,
    verification_errors,
)

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
        (
            None,
            {
                "fields": (
                    "name",
                    "slug",
                    "org_id",
                    "legal_form",
                    "description",
                    "website",
                    "places_served",
                )
            },
        ),
        (
            _("Inherent social value facts"),
            {
                "fields": (
                    "asset_lock",
                    "dividend_cap_percent",
                    "profits_reinvested_percent",
                    "profit_use",
                    "headcount",
                    "annual_turnover",
                    "balance_sheet_total",
                )
            },
        ),
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
    list_display = (
        "title",
        "organisation",
        "kind",
        "is_public",
        "content_type",
        "size_bytes",
        "uploaded_at",
    )
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


class VerificationAdminForm(forms.ModelForm):
    class Meta:
        model = PublicBodyVerification
        fields = ("organisation", "place", "evidence_kind", "evidence", "revoked_reason")

    def clean(self):
        cleaned = super().clean()
        organisation, place = cleaned.get("organisation"), cleaned.get("place")
        if self.instance.pk is None and organisation is not None and place is not None:
            for field, messages in verification_errors(organisation, place).items():
                self.add_error(field, messages)
        return cleaned


@admin.register(PublicBodyVerification)
class PublicBodyVerificationAdmin(admin.ModelAdmin):
    """Verifying and revoking go through the services, so the checks and the audit reason are the same as on the
    site: a new verification is recorded as made by the person signed in; a revocation needs a reason."""

    form = VerificationAdminForm
    list_display = (
        "organisation",
        "place",
        "evidence_kind",
        "evidence",
        "verified_by",
        "verified_at",
        "revoked_at",
    )
    list_filter = ("evidence_kind", ("revoked_at", admin.EmptyFieldListFilter))
    search_fields = ("organisation__name", "place__name", "evidence")
    autocomplete_fields = ("organisation",)
    list_select_related = ("organisation", "place", "verified_by")

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("organisation", "place", "evidence_kind", "evidence")
        return (
            "organisation",
            "place",
            "evidence_kind",
            "evidence",
            "verified_by",
            "verified_at",
            "revoked_at",
            "revoked_by",
            "revoked_reason",
        )

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        editable = () if obj.revoked_at else ("revoked_reason",)
        return tuple(f for f in self.get_fields(request, obj) if f not in editable)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # revoke instead: the record of who verified whom stays

    def save_model(self, request, obj, form, change):
        if not change:
            saved = public_body_verify(
                actor=request.user,
                organisation=obj.organisation,
                place=obj.place,
                evidence_kind=obj.evidence_kind,
                evidence=obj.evidence,
                reason=_("Verified in the back office"),
            )
            obj.pk = saved.pk
        elif obj.revoked_at is None and obj.revoked_reason.strip():
            public_body_verification_revoke(
                actor=request.user, verification=obj, reason=obj.revoked_reason
            )
