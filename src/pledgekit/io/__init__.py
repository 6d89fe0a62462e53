"""The only modules that read from disk."""
