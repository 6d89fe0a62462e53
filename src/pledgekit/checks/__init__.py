"""Checks: each takes a package (and what it needs) and returns Issues; none raises for bad data."""
