"""Analysis tools: ``list_tools``, ``tool_schema``, ``run_tool`` and the result type.

Where to add a tool: write ``func(inputs, frame) -> ToolResult`` in one of the modules listed
in ``registry._TOOL_MODULES`` (or a new one added there), decorate it with
:func:`~nbdatachat.tools.registry.tool`, and give it an inputs model deriving from
:class:`~nbdatachat.tools.base.ToolInputs`. Import heavy libraries inside the function.
"""

from .base import SupervisedInputs, Tool, ToolInputs, ToolResult, to_jsonable
from .registry import get_tool, list_tools, run_tool, tool, tool_names, tool_schema, validate_inputs

__all__ = [
    "SupervisedInputs", "Tool", "ToolInputs", "ToolResult", "get_tool", "list_tools",
    "run_tool", "to_jsonable", "tool", "tool_names", "tool_schema", "validate_inputs",
]
