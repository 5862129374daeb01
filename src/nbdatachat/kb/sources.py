"""What a knowledge base is trained on: typed sources, each turned into indexable text.

A :class:`Source` keeps the full extracted text (so the index can always be rebuilt from
what is persisted) plus what the API reports about it (type, title, url or file name,
character count). Ids are derived from what identifies the source in the API — the Q&A
question, the product id, the URL, the file name — so adding the same thing again replaces
it instead of duplicating it, as the seed's retrain does for re-crawled URLs.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import InvalidRequest

SOURCE_TYPES = ("text", "qa", "product", "file", "website")


def _digest(value: str) -> str:
    return hashlib.blake2b(value.encode(), digest_size=6).hexdigest()


@dataclass
class Source:
    """One piece of training data and its extracted text."""

    id: str
    type: str
    title: str
    text: str
    url: str | None = None
    file_name: str | None = None
    question: str | None = None
    answer: str | None = None
    created_at: float = field(default_factory=time.time)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def characters(self) -> int:
        return len(self.text)

    def chunk_metadata(self) -> dict[str, Any]:
        """What every chunk of this source carries (for citations)."""
        out: dict[str, Any] = {"type": self.type, "title": self.title}
        if self.url:
            out["url"] = self.url
        if self.file_name:
            out["fileName"] = self.file_name
        return out

    def summary(self) -> dict[str, Any]:
        """The seed's ``dataSources`` entry (camelCase, no text)."""
        out: dict[str, Any] = {"id": self.id, "type": self.type, "title": self.title,
                               "characters": self.characters,
                               "createdAt": int(self.created_at * 1000)}
        if self.url:
            out["url"] = self.url
        if self.file_name:
            out["fileName"] = self.file_name
        if self.type == "qa":
            out["question"] = self.question
        if self.type == "product":
            out["productId"] = self.meta.get("productId")
        return out

    def to_record(self) -> dict[str, Any]:
        """Everything needed to rebuild the source (persistence)."""
        return {"id": self.id, "type": self.type, "title": self.title, "text": self.text,
                "url": self.url, "file_name": self.file_name, "question": self.question,
                "answer": self.answer, "created_at": self.created_at, "meta": self.meta}

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Source:
        return cls(**{k: record.get(k) for k in ("id", "type", "title", "text", "url",
                                                  "file_name", "question", "answer")},
                   created_at=float(record.get("created_at") or time.time()),
                   meta=dict(record.get("meta") or {}))


def text_source(text: str, *, title: str | None = None, source_id: str | None = None) -> Source:
    """Raw text. Without ``source_id`` the id hashes the text, so re-adding is idempotent."""
    if not isinstance(text, str) or not text.strip():
        raise InvalidRequest("sourceText is empty: send the text to train on.",
                             details={"parameter": "sourceText"})
    first_line = text.strip().splitlines()[0][:80]
    return Source(id=source_id or f"text-{_digest(text)}", type="text",
                  title=title or first_line, text=text.strip())


def qa_source(question: str, answer: str) -> Source:
    """A Q&A pair: indexed as text, and answered verbatim when a question matches it."""
    if not str(question or "").strip() or not str(answer or "").strip():
        raise InvalidRequest("Each Q&A needs a non-empty 'question' and 'answer', e.g. "
                             '{"question": "What is X?", "answer": "X is ..."}.',
                             details={"parameter": "qAndAs", "question": question})
    question, answer = str(question).strip(), str(answer).strip()
    return Source(id=f"qa-{_digest(question.lower())}", type="qa", title=question,
                  text=f"Question: {question}\nAnswer: {answer}", question=question,
                  answer=answer)


def flatten_lines(value: Any, prefix: str = "") -> list[str]:
    if isinstance(value, Mapping):
        out: list[str] = []
        for k, v in value.items():
            out.extend(flatten_lines(v, f"{prefix}{k}." if prefix else f"{k}."))
        return out
    if isinstance(value, list):
        if all(not isinstance(v, (Mapping, list)) for v in value):
            return [f"{prefix.rstrip('.')}: {', '.join(str(v) for v in value)}"] if value else []
        return [line for v in value for line in flatten_lines(v, prefix)]
    if value is None or value == "":
        return []
    return [f"{prefix.rstrip('.')}: {value}"]


def product_source(product: Mapping[str, Any]) -> Source:
    """A product record ``{"id", "information": {...}}`` rendered as readable lines."""
    if not isinstance(product, Mapping):
        raise InvalidRequest("Each product must be an object with 'id' and 'information'.",
                             details={"parameter": "products", "got": type(product).__name__})
    info = product.get("information")
    info = info if isinstance(info, Mapping) else {k: v for k, v in product.items()
                                                   if k != "id"}
    pid = product.get("id") or info.get("id")
    if pid in (None, "") or not info:
        raise InvalidRequest("Each product needs an 'id' and an 'information' object, e.g. "
                             '{"id": "sku_1", "information": {"name": "Joggers"}}.',
                             details={"parameter": "products", "product": str(product)[:200]})
    name = str(info.get("name") or info.get("title") or pid)
    lines = [f"Product: {name}"] + [ln for ln in flatten_lines(dict(info)) if not ln.startswith(
        ("name:", "title:"))]
    return Source(id=f"product-{_digest(str(pid))}", type="product", title=name,
                  text="\n".join(lines), meta={"productId": str(pid),
                                               "information": json.loads(json.dumps(
                                                   info, default=str))})


def file_source(file_name: str, text: str, *, url: str | None = None,
                title: str | None = None) -> Source:
    return Source(id=f"file-{_digest(file_name)}", type="file", title=title or file_name,
                  text=text, file_name=file_name, url=url)


def website_source(url: str, text: str, *, title: str | None = None) -> Source:
    return Source(id=f"web-{_digest(url)}", type="website", title=title or url, text=text,
                  url=url)


__all__ = ["SOURCE_TYPES", "Source", "file_source", "product_source", "qa_source",
           "text_source", "website_source"]
