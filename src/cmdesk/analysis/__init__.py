"""What a message says beyond its words, worked out offline at ingest: its language (and, with issue 17, its
sentiment). Pure functions over text; the models come inside packages from the registries, loaded on first use."""
