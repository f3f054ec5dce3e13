from django.urls import path

from commonweal.organisations.views import (
    directory,
    documents,
    members,
    profile,
    social_facts,
    verification,
)

app_name = "organisations"
urlpatterns = [
    path("", directory.organisation_list, name="list"),
    # "register" and "verification" are kept out of generated slugs (services.RESERVED_SLUGS).
    path("register/", profile.organisation_register, name="register"),
    path("verification/", verification.verification_list, name="verification-list"),
    path("<slug:slug>/", profile.organisation_detail, name="detail"),
    path("<slug:slug>/edit/", profile.organisation_edit, name="edit"),
    path("<slug:slug>/verify/", verification.organisation_verify, name="verify"),
    path(
        "<slug:slug>/verifications/<int:verification_id>/revoke/",
        verification.verification_revoke,
        name="verification-revoke",
    ),
    path(
        "<slug:slug>/social-facts/",
        social_facts.social_facts_check,
        name="social-facts-check",
    ),
    path(
        "<slug:slug>/social-facts/<int:check_id>/withdraw/",
        social_facts.social_facts_withdraw,
        name="social-facts-withdraw",
    ),
    path("<slug:slug>/members/", members.organisation_members, name="members"),
    path(
        "<slug:slug>/members/<int:assignment_id>/remove/",
        members.organisation_member_remove,
        name="member-remove",
    ),
    path("<slug:slug>/documents/add/", documents.document_add, name="document-add"),
    path(
        "<slug:slug>/documents/<int:document_id>/",
        documents.document_download,
        name="document-download",
    ),
    path(
        "<slug:slug>/documents/<int:document_id>/remove/",
        documents.document_remove,
        name="document-remove",
    ),
]
