#!/usr/bin/env python3
"""Time dpglint on the DPGA registry against the DPGA's own validator (ajv-cli) and
check-jsonschema, side by side, in one run.

    python benchmarks/run.py                 # everything, median of 5 after a warm-up
    python benchmarks/run.py -n 3 --sections corpus,hook
    python benchmarks/run.py --help

It installs its peers into benchmarks/.peers/ (npm ajv-cli + ajv-formats, and a venv with
check-jsonschema) and runs dpglint from the interpreter it is started with (or the
repository's .venv). See benchmarks/README.md for what is measured and the targets.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import (
    NOMINEE_FOLDERS,
    PEERS_DIR,
    REPO_DIR,
    SCREENING_FOLDERS,
    Measurement,
    Peer,
    Step,
    corpus_files,
    install_ajv,
    install_check_jsonschema,
    log,
    measure,
    replicated_corpus,
    run_once,
    use_bytecode_cache,
)

SECTIONS = ("corpus", "hook", "scaling")
NOMINEE_SCHEMA = REPO_DIR / "schemas" / "dpga" / "nominee-schema.json"
SCREENING_SCHEMA = REPO_DIR / "schemas" / "dpga" / "screening-schema.json"

TARGETS = {
    "corpus_vs_ajv": 1.0,
    "corpus_vs_cjs": 0.75,
    "hook_vs_cjs": 0.8,
    "scaling_flat": 1.2,
    "rss_16x_mb": 150.0,
}


# ---------------------------------------------------------------------------------------
# setup


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    default_corpus = os.environ.get(
        "DPGLINT_BENCH_CORPUS", str(REPO_DIR.parent / "shared" / "corpus" / "dpga-registry")
    )
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument(
        "--corpus",
        type=Path,
        default=Path(default_corpus),
        help="a DPGA-style registry (nominees/, digitalpublicgoods/, archive/, "
        "excluded-nominees/) [default: $DPGLINT_BENCH_CORPUS, else "
        "../shared/corpus/dpga-registry beside the repository]",
    )
    p.add_argument(
        "-n",
        "--repetitions",
        type=int,
        default=5,
        help="timed runs per command; the median is reported [default: 5]",
    )
    p.add_argument("--no-warmup", action="store_true", help="skip the warm-up round")
    p.add_argument(
        "--budget",
        type=float,
        default=300.0,
        help="seconds one process may take before it is killed and the measurement "
        "dropped [default: 300]",
    )
    p.add_argument(
        "--sections",
        default=",".join(SECTIONS),
        help=f"comma-separated subset of {', '.join(SECTIONS)} [default: all]",
    )
    p.add_argument(
        "--factors", default="1,4,16", help="scaling: corpus replication factors [default: 1,4,16]"
    )
    p.add_argument(
        "--copies",
        choices=("verbatim", "renamed", "both"),
        default="verbatim",
        help="scaling: verbatim copies (every record is then a duplicate of its copies, "
        "a worst case for cross-record rules) or renamed copies (own name and repository "
        "URL per copy) [default: verbatim]",
    )
    p.add_argument(
        "--jobs",
        type=int,
        default=2,
        help="scaling: N for `--jobs N`, timed "
        "at the largest factor when `dpglint check --help` lists --jobs "
        "[default: 2]",
    )
    p.add_argument(
        "--one-file",
        type=Path,
        help="hook: the record to lint [default: the nominee of median size]",
    )
    p.add_argument(
        "--python",
        help="interpreter that has dpglint installed [default: this "
        "one, else the repository's .venv]",
    )
    p.add_argument(
        "--dpglint-src",
        type=Path,
        help="run dpglint from this source tree "
        "(put first on PYTHONPATH), e.g. a `git archive` of another commit, to "
        "compare two versions",
    )
    p.add_argument(
        "--no-install",
        action="store_true",
        help="use the peers already in benchmarks/.peers; skip those that are not there",
    )
    p.add_argument(
        "--keep-bytecode-env",
        action="store_true",
        help="do not set PYTHONPYCACHEPREFIX / drop PYTHONDONTWRITEBYTECODE for the children",
    )
    p.add_argument("--markdown", type=Path, help="also write the markdown report here")
    p.add_argument("--json", type=Path, help="also write every figure as JSON here")
    args = p.parse_args(argv)
    args.sections = [s.strip() for s in args.sections.split(",") if s.strip()]
    unknown = set(args.sections) - set(SECTIONS)
    if unknown:
        p.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    args.factors = sorted({int(f) for f in args.factors.split(",") if f.strip()})
    if args.repetitions < 1:
        p.error("--repetitions must be at least 1")
    return args


def find_python(args: argparse.Namespace, env: dict[str, str]) -> str:
    candidates = (
        [args.python]
        if args.python
        else [sys.executable, str(REPO_DIR / ".venv" / "bin" / "python")]
    )
    for python in candidates:
        if not python or not Path(python).exists():
            continue
        probe = subprocess.run(
            [python, "-c", "import dpglint"], env=env, capture_output=True, check=False
        )
        if probe.returncode == 0:
            return python
    sys.exit(
        "run.py: no interpreter with dpglint installed: run it with the project's venv "
        "(.venv/bin/python benchmarks/run.py) or pass --python"
    )


def dpglint_command(python: str) -> list[str]:
    """The console script beside the interpreter (what a shell or pre-commit runs), else
    ``python -m dpglint``."""
    script = Path(python).parent / "dpglint"
    if script.is_file():
        return [str(script)]
    return [python, "-m", "dpglint"]


def tool_output(cmd: list[str], env: dict[str, str] | None = None) -> str:
    try:
        done = subprocess.run(
            cmd, env=env, capture_output=True, text=True, timeout=120, check=False
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return f"({exc})"
    return (done.stdout or done.stderr).strip()


def machine_info(python: str, env: dict[str, str], peers: list[Peer]) -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 0
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError):
        pass
    git = tool_output(["git", "-C", str(REPO_DIR), "rev-parse", "--short", "HEAD"])
    dirty = tool_output(["git", "-C", str(REPO_DIR), "status", "--porcelain", "--", "dpglint"])
    info = {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "os": f"{platform.system()} {platform.release()}",
        "cpu": f"{cpu}; {os.cpu_count()} CPUs ({usable} usable)",
        "memory": mem,
        "python (dpglint)": tool_output(
            [python, "-c", "import sys; print(sys.version.split()[0])"]
        ),
        "dpglint": tool_output([*dpglint_command(python), "--version"], env)
        + (
            f" (from {env['PYTHONPATH']})"
            if env.get("PYTHONPATH")
            else f" (git {git}{', dpglint/ modified' if dirty else ''})"
        ),
        "jsonschema (dpglint's)": tool_output(
            [python, "-c", "import importlib.metadata as m; print(m.version('jsonschema'))"]
        ),
        "node": tool_output(["node", "--version"]) if shutil.which("node") else "(none)",
    }
    for peer in peers:
        info[peer.name] = peer.version if peer.ok else f"SKIPPED: {peer.problem}"
    return info


# ---------------------------------------------------------------------------------------
# result helpers


def ajv_valid(m: Measurement) -> str:
    runs = m.last()
    if not runs:
        return ""
    valid = sum(len(re.findall(r" valid$", r.stdout, re.M)) for r in runs)
    invalid = sum(len(re.findall(r" invalid$", r.stdout + r.stderr, re.M)) for r in runs)
    return f"{valid} valid, {invalid} invalid"


def cjs_valid(m: Measurement, total: int) -> str:
    runs = m.last()
    if not runs:
        return ""
    bad = set()
    for r in runs:
        for line in (r.stdout + r.stderr).splitlines():
            match = re.match(r"\s+(.+?\.json)::", line)
            if match:
                bad.add(match.group(1))
    return f"{total - len(bad)} valid, {len(bad)} invalid"


def dpglint_result(m: Measurement) -> str:
    runs = m.last()
    if not runs:
        return ""
    lines = [ln for ln in runs[-1].stdout.splitlines() if ln.strip()]
    files = {ln.split(":", 1)[0] for ln in lines if ".json:" in ln}
    return f"{len(lines)} findings in {len(files)} files, exit {runs[-1].returncode}"


def fmt(value: float | None, pattern: str = "{:.3f}") -> str:
    return "—" if value is None else pattern.format(value)


# (name, value from the medians, target, operator, value from the minimums)
RatioRow = tuple[str, float | None, float, str, float | None]


def ratio(a: Measurement | None, b: Measurement | None) -> float | None:
    if a is None or b is None or a.median is None or not b.median:
        return None
    return a.median / b.median


def ratio_min(a: Measurement | None, b: Measurement | None) -> float | None:
    if a is None or b is None or a.minimum is None or not b.minimum:
        return None
    return a.minimum / b.minimum


# ---------------------------------------------------------------------------------------
# sections


def section_corpus(
    args: argparse.Namespace, dp: list[str], env: dict[str, str], ajv: Peer, cjs: Peer
) -> tuple[list[Measurement], list[RatioRow]]:
    corpus = args.corpus
    nominee_files = corpus_files(corpus, NOMINEE_FOLDERS)
    screening_files = corpus_files(corpus, SCREENING_FOLDERS)
    total = len(nominee_files) + len(screening_files)
    ms: list[Measurement] = []
    dpg = Measurement(
        "corpus.dpglint",
        "dpglint check (all offline rules)",
        "dpglint",
        [
            Step(
                [*dp, "check", "--no-files", "-q", "--fail-on", "never", str(corpus)],
                env=env,
                ok_codes=(0,),
            )
        ],
        files=total,
    )
    ms.append(dpg)
    a = None
    if ajv.ok:
        assert ajv.command is not None
        common = [*ajv.command, "validate", "--spec=draft7", "--strict=false", "-c", "ajv-formats"]
        a = Measurement(
            "corpus.ajv",
            "ajv validate (2 schemas)",
            "ajv-cli",
            [
                Step(
                    [
                        *common,
                        "-s",
                        str(NOMINEE_SCHEMA),
                        *(x for f in NOMINEE_FOLDERS for x in ("-d", f"{corpus / f}/*.json")),
                    ]
                ),
                Step(
                    [
                        *common,
                        "-s",
                        str(SCREENING_SCHEMA),
                        *(x for f in SCREENING_FOLDERS for x in ("-d", f"{corpus / f}/*.json")),
                    ]
                ),
            ],
            files=total,
        )
        ms.append(a)
    c = None
    if cjs.ok:
        assert cjs.command is not None
        c = Measurement(
            "corpus.cjs",
            "check-jsonschema (2 schemas)",
            "check-jsonschema",
            [
                Step(
                    [*cjs.command, "--schemafile", str(NOMINEE_SCHEMA), *map(str, nominee_files)],
                    display=shlex.join([*cjs.command, "--schemafile", str(NOMINEE_SCHEMA)])
                    + "".join(f" {shlex.quote(str(corpus / f))}/*.json" for f in NOMINEE_FOLDERS),
                ),
                Step(
                    [
                        *cjs.command,
                        "--schemafile",
                        str(SCREENING_SCHEMA),
                        *map(str, screening_files),
                    ],
                    display=shlex.join([*cjs.command, "--schemafile", str(SCREENING_SCHEMA)])
                    + "".join(f" {shlex.quote(str(corpus / f))}/*.json" for f in SCREENING_FOLDERS),
                ),
            ],
            files=total,
        )
        ms.append(c)
    log(f"[corpus] {total} files in {corpus}")
    measure(ms, repetitions=args.repetitions, warmup=not args.no_warmup, budget=args.budget)
    if a is not None:
        a.label += f" — {ajv_valid(a)}"
    if c is not None:
        c.label += f" — {cjs_valid(c, total)}"
    dpg.label += f" — {dpglint_result(dpg)}"
    ratios = [
        (
            "whole corpus: dpglint / ajv",
            ratio(dpg, a),
            TARGETS["corpus_vs_ajv"],
            "≤",
            ratio_min(dpg, a),
        ),
        (
            "whole corpus: dpglint / check-jsonschema",
            ratio(dpg, c),
            TARGETS["corpus_vs_cjs"],
            "≤",
            ratio_min(dpg, c),
        ),
    ]
    return ms, ratios


def pick_one_file(args: argparse.Namespace) -> Path:
    if args.one_file:
        return args.one_file.resolve()
    nominees = sorted(
        (args.corpus / "nominees").glob("*.json"), key=lambda p: (p.stat().st_size, p.name)
    )
    if not nominees:
        sys.exit(f"run.py: no nominees/*.json in {args.corpus}")
    return nominees[len(nominees) // 2].resolve()


def importtime_top(python: str, env: dict[str, str], one: Path, top: int = 10) -> list[str]:
    run = run_once(
        [python, "-X", "importtime", "-m", "dpglint", "check", "--no-files", "-q", str(one)],
        env=env,
        budget=120,
        cwd=PEERS_DIR,  # not the checkout: `-m` puts the working directory first on sys.path
    )
    rows = []
    for line in run.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)", line)
        if m:
            depth = (len(m.group(3)) - 1) // 2  # one space, then two per nesting level
            rows.append((int(m.group(1)), int(m.group(2)), depth, m.group(4)))
    if not rows:
        return ["(no -X importtime output)"]
    total_self = sum(r[0] for r in rows)
    out = [
        f"{len(rows)} modules imported, {total_self / 1000:.0f} ms of import time in all "
        f"(self times added up; -X importtime itself slows imports down)"
    ]
    out.append(f"{top} biggest cumulative imports (ms, depth, module):")
    for _self, cum_us, depth, name in sorted(rows, key=lambda r: -r[1])[:top]:
        out.append(f"  {cum_us / 1000:8.1f}  {depth:2d}  {name}")
    by_package: Counter[str] = Counter()
    for self_us, _, _, name in rows:
        by_package[name.split(".")[0]] += self_us
    out.append(f"{top} biggest top-level packages by self time added up (ms):")
    for name, us in by_package.most_common(top):
        out.append(f"  {us / 1000:8.1f}  {name}")
    return out


def section_hook(
    args: argparse.Namespace, python: str, dp: list[str], env: dict[str, str], cjs: Peer
) -> tuple[list[Measurement], list[RatioRow], list[str], Path]:
    one = pick_one_file(args)
    ms = [
        Measurement(
            "hook.dpglint",
            "dpglint check, one file",
            "dpglint",
            [Step([*dp, "check", "--no-files", "-q", str(one)], env=env)],
            files=1,
        ),
    ]
    c = None
    if cjs.ok:
        assert cjs.command is not None
        c = Measurement(
            "hook.cjs",
            "check-jsonschema, one file",
            "check-jsonschema",
            [Step([*cjs.command, "--schemafile", str(NOMINEE_SCHEMA), str(one)])],
            files=1,
        )
        ms.append(c)
    floor_pass = Measurement(
        "hook.floor.pass",
        "floor: python -c pass",
        "python",
        [Step([python, "-c", "pass"], ok_codes=(0,))],
        files=1,
    )
    floor_imports = Measurement(
        "hook.floor.imports",
        "floor: python -c 'import jsonschema, yaml, click'",
        "python",
        [Step([python, "-c", "import jsonschema, yaml, click"], ok_codes=(0,))],
        files=1,
    )
    ms += [floor_pass, floor_imports]
    log(f"[hook] one file: {one}")
    measure(ms, repetitions=args.repetitions, warmup=not args.no_warmup, budget=args.budget)
    ms[0].label += f" — {dpglint_result(ms[0])}"
    if c is not None:
        c.label += f" — {cjs_valid(c, 1)}"
    dpg = ms[0]
    ratios: list[RatioRow] = [
        (
            "one file: dpglint / check-jsonschema",
            ratio(dpg, c),
            TARGETS["hook_vs_cjs"],
            "≤",
            ratio_min(dpg, c),
        )
    ]
    notes = []
    if dpg.median is not None and floor_imports.median is not None and floor_pass.median:
        notes.append(
            f"dpglint one file = {dpg.median * 1000:.0f} ms; interpreter start "
            f"{floor_pass.median * 1000:.0f} ms; + jsonschema, yaml, click imports "
            f"{floor_imports.median * 1000:.0f} ms; dpglint is "
            f"{(dpg.median - floor_imports.median) * 1000:.0f} ms above that floor "
            f"({dpg.median / floor_imports.median:.2f}x the floor)"
        )
    log("[hook] -X importtime ...")
    notes += importtime_top(python, env, one)
    return ms, ratios, notes, one


def section_scaling(
    args: argparse.Namespace, dp: list[str], env: dict[str, str]
) -> tuple[list[Measurement], list[RatioRow], list[str]]:
    help_text = tool_output([*dp, "check", "--help"], env)
    has_jobs = "--jobs" in help_text
    modes = ["verbatim", "renamed"] if args.copies == "both" else [args.copies]
    ms: list[Measurement] = []
    ratios: list[RatioRow] = []
    notes = []
    base = len(corpus_files(args.corpus))
    for mode in modes:
        by_factor: dict[int, Measurement] = {}
        jobs_m = None
        for factor in args.factors:
            log(f"[scaling] {factor}x ({mode} copies) ...")
            with replicated_corpus(args.corpus, factor, mode) as root:
                files = len(corpus_files(root))
                cmd = [*dp, "check", "--no-files", "-q", "--fail-on", "never", str(root)]
                m = Measurement(
                    f"scaling.{mode}.{factor}x",
                    f"dpglint {factor}x ({files} files, {mode})",
                    "dpglint",
                    [Step(cmd, env=env, ok_codes=(0,))],
                    files=files,
                )
                todo = [m]
                if has_jobs and factor == max(args.factors):
                    jobs_m = Measurement(
                        f"scaling.{mode}.{factor}x.jobs{args.jobs}",
                        f"dpglint {factor}x --jobs {args.jobs} ({mode})",
                        "dpglint",
                        [
                            Step(
                                [*dp, "check", "--jobs", str(args.jobs), *cmd[len(dp) + 1 :]],
                                env=env,
                                ok_codes=(0,),
                            )
                        ],
                        files=files,
                    )
                    todo.append(jobs_m)
                measure(
                    todo,
                    repetitions=args.repetitions,
                    warmup=not args.no_warmup,
                    budget=args.budget,
                )
                for t in todo:
                    t.label += f" — {dpglint_result(t)}"
                    # the temp dir is gone after this block: show the command with a
                    # placeholder path so it can be pasted
                    for s in t.steps:
                        s.display = shlex.join(
                            f"<tmp {factor}x>/{args.corpus.name}" if x == str(root) else x
                            for x in s.cmd
                        )
                ms += todo
                by_factor[factor] = m
        per_file = [m.per_file_ms for m in by_factor.values() if m.per_file_ms]
        per_file_min = [m.minimum / m.files for m in by_factor.values() if m.minimum and m.files]
        if len(per_file) >= 2:
            ratios.append(
                (
                    f"scaling ({mode}): max/min time per file",
                    max(per_file) / min(per_file),
                    TARGETS["scaling_flat"],
                    "≤",
                    max(per_file_min) / min(per_file_min) if len(per_file_min) >= 2 else None,
                )
            )
        lo, hi = min(by_factor), max(by_factor)
        if lo != hi and by_factor[lo].median is not None and by_factor[hi].median is not None:
            slope = (
                (by_factor[hi].median - by_factor[lo].median)
                / ((by_factor[hi].files or 0) - (by_factor[lo].files or 0))
                * 1000
            )
            fixed = by_factor[lo].median - slope / 1000 * (by_factor[lo].files or 0)
            notes.append(
                f"{mode}: marginal cost {slope:.3f} ms per extra file; fixed cost "
                f"(start-up, imports, schema compile) ≈ {fixed * 1000:.0f} ms"
            )
        top = by_factor.get(hi)
        if top is not None:
            ratios.append(
                (
                    f"scaling ({mode}): peak RSS at {hi}x (MB)",
                    top.peak_rss_mb,
                    TARGETS["rss_16x_mb"],
                    "<",
                    None,
                )
            )
        if jobs_m is not None:
            ratios.append(
                (
                    f"scaling ({mode}): --jobs {args.jobs} / serial at {hi}x",
                    ratio(jobs_m, top),
                    1.0,
                    "<",
                    ratio_min(jobs_m, top),
                )
            )
    if not has_jobs:
        notes.append("`dpglint check --help` lists no --jobs: not timed")
    notes.append(f"(1x = {base} files)")
    return ms, ratios, notes


# ---------------------------------------------------------------------------------------
# report


def table(ms: list[Measurement], markdown: bool) -> list[str]:
    head = ["measurement", "median s", "min s", "spread", "ms/file", "peak RSS MB", "CPU s"]
    rows = []
    for m in ms:
        if m.error is not None and not m.runs:
            rows.append([m.label, "FAILED", "", "", "", "", ""])
            continue
        rows.append(
            [
                m.label,
                fmt(m.median),
                fmt(m.minimum),
                fmt(m.spread, "{:.0%}"),
                fmt(m.per_file_ms, "{:.2f}") if (m.files or 0) > 1 else "",
                fmt(m.peak_rss_mb, "{:.0f}"),
                fmt(m.cpu_median, "{:.2f}"),
            ]
        )
    if markdown:
        out = [
            "| " + " | ".join(head) + " |",
            "|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|",
        ]
        out += ["| " + " | ".join(r) + " |" for r in rows]
        return out
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    line = lambda r: "  ".join(  # noqa: E731
        str(c).ljust(widths[i]) if i == 0 else str(c).rjust(widths[i]) for i, c in enumerate(r)
    )
    return [line(head), line(["-" * w for w in widths]), *map(line, rows)]


def ratio_table(ratios: list[RatioRow], markdown: bool) -> list[str]:
    rows = []
    for name, value, target, op, by_min in ratios:
        if value is None:
            rows.append([name, "—", "—", f"{op} {target:g}", "not measured"])
            continue
        met = value <= target if op == "≤" else value < target
        verdict = "met" if met else "MISSED"
        rows.append([name, f"{value:.2f}", fmt(by_min, "{:.2f}"), f"{op} {target:g}", verdict])
    head = ["ratio", "medians", "minimums", "target", "(medians)"]
    if markdown:
        return [
            "| " + " | ".join(head) + " |",
            "|---|---:|---:|---|---|",
            *("| " + " | ".join(r) + " |" for r in rows),
        ]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    return ["  ".join(c.ljust(widths[i]) for i, c in enumerate(r)) for r in [head, *rows]]


def report(
    args: argparse.Namespace,
    info: dict[str, str],
    sections: list[tuple[str, list[Measurement], list[str]]],
    ratios: list[RatioRow],
    markdown: bool,
) -> str:
    out: list[str] = []
    h = (lambda t: f"### {t}") if markdown else (lambda t: f"== {t} ==")
    out.append(h("dpglint benchmark"))
    out.append("")
    reps = f"median of {args.repetitions}" + ("" if args.no_warmup else " after a warm-up run")
    out.append(
        f"Wall clock of the whole command, process start included; {reps}. "
        "spread = (max - min) / median. Peak RSS and CPU from wait4 of each child."
    )
    out.append("")
    for key, value in info.items():
        out.append(f"- {key}: {value}" if markdown else f"  {key:24} {value}")
    for title, ms, notes in sections:
        out.append("")
        out.append(h(title))
        out.append("")
        out += table(ms, markdown)
        if notes:
            out.append("")
            if markdown:
                out.append("```")
            out += notes
            if markdown:
                out.append("```")
        failed = [m for m in ms if m.error]
        for m in failed:
            out.append(f"{'- ' if markdown else '  '}FAILED {m.label}: {m.error}")
    out.append("")
    out.append(h("ratios vs targets"))
    out.append("")
    out += ratio_table(ratios, markdown)
    out.append("")
    out.append(h("commands"))
    out.append("")
    if markdown:
        out.append("```sh")
    for _, ms, _ in sections:
        for m in ms:
            for s in m.steps:
                out.append(f"{s.shell()}")
    if markdown:
        out.append("```")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.corpus = args.corpus.resolve()
    if not all((args.corpus / g).is_dir() for g in ("nominees", "digitalpublicgoods")):
        sys.exit(
            f"run.py: {args.corpus} is not a DPGA registry (no nominees/ or "
            "digitalpublicgoods/); pass --corpus"
        )
    bytecode = (
        use_bytecode_cache()
        if not args.keep_bytecode_env
        else "as the environment says (--keep-bytecode-env)"
    )
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    if args.dpglint_src:
        env["PYTHONPATH"] = str(args.dpglint_src.resolve())
    env.pop("GITHUB_ACTIONS", None)  # --format auto would pick `github`
    python = find_python(args, env)
    dp = dpglint_command(python)

    log("[peers] installing into benchmarks/.peers (skipped when up to date) ...")
    ajv = install_ajv(install=not args.no_install)
    cjs = install_check_jsonschema(python=python, install=not args.no_install)
    for peer in (ajv, cjs):
        state = (peer.version or "ok") if peer.ok else f"SKIPPED: {peer.problem}"
        log(f"  {peer.name}: {state}")
    info = machine_info(python, env, [ajv, cjs])
    info["python bytecode"] = bytecode

    sections: list[tuple[str, list[Measurement], list[str]]] = []
    ratios: list[RatioRow] = []
    try:
        if "corpus" in args.sections:
            ms, r = section_corpus(args, dp, env, ajv, cjs)
            sections.append(("a. whole corpus", ms, []))
            ratios += r
        if "hook" in args.sections:
            ms, r, notes, one = section_hook(args, python, dp, env, cjs)
            sections.append((f"b. one file as a pre-commit hook runs it ({one.name})", ms, notes))
            ratios += r
        if "scaling" in args.sections:
            ms, r, notes = section_scaling(args, dp, env)
            sections.append(("c. scaling", ms, notes))
            ratios += r
    except KeyboardInterrupt:
        log("interrupted: reporting what was measured")

    text = report(args, info, sections, ratios, markdown=False)
    md = report(args, info, sections, ratios, markdown=True)
    print(text)
    print()
    print("---- markdown ----")
    print(md)
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(md + "\n", encoding="utf-8")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(
                {
                    "machine": info,
                    "repetitions": args.repetitions,
                    "measurements": [m.to_json() for _, ms, _ in sections for m in ms],
                    "ratios": [
                        {"name": n, "value": v, "target": t, "op": o, "by_min": vm}
                        for n, v, t, o, vm in ratios
                    ],
                },
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
    failed = any(m.error for _, ms, _ in sections for m in ms if not m.runs)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
