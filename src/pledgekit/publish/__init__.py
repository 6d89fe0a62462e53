"""Releases: a pure plan (what the release will be), then small atomic steps that write it."""
