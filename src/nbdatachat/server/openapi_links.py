"""OpenAPI links: which response field feeds which later request.

They tell clients (and schemathesis' stateful tests) how the API's resources chain: the
``processing_id`` of ``POST /tools/run`` is what ``GET /tools/status/{processing_id}`` takes,
a chat's ``conversationId`` continues it and saves a dashboard, a chatbot's id drives the
``/api/v2`` operations. Links are added to the generated document once, after FastAPI has
built it; an operation missing from it (a router not mounted) is skipped.
"""

from __future__ import annotations

from typing import Any

Link = tuple[str, str, str, dict[str, Any]]  # name, target method, target path, link fields

_MESSAGES = [{"role": "user", "content": "What is this about?"}]

#: (method, path, status) of a producing operation -> its links.
LINKS: dict[tuple[str, str, str], list[Link]] = {
    ("post", "/tools/run", "200"): [
        ("JobStatus", "get", "/tools/status/{processing_id}",
         {"parameters": {"processing_id": "$response.body#/processing_id"}}),
    ],
    ("post", "/api/v1/analytics/chat", "200"): [
        ("Conversation", "get", "/api/v1/analytics/conversations/{conversation_id}",
         {"parameters": {"conversation_id": "$response.body#/conversationId"}}),
        ("FollowUp", "post", "/api/v1/analytics/chat",
         {"requestBody": {"query": "only for the first one",
                          "collectionIds": "$request.body#/collectionIds",
                          "conversationId": "$response.body#/conversationId"}}),
        ("SaveDashboard", "post", "/api/v1/dashboards",
         {"requestBody": {"conversationId": "$response.body#/conversationId",
                          "name": "dashboard"}}),
    ],
    ("post", "/api/v1/dashboards", "201"): [
        ("Dashboard", "get", "/api/v1/dashboards/{dashboard_id}",
         {"parameters": {"dashboard_id": "$response.body#/id"}}),
    ],
    ("post", "/api/v1/chat/completions", "200"): [
        ("GetData", "post", "/api/v1/chat/getData",
         {"requestBody": {"model": "$request.body#/model",
                          "dataFilePath": "$response.body#/dataFilePath"}}),
        ("SuggestGraph", "post", "/v1/chat/suggestGraph",
         {"requestBody": {"model": "$request.body#/model", "graphType": "Custom",
                          "dataFilePath": "$response.body#/dataFilePath",
                          "query": "$request.body#/messages/0/content"}}),
    ],
    ("post", "/api/newMessage", "200"): [
        ("Thread", "get", "/api/getThread",
         {"parameters": {"threadId": "$response.body#/thread_id"}}),
    ],
    ("post", "/api/v1/datasets", "201"): [
        ("Dataset", "get", "/api/v1/datasets/{name}",
         {"parameters": {"name": "$response.body#/name"}}),
        ("DeleteDataset", "delete", "/api/v1/datasets/{name}",
         {"parameters": {"name": "$response.body#/name"}}),
    ],
    ("post", "/api/v1/datasets/upload", "201"): [
        ("UploadedDataset", "get", "/api/v1/datasets/{name}",
         {"parameters": {"name": "$response.body#/name"}}),
        ("DeleteUploadedDataset", "delete", "/api/v1/datasets/{name}",
         {"parameters": {"name": "$response.body#/name"}}),
    ],
    ("post", "/api/v2/create-chatbot", "200"): [
        ("Status", "get", "/api/v2/chatbot/status/{chatbotId}",
         {"parameters": {"chatbotId": "$response.body#/chatbotId"}}),
        ("Chatbot", "get", "/api/v2/get-chatbot/{chatbotId}",
         {"parameters": {"chatbotId": "$response.body#/chatbotId"}}),
        ("Conversations", "get", "/api/v2/get-conversations/{chatbotId}",
         {"parameters": {"chatbotId": "$response.body#/chatbotId"}}),
        ("Customers", "get", "/api/v2/get-customers/{chatbotId}",
         {"parameters": {"chatbotId": "$response.body#/chatbotId"}}),
        ("Analysis", "get", "/api/v2/get-analysis/{chatbotId}",
         {"parameters": {"chatbotId": "$response.body#/chatbotId"}}),
        ("Query", "post", "/api/v2/query-knowledge-base/{chatbotId}",
         {"parameters": {"chatbotId": "$response.body#/chatbotId"},
          "requestBody": {"query": "What is this about?", "count": 3}}),
        ("Chat", "post", "/api/v2/chat",
         {"requestBody": {"chatbotId": "$response.body#/chatbotId", "messages": _MESSAGES}}),
        ("Confidence", "post", "/api/v2/get-confidence-score",
         {"requestBody": {"chatbotId": "$response.body#/chatbotId", "messages": _MESSAGES}}),
        ("Retrain", "post", "/api/v2/retrain-chatbot",
         {"requestBody": {"chatbotId": "$response.body#/chatbotId",
                          "sourceText": "More text."}}),
        ("Settings", "post", "/api/v2/update-chatbot-settings",
         {"requestBody": {"chatbotId": "$response.body#/chatbotId",
                          "chatbotName": "Renamed"}}),
        ("Webhook", "post", "/api/v2/add-webhook",
         {"requestBody": {"chatbotId": "$response.body#/chatbotId", "event": "chat",
                          "url": "https://hooks.example.com/nbdc"}}),
        ("Upload", "post", "/api/v2/upload-file/{chatbotId}",
         {"parameters": {"chatbotId": "$response.body#/chatbotId"}}),
        ("Delete", "delete", "/api/v2/delete-chatbot/{chatbotId}",
         {"parameters": {"chatbotId": "$response.body#/chatbotId"}}),
    ],
    ("post", "/api/v2/chat", "200"): [
        ("KBConversation", "get", "/api/v2/get-conversation/{conversationId}",
         {"parameters": {"conversationId": "$response.body#/conversationId"}}),
        ("LiveChat", "post", "/api/v2/live-chat",
         {"requestBody": {"chatbotId": "$request.body#/chatbotId",
                          "conversationId": "$response.body#/conversationId",
                          "message": "A person here."}}),
        ("LiveChatState", "post", "/api/v2/livechat-state",
         {"requestBody": {"chatbotId": "$request.body#/chatbotId",
                          "conversationId": "$response.body#/conversationId"}}),
    ],
    ("post", "/api/v2/upload-file/{chatbotId}", "200"): [
        ("DeleteFile", "post", "/api/v2/delete-file",
         {"requestBody": {"chatbotId": "$request.path.chatbotId",
                          "fileUrl": "$response.body#/url"}}),
    ],
}


def add_links(doc: dict[str, Any]) -> dict[str, Any]:
    """Add :data:`LINKS` to an OpenAPI document (in place; returns it)."""
    paths = doc.get("paths", {})
    for (method, path, status), links in LINKS.items():
        op = paths.get(path, {}).get(method)
        if op is None:
            continue
        response = op.setdefault("responses", {}).setdefault(status, {"description": "OK"})
        out = response.setdefault("links", {})
        for name, t_method, t_path, fields in links:
            target = paths.get(t_path, {}).get(t_method)
            if target is None:
                continue
            out[name] = {"operationId": target["operationId"], **fields}
    return doc


__all__ = ["LINKS", "add_links"]
