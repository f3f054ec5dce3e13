"""The API tests ask for ``api`` and ``token_for`` by name: commonweal/testing/api.py, registered in the
root conftest.py for every test."""
