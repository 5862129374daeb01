"""The development benchmark (``python -m benchmarks dev``): public, human-written question
sets read in place from ``../shared/dev-data/`` (never copied into the repository).

* :mod:`.paths` finds the data; :mod:`.wtq` loads WikiTableQuestions questions and tables;
* :mod:`.grade` grades by denotation and defines :func:`~.grade.answer_denotation`, the
  contract an :class:`~nbdatachat.Answer` is read by;
* :mod:`.classify` sorts questions into capabilities by surface form;
* :mod:`.nlv` loads the NLV chart requests and grades charts; :mod:`.runner` runs it all.
"""

from .runner import run

__all__ = ["run"]
