"""Helpers for benchmarks/run.py: timing child processes, installing the peers, replicating
the corpus. Standard library only, so the benchmark runs from a fresh clone with the
interpreter that has dpglint installed and nothing else.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
PEERS_DIR = BENCH_DIR / ".peers"

GROUPS = ("nominees", "digitalpublicgoods", "archive", "excluded-nominees")
# which DPGA schema each registry folder is validated against (like-for-like with the
# DPGA's CI, which validates nominees/ and digitalpublicgoods/ only; we add the other two
# folders to the nominee group so that every tool sees all the files)
NOMINEE_FOLDERS = ("nominees", "archive", "excluded-nominees")
SCREENING_FOLDERS = ("digitalpublicgoods",)


def use_bytecode_cache() -> str:
    """Let every Python child cache its bytecode, as an installed tool does, but in
    benchmarks/.peers/pycache rather than beside the sources. Without this, an environment
    with PYTHONDONTWRITEBYTECODE=1 recompiles dpglint's editable sources (~75 ms) on every
    run, which no pre-commit or CI install pays. Returns a note for the report."""
    note = "cached in benchmarks/.peers/pycache (PYTHONPYCACHEPREFIX)"
    if os.environ.pop("PYTHONDONTWRITEBYTECODE", None):
        note += "; PYTHONDONTWRITEBYTECODE was set and is dropped for the children"
    os.environ["PYTHONPYCACHEPREFIX"] = str(PEERS_DIR / "pycache")
    return note


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------
# running and timing one child process


@dataclass
class Run:
    """One execution of a command."""

    seconds: float
    returncode: int | None
    max_rss_kb: int
    cpu_seconds: float
    stdout: str
    stderr: str
    timed_out: bool = False


# The launcher: a bare interpreter (-I -S: no site, no environment) that starts the
# command, waits for it with wait4 and writes wall time, peak RSS, CPU time and exit status
# to a file. Why not spawn the command from run.py itself: Linux carries the parent's peak
# RSS into a child's ru_maxrss across fork/vfork + exec (exec records the old mm's high
# water mark), so a child of run.py (which grows while it keeps outputs) would report at
# least run.py's size. A child of this ~8 MB launcher reports its own peak.
_LAUNCHER = r"""
import json, os, signal, sys, time
budget, result, cmd = float(sys.argv[1]), sys.argv[2], sys.argv[3:]
state = {"timed_out": False, "pid": None}
def expire(signum, frame):
    state["timed_out"] = True
    if state["pid"]:
        os.kill(state["pid"], signal.SIGKILL)
signal.signal(signal.SIGALRM, expire)
start = time.perf_counter()
pid = os.posix_spawnp(cmd[0], cmd, os.environ)
state["pid"] = pid
signal.setitimer(signal.ITIMER_REAL, budget)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
signal.setitimer(signal.ITIMER_REAL, 0)
with open(result, "w") as f:
    json.dump({"seconds": seconds, "returncode": os.waitstatus_to_exitcode(status),
               "max_rss_kb": usage.ru_maxrss, "cpu": usage.ru_utime + usage.ru_stime,
               "timed_out": state["timed_out"]}, f)
