"""The blob store keeps every distinct file once, under its sha256."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from storage.blobs import BlobStore


def test_stored_bytes_come_back_under_their_sha256(tmp_path: Path) -> None:
    store = BlobStore(tmp_path)
    digest = store.put("年报".encode())
    assert digest == hashlib.sha256("年报".encode()).hexdigest()
    assert store.get(digest) == "年报".encode()
    assert store.path_for(digest).parent.parent.parent == tmp_path


def test_the_same_content_is_stored_once(tmp_path: Path) -> None:
    store = BlobStore(tmp_path)
    first = store.put(b"same bytes")
    second = store.put(b"same bytes")
    assert first == second
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == [store.path_for(first)]


def test_missing_blob_raises_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        BlobStore(tmp_path).get("0" * 64)
