"""Knowledge-base engine: chunking, tokenising, BM25, extraction, answers, limits, atomicity."""

from __future__ import annotations

import dataclasses
import math
import threading
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

import nbdatachat
from nbdatachat.errors import InvalidRequest, NbDataChatError
from nbdatachat.kb import (CharacterLimitExceeded, KBAnswer, KnowledgeBase, Limits,
                           UnreadableFile, split_text)
from nbdatachat.kb.bm25 import LexicalIndex
from nbdatachat.kb.chunking import chunk_source
from nbdatachat.kb.extract import extract_file, html_to_text
from nbdatachat.kb.text import tokenize

KB_DATA = Path(__file__).parent / "data" / "kb"

SHOP = {
    "Warranty": "Every Aurora frame carries a lifetime warranty against manufacturing defects. "
                "Components such as brakes and gears are covered for two years.",
    "Shipping": "Orders ship from our warehouse in Rotterdam within two business days. "
                "Delivery to Germany takes three to five days.",
    "Payments": "We accept credit cards, PayPal and bank transfers. Invoices are sent by "
                "email after payment.",
}


# --------------------------------------------------------------------------- text & chunks

def test_tokenize_lowercases_strips_punctuation_stems_and_drops_stop_words():
    assert tokenize("The Riders were RIDING bikes, quickly!") == ["rider", "ride", "bike",
                                                                   "quick"]
    assert tokenize("Café crème") == ["cafe", "creme"]
    assert tokenize("the and of") == []


def test_split_text_respects_size_overlaps_and_loses_nothing():
    sentences = [f"Sentence number {i} talks about topic {i % 7}." for i in range(120)]
    text = " ".join(sentences)
    chunks = split_text(text, size=300, overlap=80)
    assert len(chunks) > 10
    assert all(len(c) <= 300 for c in chunks)
    for s in sentences:  # every sentence lands in some chunk, whole
        assert any(s in c for c in chunks)
    # consecutive chunks share their boundary sentence(s), at most `overlap` characters
    for a, b in zip(chunks, chunks[1:]):
        first_of_b = b.split(". ")[0] + "."
        assert first_of_b in a
    # a word longer than a chunk is sliced, not dropped
    long = split_text("x" * 1000, size=300, overlap=50)
    assert "".join(long) == "x" * 1000


def test_chunk_ids_are_stable_and_carry_source_metadata():
    meta = {"type": "file", "title": "Guide", "fileName": "guide.md"}
    text = "First paragraph about frames.\n\n" + "Second paragraph about wheels. " * 40
    a = chunk_source("file-1", text, meta, size=200, overlap=40)
    b = chunk_source("file-1", text, meta, size=200, overlap=40)
    assert [c.id for c in a] == [c.id for c in b] and len({c.id for c in a}) == len(a)
    assert a[0].metadata == meta and a[0].title == "Guide" and a[0].type == "file"
    assert chunk_source("file-2", text, meta, size=200)[0].id != a[0].id


# --------------------------------------------------------------------------- BM25

def _reference_bm25(docs: list[list[str]], query: list[str], k1=1.2, b=0.75) -> list[float]:
    """Textbook Okapi BM25 (Lucene idf), computed term by term with plain Python."""
    n = len(docs)
    avgdl = sum(len(d) for d in docs) / n
    df = Counter(t for d in docs for t in set(d))
    out = []
    for d in docs:
        tf = Counter(d)
        score = 0.0
        for t in query:
            if t not in tf:
                continue
            idf = math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5))
            score += idf * tf[t] * (k1 + 1) / (tf[t] + k1 * (1 - b + b * len(d) / avgdl))
        out.append(score)
    return out


def test_bm25_matches_the_textbook_formula():
    rng = np.random.default_rng(7)
    vocab = [f"w{i}" for i in range(40)]
    docs = [list(rng.choice(vocab, size=rng.integers(3, 30))) for _ in range(60)]
    index = LexicalIndex(docs)
    for query in (["w1"], ["w2", "w3", "w3"], ["w5", "nope"], ["w39", "w0", "w7"]):
        np.testing.assert_allclose(index.bm25(query), _reference_bm25(docs, query), rtol=1e-9)