"""


def run_once(
    cmd: Sequence[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    budget: float = 120.0,
) -> Run:
    """Run ``cmd`` once; wall clock from just before the spawn to just after the exit.

    Peak RSS and CPU time come from ``os.wait4`` on that one process (and the children it
    waited for), not a running maximum over all children. The launcher above does the
    spawning so that the peak is the command's own. Output goes to temporary files, so no
    pipe has to be drained while we wait. After ``budget`` seconds the command is killed.
    """
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryDirectory() as tmp,
    ):
        result = Path(tmp) / "result.json"
        launcher = [sys.executable, "-I", "-S", "-c", _LAUNCHER, str(budget), str(result)]
        proc = subprocess.Popen(
            [*launcher, *cmd],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            cwd=cwd,
            env=env,
            start_new_session=True,
        )
        try:
            proc.wait(timeout=budget + 30)
        except subprocess.TimeoutExpired:  # the launcher itself is stuck: kill the group
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
        try:
            data = json.loads(result.read_text())
        except (OSError, ValueError):
            return Run(0.0, None, 0, 0.0, stdout, stderr or "launcher failed")
        return Run(
            seconds=data["seconds"],
            returncode=None if data["timed_out"] else data["returncode"],
            max_rss_kb=data["max_rss_kb"],  # kilobytes on Linux
            cpu_seconds=data["cpu"],
            stdout=stdout,
            stderr=stderr,
            timed_out=data["timed_out"],
        )


@dataclass
class Step:
    """One process of a measurement (a measurement may need several, e.g. one per schema)."""

    cmd: list[str]
    cwd: Path | None = None
    env: dict[str, str] | None = None
    ok_codes: tuple[int, ...] = (0, 1)  # 1 = "found problems", which is expected here
    display: str | None = None  # how to show the command, when cmd is too long to read

    def shell(self) -> str:
        text = self.display or shlex.join(self.cmd)
        if self.env is not None and "PYTHONPATH" in self.env:
            text = f"PYTHONPATH={shlex.quote(self.env['PYTHONPATH'])} {text}"
        if self.cwd is not None:
            text = f"(cd {shlex.quote(str(self.cwd))} && {text})"
        return text


@dataclass
class Measurement:
    """A named measurement: its steps run one after the other, and their times add up."""

    key: str
    label: str
    tool: str
    steps: list[Step]
    files: int | None = None
    runs: list[list[Run]] = field(default_factory=list)  # per repetition, one Run per step
    error: str | None = None

    # --- results -----------------------------------------------------------------------
    def totals(self) -> list[float]:
        return [sum(r.seconds for r in rep) for rep in self.runs]

    @property
    def median(self) -> float | None:
        t = self.totals()
        return statistics.median(t) if t else None

    @property
    def minimum(self) -> float | None:
        t = self.totals()
        return min(t) if t else None

    @property
    def spread(self) -> float | None:
        """(max - min) / median over the repetitions: how noisy the figure is."""
        t = self.totals()
        if len(t) < 2 or not statistics.median(t):
            return None
        return (max(t) - min(t)) / statistics.median(t)

    @property
    def peak_rss_mb(self) -> float | None:
        rss = [r.max_rss_kb for rep in self.runs for r in rep]
        return max(rss) / 1024 if rss else None

    @property
    def cpu_median(self) -> float | None:
        c = [sum(r.cpu_seconds for r in rep) for rep in self.runs]
        return statistics.median(c) if c else None

    @property
    def per_file_ms(self) -> float | None:
        if self.median is None or not self.files:
            return None
        return self.median / self.files * 1000

    def last(self) -> list[Run]:
        return self.runs[-1] if self.runs else []

    def to_json(self) -> dict[str, object]:
        return {
            "key": self.key,
            "label": self.label,
            "tool": self.tool,
            "commands": [s.shell() for s in self.steps],
            "files": self.files,
            "seconds": self.totals(),
            "median_s": self.median,
            "min_s": self.minimum,
            "spread": self.spread,
            "per_file_ms": self.per_file_ms,
            "peak_rss_mb": self.peak_rss_mb,
            "cpu_median_s": self.cpu_median,
            "returncodes": [[r.returncode for r in rep] for rep in self.runs],
            "error": self.error,
        }


def measure(
    measurements: Sequence[Measurement],
    *,
    repetitions: int,
    warmup: bool,
    budget: float,
) -> None:
    """Run every measurement ``repetitions`` times, interleaved (A B C A B C ...), so that a
    slow patch of the machine hits all tools alike. A warm-up round comes first and is not
    kept. A step that times out or exits with an unexpected code stops that measurement.
    """
    live = [m for m in measurements if m.error is None]
    rounds = ([0] if warmup else []) + list(range(1, repetitions + 1))
    for number in rounds:
        keep = number > 0
        log(f"  {'warm-up' if not keep else f'repetition {number}/{repetitions}'} ...")
        for m in live:
            if m.error is not None:
                continue
            reps: list[Run] = []
            for step in m.steps:
                run = run_once(step.cmd, cwd=step.cwd, env=step.env, budget=budget)
                reps.append(run)
                if run.timed_out:
                    m.error = f"timed out after {budget:.0f} s: {step.shell()}"
                elif "Traceback (most recent call last)" in run.stderr:
                    m.error = f"traceback: {step.shell()}\n      {run.stderr.strip()[-400:]}"
                elif run.returncode not in step.ok_codes:
                    tail = (run.stderr.strip() or run.stdout.strip())[-400:]
                    m.error = f"exit {run.returncode}: {step.shell()}\n      {tail}"
                if m.error:
                    log(f"    ! {m.label}: {m.error}")
                    break
            if m.error is None and keep:
                for earlier in m.runs:  # keep only the last repetition's output
                    for r in earlier:
                        r.stdout = r.stderr = ""
                m.runs.append(reps)


# ---------------------------------------------------------------------------------------
# peers


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class Peer:
    name: str
    version: str | None = None
    command: list[str] | None = None  # how to start it, before its arguments
    problem: str | None = None  # why it is missing

    @property
    def ok(self) -> bool:
        return self.command is not None and self.problem is None


def _run_setup(cmd: Sequence[str], cwd: Path | None, timeout: float) -> str | None:
    """Run an install command; return None on success or a short reason."""
    log(f"  $ {shlex.join(cmd)}")
    try:
        done = subprocess.run(
            list(cmd), cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
        )
    except FileNotFoundError as exc:
        return f"{cmd[0]} not found ({exc})"
    except subprocess.TimeoutExpired:
        return f"timed out after {timeout:.0f} s"
    if done.returncode != 0:
        tail = (done.stderr.strip() or done.stdout.strip())[-600:]
        return f"exit {done.returncode}: {tail}"
    return None


def install_ajv(*, install: bool, timeout: float = 300.0) -> Peer:
    """ajv-cli (the DPGA's own CI validator) from npm, into benchmarks/.peers/npm."""
    peer = Peer("ajv-cli")
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None:
        peer.problem = "node is not on PATH"
        return peer
    target = PEERS_DIR / "npm"
    manifest = BENCH_DIR / "package.json"
    stamp = target / ".installed-from"
    entry = target / "node_modules" / "ajv-cli" / "dist" / "index.js"
    fresh = entry.is_file() and stamp.is_file() and stamp.read_text() == _digest(manifest)
    if not fresh:
        if not install:
            peer.problem = f"not installed in {target} (and --no-install was given)"
            return peer
        if npm is None:
            peer.problem = "npm is not on PATH"
            return peer
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(manifest, target / "package.json")
        problem = _run_setup(
            [npm, "install", "--no-audit", "--no-fund", "--loglevel=error", "--no-save"],
            target,
            timeout,
        )
        if problem is None and not entry.is_file():
            problem = f"npm install succeeded but {entry} is missing"
        if problem is not None:
            peer.problem = f"npm install failed: {problem}"
            return peer
        stamp.write_text(_digest(manifest))
    versions = []
    for package in ("ajv-cli", "ajv", "ajv-formats"):
        with contextlib.suppress(OSError, ValueError):
            meta = json.loads((target / "node_modules" / package / "package.json").read_text())
            versions.append(f"{package} {meta['version']}")
    peer.version = ", ".join(versions)
    peer.command = [node, str(entry)]
    return peer


def install_check_jsonschema(*, python: str, install: bool, timeout: float = 600.0) -> Peer:
    """check-jsonschema from PyPI, into its own venv benchmarks/.peers/venv."""
    peer = Peer("check-jsonschema")
    venv = PEERS_DIR / "venv"
    requirements = BENCH_DIR / "requirements.txt"
    vpython = venv / "bin" / "python"
    exe = venv / "bin" / "check-jsonschema"
    stamp = venv / ".installed-from"
    fresh = exe.is_file() and stamp.is_file() and stamp.read_text() == _digest(requirements)
    if not fresh:
        if not install:
            peer.problem = f"not installed in {venv} (and --no-install was given)"
            return peer
        if not vpython.is_file():
            problem = _run_setup([python, "-m", "venv", str(venv)], None, timeout)
            if problem is not None:
                peer.problem = f"could not create the venv: {problem}"
                return peer
        problem = _run_setup(
            [
                str(vpython),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-r",
                str(requirements),
            ],
            None,
            timeout,
        )
        if problem is None and not exe.is_file():
            problem = f"pip install succeeded but {exe} is missing"
        if problem is not None:
            peer.problem = f"pip install failed: {problem}"
            return peer
        stamp.write_text(_digest(requirements))
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        out = subprocess.run(
            [str(exe), "--version"], capture_output=True, text=True, timeout=60, check=False
        ).stdout.strip()
        peer.version = out.rsplit(" ", 1)[-1] if out else None
    peer.command = [str(exe)]
    return peer


# ---------------------------------------------------------------------------------------
# the corpus


def corpus_files(corpus: Path, folders: Sequence[str] = GROUPS) -> list[Path]:
    files: list[Path] = []
    for folder in folders:
        files.extend(sorted((corpus / folder).glob("*.json")))
    return files


def _kebab_suffix(copy: int, mode: str) -> str:
    if copy == 0:
        return ""
    # verbatim: the brief's "name--copy3"; renamed: "-copy3", which is what the DPGA's
    # file-name convention makes of the name "<name> copy3"
    return f"--copy{copy}" if mode == "verbatim" else f"-copy{copy}"


def _rename(text: str, copy: int) -> str:
    """Give copy ``copy`` of a record its own name and repository/website URLs, so that
    cross-record rules (same name, same repository) do not fire between the copies."""
    try:
        data = json.loads(text)
    except ValueError:
        return text
    if not isinstance(data, dict):
        return text
    tag = f"copy{copy}"
    if isinstance(data.get("name"), str):
        data["name"] = f"{data['name']} {tag}"
    for repo in data.get("repositories") or []:
        if isinstance(repo, dict) and isinstance(repo.get("url"), str):
            repo["url"] = repo["url"].rstrip("/") + f"-{tag}"
    if isinstance(data.get("website"), str):
        data["website"] = data["website"].rstrip("/") + f"/{tag}"
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@contextlib.contextmanager
def replicated_corpus(corpus: Path, factor: int, mode: str = "verbatim") -> Iterator[Path]:
    """A temporary copy of ``corpus`` with every file present ``factor`` times, in the same
    folder layout, under distinct names (``name.json``, ``name--copy1.json``, ...).
    Symbolic links are kept as links to the matching copy. Removed on exit."""
    tmp = Path(tempfile.mkdtemp(prefix=f"dpglint-bench-{factor}x-"))
    try:
        root = tmp / corpus.name
        for folder in GROUPS:
            source = corpus / folder
            if not source.is_dir():
                continue
            dest = root / folder
            dest.mkdir(parents=True)
            for path in sorted(source.glob("*.json")):
                text = None if path.is_symlink() else path.read_text(encoding="utf-8")
                for copy in range(factor):
                    name = f"{path.stem}{_kebab_suffix(copy, mode)}.json"
                    if path.is_symlink():
                        link = Path(os.readlink(path))
                        target = link.with_name(f"{link.stem}{_kebab_suffix(copy, mode)}.json")
                        (dest / name).symlink_to(target)
                        continue
                    assert text is not None
                    body = _rename(text, copy) if (mode == "renamed" and copy) else text
                    (dest / name).write_text(body, encoding="utf-8")
        yield root
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
