"""The top level is what a notebook user needs; everything else is imported from its
subpackage (issue 17 item 4)."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import nbdatachat
from nbdatachat.extras import MissingExtra, missing

TOP_LEVEL = {"ask", "Answer", "run_tool", "list_tools", "tool_schema", "Catalog", "catalog",
             "SQLTable", "Plan", "Planner", "KnowledgeBase"}

MOVED = {"ToolResult": "nbdatachat.tools", "Dataset": "nbdatachat.data",
         "as_dataset": "nbdatachat.data", "read_table_file": "nbdatachat.data",
         "profile": "nbdatachat.data", "describe_schema": "nbdatachat.data",
         "JobRunner": "nbdatachat.jobs", "NbDataChatError": "nbdatachat.errors",
         "Conversation": "nbdatachat.service", "ChatPanel": "nbdatachat.jupyter"}


def test_the_top_level_exports_exactly_the_notebook_names():
    assert set(nbdatachat.__all__) == TOP_LEVEL | {"__version__"}
    for name in TOP_LEVEL - {"KnowledgeBase"}:
        assert getattr(nbdatachat, name) is not None
    if missing("kb"):  # a core install: the name exists and says which extra brings it
        with pytest.raises(MissingExtra, match=r"nbdatachat\[kb\]"):
            nbdatachat.KnowledgeBase
    else:
        assert nbdatachat.KnowledgeBase.__module__ == "nbdatachat.kb.knowledge_base"
    assert nbdatachat.Answer.__module__ == "nbdatachat.service.answer"
    assert isinstance(nbdatachat.catalog, nbdatachat.Catalog)
    assert callable(nbdatachat.Planner.plan)


@pytest.mark.parametrize("name", sorted(MOVED))
def test_a_moved_name_says_where_it_lives_now(name):
    with pytest.raises(AttributeError, match=f"from {MOVED[name]} import {name}"):
        getattr(nbdatachat, name)
    assert getattr(importlib.import_module(MOVED[name]), name) is not None


def test_import_is_light():
    code = ("import sys, nbdatachat; print(','.join(m for m in ('pandas', 'numpy', 'IPython',"
            " 'sqlalchemy', 'fastapi', 'duckdb') if m in sys.modules) or 'none')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60)
    assert out.stdout.strip() == "none"
