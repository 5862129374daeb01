"""One native thread for small fits, including libraries first loaded by the fit itself."""

from __future__ import annotations

import json
import subprocess
import sys

CODE = """
import json, sys
assert "scipy" not in sys.modules and "sklearn" not in sys.modules
from threadpoolctl import threadpool_info
from nbdatachat.tools._threads import SKLEARN_PRELOAD, one_thread, single_threaded

@single_threaded
def fit():
    import scipy.linalg  # a fit's first use of scipy: its BLAS must be limited too
    return threadpool_info()

@single_threaded(preload=SKLEARN_PRELOAD)
def cluster():
    import sklearn.cluster
    return threadpool_info()

print(json.dumps({"fit": fit(), "cluster": cluster()}))
"""


def test_first_fit_in_a_fresh_process_runs_on_one_thread():
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True,
                         check=True).stdout
    info = json.loads(out)
    fit_libs = {i["filepath"]: i["num_threads"] for i in info["fit"]}
    assert any("scipy" in path for path in fit_libs), fit_libs  # scipy's own BLAS was seen
    assert set(fit_libs.values()) == {1}
    cluster = {i["internal_api"]: i["num_threads"] for i in info["cluster"]}
    assert "openmp" in cluster and set(cluster.values()) == {1}
