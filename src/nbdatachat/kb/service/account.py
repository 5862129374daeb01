"""The account's plan: credits per chat, training characters, usage and analysis."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..errors import CharacterLimitExceeded
from ..knowledge_base import KnowledgeBase
from ..sources import Source
from ..usage import PlanLimitReached, account_summary, analyse, month_start_ms


class AccountOps:
    """Credits, character limits, account and get-analysis."""

    def _spend_credits(self, cost: int) -> None:
        """Count ``cost`` credits against this month's, or refuse the chat."""
        with self._lock:
            month = month_start_ms()
            if self._credits is None or self._credits[0] != month:
                self._credits = (month, self._credits_used_since(month))
            used = self._credits[1]
            if cost > 0 and used + cost > self.plan.credits:
                raise PlanLimitReached(
                    f"This month's message credits are used up ({used:,} of "
                    f"{self.plan.credits:,}); this chat needs {cost}. They refresh at the "
                    f"start of next month (UTC), or raise the plan's credits.",
                    details={"remainingCredits": max(0, self.plan.credits - used),
                             "refreshingCredits": self.plan.credits, "cost": cost})
            self._credits = (month, used + cost)

    def _credits_used_since(self, since_ms: int) -> int:
        return sum(int(e.get("credits") or 0) for r in self.store.list_chatbots()
                   for e in self.store.list_records("event", r["chatbotId"])
                   if float(e.get("timestamp") or 0) >= since_ms)

    def _check_account_characters(self, chatbot_id: str, kb: KnowledgeBase,
                                  add: Sequence[Source], remove: Sequence[str],
                                  records: Sequence[dict[str, Any]] | None = None) -> None:
        """The plan's characters over all chatbots (``remainingTrainingChars``)."""
        others = sum(int(r.get("consumedCharacters") or 0)
                     for r in (records if records is not None else self.store.list_chatbots())
                     if r["chatbotId"] != chatbot_id)
        replaced = set(remove) | {s.id for s in add}
        mine = sum(s.characters for s in kb.sources if s.id not in replaced) + \
            sum(s.characters for s in {s.id: s for s in add}.values())
        if others + mine > self.plan.training_characters:
            raise CharacterLimitExceeded(
                f"This would bring the account to {others + mine:,} training characters, over "
                f"its plan's {self.plan.training_characters:,} (remainingTrainingChars: "
                f"{max(0, self.plan.training_characters - others - kb.characters):,}). "
                f"Remove sources or delete a chatbot.",
                details={"accountCharacters": others + mine,
                         "limit": self.plan.training_characters})

    def account(self) -> dict[str, Any]:
        """The account summary: usage counters against the plan's limits."""
        records = self.store.list_chatbots()
        consumed = 0
        for r in records:
            kb = self._kbs.get(r["chatbotId"])
            consumed += kb.characters if kb is not None else int(r.get("consumedCharacters")
                                                                 or 0)
        with self._lock:
            month = month_start_ms()
            if self._credits is None or self._credits[0] != month:
                self._credits = (month, self._credits_used_since(month))
            used = self._credits[1]
        return account_summary(self.plan, chatbots=len(records), consumed_characters=consumed,
                               credits_used=used)

    def get_analysis(self, chatbot_id: str, *, start_timestamp: float | None = None,
                     end_timestamp: float | None = None) -> dict[str, Any]:
        """``GET get-analysis/{chatbotId}``: country, hour and credits distributions of
        the chats between the timestamps (epoch ms)."""
        self._record(chatbot_id)
        return analyse(self.store.list_records("event", chatbot_id), start_timestamp,
                       end_timestamp)
