#!/usr/bin/env python3
"""Times jdnn and oneDNN on the same benchdnn problems, alternating, and prints a ratio table.

    python3 bench/gen/compare_onednn.py --onednn ../shared/anchors/native/build/onednn_bench \\
        --threads 1,2 --rounds 3 -- --matmul --batch=../shared/benchdnn-inputs/matmul/shapes_bert

Everything after `--` is passed to both drivers (benchdnn syntax: driver, --dir, --mb, descriptors,
--batch). For each thread count and round it runs jdnn (bench/jdnn-bench, performance mode, its
median per problem; by default the problems twice in one JVM, the second pass reported:
--jdnn-passes) then oneDNN (onednn_bench's CSV median_ms), and reports per problem the
median over rounds of each side, GFLOP/s, and jdnn / oneDNN speed. Problems are matched by their
order (both drivers read the same batch in the same order). Run it under
`flock /tmp/jdnn-cpu.lock` on a shared machine: nothing else should run meanwhile.
"""
import argparse
import csv
import io
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run_jdnn(args, threads, max_ms, passes):
    """jdnn's perf rows for args; with passes > 1 the problems run that many times in one JVM and the
    last pass is reported: a long-running process's steady state (the first pass of a fresh JVM also
    measures C2 compiling and recompiling the code paths each new problem reaches)."""
    cmd = [os.path.join(ROOT, "bench", "jdnn-bench"), "--mode=P", f"--threads={threads}", f"--max-ms-per-prb={max_ms}",
           "--perf-template=perf,%impl%,%desc%,%Gops%,%=time%"] + args * passes
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines():
        if line.startswith("perf,"):
            f = next(csv.reader([line]))
            rows.append({"impl": f[1], "desc": f[2], "gops": float(f[3]), "ms": float(f[4])})
    return rows[len(rows) - len(rows) // passes:]


def run_onednn(binary, args, threads, max_ms):
    cmd = [binary, f"--threads={threads}", f"--max-ms-per-prb={max_ms}"] + args
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OMP_PROC_BIND="true", OMP_PLACES="cores")
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env).stdout
    rows = []
    for rec in csv.DictReader(io.StringIO("\n".join(l for l in out.splitlines() if not l.startswith("#")))):
        if rec.get("median_ms"):
            rows.append({"impl": rec["impl"], "desc": rec["problem"], "ms": float(rec["median_ms"])})
    return rows


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--onednn", required=True, help="path of onednn_bench")
    p.add_argument("--threads", default="1,2")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--max-ms", type=int, default=1000)
    p.add_argument("--jdnn-passes", type=int, default=2,
                   help="jdnn runs the problems this many times in one JVM and reports the last pass")
    p.add_argument("problem", nargs=argparse.REMAINDER)
    a = p.parse_args()
    args = a.problem[1:] if a.problem and a.problem[0] == "--" else a.problem
    for t in [int(x) for x in a.threads.split(",")]:
        ours, theirs = [], []
        for _ in range(a.rounds):
            ours.append(run_jdnn(args, t, a.max_ms, a.jdnn_passes))
            theirs.append(run_onednn(a.onednn, args, t, a.max_ms))
        n = min(len(ours[0]), len(theirs[0]))
        if len(ours[0]) != len(theirs[0]):
            print(f"warning: jdnn ran {len(ours[0])} problems, oneDNN {len(theirs[0])}", file=sys.stderr)
        print(f"\n{t} thread(s), medians of {a.rounds} alternating rounds\n")
        print("| problem | jdnn impl | jdnn ms | jdnn GFLOP/s | oneDNN impl | oneDNN ms | oneDNN GFLOP/s | jdnn/oneDNN |")
        print("|---|---|---:|---:|---|---:|---:|---:|")
        total_o, total_t = 0.0, 0.0
        for i in range(n):
            ms_o = statistics.median(r[i]["ms"] for r in ours)
            ms_t = statistics.median(r[i]["ms"] for r in theirs)
            gops = ours[0][i]["gops"]
            total_o += ms_o
            total_t += ms_t
            print(f"| {ours[0][i]['desc']} | {ours[0][i]['impl']} | {ms_o:.3f} | {gops / ms_o * 1e3:.1f} | "
                  f"{theirs[0][i]['impl']} | {ms_t:.3f} | {gops / ms_t * 1e3:.1f} | {ms_t / ms_o:.2f} |")
        print(f"| total | | {total_o:.3f} | | | {total_t:.3f} | | {total_t / total_o:.2f} |")


if __name__ == "__main__":
    main()
