"""WikiTableQuestions (training split): questions, tables loaded as a user would hand them over.

Each table is read from its ``.tsv`` file (cleaner than the ``.csv``: one row per line, cells
escaped as ``\\n`` newline, ``\\p`` pipe, ``\\\\`` backslash) into a DataFrame whose cells are all
text, as ``pd.read_csv(..., dtype=str)`` would give a user: numbers keep their thousands
separators, dates stay free text, empty cells are missing (NaN), and headers are made unique the
way pandas does (``Round``, ``Round.1``; an empty header becomes ``Unnamed: i``). Recognising
numbers and dates in text columns is the engine's job, so nothing is converted here.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

TOTAL_QUESTIONS = 14_152
_ESCAPES = {"n": "\n", "p": "|", "\\": "\\"}


def unescape(cell: str) -> str:
    """Undo the WikiTableQuestions TSV escapes (``\\n``, ``\\p`` = ``|``, ``\\\\``).

    Any other backslash sequence is kept as it is (the data holds a few ``\\"``).
    """
    if "\\" not in cell:
        return cell
    out: list[str] = []
    i = 0
    while i < len(cell):
        ch = cell[i]
        if ch == "\\" and i + 1 < len(cell) and cell[i + 1] in _ESCAPES:
            out.append(_ESCAPES[cell[i + 1]])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def unique_headers(names: Iterable[str]) -> list[str]:
    """Header names made unique as pandas' CSV reader does (``x``, ``x.1``; blank -> Unnamed)."""
    seen: dict[str, int] = {}
    out: list[str] = []
    taken: set[str] = set()
    for i, raw in enumerate(names):
        name = raw if raw.strip() else f"Unnamed: {i}"
        base, k = name, seen.get(name, 0)
        while name in taken:
            k += 1
            name = f"{base}.{k}"
        seen[base] = k
        taken.add(name)
        out.append(name)
    return out


def read_table(path: Path) -> pd.DataFrame:
    """One WikiTableQuestions table (its ``.tsv``) as an all-text DataFrame (see module doc)."""
    lines = [line for line in path.read_text(encoding="utf-8").split("\n") if line != ""]
    if not lines:
        return pd.DataFrame()
    header = unique_headers(unescape(c) for c in lines[0].split("\t"))
    rows = []
    for line in lines[1:]:
        cells: list[str | None] = [unescape(c) for c in line.split("\t")]
        cells = [c if c is not None and c.strip() != "" else None for c in cells]
        cells = (cells + [None] * len(header))[: len(header)]
        rows.append(cells)
    return pd.DataFrame(rows, columns=header, dtype=object)


@dataclass(frozen=True)
class WtqQuestion:
    id: str
    question: str
    context: str  # the table's path relative to the wikitablequestions folder (``.csv``)
    targets: tuple[str, ...]  # the target denotation: one value, or several for a list

    def table_path(self, root: Path) -> Path:
        """The ``.tsv`` twin of the ``.csv`` named by the question."""
        return root / Path(self.context).with_suffix(".tsv")


def read_questions(root: Path) -> list[WtqQuestion]:
    """Every question of ``training.tsv`` (``id, utterance, context, targetValue``)."""
    lines = (root / "training.tsv").read_text(encoding="utf-8").split("\n")
    out: list[WtqQuestion] = []
    for line in lines[1:]:
        if not line.strip():
            continue
        qid, utterance, context, target = line.split("\t")
        out.append(WtqQuestion(qid, unescape(utterance), context,
                               tuple(unescape(t) for t in target.split("|"))))
    return out


def sample(questions: list[WtqQuestion], n: int | None, seed: int) -> list[WtqQuestion]:
    """A fixed, seeded sample of ``n`` questions drawn uniformly over all questions (not by
    table, so each table's share follows its number of questions), in table order so each
    table is loaded once. ``n=None`` keeps every question."""
    chosen = list(questions) if n is None or n >= len(questions) else \
        random.Random(seed).sample(questions, n)
    return sorted(chosen, key=lambda q: (q.context, int(q.id.split("-")[1])))


@lru_cache(maxsize=8)
def cached_table(path: Path) -> pd.DataFrame:
    return read_table(path)
