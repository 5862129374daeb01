"""System parts the tests need that pip cannot install: a PostgreSQL server and a Java runtime.

A fresh CI machine has neither, so each is installed from Debian (``apt-get``) when missing
and we are root, as ``tests/lab_browser.py`` does for Chromium; where that cannot work the
tests that need it skip with the command to run. ``conftest.py`` turns these into fixtures:
one PostgreSQL server and one Spark session for the whole run (each test module gets its own
database), so the suite pays for starting them once.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import uuid
from pathlib import Path

import pytest

_apt_lock = threading.Lock()
_apt_updated = False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def apt_install(package: str) -> None:
    """``apt-get install package`` (once ``apt-get update``), or skip saying how to install it."""
    global _apt_updated
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("apt-get") is None:
        pytest.skip(f"{package} is not installed and this user cannot install it: run "
                    f"`sudo apt-get install -y {package}`.")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    cmds = [] if _apt_updated else [["apt-get", "update", "-qq"]]
    cmds.append(["apt-get", "install", "-y", "-qq", "--no-install-recommends", package])
    with _apt_lock:
        for cmd in cmds:
            done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=1200)
            if done.returncode != 0:
                pytest.skip(f"Could not install {package} ({' '.join(cmd)} failed): "
                            f"{done.stderr.strip()[-300:]}")
        _apt_updated = True


# --------------------------------------------------------------------------- PostgreSQL


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    # Debian keeps the server binaries off PATH, one directory per major version.
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit()
                        else 0)
    return candidates[-1] if candidates else None


def postgres_binaries() -> tuple[str, str]:
    """(initdb, pg_ctl), installing Debian's ``postgresql`` when they are missing."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not (initdb and pg_ctl):
        apt_install("postgresql")
        initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("apt-get installed postgresql but initdb/pg_ctl were not found.")
    return initdb, pg_ctl


