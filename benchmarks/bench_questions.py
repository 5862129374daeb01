"""Question benchmark: accuracy of ``nbdatachat.ask`` per capability, plus every miss.

Run with ``python -m benchmarks questions`` from the repository root.
"""

from __future__ import annotations

from benchmarks.questions import run


def main() -> None:
    run().print()


if __name__ == "__main__":
    main()
