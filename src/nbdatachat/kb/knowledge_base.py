"""``KnowledgeBase``: sources, chunks and a retrieval index you can ask questions of.

In a notebook::

    kb = nbdatachat.KnowledgeBase.from_files(["handbook.pdf", "faq.md"])
    kb.add_qa("What are your opening hours?", "9 to 5, Monday to Friday.")
    kb.ask("when are you open?")          # -> KBAnswer, rendered with its sources

Every change (:meth:`update` and the ``add_*`` helpers built on it) is all-or-nothing:
limits are checked first, the new index is built beside the current one and swapped in with
one assignment, so readers never see a half-indexed state and a failed change leaves the
knowledge base as it was. Writers are serialised by a lock; readers take no lock.
"""

from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InvalidRequest
from .answer import DEFAULT_QA_THRESHOLD, KBAnswer, SourceRef, answer_question
from .chunking import DEFAULT_CHUNK_SIZE, DEFAULT_OVERLAP, Chunk, chunk_source
from .errors import CharacterLimitExceeded, UnreadableFile
from .extract import extract_file
from .fetch import ScrapeOptions, UrlPolicy, fetch_url
from .index import Embedder, Hit, KBIndex, empty_index
from .results import ConfidenceScore, KnowledgeSnippet, QueryResult
from .sources import (Source, file_source, product_source, qa_source, text_source,
                      website_source)

Progress = Callable[[float], None]


@dataclass(frozen=True)
class Limits:
    """Character limits (the seed's plan limits behind consumed/remainingCharacters).

    ``max_characters`` caps a knowledge base's total text; ``max_source_characters`` caps
    one source (default: the total); ``max_file_bytes`` caps an uploaded file.
    """

    max_characters: int = 11_000_000
    max_source_characters: int | None = None
    max_file_bytes: int = 50_000_000

    @property
    def per_source(self) -> int:
        return self.max_source_characters or self.max_characters


@dataclass(frozen=True)
class KBState:
    """One consistent version: sources, their chunks and the index over them."""

    sources: Mapping[str, Source]
    chunks: Mapping[str, tuple[Chunk, ...]]
    index: KBIndex
    trained_at: float

    @property
    def characters(self) -> int:
        return sum(s.characters for s in self.sources.values())


