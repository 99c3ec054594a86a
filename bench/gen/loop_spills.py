#!/usr/bin/env python3
"""Lists the FMA loops of C2-compiled methods and the vector spills inside them.

Without the hsdis plugin, -XX:+PrintAssembly prints a compiled method's machine code as hex words.
This script turns those words back into bytes, disassembles them with binutils' objdump, finds
the loops (backward jumps) whose bodies hold vector FMAs, and counts in each loop the vector
registers stored to or loaded from the stack (spills) and the general registers reloaded from it.

A micro-kernel's K loop should show no vector spills: each one puts a store and a reload on an
accumulator's dependency chain (an 8-row x 3-vector tile with 2-3 such spills ran at half speed).

Usage (from the repository root; the JVM's stdout to a file):

    java --add-modules jdk.incubator.vector -XX:+UnlockDiagnosticVMOptions -XX:CompileCommand=quiet \\
        '-XX:CompileCommand=print,dev.jdnn.engines.gemm.VectorMicroKernel::*' -cp ... <main> ... > log.txt
    python3 bench/gen/loop_spills.py log.txt [--min-fma 12] [--max-insns 250] [--only-spills]

One line per loop: method (OSR compiles marked), FMAs, instructions, vector spill stores and
loads, general-register reloads. A loop that spans more than --max-insns instructions is left out
(an outer loop around the K loop and the stores, not the K loop itself).
"""
import argparse
import re
import subprocess
import sys
import tempfile

NMETHOD = "============================= C2-compiled nmethod"
HEADER = re.compile(r"Compiled method \(c2\)\s+\d+\s+\d+\s+(%?)\s*\d\s+(\S+) ")
CODE_LINE = re.compile(r"\s+0x([0-9a-f]+):\s+([0-9a-f| ]+)$")
INSN = re.compile(r"\s+([0-9a-f]+):")
BACK_JUMP = re.compile(r"\sj\w+\s+0x([0-9a-f]+)")
VEC_SPILL_STORE = re.compile(r"vmov\w+\s+%[xyz]mm\d+,-?0x[0-9a-f]+\(%rsp\)")
VEC_SPILL_LOAD = re.compile(r"vmov\w+\s+-?0x[0-9a-f]+\(%rsp\),%[xyz]mm")
GPR_RELOAD = re.compile(r"mov\w?\s+-?0x[0-9a-f]+\(%rsp\),%[re]")


def machine_code(block):
    """The method's code bytes and the address of the first."""
    start, data = None, bytearray()
    for line in block.split("[MachCode]", 1)[1].splitlines():
        m = CODE_LINE.match(line)
        if not m:
            continue
        addr, words = int(m.group(1), 16), m.group(2).replace("|", "").replace(" ", "")
        if not words:
            continue
        if start is None:
            start = addr
        if addr > start + len(data):  # a gap (an annotation split the dump): keep addresses exact
            data += b"\x00" * (addr - start - len(data))
        data += bytes.fromhex(words)
    return start, bytes(data)


def disassemble(start, code):
    """(address, text) of each instruction."""
    with tempfile.NamedTemporaryFile(suffix=".bin") as f:
        f.write(code)
        f.flush()
        out = subprocess.run(["objdump", "-D", "-b", "binary", "-mi386:x86-64", f"--adjust-vma={start:#x}", f.name],
                             capture_output=True, text=True, check=True).stdout
    insns = []
    for line in out.splitlines():
        m = INSN.match(line)
        if m:
            insns.append((int(m.group(1), 16), line))
    return insns


def loops(insns, min_fma, max_insns):
    """(first, last, body) of each backward jump's body with at least min_fma FMAs."""
    for i, (addr, text) in enumerate(insns):
        m = BACK_JUMP.search(text)
        if not m:
            continue
        target = int(m.group(1), 16)
        if target >= addr:
            continue
        body = [t for a, t in insns[: i + 1] if a >= target]
        if len(body) <= max_insns and sum("vfmadd" in t for t in body) >= min_fma:
            yield target, addr, body


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("log")
    p.add_argument("--min-fma", type=int, default=12)
    p.add_argument("--max-insns", type=int, default=250)
    p.add_argument("--only-spills", action="store_true", help="only loops with vector spills")
    a = p.parse_args()
    text = open(a.log, errors="replace").read()
    found = 0
    for block in text.split(NMETHOD)[1:]:
        h = HEADER.search(block)
        if not h or "[MachCode]" not in block:
            continue
        name = h.group(2) + (" (OSR)" if h.group(1) else "")
        start, code = machine_code(block)
        if start is None:
            continue
        for first, last, body in loops(disassemble(start, code), a.min_fma, a.max_insns):
            st = sum(bool(VEC_SPILL_STORE.search(t)) for t in body)
            ld = sum(bool(VEC_SPILL_LOAD.search(t)) for t in body)
            gp = sum(bool(GPR_RELOAD.search(t)) for t in body)
            if a.only_spills and st + ld == 0:
                continue
            found += 1
            fma = sum("vfmadd" in t for t in body)
            print(f"{name}  loop {first:#x}-{last:#x}: {fma} FMAs, {len(body)} instructions, "
                  f"vector spills {st} stored / {ld} loaded, {gp} general-register reloads")
    if found == 0:
        print("no loops found" + (" with vector spills" if a.only_spills else ""), file=sys.stderr)


if __name__ == "__main__":
    main()
