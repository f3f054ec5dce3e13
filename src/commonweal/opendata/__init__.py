"""Open data: OCDS releases every stage of the cycle publishes, checked against the schema,
and compiled records (ocdsmerge), served by the API and written by `commonweal export ocds`."""