def test_cosine_confidence_is_in_unit_range_and_ordered():
    kb = KnowledgeBase.from_texts(SHOP)
    exact = kb.search("lifetime warranty against manufacturing defects")[0]
    loose = kb.search("warranty for my order")[0]
    assert exact.chunk.title == loose.chunk.title == "Warranty"
    assert 0 < loose.similarity < exact.similarity <= 1
    # same question, better-covered knowledge base -> higher confidence
    assert kb.ask("How long is the warranty on brakes?").confidence > \
        kb.ask("How long is the warranty on my scooter battery?").confidence
    assert kb.ask("quantum chromodynamics lattice").confidence == 0.0


# --------------------------------------------------------------------------- answers

def test_ask_extracts_the_supporting_sentence_with_its_source():
    kb = KnowledgeBase.from_texts(SHOP, name="shop")
    answer = kb.ask("How long does delivery to Germany take?")
    assert isinstance(answer, KBAnswer) and answer.kind == "extractive"
    assert answer.text == "Delivery to Germany takes three to five days."
    assert answer.sources[0].title == "Shipping"
    assert answer.confidence == answer.sources[0].score > 0.2
    bundle = answer._repr_mimebundle_()
    assert "Delivery to Germany" in bundle["text/html"] and "Shipping" in bundle["text/html"]
    assert "**Sources**" in bundle["text/markdown"] and "[1] Shipping" in bundle["text/plain"]


def test_qa_pairs_are_answered_verbatim_only_when_the_question_matches_closely():
    kb = KnowledgeBase.from_texts(SHOP)
    kb.add_qa("Do you ship to Norway?", "Yes: Norway takes 7 days, customs duties included.")
    exact = kb.ask("do you ship to norway")
    assert exact.kind == "qa" and exact.text == "Yes: Norway takes 7 days, customs duties " \
                                                "included."
    assert exact.confidence >= 0.75 and exact.sources[0].type == "qa"
    other = kb.ask("How long does delivery to Germany take?")
    assert other.kind == "extractive" and "Germany" in other.text
    # replacing a Q&A (same question) does not duplicate it
    kb.add_qa("Do you ship to Norway?", "No longer, sorry.")
    assert kb.ask("Do you ship to Norway?").text == "No longer, sorry."
    assert sum(s.type == "qa" for s in kb.sources) == 1


def test_products_are_indexed_as_readable_records():
    kb = KnowledgeBase()
    kb.add_products([{"id": "shopify_1", "information": {"name": "Fleece Drawstring Joggers",
                                                         "color": "white",
                                                         "sizes": ["S", "M"]}},
                     {"id": "shopify_2", "information": {"name": "Rain Jacket",
                                                         "color": "navy"}}])
    hit = kb.search("joggers colour white")[0]
    assert hit.chunk.title == "Fleece Drawstring Joggers"
    assert "color: white" in hit.chunk.text and "sizes: S, M" in hit.chunk.text
    with pytest.raises(InvalidRequest, match="needs an 'id'"):
        kb.add_products([{"information": {}}])


def test_query_returns_positive_similarity_snippets_most_similar_first():
    kb = KnowledgeBase.from_texts(SHOP)
    result = kb.query("payment by credit cards or PayPal", count=2)
    rows = result.to_dict()
    assert rows[0]["source"] == "Payments" and set(rows[0]) >= {"source", "snippet",
                                                                "relavant_score"}
    scores = [r["relavant_score"] for r in rows]
    assert scores == sorted(scores, reverse=True) and all(s > 0 for s in scores)
    with pytest.raises(InvalidRequest, match="count"):
        kb.query("payment", count=0)
    with pytest.raises(InvalidRequest, match="non-empty"):
        kb.ask("   ")


def test_confidence_is_cached_per_messages_and_invalidated_by_retrain():
    kb = KnowledgeBase.from_texts(SHOP)
    msgs = [{"role": "assistant", "content": "How can I help?"},
            {"role": "user", "content": "Which payment methods do you accept?"}]
    first = kb.confidence(msgs)
    assert first.embedding_text == "Which payment methods do you accept?"
    assert kb.confidence(list(msgs)) is first
    body = first.to_dict()
    assert body["averageScore"] == pytest.approx(np.mean(body["scoresArray"]), abs=1e-4)
    assert body["sources"][0][0]["title"] == "Payments"
    kb.add_text("Payment by cash on delivery is possible in Rotterdam.", title="Cash")
    assert kb.confidence(msgs) is not first
    with pytest.raises(InvalidRequest, match="no user message"):
        kb.confidence([{"role": "assistant", "content": "hi"}])