class KnowledgeBase:
    """A named collection of sources, chunked and indexed for retrieval."""

    def __init__(self, name: str = "knowledge base", *, limits: Limits | None = None,
                 url_policy: UrlPolicy | None = None, chunk_size: int = DEFAULT_CHUNK_SIZE,
                 overlap: int = DEFAULT_OVERLAP, embedder: Embedder | None = None,
                 qa_threshold: float = DEFAULT_QA_THRESHOLD) -> None:
        self.name = name
        self.limits = limits or Limits()
        self.url_policy = url_policy
        self.chunk_size, self.overlap = chunk_size, overlap
        self.embedder = embedder
        self.qa_threshold = qa_threshold
        self._state = KBState({}, {}, empty_index(), 0.0)
        self._write_lock = threading.Lock()
        self._confidence_cache: OrderedDict[tuple[str, str, int], ConfidenceScore] = \
            OrderedDict()
        self._cache_lock = threading.Lock()

    # ------------------------------------------------------------------ constructors

    @classmethod
    def from_texts(cls, texts: Iterable[str] | Mapping[str, str], *,
                   name: str = "knowledge base", **kwargs: Any) -> KnowledgeBase:
        """From raw texts; a mapping gives each text a title (``{title: text}``)."""
        kb = cls(name, **kwargs)
        items = list(texts.items()) if isinstance(texts, Mapping) else \
            [(None, t) for t in texts]
        kb.update(add=[text_source(t, title=title) for title, t in items])
        return kb

    @classmethod
    def from_files(cls, paths: Iterable[str | Path], *, name: str = "knowledge base",
                   **kwargs: Any) -> KnowledgeBase:
        """From files (pdf, docx, html, txt, md, csv, json)."""
        kb = cls(name, **kwargs)
        kb.update(add=[kb.read_file(p) for p in paths])
        return kb

    @classmethod
    def from_sources(cls, sources: Iterable[Source], *, name: str = "knowledge base",
                     **kwargs: Any) -> KnowledgeBase:
        """From persisted sources (indexing is deterministic: same chunks, same ids)."""
        kb = cls(name, **kwargs)
        kb.update(add=list(sources), check_limits=False)
        return kb

    # ------------------------------------------------------------------ reading state

    @property
    def state(self) -> KBState:
        return self._state

    @property
    def sources(self) -> list[Source]:
        return list(self._state.sources.values())

    @property
    def chunks(self) -> list[Chunk]:
        return list(self._state.index.chunks)

    @property
    def characters(self) -> int:
        return self._state.characters

    @property
    def remaining_characters(self) -> int:
        return max(0, self.limits.max_characters - self.characters)

    def __len__(self) -> int:
        return len(self._state.sources)

    def __repr__(self) -> str:
        s = self._state
        return (f"<KnowledgeBase {self.name!r}: {len(s.sources)} sources, {len(s.index)} "
                f"chunks, {s.characters:,} characters>")

    # ------------------------------------------------------------------ building sources

    def read_file(self, path: str | Path | bytes, file_name: str | None = None, *,
                  url: str | None = None, content_type: str | None = None) -> Source:
        """A file (path, or bytes plus ``file_name``) as a source, text extracted."""
        if isinstance(path, (bytes, bytearray)):
            if not file_name:
                raise InvalidRequest("Pass file_name with file bytes (its extension tells "
                                     "the type).", details={"parameter": "file_name"})
            data = bytes(path)
        else:
            p = Path(path).expanduser()
            if not p.is_file():
                raise UnreadableFile(f"File not found: {p}. Check the path (relative paths "
                                     f"start from {Path.cwd()}).", details={"file": str(p)})
            if p.stat().st_size > self.limits.max_file_bytes:
                raise CharacterLimitExceeded(
                    f"{p.name} is {p.stat().st_size:,} bytes, over the "
                    f"{self.limits.max_file_bytes:,}-byte file limit.",
                    details={"file": p.name, "limit": self.limits.max_file_bytes})
            data = p.read_bytes()
            file_name = file_name or p.name
        if len(data) > self.limits.max_file_bytes:
            raise CharacterLimitExceeded(
                f"{file_name} is {len(data):,} bytes, over the "
                f"{self.limits.max_file_bytes:,}-byte file limit.",
                details={"file": file_name, "limit": self.limits.max_file_bytes})
        extracted = extract_file(data, str(file_name), content_type)
        return file_source(str(file_name), extracted.text, url=url, title=extracted.title)

    def fetch(self, url: str, options: ScrapeOptions | Mapping[str, Any] | None = None
              ) -> Source:
        """A web page as a source (main text extracted; private addresses refused)."""
        if not isinstance(options, ScrapeOptions):
            options = ScrapeOptions.from_dict(dict(options or {}))
        page = fetch_url(url, self.url_policy or UrlPolicy.from_env(), options)
        if not page.text.strip():
            raise UnreadableFile(f"No text found at {url!r} (with these scraping options).",
                                 details={"url": url})
        return website_source(url, page.text, title=page.title)

    # ------------------------------------------------------------------ changing

    def check_limits(self, add: Sequence[Source], remove: Iterable[str] = ()) -> None:
        """Raise :class:`CharacterLimitExceeded` if adding ``add`` would go over a limit."""
        for source in add:
            if source.characters > self.limits.per_source:
                raise CharacterLimitExceeded(
                    f"Source {source.title!r} has {source.characters:,} characters, over the "
                    f"{self.limits.per_source:,}-character limit for one source. Split it or "
                    f"raise the limit.",
                    details={"source": source.title, "characters": source.characters,
                             "limit": self.limits.per_source})
        current = self._state.sources
        replaced = set(remove) | {s.id for s in add}
        kept = sum(s.characters for sid, s in current.items() if sid not in replaced)
        total = kept + sum(s.characters for s in {s.id: s for s in add}.values())
        if total > self.limits.max_characters:
            raise CharacterLimitExceeded(
                f"Adding {sum(s.characters for s in add):,} characters would bring this "
                f"knowledge base to {total:,}, over its {self.limits.max_characters:,}-"
                f"character limit ({max(0, self.limits.max_characters - kept):,} remaining). "
                f"Remove sources or add less text.",
                details={"consumedCharacters": self.characters,
                         "remainingCharacters": self.remaining_characters,
                         "requestedCharacters": sum(s.characters for s in add),
                         "limit": self.limits.max_characters})

    def update(self, add: Iterable[Source] = (), remove: Iterable[str] = (), *,
               progress: Progress | None = None,
               on_commit: Callable[[KBState, KBState], None] | None = None,
               check_limits: bool = True) -> KBState:
        """Add (or replace, by id) and remove sources, re-index, swap atomically.

        ``on_commit(old, new)`` runs before the swap (the service persists there); if it
        raises, nothing changes. Returns the new state.
        """
        add = list(add)
        remove = set(remove)
        with self._write_lock:
            old = self._state
            if check_limits:
                self.check_limits(add, remove)
            sources = {sid: s for sid, s in old.sources.items() if sid not in remove}
            for s in add:
                sources.pop(s.id, None)  # a replaced source moves to the end
                sources[s.id] = s
            fresh = {s.id for s in add}
            chunks: dict[str, tuple[Chunk, ...]] = {}
            for i, (sid, s) in enumerate(sources.items()):
                if sid in fresh or sid not in old.chunks:
                    chunks[sid] = tuple(chunk_source(sid, s.text, s.chunk_metadata(),
                                                     size=self.chunk_size,
                                                     overlap=self.overlap))
                else:
                    chunks[sid] = old.chunks[sid]
                if progress and i % 50 == 0:
                    progress(0.5 * i / max(1, len(sources)))
            flat = [c for group in chunks.values() for c in group]
            qa = [s for s in sources.values() if s.type == "qa"]
            index = KBIndex.build(flat, qa, token_cache=old.index.token_cache(),
                                  embedder=self.embedder,
                                  vector_cache=old.index.vector_cache())
            new = KBState(sources, chunks, index, time.time())
            if progress:
                progress(0.95)
            if on_commit is not None:
                on_commit(old, new)
            self._state = new  # the atomic swap
            with self._cache_lock:  # entries are keyed by index version; drop the stale ones
                self._confidence_cache.clear()
            if progress:
                progress(1.0)
            return new

    def add_text(self, text: str, title: str | None = None) -> Source:
        source = text_source(text, title=title)
        self.update(add=[source])
        return source

    def add_qa(self, question: str, answer: str) -> Source:
        """A Q&A pair, answered verbatim when a question matches it closely."""
        source = qa_source(question, answer)
        self.update(add=[source])
        return source

    def add_qas(self, pairs: Iterable[Mapping[str, str]]) -> list[Source]:
        sources = [qa_source(p.get("question", ""), p.get("answer", "")) for p in pairs]
        self.update(add=sources)
        return sources

    def add_products(self, products: Iterable[Mapping[str, Any]]) -> list[Source]:
        sources = [product_source(p) for p in products]
        self.update(add=sources)
        return sources

    def add_file(self, path: str | Path | bytes, file_name: str | None = None) -> Source:
        source = self.read_file(path, file_name)
        self.update(add=[source])
        return source

    def add_url(self, url: str, options: ScrapeOptions | Mapping[str, Any] | None = None
                ) -> Source:
        """Fetch a page and add its main text (re-adding a URL re-crawls it)."""
        source = self.fetch(url, options)
        self.update(add=[source])
        return source

    def remove(self, *source_ids: str) -> int:
        """Remove sources by id; returns how many existed."""
        existing = [sid for sid in source_ids if sid in self._state.sources]
        if existing:
            self.update(remove=existing)
        return len(existing)

    # ------------------------------------------------------------------ asking

    def search(self, query: str, k: int = 5) -> list[Hit]:
        """The ``k`` best passages for ``query`` (BM25, fused with embeddings if any)."""
        return self._state.index.search(_require_text(query, "query"), k)

    def ask(self, question: str, k: int = 3) -> KBAnswer:
        """Answer from the knowledge base: a Q&A verbatim, else the best sentences, with
        sources and a confidence in [0, 1]."""
        return answer_question(self._state.index, _require_text(question, "question"), k=k,
                               qa_threshold=self.qa_threshold)

    def query(self, query: str, count: int = 5) -> QueryResult:
        """The seed's ``query-knowledge-base``: up to ``count`` snippets with a positive
        cosine similarity, most similar first."""
        query = _require_text(query, "query")
        count = _require_count(count)
        hits = [h for h in self._state.index.search(query, max(count, 10)) if h.similarity > 0]
        hits.sort(key=lambda h: (-h.similarity, h.rank))
        return QueryResult(query, [KnowledgeSnippet(
            source=h.chunk.metadata.get("url") or h.chunk.metadata.get("fileName")
            or h.chunk.title, snippet=h.chunk.text, score=round(h.similarity, 4),
            title=h.chunk.title, type=h.chunk.type) for h in hits[:count]])

    def confidence(self, messages: str | Sequence[Mapping[str, Any]], k: int = 3
                   ) -> ConfidenceScore:
        """Cosine similarity of the chunks a chat on ``messages`` would use (cached per
        messages array and index version)."""
        text = messages if isinstance(messages, str) else embedding_text(messages)
        text = _require_text(text, "messages")
        state = self._state
        key = (state.index.version, json.dumps(messages, sort_keys=True, default=str), k)
        with self._cache_lock:
            hit = self._confidence_cache.get(key)
            if hit is not None:
                self._confidence_cache.move_to_end(key)
                return hit
        # the chunks a chat would use, most similar first (as in the seed's example)
        refs = sorted((SourceRef.from_hit(h) for h in state.index.search(text, k)),
                      key=lambda r: -r.score)
        result = ConfidenceScore(text, refs)
        with self._cache_lock:
            self._confidence_cache[key] = result
            while len(self._confidence_cache) > 512:
                self._confidence_cache.popitem(last=False)
        return result

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        import html

        rows = "".join(f"<tr><td>{html.escape(s.type)}</td><td>{html.escape(s.title)}</td>"
                       f"<td>{s.characters:,}</td></tr>" for s in self.sources[:50])
        return {"text/plain": repr(self),
                "text/html": f"<div class='nbdc-card'><p>{html.escape(repr(self))}</p>"
                             f"<table><tr><th>type</th><th>title</th><th>characters</th></tr>"
                             f"{rows}</table></div>"}


def embedding_text(messages: Sequence[Mapping[str, Any]]) -> str:
    """The text a chat retrieves with: the last user message."""
    if not isinstance(messages, Sequence) or isinstance(messages, (str, bytes)):
        raise InvalidRequest("messages must be an array of {role, content} objects.",
                             details={"parameter": "messages"})
    for message in reversed(messages):
        if isinstance(message, Mapping) and message.get("role") == "user" and \
                str(message.get("content") or "").strip():
            return str(message["content"]).strip()
    raise InvalidRequest("messages has no user message with content: add "
                         '{"role": "user", "content": "your question"}.',
                         details={"parameter": "messages"})


def _require_text(value: Any, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidRequest(f"{name} must be a non-empty string.", details={"parameter": name})
    return value.strip()


def _require_count(count: Any) -> int:
    if isinstance(count, bool) or not isinstance(count, (int, float)) or int(count) != count \
            or not 1 <= int(count) <= 100:
        raise InvalidRequest(f"count must be a whole number from 1 to 100, got {count!r}.",
                             details={"parameter": "count"})
    return int(count)


__all__ = ["KBState", "KnowledgeBase", "Limits", "embedding_text"]
