"""Run every question through ``ask`` and score the answers.

``run()`` asks each question (each turn of a conversation, passing ``conversation_id`` back),
checks the last answer, and returns a :class:`Report`. An exception from ``ask`` is a miss
with the error recorded, never a crash of the benchmark. The ``ask`` function is a parameter
so the test suite can score synthetic answers with the same machinery.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .checker import Verdict, check
from .datasets import BenchDataset, load_all
from .sets import QUESTION_SETS
from .spec import CAPABILITIES, Question

AskFn = Callable[..., Any]


def all_questions(datasets: Mapping[str, BenchDataset] | None = None) -> list[Question]:
    """Every benchmark question, expectations computed from the datasets."""
    datasets = datasets if datasets is not None else load_all()
    return [question for build in QUESTION_SETS for question in build(datasets)]


@dataclass
class Outcome:
    question: Question
    correct: bool
    reason: str = ""
    status: str = ""
    text: str = ""
    error: str = ""
    seconds: float = 0.0


@dataclass
class Report:
    outcomes: list[Outcome]
    seconds: float
    mutated: list[str] = field(default_factory=list)

    def by(self, attr: str) -> dict[str, tuple[int, int]]:
        """``{label: (questions, correct)}`` grouped by ``capability`` or ``dataset``."""
        out: dict[str, tuple[int, int]] = {}
        for o in self.outcomes:
            key = getattr(o.question, attr)
            n, k = out.get(key, (0, 0))
            out[key] = (n + 1, k + int(o.correct))
        if attr == "capability":
            order = {c: i for i, c in enumerate(CAPABILITIES)}
            out = dict(sorted(out.items(), key=lambda kv: order.get(kv[0], len(order))))
        return out

    @property
    def accuracy(self) -> float:
        return sum(o.correct for o in self.outcomes) / len(self.outcomes) if self.outcomes else 0.0

    def capability_accuracy(self, capability: str) -> float:
        n, k = self.by("capability").get(capability, (0, 0))
        return k / n if n else 0.0

    @property
    def misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.correct]

    def latency(self, q: float) -> float:
        times = sorted(o.seconds / len(o.question.turns) for o in self.outcomes)
        return statistics.quantiles(times, n=100)[int(q * 100) - 1] if len(times) > 1 else 0.0

    def print(self, *, misses: bool = True, width: int = 110) -> None:
        from benchmarks._table import print_table

        rows = [(cap, n, k, f"{100 * k / n:.1f} %") for cap, (n, k) in self.by("capability").items()]
        total = len(self.outcomes)
        correct = sum(o.correct for o in self.outcomes)
        rows.append(("overall", total, correct, f"{100 * self.accuracy:.1f} %"))
        print_table("Question benchmark: accuracy by capability",
                    ("capability", "questions", "correct", "accuracy"), rows)
        rows = [(ds, n, k, f"{100 * k / n:.1f} %") for ds, (n, k) in self.by("dataset").items()]
        print_table("By dataset", ("dataset", "questions", "correct", "accuracy"), rows)
        print(f"\n{total} questions in {self.seconds:.1f} s; per ask p50 "
              f"{1000 * self.latency(0.5):.1f} ms, p95 {1000 * self.latency(0.95):.1f} ms")
        if self.mutated:
            print(f"WARNING: ask changed the caller's data: {', '.join(self.mutated)}")
        if misses and self.misses:
            print(f"\nMisses ({len(self.misses)}):")
            for o in self.misses:
                got = f"error {o.error}" if o.error else f"{o.status}: {o.text}"
                print(_clip(f"- [{o.question.capability}/{o.question.dataset}] "
                            f"{o.question.text!r}", width))
                print(_clip(f"    expected {o.question.expect.describe()}", width))
                print(_clip(f"    got {got} ({o.reason})", width))


def _clip(s: str, width: int) -> str:
    s = " ".join(s.split()) if "\n" in s else s
    return s if len(s) <= width else s[: width - 3] + "..."


def _fingerprint(frame: pd.DataFrame) -> tuple:
    return (tuple(map(str, frame.columns)), tuple(map(str, frame.dtypes)),
            int(pd.util.hash_pandas_object(frame, index=True).sum()))


def ask_question(ask: AskFn, question: Question, source: Any) -> tuple[Any, str]:
    """Ask every turn of ``question``; returns the last answer (or None) and an error text."""
    conversation = None
    answer = None
    try:
        for turn in question.turns:
            answer = ask(source, turn, conversation=conversation)
            conversation = getattr(answer, "conversation_id", None)
    except Exception as exc:  # any failure of ask is a miss, recorded, never a crash
        return None, f"{type(exc).__name__}: {exc}"
    return answer, ""


def run(ask: AskFn | None = None, questions: Sequence[Question] | None = None,
        datasets: Mapping[str, BenchDataset] | None = None,
        on_outcome: Callable[[Outcome], None] | None = None) -> Report:
    """Ask every question and check the answers (default: ``nbdatachat.ask``)."""
    if ask is None:
        import nbdatachat

        ask = nbdatachat.ask
    datasets = datasets if datasets is not None else load_all()
    questions = list(questions) if questions is not None else all_questions(datasets)
    frames = {name: ds.source for name, ds in datasets.items() if isinstance(ds.source, pd.DataFrame)}
    before = {name: _fingerprint(f) for name, f in frames.items()}
    outcomes = []
    start = time.perf_counter()
    for question in questions:
        t0 = time.perf_counter()
        answer, error = ask_question(ask, question, datasets[question.dataset].source)
        seconds = time.perf_counter() - t0
        if error:
            outcome = Outcome(question, False, "ask raised", error=error, seconds=seconds)
        else:
            try:
                verdict = check(question.expect, answer, question.turns)
            except Exception as exc:  # a malformed answer object is the engine's miss
                verdict = Verdict(False, f"checker could not read the answer: {exc!r}")
            outcome = Outcome(question, verdict.ok, verdict.reason,
                              str(getattr(answer, "status", "")),
                              str(getattr(answer, "text", "") or ""), seconds=seconds)
        outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
    elapsed = time.perf_counter() - start
    mutated = [name for name, f in frames.items() if _fingerprint(f) != before[name]]
    return Report(outcomes, elapsed, mutated)


def summarize(questions: Iterable[Question]) -> dict[str, int]:
    """Questions per capability (for the docs and the machinery test)."""
    out: dict[str, int] = {}
    for q in questions:
        out[q.capability] = out.get(q.capability, 0) + 1
    return out
