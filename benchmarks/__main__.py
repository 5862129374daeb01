"""Run benchmarks: ``python -m benchmarks`` (all) or ``python -m benchmarks tools ask``.

Options after the names (``python -m benchmarks dev --limit 500``) go to the benchmarks
whose ``main`` takes an ``argv`` argument.

``--planner rules|llm|auto`` chooses who reads the questions in every benchmark that asks
questions (``questions``, ``dev``, ``ask``): ``llm`` and ``auto`` use the model configured by
``NBDATACHAT_LLM_MODEL`` / ``_BASE_URL`` / ``_API_KEY`` / ``_PROVIDER``, so you can measure
your own model (``python -m benchmarks questions --planner llm``).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
from pathlib import Path


def _planner(options: list[str]) -> tuple[list[str], str | None]:
    """``options`` without ``--planner X`` / ``--planner=X``, and X."""
    rest, planner = [], None
    it = iter(options)
    for arg in it:
        if arg == "--planner":
            planner = next(it, None)
        elif arg.startswith("--planner="):
            planner = arg.split("=", 1)[1]
        else:
            rest.append(arg)
    return rest, planner


def use_planner(planner: str) -> str | None:
    """Make ``planner`` ask()'s default for this run; an error message if it cannot be."""
    import os

    from nbdatachat.llm.settings import LLMSettings, normalise_planner

    try:
        name = normalise_planner(planner)
    except Exception as exc:
        return str(exc)
    settings = LLMSettings.from_env().with_(planner=name)
    if name != "rules" and not settings.configured:
        return (f"--planner {name} needs a model: set NBDATACHAT_LLM_MODEL (and "
                f"NBDATACHAT_LLM_BASE_URL, NBDATACHAT_LLM_API_KEY, NBDATACHAT_LLM_PROVIDER as "
                f"your provider needs).")
    os.environ["NBDATACHAT_PLANNER"] = str(name)
    shown = settings.describe()
    print(f"planner: {name}" + (f" (model {shown['model']} via {shown['provider']})"
                                if name != "rules" else ""), flush=True)
    return None


def main(argv: list[str]) -> int:
    here = Path(__file__).parent
    available = sorted(m.name[len("bench_"):] for m in pkgutil.iter_modules([str(here)])
                       if m.name.startswith("bench_"))
    first_option = next((i for i, a in enumerate(argv) if a.startswith("-")), len(argv))
    names, options = argv[:first_option], argv[first_option:]
    other_options, planner = _planner(options)
    if planner is not None:
        problem = use_planner(planner)
        if problem:
            print(problem, file=sys.stderr)
            return 2
    chosen = names or available
    unknown = [c for c in chosen if c not in available]
    if unknown:
        print(f"unknown benchmark(s) {unknown}; available: {available}", file=sys.stderr)
        return 2
    modules = {name: importlib.import_module(f"benchmarks.bench_{name}") for name in chosen}
    takes_options = {name: bool(inspect.signature(m.main).parameters)
                     for name, m in modules.items()}
    if other_options and not any(takes_options.values()):
        print(f"options {options} given, but none of {chosen} takes options", file=sys.stderr)
        return 2
    status = 0
    for name, module in modules.items():
        print(f"\n=== benchmark: {name} ===", flush=True)
        result = module.main(options) if takes_options[name] else module.main()
        status = status or (result if isinstance(result, int) else 0)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
