"""What asking a knowledge base returns, and how it shows itself in a notebook.

Answers are extractive: the sentences of the best passages that share the most informative
words with the question (or a Q&A answer verbatim), with the passages cited as sources and a
confidence in [0, 1]. ``to_dict()`` uses the seed's camelCase names.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

from .index import Hit, KBIndex
from .text import sentences, tokenize

NO_ANSWER = "I could not find anything about that in this knowledge base."
DEFAULT_QA_THRESHOLD = 0.75


def truncate(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rstrip() + "..."


@dataclass(frozen=True)
class SourceRef:
    """A cited passage: where it comes from and how close it is to the question."""

    title: str
    type: str
    snippet: str
    score: float
    chunk_id: str
    source_id: str
    url: str | None = None
    file_name: str | None = None

    @classmethod
    def from_hit(cls, hit: Hit) -> SourceRef:
        c = hit.chunk
        return cls(title=c.title, type=c.type, snippet=c.text, score=round(hit.similarity, 4),
                   chunk_id=c.id, source_id=c.source_id, url=c.metadata.get("url"),
                   file_name=c.metadata.get("fileName"))

    @property
    def label(self) -> str:
        return self.url or self.file_name or self.title or self.type

    def to_dict(self) -> dict[str, Any]:
        """The seed's confidence-score ``sources`` entry shape (plus ids and snippet)."""
        out: dict[str, Any] = {"score": self.score, "truncatedText": truncate(self.snippet),
                               "title": self.title, "type": self.type,
                               "snippet": self.snippet, "chunkId": self.chunk_id,
                               "sourceId": self.source_id}
        if self.url:
            out["url"] = self.url
        if self.file_name:
            out["fileName"] = self.file_name
        return out


@dataclass
class KBAnswer:
    """An answer from a knowledge base: ``text``, its ``sources`` and a ``confidence``.

    ``kind`` is ``"qa"`` (a Q&A answered verbatim), ``"extractive"`` (sentences from
    passages), ``"none"`` (nothing relevant found) or ``"no_data"`` (the chatbot is set to
    ignore its data source and no language model is configured yet).
    """

    question: str
    text: str
    sources: list[SourceRef] = field(default_factory=list)
    confidence: float = 0.0
    kind: str = "extractive"

    @property
    def status(self) -> str:  # read by nbdatachat.display cards
        return "answered" if self.kind in ("qa", "extractive") else "unanswered"

    def to_dict(self) -> dict[str, Any]:
        return {"question": self.question, "text": self.text, "kind": self.kind,
                "confidence": round(self.confidence, 4),
                "sources": [s.to_dict() for s in self.sources]}

    def _source_lines(self) -> list[tuple[str, SourceRef]]:
        return [(f"[{i}] {s.label} ({s.type}, similarity {s.score:.2f})", s)
                for i, s in enumerate(self.sources, 1)]

    def _repr_markdown_(self) -> str:
        lines = [self.text, "", f"*Confidence: {self.confidence:.2f}*"]
        if self.sources:
            lines += ["", "**Sources**", ""]
            for line, s in self._source_lines():
                lines.append(f"- {line}: {truncate(s.snippet, 160)}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        items = "".join(
            f"<li><b>{html.escape(line)}</b><br><span class='nbdc-meta'>"
            f"{html.escape(truncate(s.snippet, 240))}</span></li>"
            for line, s in self._source_lines())
        warn = "" if self.status == "answered" else " nbdc-warn"
        sources = f"<p class='nbdc-meta'>Sources</p><ol>{items}</ol>" if items else ""
        return (f"<div class='nbdc-card nbdc-kb'><p class='nbdc-text{warn}'>"
                f"{html.escape(self.text)}</p><p class='nbdc-meta'>Confidence: "
                f"{self.confidence:.2f}</p>{sources}</div>")

    def __str__(self) -> str:
        lines = [self.text, f"(confidence {self.confidence:.2f})"]
        lines += [line for line, _ in self._source_lines()]
        return "\n".join(lines)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return {"text/plain": str(self), "text/markdown": self._repr_markdown_(),
                "text/html": self._repr_html_()}


def extract_answer(index: KBIndex, question: str, hits: list[Hit], *,
                   max_sentences: int = 3, max_chars: int = 600) -> str:
    """The sentences of the top passages that best cover the question's informative terms.

    Sentences are scored by the idf of the question terms they contain (so rare, specific
    words count most), taken from the top three passages, and returned in reading order.
    """
    weights = index.term_weights(question)
    candidates: list[tuple[float, int, int, str]] = []
    for h_rank, hit in enumerate(hits[:3]):
        for s_pos, sent in enumerate(sentences(hit.chunk.text)):
            terms = set(tokenize(sent))
            score = sum(w for t, w in weights.items() if t in terms)
            if score > 0:
                # earlier passages win ties: they rank higher for the whole question
                candidates.append((score - 0.01 * h_rank, h_rank, s_pos, sent))
    if not candidates:
        return truncate(hits[0].chunk.text, max_chars) if hits else NO_ANSWER
    chosen: list[tuple[float, int, int, str]] = []
    total = 0
    best = max(c[0] for c in candidates)
    for cand in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if cand[0] < 0.5 * best:  # a sentence sharing only a minor word is noise
            break
        if len(chosen) >= max_sentences or (chosen and total + len(cand[3]) > max_chars):
            break
        if any(cand[3] == c[3] for c in chosen):  # overlapping chunks repeat sentences
            continue
        chosen.append(cand)
        total += len(cand[3])
    chosen.sort(key=lambda c: (c[1], c[2]))
    return truncate(" ".join(c[3] for c in chosen), max_chars * 2)


def answer_question(index: KBIndex, question: str, *, k: int = 3,
                    qa_threshold: float = DEFAULT_QA_THRESHOLD) -> KBAnswer:
    """Q&A verbatim when a stored question matches closely, else extractive passages."""
    match = index.qa_match(question)
    if match is not None and match[1] >= qa_threshold:
        qa, sim = match
        ref = SourceRef(title=qa.title, type="qa", snippet=qa.text, score=round(sim, 4),
                        chunk_id="", source_id=qa.id)
        return KBAnswer(question, qa.answer or "", [ref], sim, "qa")
    hits = index.search(question, k)
    if not hits:
        return KBAnswer(question, NO_ANSWER, [], 0.0, "none")
    text = extract_answer(index, question, hits)
    refs = [SourceRef.from_hit(h) for h in hits]
    return KBAnswer(question, text, refs, max(r.score for r in refs), "extractive")


__all__ = ["KBAnswer", "NO_ANSWER", "SourceRef", "answer_question", "extract_answer",
           "truncate"]
