"""An immutable retrieval snapshot: chunks + lexical index (+ optional embeddings).

A knowledge base never edits an index in place: a retrain builds a new :class:`KBIndex`
beside the old one and swaps a single reference, so a chat running during a retrain sees
either the old index or the new one, never a half-built one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from .bm25 import LexicalIndex, top_k
from .chunking import Chunk
from .sources import Source
from .text import tokenize


class Embedder(Protocol):
    """An embedding model: texts -> 2-D array, one row per text (any scale)."""

    name: str

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk: ``score`` ranks (BM25, or fused with embeddings), ``similarity``
    is the cosine similarity in [0, 1] reported as confidence."""

    chunk: Chunk
    score: float
    similarity: float
    rank: int


def _normalise_rows(mat: np.ndarray) -> np.ndarray:
    mat = np.asarray(mat, dtype=np.float32)
    norms = np.linalg.norm(mat, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return mat / norms


class KBIndex:
    """Search over one version of a knowledge base's chunks."""

    def __init__(self, chunks: Sequence[Chunk], tokens: Sequence[Sequence[str]],
                 qa: Sequence[Source] = (), *, embedder: Embedder | None = None,
                 vectors: np.ndarray | None = None) -> None:
        self.chunks = tuple(chunks)
        self._tokens = [list(t) for t in tokens]
        self.lexical = LexicalIndex(self._tokens)
        self.embedder = embedder
        self.vectors = _normalise_rows(vectors) if vectors is not None and len(vectors) else None
        self.qa = tuple(qa)
        self._qa_vectors = [self.lexical.query_vector(tokenize(s.question or "")) for s in qa]
        self._qa_embedded = (_normalise_rows(embedder.embed([s.question or "" for s in qa]))
                             if embedder is not None and qa else None)
        self.version = hashlib.blake2b("\n".join(c.id for c in self.chunks).encode(),
                                       digest_size=8).hexdigest()

    @classmethod
    def build(cls, chunks: Sequence[Chunk], qa: Sequence[Source] = (), *,
              token_cache: Mapping[str, list[str]] | None = None,
              embedder: Embedder | None = None,
              vector_cache: Mapping[str, np.ndarray] | None = None) -> KBIndex:
        """Tokenise (reusing cached tokens of unchanged chunks) and index ``chunks``."""
        token_cache = token_cache or {}
        tokens = [token_cache.get(c.id) or tokenize(f"{c.title}\n{c.text}") for c in chunks]
        vectors = None
        if embedder is not None and chunks:
            vector_cache = vector_cache or {}
            missing = [i for i, c in enumerate(chunks) if c.id not in vector_cache]
            fresh = embedder.embed([chunks[i].text for i in missing]) if missing else None
            rows = []
            j = 0
            for i, c in enumerate(chunks):
                if c.id in vector_cache:
                    rows.append(np.asarray(vector_cache[c.id], dtype=np.float32))
                else:
                    rows.append(np.asarray(fresh[j], dtype=np.float32))
                    j += 1
            vectors = np.vstack(rows)
        return cls(chunks, tokens, qa, embedder=embedder, vectors=vectors)

    def token_cache(self) -> dict[str, list[str]]:
        """Token lists by chunk id, for the next build (saves re-tokenising on retrain)."""
        return dict(zip((c.id for c in self.chunks), self._tokens))

    def vector_cache(self) -> dict[str, np.ndarray]:
        if self.vectors is None:
            return {}
        return {c.id: self.vectors[i] for i, c in enumerate(self.chunks)}

    def __len__(self) -> int:
        return len(self.chunks)

    def _embed_query(self, query: str) -> np.ndarray | None:
        if self.embedder is None or self.vectors is None:
            return None
        return _normalise_rows(self.embedder.embed([query]))[0]

    def search(self, query: str, k: int = 5) -> list[Hit]:
        """The ``k`` best chunks for ``query`` (only chunks that share a term with it, or,
        with an embedder, that are semantically close)."""
        if not self.chunks or k <= 0:
            return []
        tokens = tokenize(query)
        bm25 = self.lexical.bm25(tokens)
        qvec = self._embed_query(query)
        if qvec is None:
            ids = top_k(bm25, k)
            sims = self.lexical.cosine(tokens, ids)
            return [Hit(self.chunks[i], float(bm25[i]), float(s), r)
                    for r, (i, s) in enumerate(zip(ids, sims))]
        dense = np.clip(self.vectors @ qvec, 0.0, 1.0)
        pool = max(50, k)
        lex_ids = top_k(bm25, pool)
        dense_ids = top_k(np.where(dense >= 0.2, dense, 0.0), pool)
        fused: dict[int, float] = {}
        for ranking in (lex_ids, dense_ids):  # reciprocal-rank fusion
            for r, i in enumerate(ranking):
                fused[int(i)] = fused.get(int(i), 0.0) + 1.0 / (60 + r)
        best = sorted(fused, key=lambda i: (-fused[i], i))[:k]
        return [Hit(self.chunks[i], fused[i], float(dense[i]), r)
                for r, i in enumerate(best)]

    def qa_match(self, query: str) -> tuple[Source, float] | None:
        """The Q&A whose question is closest to ``query`` and its similarity in [0, 1]."""
        if not self.qa:
            return None
        q = self.lexical.query_vector(tokenize(query))
        sims = np.array([float(q.multiply(v).sum()) for v in self._qa_vectors])
        if self._qa_embedded is not None:
            qvec = self._embed_query(query)
            if qvec is not None:
                sims = np.maximum(sims, np.clip(self._qa_embedded @ qvec, 0.0, 1.0))
        best = int(np.argmax(sims))
        return self.qa[best], float(min(1.0, sims[best]))

    def term_weights(self, query: str) -> dict[str, float]:
        """idf of each query term known to the index (for picking answer sentences)."""
        vocab, idf = self.lexical.vocab, self.lexical.idf
        return {t: float(idf[vocab[t]]) for t in set(tokenize(query)) if t in vocab}


def empty_index() -> KBIndex:
    return KBIndex([], [])


__all__ = ["Embedder", "Hit", "KBIndex", "empty_index"]


