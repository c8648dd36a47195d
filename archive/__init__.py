"""The archive stage: parse → store → index, for crawled pages and ingested files alike.

Parsing runs in bounded worker processes (:mod:`archive.parsing`), stored reports become index
documents (:mod:`archive.indexing`) written by one index writer (:mod:`archive.index_writer`);
rebuilds, re-parses and index checks (:mod:`archive.reindex`, :mod:`archive.reparse`,
:mod:`archive.index_check`) work on what is stored.
"""
