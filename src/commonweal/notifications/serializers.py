"""What the notifications API sends and accepts."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commonweal.notifications.topics import Frequency, Topic

MOST_AT_ONCE = 500


class NotificationSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    topic = serializers.CharField(source="event.topic", help_text=_("The kind of news."))
    headline = serializers.CharField(source="event.headline")
    body = serializers.CharField(
        source="event.body", help_text=_("The public reason or what was decided; may be empty.")
    )
    url = serializers.SerializerMethodField(help_text=_("Its page on the site."))
    at = serializers.DateTimeField(source="created_at", help_text=_("When you were told."))
    read = serializers.SerializerMethodField(help_text=_("Whether you have seen it."))

    def get_url(self, notification) -> str:
        return settings.SITE_URL + notification.event.url

    def get_read(self, notification) -> bool:
        return notification.read_at is not None


class NotificationFilterSerializer(serializers.Serializer):
    unread = serializers.BooleanField(
        required=False, help_text=_("true: only those you have not seen yet.")
    )


class ReadSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        required=False,
        max_length=MOST_AT_ONCE,
        help_text=_("The notifications to mark as seen (at most 500)."),
    )
    all = serializers.BooleanField(required=False, default=False, help_text=_("Mark them all."))

    def validate(self, data):
        if not data.get("all") and not data.get("ids"):
            raise serializers.ValidationError(
                {"ids": [_("Give the notifications to mark as seen, or all: true.")]}
            )
        return data


class ReadAnswerSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text=_("How many were marked as seen now."))
    unread = serializers.IntegerField(help_text=_("How many you have not seen yet."))


class FollowSerializer(serializers.Serializer):
    kind = serializers.CharField(
        max_length=40, help_text=_("need, priority_round, budget_round, panel or place.")
    )
    object_id = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    title = serializers.CharField(read_only=True)
    url = serializers.CharField(read_only=True, help_text=_("Its page on the site."))


class ChoicesSerializer(serializers.Serializer):
    """How often you are emailed about each kind of news: now, daily or never."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for topic, label in Topic.choices:
            self.fields[topic] = serializers.ChoiceField(
                choices=Frequency.choices, required=False, help_text=label
            )
