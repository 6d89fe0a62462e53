"""The steward's workflow: safe normalisation of hand-edited files and workbook import."""
