from django.urls import path

from commonweal.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.account_settings, name="settings"),
    path("sign-up/", views.sign_up, name="sign-up"),
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password-reset-done"),
    path(
        "password-reset/done/",
        views.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path("confirm-email/send/", views.confirm_email_send, name="confirm-email-send"),
    path("confirm-email/<str:token>/", views.confirm_email, name="confirm-email"),
    path("details/", views.change_details, name="change-details"),
    path("password/", views.change_password, name="change-password"),
    path("where-you-live/", views.change_residence, name="change-residence"),
    path("two-factor/set-up/", views.two_factor_setup, name="two-factor-setup"),
    path("two-factor/check/", views.two_factor_verify, name="two-factor-verify"),
    path("two-factor/turn-off/", views.two_factor_turn_off, name="two-factor-turn-off"),
    path("api-tokens/new/", views.api_token_create, name="api-token-create"),
    path("api-tokens/<int:token_id>/revoke/", views.api_token_revoke, name="api-token-revoke"),
]
