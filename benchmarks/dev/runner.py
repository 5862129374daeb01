"""Run the development sets through ``nbdatachat.ask`` and report per capability.

``python -m benchmarks dev [--limit N | --all] [--seed S] [--planner NAME] [--only wtq|nlv]``

Answered means ``status == "answered"``; right means the graded answer is correct; precision
is right among answered. Every miss is written to ``out/dev_*_misses.jsonl`` and the wrong
answers (answered but wrong: the costly ones) to ``out/dev_*_wrong.jsonl``.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks._table import print_table

from . import classify, grade, nlv, wtq
from .paths import REPO_ROOT, dev_data_dir, missing_message

DEFAULT_LIMIT = 2000
DEFAULT_SEED = 20240611


@dataclass
class Tally:
    n: int = 0
    answered: int = 0
    right: int = 0

    def add(self, answered: bool, right: bool) -> None:
        self.n += 1
        self.answered += int(answered)
        self.right += int(right)

    def row(self, label: str) -> list[Any]:
        return [label, self.n, pct(self.answered, self.n), pct(self.right, self.n),
                pct(self.right, self.answered)]


def pct(k: int, n: int) -> str:
    return f"{100.0 * k / n:.1f}" if n else "-"


def ms_quantiles(seconds: Sequence[float]) -> tuple[float, float]:
    """(p50, p95) in milliseconds."""
    if not seconds:
        return (float("nan"), float("nan"))
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (1000 * statistics.median(ordered), 1000 * p95)


def ask_function(planner: str | None) -> Callable[..., Any]:
    """``nbdatachat.ask``, with ``planner=NAME`` passed through when one is given here.

    ``python -m benchmarks dev --planner NAME`` is taken by the benchmark runner, which makes
    NAME ask()'s default for the run (``NBDATACHAT_PLANNER``); so with no planner here, ask
    is called as a user calls it and reads with that default."""
    import nbdatachat

    if planner is None:
        return nbdatachat.ask
    if "planner" not in inspect.signature(nbdatachat.ask).parameters:
        raise SystemExit(f"nbdatachat.ask takes no planner argument; cannot use {planner!r}")

    def ask(data: Any, question: str, conversation: Any = None) -> Any:
        return nbdatachat.ask(data, question, conversation, planner=planner)

    return ask


def describe(answer: Any) -> dict[str, Any]:
    """What a developer needs to see of a missed answer."""
    plan = getattr(answer, "plan", None)
    try:
        plan_dict = plan.to_dict() if plan is not None and hasattr(plan, "to_dict") else (
            None if plan is None else str(plan))
    except Exception as exc:  # a plan that cannot serialise is itself worth seeing
        plan_dict = f"<plan not serialisable: {exc}>"
    interpretation = getattr(answer, "interpretation", None)
    return {"status": getattr(answer, "status", None),
            "text": getattr(answer, "text", None),
            "interpretation": None if interpretation is None else str(interpretation),
            "plan": plan_dict}


# ----------------------------------------------------------------------------- WTQ
@dataclass
class WtqReport:
    tallies: dict[str, Tally] = field(default_factory=dict)
    seconds: list[float] = field(default_factory=list)
    misses: list[dict[str, Any]] = field(default_factory=list)
    tables: int = 0

    @property
    def total(self) -> Tally:
        t = Tally()
        for v in self.tallies.values():
            t.n += v.n
            t.answered += v.answered
            t.right += v.right
        return t


def run_wtq(root: Path, questions: list[wtq.WtqQuestion], ask: Callable[..., Any],
            progress: bool = True) -> WtqReport:
    report = WtqReport({key: Tally() for key, _ in classify.CAPABILITIES})
    report.tables = len({q.context for q in questions})
    for i, q in enumerate(questions, start=1):
        cap = classify.classify(q.question)
        table = wtq.cached_table(q.table_path(root))
        t0 = time.perf_counter()
        try:
            answer = ask(table, q.question)
            error = None
        except Exception as exc:  # ask must not raise; record it as a miss, keep going
            answer, error = None, f"{type(exc).__name__}: {exc}"
        report.seconds.append(time.perf_counter() - t0)
        answered = answer is not None and getattr(answer, "status", None) == "answered"
        got = grade.answer_denotation(answer) if answered else None
        right = answered and grade.denotations_match(q.targets, got)
        report.tallies[cap].add(answered, right)
        if not right:
            report.misses.append({
                "id": q.id, "capability": cap, "question": q.question,
                "table": str(q.table_path(root)), "expected": list(q.targets),
                "got": grade.jsonable(got), "answered": answered,
                **(describe(answer) if answer is not None else {"status": "error",
                                                               "error": error})})
        if progress and i % 250 == 0:
            t = report.total
            print(f"  ... {i}/{len(questions)} questions, right {t.right}, "
                  f"answered {t.answered}", flush=True)
    return report


def print_wtq(report: WtqReport, sample_note: str) -> None:
    rows = [report.tallies[key].row(label) for key, label in classify.CAPABILITIES
            if report.tallies[key].n]
    rows.append(report.total.row("total"))
    print_table(f"WikiTableQuestions (training split), {sample_note}, {report.tables} tables",
                ["capability", "n", "answered %", "right %", "precision %"], rows)
    p50, p95 = ms_quantiles(report.seconds)
    print(f"time per question: p50 {p50:.0f} ms, p95 {p95:.0f} ms")


# ----------------------------------------------------------------------------- NLV
@dataclass
class NlvReport:
    n: int = 0
    answered: int = 0
    kind: int = 0
    fields: int = 0
    both: int = 0
    both_answered: int = 0
    seconds: list[float] = field(default_factory=list)
    misses: list[dict[str, Any]] = field(default_factory=list)
    by_target: dict[str, list[int]] = field(default_factory=dict)


def run_nlv(root: Path, ask: Callable[..., Any]) -> NlvReport:
    import pandas as pd

    csv_path = root / "datasets" / "cars.csv"
    columns = [str(c) for c in pd.read_csv(csv_path, nrows=0).columns]
    targets = nlv.read_targets(root)
    report = NlvReport()
    for row in nlv.read_rows(root):
        target = targets[row.vis_id]
        conversation = None
        answer = None
        error = None
        t0 = time.perf_counter()
        try:
            for utterance in row.utterances:  # one conversation; the last answer is graded
                answer = ask(str(csv_path), utterance, conversation)
                conversation = getattr(answer, "conversation_id", None)
        except Exception as exc:
            answer, error = None, f"{type(exc).__name__}: {exc}"
        report.seconds.append((time.perf_counter() - t0) / max(1, len(row.utterances)))
        answered = answer is not None and getattr(answer, "status", None) == "answered"
        got = nlv.answer_chart(answer, columns) if answered else None
        g = nlv.grade_chart(target, got)
        report.n += 1
        report.answered += int(answered)
        report.kind += int(g.kind_right)
        report.fields += int(g.fields_right)
        report.both += int(g.both)
        report.both_answered += int(g.both and answered)
        tally = report.by_target.setdefault(row.vis_id, [0, 0, 0])
        tally[0] += 1
        tally[1] += int(answered)
        tally[2] += int(g.both)
        if not g.both:
            report.misses.append({
                "row": row.index, "utterances": list(row.utterances),
                "sequential": row.sequential, "target_id": row.vis_id,
                "expected": target.__dict__, "got": None if got is None else got.__dict__,
                "kind_right": g.kind_right, "fields_right": g.fields_right,
                "answered": answered,
                **(describe(answer) if answer is not None else {"status": "error",
                                                               "error": error})})
    return report


def print_nlv(r: NlvReport) -> None:
    print_table("NLV Corpus, cars: chart requests (sequential rows graded on the last answer)",
                ["n", "answered %", "kind right %", "fields right %", "both right %",
                 "precision (both | answered) %"],
                [[r.n, pct(r.answered, r.n), pct(r.kind, r.n), pct(r.fields, r.n),
                  pct(r.both, r.n), pct(r.both_answered, r.answered)]])
    rows = [[vis, n, pct(a, n), pct(b, n)] for vis, (n, a, b) in sorted(r.by_target.items())]
    print_table("NLV by target chart", ["target", "n", "answered %", "both right %"], rows)
    p50, p95 = ms_quantiles(r.seconds)
    print(f"time per utterance: p50 {p50:.0f} ms, p95 {p95:.0f} ms")


# ----------------------------------------------------------------------------- entry
def write_jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m benchmarks dev",
                                description="Development sets (WikiTableQuestions training "
                                            "split, NLV cars) through nbdatachat.ask.")
    size = p.add_mutually_exclusive_group()
    size.add_argument("--limit", type=int, default=DEFAULT_LIMIT,
                      help=f"WikiTableQuestions questions to sample (default {DEFAULT_LIMIT})")
    size.add_argument("--all", action="store_true",
                      help=f"every WikiTableQuestions question ({wtq.TOTAL_QUESTIONS:,})")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help="sampling seed")
    p.add_argument("--planner", default=None,
                   help="planner passed to ask(planner=NAME): rules, llm, auto (default: "
                        "ask's own, which --planner before the runner sets)")
    p.add_argument("--only", choices=("wtq", "nlv"), help="run one set")
    p.add_argument("--out", type=Path, default=REPO_ROOT / "out",
                   help="folder for the miss files (default out/)")
    return p.parse_args(list(argv))


def run(argv: Sequence[str] = ()) -> int:
    args = parse_args(argv)
    root = dev_data_dir()
    if root is None:
        print(missing_message("the dev data"))
        return 0
    ask = ask_function(args.planner)
    if args.only in (None, "wtq"):
        wroot = root / "wikitablequestions"
        if not (wroot / "training.tsv").is_file():
            print(missing_message(str(wroot / "training.tsv")))
        else:
            questions = wtq.read_questions(wroot)
            limit = None if args.all else args.limit
            chosen = wtq.sample(questions, limit, args.seed)
            note = (f"all {len(chosen):,} questions" if limit is None or limit >= len(questions)
                    else f"seeded sample of {len(chosen):,} of {len(questions):,} questions "
                         f"(seed {args.seed})")
            shown = args.planner or os.environ.get("NBDATACHAT_PLANNER") or "rules"
            print(f"WikiTableQuestions: {note}, planner {shown}", flush=True)
            report = run_wtq(wroot, chosen, ask)
            print_wtq(report, note)
            write_jsonl(args.out / "dev_wtq_misses.jsonl", report.misses)
            wrong = [m for m in report.misses if m["answered"]]
            write_jsonl(args.out / "dev_wtq_wrong.jsonl", wrong)
            print(f"misses: {args.out / 'dev_wtq_misses.jsonl'} ({len(report.misses)}); "
                  f"wrong answers: {args.out / 'dev_wtq_wrong.jsonl'} ({len(wrong)})")
    if args.only in (None, "nlv"):
        nroot = root / "nlv-cars"
        if not (nroot / "NLV_Corpus_cars.csv").is_file():
            print(missing_message(str(nroot / "NLV_Corpus_cars.csv")))
        else:
            report_n = run_nlv(nroot, ask)
            print_nlv(report_n)
            write_jsonl(args.out / "dev_nlv_misses.jsonl", report_n.misses)
            wrong = [m for m in report_n.misses if m["answered"]]
            write_jsonl(args.out / "dev_nlv_wrong.jsonl", wrong)
            print(f"misses: {args.out / 'dev_nlv_misses.jsonl'} ({len(report_n.misses)}); "
                  f"wrong answers: {args.out / 'dev_nlv_wrong.jsonl'} ({len(wrong)})")
    return 0
