"""Records and packages: a process's releases compiled into its current state with ocdsmerge, the
standard's own merge routine, run offline against the local release schema.

ocdsmerge reads its merge rules (which lists are replaced whole, which fields are left out of a
compiled release) from the release schema it is given as a dict: never from a web address, which it
would download. Without the schema (SchemaUnavailable) records are still compiled, with only the
rules for the release's own id, date and tag: every list of objects is then merged by id, where the
standard would replace some lists whole. Nothing can be published without the schema, so this
only matters when it goes missing after releases were published.
"""

import datetime
from collections.abc import Iterable
from functools import lru_cache

import ocdsmerge
from django.conf import settings

from commonweal.opendata import schema, selectors
from commonweal.opendata.services import ocds_date, publisher

# The package format, major.minor (OCDS 1.1.5 is version "1.1").
PACKAGE_VERSION = "1.1"
_OMIT = "omitWhenMerged"
FALLBACK_MERGE_RULES = {("id",): _OMIT, ("date",): _OMIT, ("tag",): _OMIT}


def merger() -> ocdsmerge.Merger:
    """ocdsmerge's Merger with the merge rules of the local release schema (or the fallback)."""
    try:
        folder = str(schema.schema_dir())
    except schema.SchemaUnavailable:
        return ocdsmerge.Merger(merge_rules=dict(FALLBACK_MERGE_RULES))
    return _merger(folder)


@lru_cache(maxsize=4)
def _merger(folder: str) -> ocdsmerge.Merger:
    return ocdsmerge.Merger(schema=schema.schema(schema.RELEASE))


def compile_record(ocid: str, releases: list[dict]) -> dict:
    """A record: the process's releases (oldest first) and the compiled release, their current state."""
    return {
        "ocid": ocid,
        "releases": releases,
        "compiledRelease": merger().create_compiled_release(releases),
    }


def record_for(ocid: str) -> dict | None:
    """The record of one process, or None when it has no published release."""
    releases = selectors.releases_of(ocid)
    return compile_record(ocid, releases) if releases else None


def records(ocids: Iterable[str]) -> Iterable[dict]:
    """The record of each of ``ocids`` that has releases, reading theirs in one query."""
    for ocid, releases in selectors.releases_of_each(list(ocids)).items():
        if releases:
            yield compile_record(ocid, releases)


# The OCDS extensions Commonweal's releases use beyond the core schema, declared in every package
# so a reader knows where their fields are defined: a plan's lots are `tender.lots`.
EXTENSIONS = [
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json",
]


def package_head(*, uri: str, published: datetime.datetime | None = None) -> dict:
    """What every package starts with: its address, when it was published, by whom, the version
    and the extensions it uses."""
    return {
        "uri": uri,
        "publishedDate": ocds_date(published or datetime.datetime.now(datetime.UTC)),
        "publisher": publisher(),
        "version": PACKAGE_VERSION,
        "extensions": EXTENSIONS,
    }


def release_package(
    releases: Iterable[dict], *, uri: str, published: datetime.datetime | None = None
) -> dict:
    """A release package of ``releases``: publishedDate is ``published`` (when the newest of them was
    published, as the standard asks of a package made on request), else now."""
    return {**package_head(uri=uri, published=published), "releases": list(releases)}


def record_package(
    records: Iterable[dict], *, uri: str, published: datetime.datetime | None = None
) -> dict:
    """A record package of ``records``, dated as ``release_package``."""
    return {**package_head(uri=uri, published=published), "records": list(records)}


def default_base_url() -> str:
    """Where the exported files are published unless the export is told otherwise."""
    return f"{settings.SITE_URL}/ocds/"
