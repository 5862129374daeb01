"""A small LRU of tool results keyed by the exact request, for the sync ``/tools/run`` path.

The tools are deterministic functions of their inputs, so a request whose inline records and
options match an earlier one gets the earlier result (the job is still recorded under its
own ``processing_id``). Datasets given by name are never cached: the data behind a name can
change. This is what keeps a repeated small analysis at hundreds of requests per second.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from typing import Any


class ResultCache:
    def __init__(self, max_entries: int = 512, max_key_bytes: int = 256 * 1024) -> None:
        self.max_entries = max_entries
        self.max_key_bytes = max_key_bytes
        self._items: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def key(self, tool: str, inputs: dict[str, Any]) -> str | None:
        """Cache key of a request, or None when it must not be cached."""
        if self.max_entries <= 0 or not isinstance(inputs.get("dataset"), list):
            return None
        try:
            text = json.dumps([tool, inputs], sort_keys=True, separators=(",", ":"),
                              allow_nan=True)
        except (TypeError, ValueError):
            return None
        if len(text) > self.max_key_bytes:
            return None
        return hashlib.sha256(text.encode()).hexdigest()

    def get(self, key: str | None) -> dict[str, Any] | None:
        if key is None:
            return None
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
                self.hits += 1
            else:
                self.misses += 1
            return hit

    def put(self, key: str | None, result: dict[str, Any]) -> None:
        if key is None:
            return
        with self._lock:
            self._items[key] = result
            self._items.move_to_end(key)
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)