# --------------------------------------------------------------------------- files

@pytest.mark.parametrize("name, question, expected", [
    ("sample.pdf", "how long are brakes and gears covered?", "covered for two years"),
    ("sample.docx", "how many days do I have to return a bike?", "within 30 days"),
    ("sample.html", "how long does delivery to Spain take?", "Spain takes up to a week"),
    ("sample.md", "which frame size for 175 cm?", "size M frame"),
    ("sample.csv", "how much does the carbon road bike weigh?", "weight_kg: 7.9"),
    ("sample.json", "when is the Utrecht outlet open?", "Tue-Sun 11:00-17:00"),
])
def test_files_of_every_supported_type_are_extracted_and_answerable(name, question, expected):
    kb = KnowledgeBase.from_files([KB_DATA / name])
    answer = kb.ask(question)
    assert expected in answer.text, answer
    assert answer.sources[0].file_name == name


def test_html_main_content_drops_boilerplate_and_honours_tag_options():
    markup = (KB_DATA / "sample.html").read_text()
    title, text = html_to_text(markup)
    assert title == "Aurora Bikes shipping"
    assert "Rotterdam" in text
    for junk in ("navigation menu", "header banner", "footer text", "do not index"):
        assert junk not in text
    _, only = html_to_text(markup, include_only_tags="p")
    assert only.splitlines()[0].startswith("Orders ship") and "newsletter" not in only
    _, excluded = html_to_text(markup, exclude_tags=".promo, h1")
    assert "newsletter" not in excluded and "Shipping information" not in excluded
    _, everything = html_to_text(markup, extract_main_content=False)
    assert "navigation menu" in everything and "do not index" not in everything
    with pytest.raises(InvalidRequest, match="selector"):
        html_to_text(markup, include_only_tags="p[")


def test_mislabelled_empty_and_unsupported_files_get_clear_errors():
    pdf = (KB_DATA / "sample.pdf").read_bytes()
    docx = (KB_DATA / "sample.docx").read_bytes()
    with pytest.raises(UnreadableFile, match="labelled pdf but its content looks like a Word"):
        extract_file(docx, "report.pdf")
    with pytest.raises(UnreadableFile, match="labelled txt but its content looks like a PDF"):
        extract_file(pdf, "notes.txt")
    with pytest.raises(UnreadableFile, match="labelled docx but .* plain text"):
        extract_file(b"just text", "letter.docx")
    with pytest.raises(UnreadableFile, match="looks like binary"):
        extract_file(b"\x89PNG\r\n\x1a\n\x00\x00", "image.md")
    with pytest.raises(UnreadableFile, match="empty"):
        extract_file(b"", "a.txt")
    with pytest.raises(UnreadableFile, match="unsupported file type"):
        extract_file(b"abc", "sheet.xlsx")
    with pytest.raises(UnreadableFile, match="not valid JSON: .* line 1"):
        extract_file(b'{"a": 1,,}', "data.json")
    with pytest.raises(UnreadableFile, match="damaged PDF"):
        extract_file(pdf[:200], "cut.pdf")
    with pytest.raises(UnreadableFile, match="No text could be extracted"):
        extract_file(b"<html><body><script>x()</script></body></html>", "blank.html")
    err = None
    try:
        KnowledgeBase().add_file(docx, "report.pdf")
    except NbDataChatError as exc:
        err = exc
    assert err is not None and err.to_dict()["error"]["code"] == "UNREADABLE_FILE"
    assert err.to_dict()["error"]["details"]["detected"] == "docx"


# --------------------------------------------------------------------------- limits & atomicity

