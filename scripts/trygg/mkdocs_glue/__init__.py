"""The only code that imports MkDocs: thin event handlers over the pure modules."""
