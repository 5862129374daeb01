"""Repositories: the only code that reads and writes the server's tables.

Each repository is a thin class around one table with typed methods; the HTTP routes and the
CLI use these, never SQL. :class:`SqlJobStore` implements :class:`nbdatachat.jobs.JobStore`
and :class:`SqlConversationStore` the question engine's ``ConversationStore``, so jobs and
conversations survive a restart without the engine knowing about databases.
"""


from __future__ import annotations

from .conversations import ConversationRepository, SqlConversationStore
from .dashboards import DashboardRepository
from .datasets import DatasetRepository
from .ids import new_id
from .jobs import GroupCommit, SqlJobStore
from .limits import RateCounterRepository
from .keys import (
                            DEFAULT_SCOPES,
                            KEY_PREFIX,
                            LIMIT_WINDOWS,
                            SCOPES,
                            ApiKey,
                            KeyRepository,
                            hash_key,
                            parse_limits,
                            parse_scopes,
)
from .results import ResultRepository
from .threads import ThreadRepository

__all__ = ["DEFAULT_SCOPES", "KEY_PREFIX", "LIMIT_WINDOWS", "SCOPES", "ApiKey",
           "ConversationRepository", "DashboardRepository", "DatasetRepository", "GroupCommit",
           "KeyRepository", "RateCounterRepository", "ResultRepository", "SqlConversationStore",
           "SqlJobStore",
           "ThreadRepository", "hash_key",
           "new_id", "parse_limits", "parse_scopes"]
