"""``%%ask kb_name`` routes to a KnowledgeBase and renders the answer with its sources
(driven through a real IPython InteractiveShell)."""

from __future__ import annotations

from pathlib import Path

import pytest
from IPython.core.interactiveshell import InteractiveShell

import nbdatachat
from nbdatachat.kb import KBAnswer

KB_DATA = Path(__file__).parent / "data" / "kb"


@pytest.fixture
def shell():
    sh = InteractiveShell.instance()
    sh.run_line_magic("load_ext", "nbdatachat")
    outputs: list[dict] = []
    orig = sh.display_pub.publish

    def publish(data, metadata=None, **kwargs):  # noqa: ANN001
        outputs.append(data)

    sh.display_pub.publish = publish
    sh.user_ns["_kb_outputs"] = outputs
    yield sh
    sh.display_pub.publish = orig
    for name in ("kb", "handbook", "ans", "_kb_outputs"):
        sh.user_ns.pop(name, None)


def test_ask_magic_answers_from_a_knowledge_base_with_sources(shell):
    shell.user_ns["handbook"] = nbdatachat.KnowledgeBase.from_files(
        [KB_DATA / "sample.pdf", KB_DATA / "sample.docx", KB_DATA / "sample.md"])
    outputs = shell.user_ns["_kb_outputs"]
    shell.run_cell_magic("ask", "handbook -o ans", "How many days do I have to return a bike?")
    answer = shell.user_ns["ans"]
    assert isinstance(answer, KBAnswer)
    assert "within 30 days" in answer.text and answer.sources[0].file_name == "sample.docx"
    assert len(outputs) == 1
    shown = outputs[0]
    assert {"text/html", "text/markdown", "text/plain"} <= set(shown)
    assert "within 30 days" in shown["text/html"] and "sample.docx" in shown["text/html"]
    assert "sample.docx" in shown["text/plain"]
    # a follow-up without a name goes to the same knowledge base
    outputs.clear()
    shell.run_cell_magic("ask", "-o ans", "which frame size for 180 cm?")
    assert "size M frame" in shell.user_ns["ans"].text
    assert "sample.md" in outputs[0]["text/plain"]


def test_ask_magic_with_an_empty_question_shows_a_friendly_error(shell):
    shell.user_ns["kb"] = nbdatachat.KnowledgeBase.from_texts(["Aurora sells bikes."])
    outputs = shell.user_ns["_kb_outputs"]
    shell.run_cell_magic("ask", "kb", "   ")
    assert "question must be a non-empty string" in outputs[-1]["text/plain"]
