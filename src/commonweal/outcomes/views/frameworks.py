"""The public pages: frameworks by place, a framework, one version with its difference, and exports."""

from django.http import HttpResponse
from django.shortcuts import render

from commonweal.outcomes import diff, exchange, permissions, readable, selectors
from commonweal.outcomes.models import FrameworkVersion
from commonweal.outcomes.views._common import framework_or_404, viewable_version


def framework_list(request):
    return render(
        request,
        "outcomes/list.html",
        {
            "groups": selectors.frameworks_by_place(),
            "can_start": permissions.can_start_framework(request.user),
        },
    )


def framework_detail(request, slug: str):
    framework = framework_or_404(slug)
    user = request.user
    can_manage = permissions.can_manage(user, framework)
    version = selectors.latest_published(framework)
    versions = selectors.framework_versions(framework)
    if not can_manage:
        versions = versions.filter(status=FrameworkVersion.Status.PUBLISHED)
    return render(
        request,
        "outcomes/framework.html",
        {
            "framework": framework,
            "version": version,
            "areas": selectors.version_areas(version) if version else [],
            "endorsements": selectors.version_endorsements(version) if version else [],
            "versions": versions,
            "draft": selectors.current_draft(framework) if can_manage else None,
            "can_manage": can_manage,
            "can_endorse": version is not None and permissions.can_endorse(user, version),
            "my_organisation_ids": set(
                permissions.endorsing_organisations(user).values_list("pk", flat=True)
            ),
        },
    )


def version_detail(request, slug: str, number: int):
    framework, version = viewable_version(request, slug, number)
    user = request.user
    areas = selectors.version_areas(version)
    previous = selectors.previous_version(version)
    difference = None
    if previous is not None:
        difference = readable.readable(
            diff.compare(
                selectors.version_as_dict(previous), selectors.version_as_dict(version, areas)
            )
        )
    can_manage = permissions.can_manage(user, framework)
    is_latest = selectors.latest_version(framework) == version
    return render(
        request,
        "outcomes/version.html",
        {
            "framework": framework,
            "version": version,
            "areas": areas,
            "previous": previous,
            "difference": difference,
            "endorsements": selectors.version_endorsements(version),
            "can_edit": can_manage and version.status == version.Status.DRAFT,
            "can_link_needs": can_manage and is_latest,
            "can_endorse": permissions.can_endorse(user, version),
            "my_organisation_ids": set(
                permissions.endorsing_organisations(user).values_list("pk", flat=True)
            ),
        },
    )


def version_export(request, slug: str, number: int, file_format: str):
    framework, version = viewable_version(request, slug, number)
    content = selectors.version_as_dict(version)
    name = f"{framework.slug}-version-{version.number}"
    if file_format == "json":
        response = HttpResponse(
            exchange.version_json(framework, version, content),
            content_type="application/json; charset=utf-8",
        )
    else:
        response = HttpResponse(
            exchange.version_csv(content), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response
