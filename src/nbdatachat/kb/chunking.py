"""Split a source's text into overlapping chunks at natural boundaries.

Chunks are what retrieval ranks and what answers quote, so they should read as whole
sentences: text is cut at paragraph, then sentence, then word boundaries, never mid-word.
Consecutive chunks share up to ``overlap`` characters so that a fact straddling a boundary
is still found whole in one of them. Chunk ids hash the source id and the chunk text, so
re-indexing the same source gives the same ids (stable links, cache keys and eval labels).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from .text import sentences

DEFAULT_CHUNK_SIZE = 800
DEFAULT_OVERLAP = 150


@dataclass(frozen=True)
class Chunk:
    """One retrievable passage and where it came from."""

    id: str
    source_id: str
    text: str
    position: int
    metadata: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def title(self) -> str:
        return str(self.metadata.get("title") or "")

    @property
    def type(self) -> str:
        return str(self.metadata.get("type") or "text")


def chunk_id(source_id: str, text: str, position: int) -> str:
    digest = hashlib.blake2b(f"{source_id}\x00{position}\x00{text}".encode(),
                             digest_size=8).hexdigest()
    return f"{source_id}-{digest}"


def _units(text: str, size: int) -> list[tuple[str, int]]:
    """Sentences (word runs when a sentence is longer than ``size``), with their paragraph."""
    out: list[tuple[str, int]] = []
    for p, para in enumerate(re.split(r"\n\s*\n", text)):
        para = para.strip()
        if not para:
            continue
        for sent in sentences(para) if len(para) > 80 else [para]:
            if len(sent) <= size:
                out.append((sent, p))
                continue
            piece: list[str] = []
            length = 0
            # Words longer than a chunk (URLs, scripts without spaces) are cut into slices.
            for word in (w[i:i + size] for w in sent.split() for i in range(0, len(w), size)):
                if piece and length + len(word) + 1 > size:
                    out.append((" ".join(piece), p))
                    piece, length = [], 0
                piece.append(word)
                length += len(word) + 1
            if piece:
                out.append((" ".join(piece), p))
    return out


def _join(units: list[tuple[str, int]]) -> str:
    parts: list[str] = []
    for i, (unit, para) in enumerate(units):
        if i:
            parts.append(" " if units[i - 1][1] == para else "\n\n")
        parts.append(unit)
    return "".join(parts)


def split_text(text: str, size: int = DEFAULT_CHUNK_SIZE,
               overlap: int = DEFAULT_OVERLAP) -> list[str]:
    """``text`` as chunk strings of at most ~``size`` characters overlapping by ≤ ``overlap``.

    Overlap is made of whole trailing sentences of the previous chunk."""
    if size < 50:
        raise ValueError("chunk size must be at least 50 characters")
    overlap = max(0, min(overlap, size // 2))
    chunks: list[str] = []
    current: list[tuple[str, int]] = []
    length = 0
    fresh = 0  # units in ``current`` not already emitted in a previous chunk
    for unit in _units(text, size):
        if current and fresh and length + len(unit[0]) + 2 > size:
            chunks.append(_join(current))
            carry: list[tuple[str, int]] = []
            carried = 0
            for prev in reversed(current):
                if carried + len(prev[0]) + 2 > overlap:
                    break
                carry.insert(0, prev)
                carried += len(prev[0]) + 2
            if carried + len(unit[0]) + 2 > size:
                carry, carried = [], 0
            current, length, fresh = carry, carried, 0
        current.append(unit)
        length += len(unit[0]) + 2
        fresh += 1
    if current and fresh:
        chunks.append(_join(current))
    return chunks


def chunk_source(source_id: str, text: str, metadata: dict[str, Any], *,
                 size: int = DEFAULT_CHUNK_SIZE, overlap: int = DEFAULT_OVERLAP) -> list[Chunk]:
    """The chunks of one source, each carrying the source's metadata (type, title, url)."""
    title = str(metadata.get("title") or "")  # indexed with the text, so part of the id
    return [Chunk(chunk_id(source_id, f"{title}\x00{piece}", i), source_id, piece, i,
                  dict(metadata))
            for i, piece in enumerate(split_text(text, size, overlap))]


__all__ = ["Chunk", "DEFAULT_CHUNK_SIZE", "DEFAULT_OVERLAP", "chunk_id", "chunk_source",
           "split_text"]
