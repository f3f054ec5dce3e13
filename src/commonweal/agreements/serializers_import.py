"""What the import endpoint accepts (the place, the body, the CSV file) and answers."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commonweal.agreements.models import Agreement
from commonweal.core.uploads import CSV, TEXT, check_upload
from commonweal.organisations.models import Organisation
from commonweal.places.serializers import PlaceSlugField


class ContractsImportSerializer(serializers.Serializer):
    place = PlaceSlugField(help_text=_("The place the agreements serve, by its short name."))
    commissioner = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Organisation.objects.all(),
        help_text=_(
            "The body that commissioned or funds them, by its short name: one you act for in the place."
        ),
        error_messages={
            "does_not_exist": _("There is no organisation with the short name “{value}”."),
            "invalid": _(
                "Give the organisation by its short name, like riverside-borough-council."
            ),
        },
    )
    file = serializers.FileField(
        help_text=_(
            "The CSV file (UTF-8, or Windows-1252 as Excel saves it). Its first row names the columns "
            "reference, title, provider, value, starts and ends, and may name kind, "
            "payment_terms_days, payment_profile and summary."
        ),
    )

    def validate_file(self, upload):
        try:
            check_upload(upload, allowed=frozenset({CSV, TEXT}))
        except DjangoValidationError as error:
            if error.code == "wrong_type":
                raise serializers.ValidationError(
                    str(_("The file must be a CSV file. Save it as CSV UTF-8 and send it again."))
                ) from None
            raise serializers.ValidationError(error.messages) from None
        upload.seek(0)
        return upload


class ImportedAgreementSerializer(serializers.ModelSerializer):
    provider = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text=_("The provider, by its short name.")
    )

    class Meta:
        model = Agreement
        fields = (
            "id",
            "reference",
            "title",
            "kind",
            "status",
            "provider",
            "value",
            "starts_on",
            "ends_on",
        )
        read_only_fields = fields


class ImportedSerializer(serializers.Serializer):
    imported = serializers.IntegerField(help_text=_("How many agreements were imported."))
    agreements = ImportedAgreementSerializer(many=True)
