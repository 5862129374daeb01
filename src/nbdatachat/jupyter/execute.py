"""Run a notebook headlessly and export it to HTML: what ``make demo`` does with the quickstart.

``execute_notebook("notebooks/quickstart.ipynb", html_out="out/quickstart.html")`` runs every
cell in a fresh kernel of *this* interpreter (so the kernel sees the same installed nbdatachat
as the caller, whatever kernelspecs the user has elsewhere) and writes an HTML copy with the
outputs, charts included: the export draws the Plotly outputs with plotly.js inlined once, so
the file renders offline while the notebook itself holds only the charts' JSON. From a shell::

    python -m nbdatachat.jupyter.execute notebooks/quickstart.ipynb --html out/quickstart.html

The magics never raise into the kernel; they show an error card instead. A notebook that
"ran" but shows an error card is still broken, so :func:`notebook_problems` reports both
kinds and the command line fails on either.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InvalidRequest, NbDataChatError

if TYPE_CHECKING:
    from nbformat import NotebookNode

DEFAULT_TIMEOUT = 600
NATIVE_KERNEL = "python3"
# An error card's paragraph (not the shared CSS, which also mentions the class name).
_ERROR_CARD = re.compile(r"class='[^']*\bnbdc-error\b[^']*'>(?P<message>[^<]*)")


class NotebookFailed(NbDataChatError):
    """A cell raised (or timed out) while the notebook ran; details name the cell."""

    code = "NOTEBOOK_FAILED"
    http_status = 422


def _kernel_manager(kernel_name: str) -> Any:
    """A kernel manager for ``kernel_name``; ``python3`` always means this interpreter.

    Looking ``python3`` up among kernelspec directories could pick a user-level spec that
    points at another Python without nbdatachat. With no kernelspec directories,
    jupyter_client falls back to ipykernel's built-in spec, which runs ``sys.executable``.
    """
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    if kernel_name == NATIVE_KERNEL:
        return KernelManager(kernel_name=kernel_name,
                             kernel_spec_manager=KernelSpecManager(kernel_dirs=[]))
    return KernelManager(kernel_name=kernel_name)


def read_notebook(path: str | Path) -> NotebookNode:
    """Read a notebook file, with a clear error when it is missing or not a notebook."""
    import nbformat

    path = Path(path)
    if not path.is_file():
        raise InvalidRequest(f"No notebook at {str(path)!r}. Give the path of an .ipynb file, "
                             f"e.g. notebooks/quickstart.ipynb.", details={"path": str(path)})
    try:
        return nbformat.read(path, as_version=4)
    except Exception as exc:  # JSON or schema errors, whatever nbformat raises
        raise InvalidRequest(f"{str(path)!r} is not a readable Jupyter notebook: {exc}",
                             details={"path": str(path)}) from None


def execute_notebook(path: str | Path, *, html_out: str | Path | None = None,
                     timeout: int = DEFAULT_TIMEOUT, kernel_name: str = NATIVE_KERNEL,
                     allow_errors: bool = False) -> NotebookNode:
    """Run every cell of the notebook at ``path`` top to bottom and return it with outputs.

    The kernel starts in the notebook's folder, so relative paths in cells work as they do in
    JupyterLab. ``timeout`` bounds each cell (seconds). A cell that raises stops the run with
    :class:`NotebookFailed` naming the cell, unless ``allow_errors`` (then the error stays in
    that cell's outputs and the run goes on). ``html_out`` also writes an HTML export.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    path = Path(path)
    nb = read_notebook(path)
    # The kernel's own log (plain-TCP notice, shutdown chatter) is noise here: what went
    # wrong in a cell is in that cell's outputs.
    client = NotebookClient(nb, km=_kernel_manager(kernel_name), timeout=timeout,
                            allow_errors=allow_errors, kernel_name=kernel_name,
                            extra_arguments=["--IPKernelApp.log_level=ERROR"],
                            resources={"metadata": {"path": str(path.parent.resolve())}})
    try:
        client.execute()
    except CellTimeoutError as exc:
        raise NotebookFailed(f"A cell of {path.name} ran longer than {timeout} s. Raise "
                             f"--timeout, or make the cell faster.",
                             details={"path": str(path), "error": str(exc)[-500:]}) from None
    except CellExecutionError as exc:
        cell = _failed_cell(nb)
        raise NotebookFailed(f"Cell {cell} of {path.name} raised {exc.ename}: {exc.evalue}. "
                             f"Open the notebook, fix that cell and run it again.",
                             details={"path": str(path), "cell": cell, "ename": exc.ename,
                                      "evalue": exc.evalue}) from None
    if html_out is not None:
        export_html(nb, html_out, title=path.stem)
    return nb


def _failed_cell(nb: NotebookNode) -> int | None:
    for index, cell in enumerate(nb.cells):
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return index
    return None


def with_plotly_html(nb: NotebookNode) -> NotebookNode:
    """A copy of ``nb`` whose Plotly outputs also carry HTML that draws them, plotly.js
    inlined once (at the first chart): nbconvert has no renderer for the Plotly mimetype, and
    the notebook itself stays small because it never holds plotly.js."""
    import copy

    from ..display import PLOTLY_MIME, plotly_html

    out = copy.deepcopy(nb)
    n = 0
    for cell in out.cells:
        for output in cell.get("outputs", []):
            payload = output.get("data", {}).get(PLOTLY_MIME)
            if isinstance(payload, dict):
                output["data"]["text/html"] = plotly_html(
                    payload, f"nbdc-chart-{n}", include_plotlyjs=n == 0)
                n += 1
    return out


def export_html(nb: NotebookNode, html_out: str | Path, *, title: str = "notebook") -> Path:
    """Write ``nb`` as a standalone HTML page (nbconvert's JupyterLab template) that draws its
    Plotly charts offline (plotly.js inlined once)."""
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter(template_name="lab").from_notebook_node(
        with_plotly_html(nb), resources={"metadata": {"name": title}})
    out = Path(html_out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(body, encoding="utf-8")
    return out


def notebook_problems(nb: NotebookNode) -> list[tuple[int, str]]:
    """``(cell index, message)`` for every exception output and nbdatachat error card."""
    import html

    problems = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                problems.append((index, f"{output.get('ename')}: {output.get('evalue')}"))
                continue
            card = output.get("data", {}).get("text/html", "")
            if isinstance(card, list):
                card = "".join(card)
            for match in _ERROR_CARD.finditer(card):
                problems.append((index, html.unescape(match.group("message"))))
    return problems


def main(argv: list[str] | None = None) -> int:
    """Command line: run a notebook, optionally write HTML / the executed .ipynb."""
    parser = argparse.ArgumentParser(
        prog="python -m nbdatachat.jupyter.execute",
        description="Run a notebook headlessly and export it with its outputs.")
    parser.add_argument("notebook", help="the .ipynb file to run")
    parser.add_argument("--html", dest="html_out", help="write an HTML copy here")
    parser.add_argument("--output", help="write the executed notebook (.ipynb) here")
    parser.add_argument("--timeout", type=int, default=DEFAULT_TIMEOUT,
                        help=f"seconds allowed per cell (default {DEFAULT_TIMEOUT})")
    parser.add_argument("--kernel", default=NATIVE_KERNEL,
                        help="kernel name (default: python3 = this interpreter)")
    args = parser.parse_args(argv)
    try:
        nb = execute_notebook(args.notebook, html_out=args.html_out, timeout=args.timeout,
                              kernel_name=args.kernel, allow_errors=True)
    except NbDataChatError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    if args.output:
        import nbformat

        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, args.output)
    problems = notebook_problems(nb)
    for index, message in problems:
        print(f"error in cell {index}: {message}", file=sys.stderr)
    written = [p for p in (args.html_out, args.output) if p]
    print(f"Ran {len(nb.cells)} cells of {args.notebook}"
          + (f"; wrote {', '.join(written)}" if written else "")
          + (f"; {len(problems)} cell error(s)" if problems else "; no errors") + ".")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
