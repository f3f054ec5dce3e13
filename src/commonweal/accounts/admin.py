"""The back office for people, their roles and their API tokens."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from commonweal.accounts import services
from commonweal.accounts.models import ApiToken, RoleAssignment, User
from commonweal.accounts.tokens import api_token_rate_set


class PersonCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name")

    def clean_email(self) -> str:
        return _clean_admin_email(self)


class PersonChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"

    def clean_email(self) -> str:
        return _clean_admin_email(self)


def _clean_admin_email(form) -> str:
    """Emails are stored lower-case and are unique whatever their case."""
    email = (form.cleaned_data.get("email") or "").strip().lower()
    if User.objects.filter(email__iexact=email).exclude(pk=form.instance.pk).exists():
        raise forms.ValidationError(_("An account with this email address already exists."))
    return email


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    fields = ("role", "organisation", "place", "granted_at")
    readonly_fields = ("granted_at",)
    raw_id_fields = ("organisation", "place")
    verbose_name = _("role")
    verbose_name_plural = _("roles")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = PersonChangeForm
    add_form = PersonCreationForm
    inlines = [RoleInline]
    list_display = (
        "email",
        "full_name",
        "is_active",
        "is_staff",
        "is_demo_account",
        "date_joined",
        "last_login",
    )
    list_filter = (
        "is_active",
        "is_staff",
        "is_superuser",
        "is_demo_account",
        "role_assignments__role",
    )
    search_fields = ("email", "full_name")
    ordering = ("full_name", "email")
    readonly_fields = ("last_login", "date_joined", "email_confirmed_at")
    filter_horizontal = ("groups", "user_permissions")
    actions = ["confirm_email_addresses"]
    fieldsets = (
        (None, {"fields": ("email", "full_name", "password", "email_confirmed_at")}),
        (
            _("Access"),
            {
                "fields": (
                    "is_active",
                    "is_demo_account",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                )
            },
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "full_name", "usable_password", "password1", "password2"),
            },
        ),
    )

    def get_inlines(self, request, obj):
        # Roles are added once the person exists.
        return self.inlines if obj is not None else []

    @admin.action(description=_("Confirm the email addresses of the chosen people"))
    def confirm_email_addresses(self, request, queryset):
        """For people the back office has checked another way (their address was confirmed before
        confirmation existed, or they cannot receive the link). Recorded in the audit trail."""
        confirmed = sum(
            services.user_email_confirm(user=person, actor=request.user) for person in queryset
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d email address confirmed.",
                "%(count)d email addresses confirmed.",
                confirmed,
            )
            % {"count": confirmed},
            messages.SUCCESS,
        )


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "organisation", "place", "granted_at")
    list_filter = ("role", "organisation__legal_form", "place__kind")
    search_fields = ("user__email", "user__full_name", "organisation__name", "place__name")
    list_select_related = ("user", "organisation", "place")
    raw_id_fields = ("user", "organisation", "place")
    date_hierarchy = "granted_at"


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens can be seen and revoked (deleted) here, never made. The key is never stored. Staff allowed
    to change API tokens may give one its own rate limit (requests a minute); nothing else changes,
    and the change is recorded in the audit trail (accounts.tokens.api_token_rate_set)."""

    list_display = ("name", "user", "prefix", "rate_per_minute", "created_at", "last_used_at")
    list_filter = ("created_at", "last_used_at")
    search_fields = ("name", "prefix", "user__email", "user__full_name")
    list_select_related = ("user",)
    fields = ("name", "user", "prefix", "created_at", "last_used_at", "rate_per_minute")
    readonly_fields = ("name", "user", "prefix", "created_at", "last_used_at")

    def has_add_permission(self, request) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        if change and "rate_per_minute" in form.changed_data:
            api_token_rate_set(
                token=obj, rate_per_minute=form.cleaned_data["rate_per_minute"], actor=request.user
            )
