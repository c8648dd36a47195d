"""Storage: the relational database (reports, versions, runs) and the raw-file blob store."""

from storage.blobs import BlobStore, sha256_of
from storage.database import Database

__all__ = ["BlobStore", "Database", "sha256_of"]
