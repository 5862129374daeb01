"""A small, fast lexical index: Okapi BM25 for ranking, TF-IDF cosine for confidence.

Both live in one sparse document-term matrix built once per index version. BM25 weights are
precomputed per (document, term), so a query costs one column slice and one sparse
mat-vec: about a millisecond at 10,000 chunks. The cosine between L2-normalised TF-IDF
vectors is the "confidence score" (in [0, 1]) when no embedding model is configured: unlike
a BM25 score, it is comparable across queries and across knowledge bases.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy import sparse


class LexicalIndex:
    """BM25 (k1, b) and TF-IDF over pre-tokenised documents (see :func:`text.tokenize`)."""

    def __init__(self, docs: Sequence[Sequence[str]], *, k1: float = 1.2,
                 b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        vocab: dict[str, int] = {}
        add = vocab.setdefault
        term_ids = np.fromiter((add(t, len(vocab)) for doc in docs for t in doc),
                               dtype=np.int64)
        lengths = np.fromiter((len(doc) for doc in docs), dtype=np.int64, count=len(docs))
        self.vocab = vocab
        self.n_docs = n_docs = len(docs)
        n_terms = len(vocab)
        rows = np.repeat(np.arange(n_docs, dtype=np.int64), lengths)
        # COO -> CSR sums the duplicate (doc, term) pairs: term frequencies, all in C.
        tf = sparse.coo_matrix((np.ones(len(term_ids), dtype=np.float64), (rows, term_ids)),
                               shape=(n_docs, n_terms)).tocsr()
        tf.sum_duplicates()
        df = np.bincount(tf.indices, minlength=n_terms).astype(np.float64)
        # Lucene's idf: never negative, so very common terms add little instead of subtracting.
        self.idf = np.log1p((n_docs - df + 0.5) / (df + 0.5))
        doc_len = np.asarray(tf.sum(axis=1), dtype=np.float64).ravel()
        avg = float(doc_len.mean()) if n_docs and doc_len.sum() > 0 else 1.0
        norm = k1 * (1.0 - b + b * doc_len / avg)
        rows = np.repeat(np.arange(n_docs), np.diff(tf.indptr))
        data = tf.data.astype(np.float64)
        bm25 = data * (k1 + 1.0) / (data + norm[rows]) * self.idf[tf.indices]
        self._bm25 = sparse.csr_matrix((bm25, tf.indices, tf.indptr),
                                       shape=tf.shape).tocsc()
        # TF-IDF with sublinear tf; smooth idf as in scikit-learn so no weight is zero.
        self._tfidf_idf = np.log((1.0 + n_docs) / (1.0 + df)) + 1.0
        w = (1.0 + np.log(data)) * self._tfidf_idf[tf.indices]
        tfidf = sparse.csr_matrix((w, tf.indices, tf.indptr), shape=tf.shape)
        row_norm = np.sqrt(np.asarray(tfidf.multiply(tfidf).sum(axis=1)).ravel())
        row_norm[row_norm == 0] = 1.0
        self._tfidf = sparse.diags(1.0 / row_norm) @ tfidf
        self._tfidf_csc = self._tfidf.tocsc()
        self._max_idf = float(math.log(1.0 + n_docs) + 1.0)

    def _query_terms(self, tokens: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        counts = Counter(t for t in tokens if t in self.vocab)
        ids = np.fromiter((self.vocab[t] for t in counts), dtype=np.int64, count=len(counts))
        weights = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        return ids, weights

    def bm25(self, tokens: Sequence[str]) -> np.ndarray:
        """BM25 score of every document for the query tokens (zeros when none match)."""
        ids, weights = self._query_terms(tokens)
        if not len(ids) or not self.n_docs:
            return np.zeros(self.n_docs)
        return np.asarray(self._bm25[:, ids] @ weights).ravel()

    def query_vector(self, tokens: Sequence[str]) -> sparse.csr_matrix:
        """The L2-normalised TF-IDF row vector of a query (terms unknown to the index carry
        the highest idf: they still count in the norm, so an off-topic word lowers
        confidence)."""
        counts = Counter(tokens)
        known = [(self.vocab[t], n) for t, n in counts.items() if t in self.vocab]
        unknown = [n for t, n in counts.items() if t not in self.vocab]
        vals = [(1.0 + math.log(n)) * self._tfidf_idf[j] for j, n in known]
        extra = sum(((1.0 + math.log(n)) * self._max_idf) ** 2 for n in unknown)
        norm = math.sqrt(sum(v * v for v in vals) + extra) or 1.0
        return sparse.csr_matrix((np.asarray(vals) / norm, ([0] * len(known),
                                                            [j for j, _ in known])),
                                 shape=(1, len(self.vocab)))

    def cosine(self, tokens: Sequence[str], doc_ids: Sequence[int] | None = None) -> np.ndarray:
        """TF-IDF cosine similarity in [0, 1] between the query and documents."""
        q = self.query_vector(tokens)
        if not q.nnz or not self.n_docs:
            return np.zeros(self.n_docs if doc_ids is None else len(doc_ids))
        sims = np.asarray(self._tfidf_csc[:, q.indices] @ q.data).ravel()
        sims = np.clip(sims, 0.0, 1.0)
        return sims if doc_ids is None else sims[np.asarray(doc_ids, dtype=np.int64)]


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the ``k`` highest positive scores, best first (ties by index)."""
    positive = np.flatnonzero(scores > 0)
    if len(positive) > k:
        part = np.argpartition(-scores[positive], k - 1)[:k]
        positive = positive[part]
    order = np.lexsort((positive, -scores[positive]))
    return positive[order]


__all__ = ["LexicalIndex", "top_k"]
