"""The service API front-ends call: :func:`ask`, the :class:`Answer` it returns, and
conversations (with a :class:`ConversationStore` protocol for persistence)."""

from .answer import Answer
from .ask import ask
from .conversation import (Conversation, ConversationStore, MemoryConversationStore,
                           StoredConversations, Turn, default_store)

__all__ = ["Answer", "Conversation", "ConversationStore", "MemoryConversationStore",
           "StoredConversations", "Turn", "ask", "default_store"]
