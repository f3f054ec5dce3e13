"""The public pages: frameworks by place, a framework, one version with its difference, and exports."""

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from commonweal.core import pagecache
from commonweal.core.viewtools import paginate
from commonweal.outcomes import diff, exchange, permissions, readable, selectors
from commonweal.outcomes.apps import FRAMEWORKS_STAMP
from commonweal.outcomes.models import FrameworkVersion
from commonweal.outcomes.views._common import framework_or_404, viewable_version

#: Frameworks a page in the list (a place may have several, and a country has hundreds of places).
PAGE_SIZE = 25


def framework_list(request):
    return render(
        request,
        "outcomes/list.html",
        {
            **paginate(request, selectors.frameworks_listed(), PAGE_SIZE),
            "can_start": permissions.can_start_framework(request.user),
        },
    )


# What a version's public content and exports are built from: the frameworks, and the needs their
# outcomes address (their titles are shown). The same for everyone who may see the version.
CONTENT_STAMPS = (FRAMEWORKS_STAMP, "needs")


def published_content(framework, version: FrameworkVersion):
    """A published version's areas, outcomes, indicators and the needs they address, as everyone
    sees them (no links to change anything), kept in the pages cache until any of it changes."""
    return pagecache.fragment(
        "outcomes-content",
        version.pk,
        stamps=CONTENT_STAMPS,
        build=lambda: render_to_string(
            "outcomes/includes/content.html",
            {
                "framework": framework,
                "version": version,
                "areas": selectors.version_areas(version),
                "can_edit": False,
                "can_link_needs": False,
            },
        ),
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
            "content": published_content(framework, version) if version else "",
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


def _version_body(framework, version: FrameworkVersion, *, can_edit: bool, can_link_needs: bool):
    """What changed since the version before, and the version's content."""
    areas = selectors.version_areas(version)
    previous = selectors.previous_version(version)
    difference = None
    if previous is not None:
        difference = readable.readable(
            diff.compare(
                selectors.version_as_dict(previous), selectors.version_as_dict(version, areas)
            )
        )
    return render_to_string(
        "outcomes/includes/version_body.html",
        {
            "framework": framework,
            "version": version,
            "areas": areas,
            "previous": previous,
            "difference": difference,
            "can_edit": can_edit,
            "can_link_needs": can_link_needs,
        },
    )


def version_detail(request, slug: str, number: int):
    framework, version = viewable_version(request, slug, number)
    user = request.user
    can_manage = permissions.can_manage(user, framework)
    can_edit = can_manage and version.status == version.Status.DRAFT
    can_link_needs = can_manage and selectors.latest_version(framework) == version
    if version.is_published and not can_edit and not can_link_needs:
        # As everyone sees it: kept. Those who may change it see their links, built each time.
        body = pagecache.fragment(
            "outcomes-version",
            version.pk,
            stamps=CONTENT_STAMPS,
            build=lambda: _version_body(framework, version, can_edit=False, can_link_needs=False),
        )
    else:
        body = _version_body(framework, version, can_edit=can_edit, can_link_needs=can_link_needs)
    return render(
        request,
        "outcomes/version.html",
        {
            "framework": framework,
            "version": version,
            "body": body,
            "endorsements": selectors.version_endorsements(version),
            "can_edit": can_edit,
            "can_endorse": permissions.can_endorse(user, version),
            "my_organisation_ids": set(
                permissions.endorsing_organisations(user).values_list("pk", flat=True)
            ),
        },
    )


# The JSON file also names the framework's place and the organisation that looks after it.
EXPORT_STAMPS = {"json": (FRAMEWORKS_STAMP, "places", "organisations"), "csv": (FRAMEWORKS_STAMP,)}


def _export(framework, version: FrameworkVersion, file_format: str) -> str:
    content = selectors.version_as_dict(version)
    if file_format == "json":
        return exchange.version_json(framework, version, content)
    return exchange.version_csv(content)


def version_export(request, slug: str, number: int, file_format: str):
    framework, version = viewable_version(request, slug, number)
    name = f"{framework.slug}-version-{version.number}"
    if version.is_published:  # the same file for everyone; a draft is only for its editors
        text = pagecache.cached(
            "outcomes-export",
            version.pk,
            file_format,
            stamps=EXPORT_STAMPS[file_format],
            build=lambda: _export(framework, version, file_format),
        )
    else:
        text = _export(framework, version, file_format)
    content_type = "application/json" if file_format == "json" else "text/csv"
    response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response
