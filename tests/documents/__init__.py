"""Tests of the printed documents (desktop.documents)."""
