#!/usr/bin/env python3
"""Builds the SGEMM ratio table (markdown) from RESULT lines of SgemmTimer and gemm_dnnl.

Usage: python3 bench/gen/sgemm_table.py --ours ours_1.txt ours_2.txt --dnnl dnnl_1.txt dnnl_2.txt [--packed ours_packed.txt]
Each file holds the RESULT lines of one run (1 and 2 threads); the table shows the median over the
files of each side's GFLOP/s, the ratio ours / oneDNN, and our 2-thread / 1-thread speed-up.
"""
import argparse
import statistics


def load(files):
    out = {}
    for f in files:
        for line in open(f):
            if not line.startswith("RESULT,"):
                continue
            p = line.strip().split(",")
            threads, shape, gflops = int(p[3]), p[4], float(p[8])
            out.setdefault((threads, shape), []).append(gflops)
    return {k: statistics.median(v) for k, v in out.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ours", nargs="+", required=True)
    ap.add_argument("--dnnl", nargs="+", required=True)
    ap.add_argument("--packed", nargs="*", default=[])
    a = ap.parse_args()
    ours, dnnl = load(a.ours), load(a.dnnl)
    packed = load(a.packed) if a.packed else {}
    shapes = []
    for (t, s) in ours:
        if s not in shapes:
            shapes.append(s)
    head = "| MxNxK | jdnn 1T | oneDNN 1T | ratio 1T | jdnn 2T | oneDNN 2T | ratio 2T | jdnn 2T/1T |"
    sep = "|---|---:|---:|---:|---:|---:|---:|---:|"
    if packed:
        head += " packed-B 1T | ratio | packed-B 2T | ratio |"
        sep += "---:|---:|---:|---:|"
    print(head)
    print(sep)
    for s in shapes:
        o1, o2 = ours.get((1, s)), ours.get((2, s))
        d1, d2 = dnnl.get((1, s)), dnnl.get((2, s))
        row = f"| {s} | {o1:.1f} | {d1:.1f} | {o1 / d1:.2f} | {o2:.1f} | {d2:.1f} | {o2 / d2:.2f} | {o2 / o1:.2f} |"
        if packed:
            p1, p2 = packed.get((1, s)), packed.get((2, s))
            row += f" {p1:.1f} | {p1 / d1:.2f} | {p2:.1f} | {p2 / d2:.2f} |"
        print(row)


if __name__ == "__main__":
    main()
