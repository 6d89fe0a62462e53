"""Renderers: a Report in, text out. Formatting only, no logic."""
