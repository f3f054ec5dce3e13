"""What the open data endpoints send: OCDS releases exactly as published, and record packages.

A release is sent as it was published and checked, whatever fields it has; the fields named here
are the ones every OCDS release has, so the API document can describe them."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commonweal.opendata.models import Release


class ReleaseDataSerializer(serializers.Serializer):
    """An OCDS release (a dict), sent as it is."""

    ocid = serializers.CharField(
        read_only=True, help_text=_("The contracting process's open contracting id.")
    )
    id = serializers.CharField(read_only=True, help_text=_("The release's own id."))
    date = serializers.DateTimeField(
        read_only=True, help_text=_("When the release's information was recorded.")
    )
    tag = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text=_("What the release is about: planning, tender, award, contract ..."),
    )
    initiationType = serializers.CharField(  # OCDS names it so
        read_only=True, help_text=_("How the process was started: tender.")
    )

    class Meta:
        ref_name = "OcdsReleaseData"

    def to_representation(self, instance: dict) -> dict:
        return instance


class ReleaseSerializer(ReleaseDataSerializer):
    """A published release: its data, exactly as published."""

    class Meta:
        ref_name = "OcdsRelease"

    def to_representation(self, instance: Release) -> dict:
        return instance.data


class PublisherSerializer(serializers.Serializer):
    name = serializers.CharField(read_only=True, help_text=_("Who publishes the data."))

    class Meta:
        ref_name = "OcdsPublisher"


class RecordSerializer(serializers.Serializer):
    ocid = serializers.CharField(
        read_only=True, help_text=_("The contracting process's open contracting id.")
    )
    releases = ReleaseDataSerializer(
        many=True, read_only=True, help_text=_("Every release of the process, oldest first.")
    )
    compiledRelease = ReleaseDataSerializer(  # OCDS names it so
        read_only=True,
        help_text=_(
            "The process as it stands: its releases merged by the OCDS rules (the latest value of "
            "each field), tagged compiled."
        ),
    )

    class Meta:
        ref_name = "OcdsRecord"


class RecordPackageSerializer(serializers.Serializer):
    """An OCDS record package (a dict), sent as it is."""

    uri = serializers.CharField(read_only=True, help_text=_("The package's own address."))
    publishedDate = serializers.DateTimeField(  # OCDS names it so
        read_only=True, help_text=_("When the newest of its releases was published.")
    )
    publisher = PublisherSerializer(read_only=True)
    version = serializers.CharField(read_only=True, help_text=_("The OCDS version: 1.1."))
    records = RecordSerializer(many=True, read_only=True)

    class Meta:
        ref_name = "OcdsRecordPackage"

    def to_representation(self, instance: dict) -> dict:
        return instance


class ReleaseFilterSerializer(serializers.Serializer):
    ocid = serializers.CharField(
        required=False,
        max_length=200,
        help_text=_("Only the releases of this contracting process, by its open contracting id."),
    )