def test_character_limits_reject_oversized_sources_and_change_nothing():
    kb = KnowledgeBase.from_texts(SHOP, limits=Limits(max_characters=600,
                                                      max_source_characters=300))
    before = (kb.characters, kb.state.index.version)
    with pytest.raises(CharacterLimitExceeded, match="over the 300-character limit"):
        kb.add_text("y" * 301)
    with pytest.raises(CharacterLimitExceeded) as info:
        kb.add_text("A new paragraph about tyres. " * 9)  # 261 chars: fits one, not the total
    details = info.value.to_dict()["error"]["details"]
    assert details["consumedCharacters"] == before[0]
    assert details["remainingCharacters"] == 600 - before[0]
    assert info.value.http_status == 413
    assert (kb.characters, kb.state.index.version) == before
    # replacing a source counts its new size, not both
    kb.update(remove=[kb.sources[0].id])
    kb.add_text("A new paragraph about tyres. " * 9)
    assert kb.characters <= 600


def test_retrain_swaps_atomically_while_queries_run():
    def version(tag: str, n: int) -> str:
        return "\n\n".join(f"Release {tag} note {i}: the marker phrase appears in {tag} build."
                           for i in range(n))

    kb = KnowledgeBase.from_texts({"Notes": version("alpha", 300)}, chunk_size=200)
    old_ids = {c.id for c in kb.chunks}
    seen: list[tuple[int, frozenset[str]]] = []
    stop = threading.Event()
    errors: list[BaseException] = []

    def reader() -> None:
        try:
            while not stop.is_set():
                state = kb.state
                hits = state.index.search("marker phrase build", 5)
                tags = frozenset("alpha" if "alpha" in h.chunk.text else "beta" for h in hits)
                seen.append((len(state.index), tags))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    kb.update(add=[dataclasses.replace(kb.sources[0], text=version("beta", 450))])
    stop.set()
    for t in threads:
        t.join()
    assert not errors
    assert seen, "readers never ran"
    assert all(len(tags) == 1 for _, tags in seen)  # never a mix of old and new chunks
    sizes = {n for n, _ in seen}
    assert sizes <= {len(old_ids), len(kb.chunks)}
    assert {c.id for c in kb.chunks}.isdisjoint(old_ids)
    top = kb.search("marker phrase build")[0].chunk.text
    assert "beta" in top and "alpha" not in top


def test_failed_commit_leaves_the_previous_index_in_place():
    kb = KnowledgeBase.from_texts(SHOP)
    before = kb.state

    def fail(old, new):
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        kb.update(add=[], remove=[kb.sources[0].id], on_commit=fail)
    assert kb.state is before and len(kb.sources) == 3


def test_knowledge_base_is_public_api_and_import_stays_lazy():
    import subprocess
    import sys

    assert nbdatachat.KnowledgeBase is KnowledgeBase
    code = ("import sys, nbdatachat; assert 'nbdatachat.kb' not in sys.modules; "
            "nbdatachat.KnowledgeBase; assert 'nbdatachat.kb' in sys.modules; "
            "assert 'pypdf' not in sys.modules and 'bs4' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


class CharNgramEmbedder:
    """A real (if small) embedding model: hashed character 3-4-grams of each word, so a
    misspelled word still lands near its correct spelling. Exercises the Embedder hook."""

    name = "char-ngrams"
    dim = 4096

    def __init__(self) -> None:
        self.calls = 0

    def embed(self, texts):  # noqa: ANN001
        import zlib

        self.calls += len(texts)
        out = np.zeros((len(texts), self.dim))
        for row, text in enumerate(texts):
            for word in text.lower().split():
                padded = f" {word.strip('.,?!')} "
                for n in (3, 4):
                    for i in range(len(padded) - n + 1):
                        out[row, zlib.crc32(padded[i:i + n].encode()) % self.dim] += 1
        return out


def test_an_embedding_model_plugs_in_and_rescues_misspelled_queries():
    lexical = KnowledgeBase.from_texts(SHOP)
    assert lexical.search("garantee on brakess") == []  # no shared stem: BM25 finds nothing
    embedder = CharNgramEmbedder()
    kb = KnowledgeBase.from_texts(SHOP, embedder=embedder)
    hits = kb.search("warrenty on brakess")
    assert hits and hits[0].chunk.title == "Warranty"
    assert all(0 <= h.similarity <= 1 for h in hits)
    # retraining embeds only the new chunks (vectors of unchanged chunks are reused)
    before = embedder.calls
    kb.add_text("Gift cards never expire and can be used online.", title="Gift cards")
    assert embedder.calls == before + 1
    assert kb.search("giftcard expiry")[0].chunk.title == "Gift cards"
