"""Tests that cross apps: attacks replayed on every page and endpoint, rules every kind of vote keeps.

They sit here, above every app, because an app's own tests may import only that app and the
layers below it (see .importlinter); these need them all.
"""
