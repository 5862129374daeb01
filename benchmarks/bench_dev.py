"""Development sets: WikiTableQuestions (training split) and NLV cars through ``ask``.

Run with ``python -m benchmarks dev [--limit N | --all] [--seed S] [--planner NAME]``
from the repository root; see :mod:`benchmarks.dev`. Skips with a message when
``../shared/dev-data/`` is absent.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from benchmarks.dev import run


def main(argv: Sequence[str] = ()) -> int:
    return run(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
