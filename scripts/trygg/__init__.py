"""Build, check and edit the multilingual crime-prevention site.

Pure modules live here; only ``mkdocs_glue`` imports MkDocs.
"""
