"""The PDFs: the parent guide and each checklist, in every language (WeasyPrint)."""
