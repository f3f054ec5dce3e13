"""The organisation pages, one module per part: directory, profile, members, documents."""
