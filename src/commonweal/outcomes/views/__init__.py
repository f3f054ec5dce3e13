"""The outcomes framework pages, one module per part: public pages, drafts, imports, endorsements and need links."""
