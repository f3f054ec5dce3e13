from django.urls import path

from commonweal.outcomes.views import drafts, endorsements, frameworks, needs, start

app_name = "outcomes"

_version = "<slug:slug>/versions/<int:number>/"
urlpatterns = [
    path("", frameworks.framework_list, name="list"),
    path("new/", start.framework_start, name="create"),
    path("<slug:slug>/", frameworks.framework_detail, name="framework"),
    path("<slug:slug>/versions/new/", drafts.version_new, name="version-new"),
    path("<slug:slug>/versions/import/", drafts.version_import, name="version-import"),
    path(_version, frameworks.version_detail, name="version"),
    path(
        _version + "export.json",
        frameworks.version_export,
        {"file_format": "json"},
        name="export-json",
    ),
    path(
        _version + "export.csv",
        frameworks.version_export,
        {"file_format": "csv"},
        name="export-csv",
    ),
    path(_version + "publish/", drafts.version_publish, name="version-publish"),
    path(_version + "areas/add/", drafts.area_edit, name="area-add"),
    path(_version + "areas/<int:area_id>/edit/", drafts.area_edit, name="area-edit"),
    path(_version + "outcomes/add/", drafts.outcome_edit, name="outcome-add"),
    path(_version + "outcomes/<int:outcome_id>/edit/", drafts.outcome_edit, name="outcome-edit"),
    path(
        _version + "outcomes/<int:outcome_id>/indicators/add/",
        drafts.indicator_edit,
        name="indicator-add",
    ),
    path(
        _version + "outcomes/<int:outcome_id>/indicators/<int:indicator_id>/edit/",
        drafts.indicator_edit,
        name="indicator-edit",
    ),
    path(
        _version + "areas/<int:item_id>/remove/",
        drafts.item_remove,
        {"kind": "area"},
        name="area-remove",
    ),
    path(
        _version + "outcomes/<int:item_id>/remove/",
        drafts.item_remove,
        {"kind": "outcome"},
        name="outcome-remove",
    ),
    path(
        _version + "indicators/<int:item_id>/remove/",
        drafts.item_remove,
        {"kind": "indicator"},
        name="indicator-remove",
    ),
    path(_version + "endorse/", endorsements.endorse, name="endorse"),
    path(
        _version + "endorsements/<int:endorsement_id>/withdraw/",
        endorsements.endorsement_withdraw,
        name="endorsement-withdraw",
    ),
    path("<slug:slug>/outcomes/<int:outcome_id>/needs/", needs.outcome_needs, name="outcome-needs"),
]