class PostgresServer:
    """A throw-away PostgreSQL cluster: initdb in a temp dir, started by pg_ctl on a free
    port of 127.0.0.1 (trust authentication, durability off: it is for tests), stopped and
    deleted by :meth:`stop`. The directory names the process that started it (``owner``),
    so a later run stops and deletes a cluster whose run was killed before its teardown
    (:func:`sweep_stale_clusters`)."""

    def __init__(self, base: str | None = None) -> None:
        pytest.importorskip("psycopg")
        initdb, self._pg_ctl = postgres_binaries()
        self._prefix = _run_as_prefix()
        base = base or tempfile.gettempdir()
        #: clusters of earlier runs that were killed (their pytest is gone) stopped and removed
        self.swept = sweep_stale_clusters(base, self._pg_ctl, self._prefix)
        self.root = tempfile.mkdtemp(prefix=PREFIX, dir=base)
        Path(self.root, OWNER).write_text(_owner_stamp(os.getpid()))
        if self._prefix:  # the unprivileged user runs the cluster in this directory
            os.chown(self.root, *_ids(self._prefix[2]))
        self.data = os.path.join(self.root, "data")
        try:
            self._run(initdb, "-D", self.data, "-A", "trust", "-U", "postgres",
                      "--no-sync", "-E", "UTF8", "--locale=C")
            self._start()
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            log = self.log()
            shutil.rmtree(self.root, ignore_errors=True)
            pytest.skip(f"could not start PostgreSQL: {exc}; {getattr(exc, 'stderr', '')} "
                        f"{log[-500:]}")
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _start(self, attempts: int = 3) -> None:
        """``pg_ctl start`` on a free port; another free port when a process took that one
        between the choice and the bind."""
        for attempt in range(attempts):
            self.port = free_port()
            try:
                self._run(self._pg_ctl, "-D", self.data, "-l", os.path.join(self.root, "log"),
                          "-w", "-t", "120", "-o",
                          f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
                          f"-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                          f"-c max_connections=100", "start")
                return
            except subprocess.CalledProcessError:
                if attempt == attempts - 1 or "already in use" not in self.log():
                    raise

    def _run(self, *cmd: str) -> None:
        _run(self._prefix, *cmd)

    def log(self) -> str:
        try:
            return Path(self.root, "log").read_text()
        except OSError:
            return ""

    def create_database(self, prefix: str = "nbdc") -> str:
        """A new empty database; returns its URL (``postgresql://...``)."""
        import psycopg

        name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(self.url, autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{name}"')
        return self.url.rsplit("/", 1)[0] + "/" + name

    def drop_database(self, url: str) -> None:
        import psycopg

        name = url.rsplit("/", 1)[1]
        with psycopg.connect(self.url, autocommit=True) as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        try:
            self._run(self._pg_ctl, "-D", self.data, "-m", "immediate", "stop")
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            pass
        shutil.rmtree(self.root, ignore_errors=True)


#: the temp directories of the test clusters, and the file naming the run that owns one
PREFIX = "nbdc-pg-"
OWNER = "owner"


def _run(prefix: list[str], *cmd: str) -> None:
    subprocess.run([*prefix, *cmd], check=True, capture_output=True, text=True, timeout=180)


def _run_as_prefix() -> list[str]:
    """``runuser -u <user> --`` when running as root (initdb and pg_ctl refuse root)."""
    if os.geteuid() != 0:
        return []
    return ["runuser", "-u", _unprivileged_user(), "--"]


def _ids(user: str) -> tuple[int, int]:
    import pwd

    pw = pwd.getpwnam(user)
    return pw.pw_uid, pw.pw_gid


def _process_start(pid: int) -> str | None:
    """When process ``pid`` started (clock ticks since boot, from /proc), to tell it from a
    later process given the same pid; None where /proc is not available."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def _owner_stamp(pid: int) -> str:
    return f"{pid} {_process_start(pid) or '-'}\n"


def _owner_alive(stamp: str) -> bool:
    """Whether the process that wrote ``stamp`` (:func:`_owner_stamp`) still runs."""
    pid_text, _, started = stamp.strip().partition(" ")
    pid = int(pid_text)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # alive, another user's
    now = _process_start(pid)
    return started in ("", "-") or now is None or now == started


def sweep_stale_clusters(base: str, pg_ctl: str, prefix: list[str]) -> list[str]:
    """Stop and delete the test clusters under ``base`` whose owning run is gone (a killed
    pytest never runs its teardown: its postmaster would keep its port, memory and temp
    directory for good). A cluster without an owner file is left alone: it is still being
    set up, or not ours. Returns the directories removed."""
    removed = []
    for root in sorted(glob.glob(os.path.join(base, PREFIX + "*"))):
        try:
            stamp = Path(root, OWNER).read_text()
            if _owner_alive(stamp):
                continue
        except (OSError, ValueError):
            continue
        data = os.path.join(root, "data")
        if os.path.exists(os.path.join(data, "postmaster.pid")):
            try:
                _run(prefix, pg_ctl, "-D", data, "-m", "immediate", "stop")
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
                _kill_postmaster(data)
        shutil.rmtree(root, ignore_errors=True)
        removed.append(root)
    return removed


def _kill_postmaster(data: str) -> None:
    """SIGQUIT (PostgreSQL's immediate shutdown) to the postmaster of ``data``, if the pid
    in its ``postmaster.pid`` is a running postgres process."""
    import signal

    try:
        pid = int(Path(data, "postmaster.pid").read_text().split()[0])
        if "postgres" not in Path(f"/proc/{pid}/comm").read_text():
            return
        os.kill(pid, signal.SIGQUIT)
    except (OSError, ValueError, IndexError):
        pass


def _unprivileged_user() -> str:
    """``postgres`` (Debian's package creates it), else ``nobody``."""
    import pwd

    if shutil.which("runuser") is None:
        pytest.skip("running as root without runuser: cannot start PostgreSQL as another user")
    for user in ("postgres", "nobody"):
        try:
            pwd.getpwnam(user)
            return user
        except KeyError:
            continue
    pytest.skip("no unprivileged user (postgres, nobody) to run PostgreSQL as")


# --------------------------------------------------------------------------- Java / Spark


def _java_ok(java: str) -> bool:
    try:
        done = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def ensure_java() -> str:
    """JAVA_HOME of a working Java runtime, installing ``default-jre-headless`` if none."""
    home = os.environ.get("JAVA_HOME")
    if home and _java_ok(os.path.join(home, "bin", "java")):
        return home
    java = shutil.which("java")
    if not (java and _java_ok(java)):
        apt_install("default-jre-headless")
        java = shutil.which("java")
        if not (java and _java_ok(java)):
            pytest.skip("apt-get installed default-jre-headless but `java` does not run.")
    return str(Path(os.path.realpath(java)).parents[1])


def start_spark():
    """A local-mode SparkSession for tests: two threads, no UI, loopback only, UTC."""
    pytest.importorskip("pyspark")
    os.environ["JAVA_HOME"] = ensure_java()
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    warehouse = tempfile.mkdtemp(prefix="nbdc-spark-")
    return (SparkSession.builder.master("local[2]").appName("nbdatachat-tests")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "1")
            .config("spark.default.parallelism", "2")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")
            .config("spark.sql.warehouse.dir", os.path.join(warehouse, "warehouse"))
            .config("spark.driver.extraJavaOptions",
                    f"-Dderby.system.home={warehouse} -Xss4m -XX:+UseSerialGC "
                    f"-XX:TieredStopAtLevel=1")  # small, short jobs: cheap JIT, one GC thread
            .config("spark.driver.memory", "1g")
            .getOrCreate()), warehouse
