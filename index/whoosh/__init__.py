"""The Whoosh backend: the embedded default (see FORMAT.md for its on-disk format)."""
