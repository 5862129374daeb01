"""The knowledge-base service: every seed-002 operation with the seed's example bodies,
persistence in SQLite across a restart, validation errors and 404s in the error shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from nbdatachat.errors import InvalidRequest, NotFound
from nbdatachat.kb import (CharacterLimitExceeded, ChatbotNotFound, KnowledgeBaseService,
                           Limits, SQLiteKBStore, UnreadableFile)
from nbdatachat.kb.service import DEFAULT_SETTINGS

KB_DATA = Path(__file__).parent / "data" / "kb"

SEED_CREATE = {
    "chatbotName": "My Chatbot",
    "sourceText": "Chat Data lets you build AI chatbots trained on your own documents, "
                  "websites, Q&As and products. Chatbots answer in any language.",
    "products": [{"id": "shopify_1234567", "information": {
        "id": "shopify_1234567", "name": "Fleece Drawstring Joggers", "color": "white"}}],
    "qAndAs": [{"question": "What is Chat Data?", "answer": "Chat Data is a platform that..."}],
    "model": "custom-data-upload",
}


def user(content: str) -> list[dict]:
    return [{"role": "user", "content": content}]


@pytest.fixture
def svc(tmp_path):
    service = KnowledgeBaseService(SQLiteKBStore(tmp_path / "kb.db"), background=False)
    yield service
    service.close()


def test_create_chatbot_with_the_seed_example(svc):
    result = svc.create_chatbot(SEED_CREATE).to_dict()
    assert result["status"] == "success" and len(result["chatbotId"]) >= 12
    expected_chars = len(SEED_CREATE["sourceText"]) + len(
        "Question: What is Chat Data?\nAnswer: Chat Data is a platform that...") + len(
        "Product: Fleece Drawstring Joggers\nid: shopify_1234567\ncolor: white")
    assert result["consumedCharacters"] == expected_chars
    assert result["remainingCharacters"] == 11_000_000 - expected_chars
    assert sorted(d["type"] for d in result["dataSources"]) == ["product", "qa", "text"]
    status = svc.chatbot_status(result["chatbotId"]).to_dict()
    assert status == {"status": "success", "progress": 100, "state": "ready", "errors": []}


def test_get_chatbots_get_chatbot_update_settings_and_delete(svc):
    cid = svc.create_chatbot(SEED_CREATE).chatbot_id
    other = svc.create_chatbot({"chatbotName": "Second"}).chatbot_id
    listed = svc.get_chatbots().to_dict()
    assert [c["chatbotName"] for c in listed["chatbots"]] == ["My Chatbot", "Second"]
    bot = svc.get_chatbot(cid).to_dict()["chatbot"]
    for key, value in DEFAULT_SETTINGS.items():
        assert bot[key] == value
    assert bot["status"] == 100 and bot["lastTrainedAt"] >= bot["createdAt"] > 0
    update = {"chatbotId": cid, "chatbotName": "Updated Chatbot Name",
              "basePrompt": "You are a helpful assistant specialized in customer support",
              "initialMessages": ["Welcome! How can I assist you today?"],
              "visibility": "private", "temperature": 0.3,
              "leadsConfig": {"message": "Contact?", "collectName": True},
              "slack": {"channel": "#support"}}  # integration settings are stored as given
    assert svc.update_chatbot_settings(update).to_dict() == {"status": "success"}
    bot = svc.get_chatbot(cid).to_dict()["chatbot"]
    assert bot["chatbotName"] == "Updated Chatbot Name" and bot["temperature"] == 0.3
    assert bot["initialMessages"] == ["Welcome! How can I assist you today?"]
    assert bot["slack"] == {"channel": "#support"}
    assert bot["suggestedMessages"] == []  # fields not sent are kept
    with pytest.raises(InvalidRequest, match="temperature"):
        svc.update_chatbot_settings({"chatbotId": cid, "temperature": 2})
    with pytest.raises(InvalidRequest, match="visibility"):
        svc.update_chatbot_settings({"chatbotId": cid, "visibility": "everyone"})
    svc.chat({"chatbotId": cid, "messages": user("What is Chat Data?")})
    assert svc.delete_chatbot(cid).to_dict() == {"status": "success"}
    assert [c["chatbotId"] for c in svc.get_chatbots().to_dict()["chatbots"]] == [other]
    assert svc.store.load_sources(cid) == [] and svc.store.list_conversations(cid) == []
    for call in (lambda: svc.get_chatbot(cid), lambda: svc.chatbot_status(cid),
                 lambda: svc.delete_chatbot(cid),
                 lambda: svc.chat({"chatbotId": cid, "messages": user("hi")})):
        with pytest.raises(ChatbotNotFound) as info:
            call()
        assert info.value.http_status == 404
        assert info.value.to_dict()["error"]["code"] == "CHATBOT_NOT_FOUND"


def test_chat_answers_qas_verbatim_and_keeps_conversations(svc):
    cid = svc.create_chatbot(SEED_CREATE).chatbot_id
    first = svc.chat({"messages": [{"role": "user", "content": "Hello, what is Chat Data?"}],
                      "chatbotId": cid, "stream": False})
    assert first.text == "Chat Data is a platform that..."
    assert first.to_dict()["kind"] == "qa" and "".join(first.stream()) == first.text
    conv = first.conversation_id
    follow = svc.chat({"chatbotId": cid, "conversationId": conv, "appendMessages": True,
                       "messages": user("Which color are the fleece joggers?")})
    assert "white" in follow.text and follow.answer.sources[0].type == "product"
    stored = svc.get_conversation(conv)["conversation"]
    assert [m["role"] for m in stored["messages"]] == ["user", "assistant", "user",
                                                       "assistant"]
    assert stored["messages"][-1]["content"] == follow.text
    # without appendMessages the messages sent are the whole history
    svc.chat({"chatbotId": cid, "conversationId": conv,
              "messages": [{"role": "assistant", "content": "How can I help you with?"},
                           {"role": "user", "content": "Does it work in any language?"}]})
    stored = svc.get_conversation(conv)["conversation"]
    assert [m["role"] for m in stored["messages"]] == ["assistant", "user", "assistant"]
    listing = svc.get_conversations(cid, size=10).to_dict()
    assert listing["total"] == 1 and listing["conversations"][0]["conversationId"] == conv
    assert svc.delete_conversation({"chatbotId": cid, "conversationId": conv}).to_dict()[
        "message"] == "Conversation deleted successfully."
    with pytest.raises(NotFound):
        svc.get_conversation(conv)
    # storeChat off: answered, nothing stored
    svc.update_chatbot_settings({"chatbotId": cid, "storeChat": False})
    svc.chat({"chatbotId": cid, "messages": user("What is Chat Data?")})
    assert svc.get_conversations(cid).total == 0


def test_chat_with_ignore_data_source_and_bad_messages(svc):
    cid = svc.create_chatbot(SEED_CREATE).chatbot_id
    svc.update_chatbot_settings({"chatbotId": cid, "ignoreDataSource": True})
    reply = svc.chat({"chatbotId": cid, "messages": user("What is Chat Data?")})
    assert reply.answer.kind == "no_data" and reply.answer.sources == []
    with pytest.raises(InvalidRequest, match="messages"):
        svc.chat({"chatbotId": cid, "messages": []})
    with pytest.raises(InvalidRequest, match="role"):
        svc.chat({"chatbotId": cid, "messages": [{"role": "robot", "content": "x"}]})
    with pytest.raises(InvalidRequest, match="no user message"):
        svc.chat({"chatbotId": cid, "messages": [{"role": "assistant", "content": "x"}]})


def test_confidence_scores_and_query_knowledge_base(svc):
    cid = svc.create_chatbot(SEED_CREATE).chatbot_id
    body = {"messages": [{"role": "assistant", "content": "How can I help you with?"},
                         {"role": "user", "content": "How does Chat Data work with "
                                                     "documents and websites?"}],
            "baseModel": "gpt-4o-mini", "chatbotId": cid}
    score = svc.get_confidence_score(body)
    out = score.to_dict()
    assert out["status"] == "success"
    assert out["embeddingText"] == "How does Chat Data work with documents and websites?"
    assert out["scoresArray"] == sorted(out["scoresArray"], reverse=True)
    assert all(0 < s <= 1 for s in out["scoresArray"])
    text = [s for s in out["sources"][0] if s["type"] == "text"][0]
    assert text["truncatedText"].startswith("Chat Data lets you")
    assert text["truncatedText"].endswith("...") and len(text["truncatedText"]) == 103
    assert svc.get_confidence_score(dict(body)) is score  # cached per messages array
    off = svc.get_confidence_score({"chatbotId": cid, "messages": user("volcanic basalt")})
    assert off.to_dict()["averageScore"] == 0 and off.to_dict()["scoresArray"] == []
    rows = svc.query_knowledge_base(cid, {"query": "What services do you offer?",
                                          "count": 5}).to_dict()
    assert isinstance(rows, list)
    rows = svc.query_knowledge_base(cid, {"query": "chatbots trained on documents",
                                          "count": 1}).to_dict()
    assert len(rows) == 1 and rows[0]["snippet"].startswith("Chat Data lets you")
    assert 0 < rows[0]["relavant_score"] <= 1
    with pytest.raises(InvalidRequest, match="count"):
        svc.query_knowledge_base(cid, {"query": "x", "count": 0})
    with pytest.raises(InvalidRequest, match="query"):
        svc.query_knowledge_base(cid, {"count": 3})


def test_retrain_with_the_seed_example_adds_replaces_and_deletes(svc):
    cid = svc.create_chatbot(SEED_CREATE).chatbot_id
    result = svc.retrain_chatbot({
        "chatbotId": cid, "sourceText": "New training data for the chatbot: we now support "
                                        "voice messages.",
        "products": [{"id": "product_123", "information": {
            "name": "New Product", "description": "Product description"}}],
        "qAndAs": [{"question": "What is the new feature?",
                    "answer": "The new feature is voice messages."}],
        "deletes": [{"type": "product", "id": "shopify_1234567"},
                    {"type": "website", "url": "https://www.example.com/old-content"}],
        "options": {"Cookies": "", "extractMainContent": True, "includeOnlyTags": "",
                    "excludeTags": ""}}).to_dict()
    kinds = sorted((d["type"], d["title"]) for d in result["dataSources"])
    assert kinds == [("product", "New Product"), ("qa", "What is Chat Data?"),
                     ("qa", "What is the new feature?"), ("text", "Source text")]
    assert result["errors"][0]["code"] == "NOT_FOUND"  # the website delete matched nothing
    kb = svc.knowledge_base(cid)
    assert "voice messages" in kb.state.sources["text"].text  # sourceText replaced
    assert "documents" not in kb.state.sources["text"].text
    assert svc.chat({"chatbotId": cid, "messages": user("what is the new feature")}).text == \
        "The new feature is voice messages."
    with pytest.raises(InvalidRequest, match="deletes.0.type"):
        svc.retrain_chatbot({"chatbotId": cid, "deletes": [{"type": "everything"}]})
    with pytest.raises(InvalidRequest, match="urlsToScrape"):
        svc.retrain_chatbot({"chatbotId": cid, "urlsToScrape": ["ftp://example.com/x"]})
    with pytest.raises(ChatbotNotFound):
        svc.retrain_chatbot({"chatbotId": "missing", "sourceText": "x"})


def test_character_limits_reject_the_request_before_anything_is_created(tmp_path):
    svc = KnowledgeBaseService(SQLiteKBStore(tmp_path / "kb.db"), background=False,
                               limits=Limits(max_characters=400))
    try:
        with pytest.raises(CharacterLimitExceeded) as info:
            svc.create_chatbot({"chatbotName": "Big", "sourceText": "word " * 100})
        assert info.value.to_dict()["error"]["details"]["limit"] == 400
        assert svc.get_chatbots().records == []
        cid = svc.create_chatbot({"chatbotName": "Ok", "sourceText": "word " * 50}).chatbot_id
        before = svc.knowledge_base(cid).state
        with pytest.raises(CharacterLimitExceeded, match="remaining"):
            svc.retrain_chatbot({"chatbotId": cid, "qAndAs": [
                {"question": "Long?", "answer": "yes " * 60}]})
        assert svc.knowledge_base(cid).state is before
        result = svc.retrain_chatbot({"chatbotId": cid, "sourceText": "short text"}).to_dict()
        assert result["consumedCharacters"] == len("short text")
        assert result["remainingCharacters"] == 400 - len("short text")
    finally:
        svc.close()


def test_upload_and_delete_files(svc):
    cid = svc.create_chatbot({"chatbotName": "Docs"}).chatbot_id
    up = svc.upload_file(cid, "sample.pdf", (KB_DATA / "sample.pdf").read_bytes()).to_dict()
    assert up["status"] == "success" and up["url"].endswith(f"/{cid}/sample.pdf")
    svc.upload_file(cid, "../../etc/sample.docx", (KB_DATA / "sample.docx").read_bytes())
    kb = svc.knowledge_base(cid)
    assert sorted(s.file_name for s in kb.sources) == ["sample.docx", "sample.pdf"]
    assert "covered for two years" in svc.chat(
        {"chatbotId": cid, "messages": user("how long are gears covered?")}).text
    with pytest.raises(UnreadableFile, match="labelled pdf"):
        svc.upload_file(cid, "fake.pdf", b"hello, not a pdf")
    assert len(kb.sources) == 2
    done = svc.delete_file({"chatbotId": cid, "fileUrl": up["url"]}).to_dict()
    assert done == {"status": "success", "message": "File deleted successfully."}
    assert [s.file_name for s in kb.sources] == ["sample.docx"]
    assert "two years" not in svc.chat(
        {"chatbotId": cid, "messages": user("how long are gears covered?")}).text
    with pytest.raises(NotFound):
        svc.delete_file({"chatbotId": cid, "fileUrl": up["url"]})


def test_everything_survives_a_restart_on_sqlite(tmp_path):
    path = tmp_path / "kb.db"
    first = KnowledgeBaseService(SQLiteKBStore(path), background=False)
    cid = first.create_chatbot(SEED_CREATE).chatbot_id
    first.upload_file(cid, "sample.md", (KB_DATA / "sample.md").read_bytes())
    first.update_chatbot_settings({"chatbotId": cid, "basePrompt": "Be brief."})
    reply = first.chat({"chatbotId": cid, "messages": user("frame size for 175 cm?")})
    ids_before = [c.id for c in first.knowledge_base(cid).chunks]
    first.close()
    first.store.close()

    second = KnowledgeBaseService(SQLiteKBStore(path), background=False)
    try:
        assert [c.id for c in second.knowledge_base(cid).chunks] == ids_before
        again = second.chat({"chatbotId": cid, "messages": user("frame size for 175 cm?")})
        assert again.text == reply.text and "size M" in again.text
        assert second.get_chatbot(cid).to_dict()["chatbot"]["basePrompt"] == "Be brief."
        assert second.chatbot_status(cid).progress == 100
        assert second.get_conversation(reply.conversation_id)["conversation"]["messages"][0][
            "content"] == "frame size for 175 cm?"
    finally:
        second.close()
