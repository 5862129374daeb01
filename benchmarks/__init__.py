"""Benchmarks: ``python -m benchmarks [name ...]`` runs ``bench_<name>.py`` modules.

Each module defines ``main() -> None`` that measures nbdatachat against the plain-library
baseline and prints a table through :func:`print_table`. Benchmarks are never part of the
test suite: timings on a shared CI machine are not assertions.
"""
