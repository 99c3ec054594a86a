#!/usr/bin/env python3
"""Writes the JSON op-test corpus (all of src/test/resources/ops except conv/basic.json).

    python3 src/test/resources/ops/tools/make_corpus.py

Expected values come from oracle.py: direct transcriptions of the operations' definitions in
plain Python (math module for transcendental functions); jdnn is never run. Each case states its
geometry twice, independently: as the benchdnn descriptor jdnn parses, and as explicit per-axis
numbers (input, kernel, stride, dilation, left/right padding) from which the oracle derives the
output size. Inputs are written out in full, so every expectation can be re-derived by hand.

Tolerances: 0 (exact) where every expected value is a float32 number and the computation on
small integers is exact in float32; otherwise 1e-6 (relative above 1, absolute below): jdnn
rounds a double result to float32 once (error <= 2^-24 ~ 6e-8 relative), so 1e-6 leaves a 16x
margin and still rejects any wrong formula or constant.
"""

import json
import os
import sys

sys.dont_write_bytecode = True

from oracle import (Geom, benchdnn_per_oc, common_scale, conv, eltwise, ip_backward_data, ip_backward_weights,
                    ip_forward, is_f32, matmul, no_scale, per_axis_scale, pool, post_ops, prod)

OPS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOL = 1e-6
TOL_NOTE = ("tolerance 1e-6: float32 rounding of a value float32 cannot hold exactly "
            "(<= 6e-8 relative)")


def ints(n, seed, lo=-4, hi=4):
    """n deterministic small integers in [lo, hi] (a plain LCG)."""
    x = seed * 7919 + 17
    out = []
    for _ in range(n):
        x = (x * 1103515245 + 12345) % 2 ** 31
        out.append(lo + (x >> 8) % (hi - lo + 1))
    return out


def seq(n, start=1):
    return list(range(start, start + n))


def needs_tol(*arrays):
    return any(not is_f32(float(v)) for a in arrays for v in a)


def case(name, desc, inputs=None, expected=None, tolerance=None, comment=None, error=None, omit=None,
         substitute=None, **options):
    c = {"name": name, "desc": desc}
    for k, v in options.items():
        c[k.replace("__", "-")] = v
    if inputs:
        c["inputs"] = inputs
    if expected is not None:
        c["expected"] = expected
        if tolerance is None and needs_tol(*expected.values()):
            tolerance = TOL
            comment = (comment + "; " if comment else "") + TOL_NOTE
    if tolerance:
        c["tolerance"] = tolerance
    if error:
        c["error"] = {"status": error[0], "message": error[1]}
    if omit:
        c["omit"] = omit
    if substitute:
        c["substitute"] = substitute
    if comment:
        c["comment"] = comment
    return c


def err(name, desc, status, message, **kw):
    return case(name, desc, error=(status, message), **kw)


# ------------------------------------------------------------------ JSON writing

def num(v):
    if isinstance(v, int):
        return str(v)
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return repr(float(v))


def dump(v):
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, (int, float)):
        return num(v)
    if isinstance(v, list):
        return "[" + ", ".join(dump(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(json.dumps(k) + ": " + dump(x) for k, x in v.items()) + "}"
    raise TypeError(v)


def write(path, op, description, cases, defaults=None):
    lines = ["{", '  "op": ' + json.dumps(op) + ",", '  "description": ' + json.dumps(description) + ","]
    if defaults:
        lines.append('  "defaults": ' + dump(defaults) + ",")
    lines.append('  "cases": [')
    for i, c in enumerate(cases):
        body = ",\n".join("      " + json.dumps(k) + ": " + dump(v) for k, v in c.items())
        lines.append("    {\n" + body + "\n    }" + ("," if i < len(cases) - 1 else ""))
    lines += ["  ]", "}", ""]
    full = os.path.join(OPS, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as f:
        f.write("\n".join(lines))
    return len(cases)


# ================================================================== convolution

def conv_case(name, desc, mb, g, ic, oc, geom, seed, bias=False, ops=(), scales=no_scale, dst_before=None,
              src1=None, src=None, wei=None, bia=None, comment=None, **options):
    icg = ic // g
    src = src if src is not None else ints(mb * ic * prod(geom.i), seed)
    wei = wei if wei is not None else ints(oc * icg * prod(geom.k), seed + 100, -3, 3)
    inputs = {"src": src, "wei": wei}
    if bias:
        bia = bia if bia is not None else ints(oc, seed + 200, -5, 5)
        inputs["bia"] = bia
    if dst_before is not None:
        inputs["dst"] = dst_before
    for k, v in (src1 or {}).items():
        inputs[k] = v
    dst = conv(mb, g, ic, oc, geom, src, wei, bia if bias else None, ops, scales, dst_before)
    return case(name, desc, inputs, {"dst": dst}, comment=comment, **options)


def conv_files():
    n = 0
    sq = lambda v: [v, v]
    geo = [
        conv_case("stride 2 over a 5x5 input without padding gives 2x2", "mb1ic1ih5oc1kh3sh2", 1, 1, 1, 1,
                  Geom(sq(5), sq(3), sq(2)), 1, src=seq(25), wei=[1, 0, -1, 2, 0, -2, 1, 0, -1],
                  comment="Sobel kernel on the ramp 1..25: every output is 4 * (-2) = -8"),
        conv_case("output size given: padding 1 deduced on both sides", "mb1ic1ih4oc1oh4kh3", 1, 1, 1, 1,
                  Geom(sq(4), sq(3), pl=sq(1)), 2, comment="ph = ((4-1)*1 - 4 + 3) / 2 = 1, right = 1"),
        conv_case("stride 2 with the output given: padding deduced 0 on the left, derived 1 on the right",
                  "mb1ic1ih4oc1oh2kh3sh2", 1, 1, 1, 1, Geom(sq(4), sq(3), sq(2), pl=sq(0), pr=sq(1)), 3,
                  comment="ph = ((2-1)*2 - 4 + 3) / 2 = 0; right = (2-1)*2 - 4 + 3 - 0 = 1"),
        conv_case("explicit left padding 1, right padding 0 derived from the output size",
                  "mb1ic1ih6oc1oh3kh3sh2ph1", 1, 1, 1, 1, Geom(sq(6), sq(3), sq(2), pl=sq(1), pr=sq(0)), 4,
                  comment="right = (3-1)*2 - 6 + 3 - 1 = 0"),
        conv_case("stride 2 leaves the last row and column unused (derived right padding -1)",
                  "mb1ic1ih6oc1kh3sh2", 1, 1, 1, 1, Geom(sq(6), sq(3), sq(2), pl=sq(0), pr=sq(-1)), 5,
                  src=seq(36), wei=[1] * 9, comment="oh = (6 - 3) / 2 + 1 = 2; the window sums of 1..36"),
        conv_case("output larger than the input: padding 2 deduced", "mb1ic1ih3oc1oh5kh3", 1, 1, 1, 1,
                  Geom(sq(3), sq(3), pl=sq(2)), 6, src=seq(9), wei=[1] * 9,
                  comment="ph = ((5-1) - 3 + 3) / 2 = 2: corners see a single input"),
        conv_case("dilation 1: a 3x3 kernel spread over the whole 5x5 input", "mb1ic1ih5oc1kh3dh1", 1, 1, 1, 1,
                  Geom(sq(5), sq(3), d=sq(1)), 7, src=seq(25), wei=seq(9),
                  comment="taps at rows/cols 0, 2, 4: 1*1 + 2*3 + 3*5 + 4*11 + 5*13 + 6*15 + 7*21 + 8*23 + 9*25 = 777"),
        conv_case("dilation 1 with padding 2 keeps the size", "mb1ic1ih5oc1kh3dh1ph2", 1, 1, 1, 1,
                  Geom(sq(5), sq(3), d=sq(1), pl=sq(2)), 8),
        conv_case("dilation 2, stride 2 and padding 1 (right padding derived 0)", "mb1ic1ih7oc1kh2sh2dh2ph1",
                  1, 1, 1, 1, Geom(sq(7), sq(2), sq(2), sq(2), pl=sq(1), pr=sq(0)), 9,
                  comment="extent (2-1)*3+1 = 4; oh = (7 - 4 + 2) / 2 + 1 = 3"),
        conv_case("padding 3 around a 2x2 kernel: outer outputs see only padding and get the bias alone",
                  "mb1ic1ih2oc1kh2ph3", 1, 1, 1, 1, Geom(sq(2), sq(2), pl=sq(3)), 10, bias=True,
                  src=[1, 2, 3, 4], wei=[1, 10, 100, 1000], bia=[-7], dir="FWD_B",
                  comment="oh = 2 - 2 + 6 + 1 = 7; only the 3x3 centre touches the input"),
        conv_case("rectangular input and kernel (ih3 iw4, kh2 kw3)", "mb1ic1ih3iw4oc1kh2kw3", 1, 1, 1, 1,
                  Geom([3, 4], [2, 3]), 11),
        conv_case("mb defaults to 2 when absent", "ic1ih2oc1kh1", 2, 1, 1, 1, Geom(sq(2), sq(1)), 12,
                  src=seq(8), wei=[3], comment="src is 2x1x2x2: dst = 3 * src"),
        conv_case("several input and output channels, minibatch 2", "mb2ic3ih3oc2kh2", 2, 1, 3, 2,
                  Geom(sq(3), sq(2)), 13),
        conv_case("1-D: width only, padding 1", "mb1ic2iw5oc1kw3pw1", 1, 1, 2, 1, Geom([5], [3], pl=[1]), 14),
        conv_case("1-D: stride 3 and dilation 1 (right padding derived -2)", "mb1ic1iw8oc2kw2sw3dw1", 1, 1, 1, 2,
                  Geom([8], [2], [3], [1], pl=[0], pr=[-2]), 15, src=seq(8), wei=[1, 1, 1, -1],
                  comment="ow = (8 - 3) / 3 + 1 = 2; taps at 0,2 and 3,5"),
        conv_case("3-D: id alone makes a cube", "mb1ic1id3oc1kd2", 1, 1, 1, 1, Geom([3] * 3, [2] * 3), 16,
                  src=seq(27), wei=[1] * 8, comment="each output is the sum of a 2x2x2 block of 1..27"),
        conv_case("3-D with distinct d/h/w, stride 2 in h and padding 1 (right padding h derived 0)",
                  "mb1ic2id2ih3iw4oc1kd2kh2kw3sh2pd1ph1pw1", 1, 1, 2, 1,
                  Geom([2, 3, 4], [2, 2, 3], [1, 2, 1], pl=[1, 1, 1], pr=[1, 0, 1]), 17),
        conv_case("3-D with dilation 1", "mb1ic1id4oc1kd2dd1", 1, 1, 1, 1, Geom([4] * 3, [2] * 3, d=[1] * 3), 18),
    ]
    n += write("conv/geometry.json", "conv",
               "Convolution geometry: strides, deduced/derived/asymmetric padding, dilation, padding larger "
               "than the kernel, 1-D and 3-D. Expected values from tools/oracle.py.", geo, {"dir": "FWD_D"})

    grp = [
        conv_case("2 groups: each output channel sees only its group's input channels", "g2mb1ic4ih3oc2kh2",
                  1, 2, 4, 2, Geom(sq(3), sq(2)), 21,
                  comment="weights [2, 1, 2, 2, 2]: group 0 reads channels 0-1, group 1 channels 2-3"),
        conv_case("depthwise 3x3 with padding 1 (g = ic = oc = 3)", "g3mb1ic3ih3oc3kh3ph1", 1, 3, 3, 3,
                  Geom(sq(3), sq(3), pl=sq(1)), 22),
        conv_case("depthwise with channel multiplier 2 (g2 ic2 oc4)", "g2mb1ic2ih3oc4kh2", 1, 2, 2, 4,
                  Geom(sq(3), sq(2)), 23),
        conv_case("groups with stride 2, dilation 1 and padding 2, minibatch 2", "g2mb2ic4ih5oc4kh3sh2dh1ph2",
                  2, 2, 4, 4, Geom(sq(5), sq(3), sq(2), sq(1), pl=sq(2)), 24,
                  comment="extent 5; oh = (5 - 5 + 4) / 2 + 1 = 3"),
        conv_case("g1 written: plain weights", "g1mb1ic2ih2oc2kh1", 1, 1, 2, 2, Geom(sq(2), sq(1)), 25),
        conv_case("grouped 1-D", "g2mb1ic2iw4oc2kw2", 1, 2, 2, 2, Geom([4], [2]), 26),
        conv_case("depthwise 3-D", "g2mb1ic2id2oc2kd2", 1, 2, 2, 2, Geom([2] * 3, [2] * 3), 27),
        conv_case("4 groups of 1 input and 2 output channels, with bias", "g4mb1ic4ih2oc8kh1", 1, 4, 4, 8,
                  Geom(sq(2), sq(1)), 28, bias=True, dir="FWD_B"),
        conv_case("groups with asymmetric derived padding (left 0, right 1)", "g2mb1ic2ih4oc2oh2kh3sh2", 1, 2, 2, 2,
                  Geom(sq(4), sq(3), sq(2), pl=sq(0), pr=sq(1)), 29),
    ]
    n += write("conv/groups.json", "conv",
               "Grouped and depthwise convolutions; weights [G, OC/G, IC/G, K..]. Expected values from "
               "tools/oracle.py.", grp, {"dir": "FWD_D"})

    g33 = Geom(sq(3), sq(2))
    d4 = lambda oc: [1, oc, 1, 1]
    att = [
        conv_case("FWD_B: one bias per output channel", "mb1ic2ih3oc3kh2", 1, 1, 2, 3, g33, 31, bias=True,
                  dir="FWD_B"),
        conv_case("FWD_I: inference takes the bias too", "mb1ic2ih3oc3kh2", 1, 1, 2, 3, g33, 32, bias=True,
                  dir="FWD_I"),
        conv_case("relu post-op zeroes negative results", "mb1ic2ih3oc2kh2", 1, 1, 2, 2, g33, 33,
                  ops=[("elt", "relu", 0, 0, 1)], attr__post__ops="relu"),
        conv_case("relu with alpha 0.5 (leaky): negative results are halved", "mb1ic2ih3oc2kh2", 1, 1, 2, 2,
                  g33, 34, ops=[("elt", "relu", 0.5, 0, 1)], attr__post__ops="relu:0.5"),
        conv_case("sum post-op adds what dst held", "mb1ic1ih3oc2kh2", 1, 1, 1, 2, g33, 35,
                  dst_before=ints(8, 351), ops=[("sum", 1)], attr__post__ops="sum"),
        conv_case("sum with scale 2", "mb1ic1ih3oc2kh2", 1, 1, 1, 2, g33, 36, dst_before=ints(8, 361),
                  ops=[("sum", 2)], attr__post__ops="sum:2"),
        conv_case("relu then sum: the previous dst is added after the relu", "mb1ic2ih3oc2kh2", 1, 1, 2, 2, g33,
                  37, dst_before=ints(8, 371), ops=[("elt", "relu", 0, 0, 1), ("sum", 1)],
                  attr__post__ops="relu+sum"),
        conv_case("sum then relu: the relu sees conv + previous dst", "mb1ic2ih3oc2kh2", 1, 1, 2, 2, g33, 37,
                  dst_before=ints(8, 371), ops=[("sum", 1), ("elt", "relu", 0, 0, 1)],
                  attr__post__ops="sum+relu"),
        conv_case("binary add per_oc: one value per output channel", "mb1ic1ih3oc3kh2", 1, 1, 1, 3, g33, 39,
                  ops=[("bin", "add", [100, 200, 300], d4(3))], src1={"attr_post_op_0_src_1": [100, 200, 300]},
                  attr__post__ops="add:f32:per_oc"),
        conv_case("binary mul common: one value for every point", "mb1ic1ih3oc2kh2", 1, 1, 1, 2, g33, 40,
                  ops=[("bin", "mul", [-3], [1, 1, 1, 1])], src1={"attr_post_op_0_src_1": [-3]},
                  attr__post__ops="mul:f32:common"),
        conv_case("binary sub per_tensor: a full tensor", "mb1ic1ih3oc2kh2", 1, 1, 1, 2, g33, 41,
                  ops=[("bin", "sub", seq(8), [1, 2, 2, 2])], src1={"attr_post_op_0_src_1": seq(8)},
                  attr__post__ops="sub:f32:per_tensor"),
        conv_case("binary add per_tensor with a channels-last (axb) src1, given in logical order", "mb1ic1ih3oc2kh2",
                  1, 1, 1, 2, g33, 49, ops=[("bin", "add", [10 * v for v in seq(8)], [1, 2, 2, 2])],
                  src1={"attr_post_op_0_src_1": [10 * v for v in seq(8)]}, attr__post__ops="add:f32:per_tensor:axb"),
        conv_case("binary add per_dim_01: one value per (minibatch, channel)", "mb2ic1ih3oc2kh2", 2, 1, 1, 2, g33,
                  42, ops=[("bin", "add", [10, 20, 30, 40], [2, 2, 1, 1])],
                  src1={"attr_post_op_0_src_1": [10, 20, 30, 40]}, attr__post__ops="add:f32:per_dim_01"),
        conv_case("output scale common:2 multiplies conv + bias", "mb1ic2ih3oc2kh2", 1, 1, 2, 2, g33, 43,
                  bias=True, scales=common_scale(2), dir="FWD_B", attr__oscale="common:2"),
        conv_case("output scale per_oc:4 gives channels 4, 2, 1, 0.5", "mb1ic1ih3oc4kh2", 1, 1, 1, 4, g33, 44,
                  scales=per_axis_scale(benchdnn_per_oc(4, 4), 1), attr__oscale="per_oc:4"),
        conv_case("chain: scale 0.5 of conv + bias, then relu, sum:2 and add per_oc", "mb1ic2ih3oc2kh2", 1, 1, 2,
                  2, g33, 45, bias=True, dst_before=ints(8, 451), scales=common_scale(0.5),
                  ops=[("elt", "relu", 0, 0, 1), ("sum", 2), ("bin", "add", [1000, -1000], d4(2))],
                  src1={"attr_post_op_2_src_1": [1000, -1000]}, dir="FWD_B", attr__oscale="common:0.5",
                  attr__post__ops="relu+sum:2+add:f32:per_oc",
                  comment="dst = relu(0.5 * (conv + bias)) + 2 * dst_before + src1[oc]"),
        conv_case("eltwise post-op with a scale: 3 * linear(x; alpha 2, beta 1)", "mb1ic1ih3oc2kh2", 1, 1, 1, 2,
                  g33, 46, ops=[("elt", "linear", 2, 1, 3)], attr__post__ops="linear:2:1:3"),
        conv_case("binary max per_oc on a strided grouped convolution", "g2mb1ic2ih4oc2kh2sh2", 1, 2, 2, 2,
                  Geom(sq(4), sq(2), sq(2)), 47, ops=[("bin", "max", [0, 5], d4(2))],
                  src1={"attr_post_op_0_src_1": [0, 5]}, attr__post__ops="max:f32:per_oc"),
        conv_case("3-D convolution with relu and add per_oc", "mb1ic1id3oc2kd2", 1, 1, 1, 2,
                  Geom([3] * 3, [2] * 3), 48, ops=[("elt", "relu", 0, 0, 1), ("bin", "add", [1, -1], [1, 2, 1, 1, 1])],
                  src1={"attr_post_op_1_src_1": [1, -1]}, attr__post__ops="relu+add:f32:per_oc"),
    ]
    n += write("conv/attributes.json", "conv",
               "Bias directions, post-ops (eltwise, sum, binary with every broadcast) and output scales: "
               "dst = post_ops(scale * (conv + bias)). Expected values from tools/oracle.py.", att,
               {"dir": "FWD_D"})

    errs = [
        err("bf16 is not implemented", "mb1ic1ih3oc1kh3", "UNIMPLEMENTED", "supports f32 only", dt="bf16"),
        err("a bf16 binary post-op operand is not implemented", "mb1ic1ih3oc1kh3", "UNIMPLEMENTED",
            "f32 binary post-ops only", attr__post__ops="add:bf16:per_oc"),
        err("missing weights at execution", "mb1ic1ih3oc1kh3", "INVALID_ARGUMENTS", "missing argument WEI",
            omit=["wei"]),
        err("missing bias at execution (FWD_B)", "mb1ic1ih3oc1kh3", "INVALID_ARGUMENTS", "missing argument BIA",
            omit=["bia"], dir="FWD_B"),
        err("src of other dims than the primitive's", "mb1ic1ih3oc1kh3", "INVALID_ARGUMENTS",
            "argument SRC has descriptor", substitute={"src": {"dims": [1, 1, 4, 4]}}),
        err("src in nhwc where the primitive expects nchw", "mb1ic2ih3oc1kh3", "INVALID_ARGUMENTS",
            "argument SRC has descriptor f32 1x2x3x3 acdb, expected f32 1x2x3x3 abcd",
            substitute={"src": {"dims": [1, 2, 3, 3], "tag": "axb"}}),
        err("binary post-op operand whose channels do not match dst's (3 for 2)", "mb1ic1ih3oc2kh3",
            "INVALID_ARGUMENTS", "argument ATTR_POST_OP_0_SRC_1 has descriptor",
            attr__post__ops="add:f32:per_oc", substitute={"attr_post_op_0_src_1": {"dims": [1, 3, 1, 1]}}),
        err("malformed descriptor: trailing garbage", "mb1ic1ih5oc1kh3xyz", "BAD_INPUT", "unexpected 'xyz'"),
        err("malformed descriptor: oc missing", "mb1ic1ih5kh3", "BAD_INPUT", "ic and oc must be given"),
        err("malformed descriptor: kh without a number", "mb1ic1ih5oc1kh", "BAD_INPUT", "unexpected 'kh'"),
        err("malformed descriptor: a sign in a value", "mb1ic1ih-3oc1kh1", "BAD_INPUT", "unexpected 'ih-3oc1kh1'"),
        err("kernel larger than the padded input", "mb1ic1ih2oc1kh5", "BAD_INPUT", "output size along h is -2"),
        err("stride 0", "mb1ic1ih5oc1kh3sh0", "BAD_INPUT", "sh must be positive"),
        err("3-D problem that gives h but not w", "mb1ic1id3ih3oc1kd1kh1", "BAD_INPUT",
            "gives only one of h and w"),
        err("backward direction is not implemented by the conv driver", "mb1ic1ih3oc1kh3", "UNIMPLEMENTED",
            "forward directions only", dir="BWD_D"),
        err("post-op with a non-numeric alpha", "mb1ic1ih3oc1kh3", "BAD_INPUT", "'x' is not a number",
            attr__post__ops="relu:x"),
        err("unknown post-op", "mb1ic1ih3oc1kh3", "BAD_INPUT", "'foo' is not an eltwise algorithm benchdnn knows",
            attr__post__ops="foo"),
        err("clip post-op with beta < alpha", "mb1ic1ih3oc1kh3", "INVALID_ARGUMENTS", "beta = 1.0 must be >= alpha = 2.0",
            attr__post__ops="clip:2:1"),
        err("unknown output-scale policy", "mb1ic1ih3oc1kh3", "BAD_INPUT", "is not common or per_oc",
            attr__oscale="per_mb:2"),
        err("blocked tag without its block size", "mb1ic1ih3oc1kh3", "BAD_INPUT", "--stag=nChw", stag="nChw"),
    ]
    n += write("conv/errors.json", "conv", "Convolution errors: status and message fragment.", errs,
               {"dir": "FWD_D"})

    lay = [
        conv_case("channels-last src and dst (axb), weights ohwi", "mb2ic3ih4oc2kh3ph1", 2, 1, 3, 2,
                  Geom(sq(4), sq(3), pl=sq(1)), 111, stag="axb", wtag="ohwi", dtag="axb"),
        conv_case("blocked src and dst (nChw8c, 3 channels in, 5 out), weights OIhw16i16o",
                  "mb1ic3ih4oc5kh3sh2ph1", 1, 1, 3, 5, Geom(sq(4), sq(3), sq(2), pl=sq(1), pr=sq(0)), 112,
                  stag="nChw8c", wtag="OIhw16i16o", dtag="nChw8c", comment="right padding (2-1)*2 - 4 + 3 - 1 = 0"),
        conv_case("grouped weights in hwio-like order (gohwi) with nhwc data", "g2mb1ic4ih3oc4kh2", 1, 2, 4, 4,
                  Geom(sq(3), sq(2)), 113, stag="nhwc", wtag="gohwi", dtag="nhwc"),
        conv_case("1-D channels-last (nwc)", "mb2ic2iw6oc3kw3sw2pw1", 2, 1, 2, 3,
                  Geom([6], [3], [2], pl=[1], pr=[0]), 114, stag="nwc", dtag="nwc",
                  comment="ow = (6 - 3 + 2) / 2 + 1 = 3; right padding (3-1)*2 - 6 + 3 - 1 = 0"),
        conv_case("3-D: ndhwc src, nCdhw16c dst with 3 channels", "mb1ic2id3oc3kd2", 1, 1, 2, 3,
                  Geom([3] * 3, [2] * 3), 115, stag="ndhwc", dtag="nCdhw16c"),
    ]
    n += write("conv/layouts.json", "conv",
               "The same arithmetic through channels-last, blocked and reordered-weights layouts (values in logical "
               "order). Expected values from tools/oracle.py.", lay, {"dir": "FWD_D"})

    ref = [
        case("resnet-like 3x3, padding 1, with bias", "mb2ic16ih14oc32kh3ph1", compare="reference"),
        case("strided 7x7 stem, 3 input channels", "mb1ic3ih30oc8kh7sh2ph3", compare="reference"),
        case("depthwise 3x3 stride 2", "g24mb2ic24ih15oc24kh3sh2ph1", compare="reference"),
        case("1x1 with channels-last data and post-ops, dst pre-filled for the sum", "mb2ic24ih7oc40kh1",
             {"dst": {"fill": {"seed": 5, "min": -8, "max": 8}}}, compare="reference", stag="axb", dtag="axb",
             attr__post__ops="relu+sum:0.5+add:f32:per_oc",
             comment="the reference run starts from the same dst as the primitive did (the sum reads it)"),
        case("dilated 3-D with output scales", "mb1ic4id6oc6kd3dd1pd2", compare="reference",
             attr__oscale="per_oc:2"),
    ]
    n += write("conv/reference.json", "conv",
               "Larger convolutions compared with the reference implementation on seeded integer inputs (meaningful "
               "once optimized implementations exist; dispatch picks them, the runner reruns \"ref\").", ref)
    return n


# ================================================================== pooling

def pool_case(name, desc, mb, c, geom, alg, seed=None, src=None, ws=True, comment=None, ops=(), **options):
    src = src if src is not None else ints(mb * c * prod(geom.i), seed, -9, 9)
    dst, wsv = pool(mb, c, geom, src, alg)
    if ops:
        dims = [mb, c] + geom.o
        dst = [post_ops(v, None, dims, None, no_scale, ops) for v in dst]
    expected = {"dst": dst}
    if alg == "max" and ws and options.get("dir", "FWD_D") != "FWD_I":
        expected["ws"] = wsv
    return case(name, desc, {"src": src}, expected, comment=comment, alg=alg, **options)


def pool_files():
    n = 0
    sq = lambda v: [v, v]
    g1d = Geom([3], [2], [2], pl=[2], pr=[1])
    mx = [
        pool_case("2x2 windows, stride 2: the maximum and its window position", "mb1ic1ih4kh2sh2", 1, 1,
                  Geom(sq(4), sq(2), sq(2)), "max", src=[3, 9, 1, 0, 2, 4, 16, 5, 15, 7, 6, 13, 8, 14, 11, 12],
                  comment="windows {3,9,2,4} {1,0,16,5} {15,7,8,14} {6,13,11,12}: max 9, 16, 15, 13 at 1, 2, 0, 1"),
        pool_case("padding 1 around negative data: the padding never wins", "mb1ic1ih3kh3ph1", 1, 1,
                  Geom(sq(3), sq(3), pl=sq(1)), "max", src=[-5, -9, -3, -8, -7, -6, -1, -4, -2],
                  comment="a zero-padding maximum would give 0 everywhere"),
        pool_case("ties: the first maximum in window order is recorded", "mb1ic1ih3kh2", 1, 1,
                  Geom(sq(3), sq(2)), "max", src=[1, 7, 7, 7, 7, 2, 0, 3, 3],
                  comment="windows {1,7,7,7} -> 1, {7,7,7,2} -> 0, {7,7,0,3} -> 0, {7,2,3,3} -> 0"),
        pool_case("windows wholly in the padding give -FLT_MAX and position 0", "mb1ic1iw3kw2sw2pw2", 1, 1, g1d,
                  "max", src=[4, -6, 5],
                  comment="ow = (3 - 2 + 4) / 2 + 1 = 3; window 0 covers -2..-1, window 2 covers 2..3"),
        pool_case("a relu post-op turns the -FLT_MAX of an empty window into 0", "mb1ic1iw3kw2sw2pw2", 1, 1, g1d,
                  "max", src=[4, -6, 5], ops=[("elt", "relu", 0, 0, 1)], attr__post__ops="relu"),
        pool_case("inference (FWD_I) writes no workspace", "mb1ic1ih4kh2sh2", 1, 1, Geom(sq(4), sq(2), sq(2)),
                  "max", 51, dir="FWD_I"),
        pool_case("dilation 1: taps two apart", "mb1ic1ih5kh2dh1", 1, 1, Geom(sq(5), sq(2), d=sq(1)), "max", 52),
        pool_case("stride 3 > kernel 2 skips inputs (1-D, 2 channels)", "mb1ic2iw7kw2sw3", 1, 2,
                  Geom([7], [2], [3], pr=[-2]), "max", src=[1, 2, 30, 40, 5, 6, 70, -1, -2, -30, -40, -5, -6, -70],
                  comment="ow = (7 - 2) / 3 + 1 = 2: windows 0-1 and 3-4; inputs 2, 5, 6 are never read"),
        pool_case("3-D max: the position is (kd * KH + kh) * KW + kw", "mb1ic1id3kd2", 1, 1, Geom([3] * 3, [2] * 3),
                  "max", src=[(i * 11) % 27 for i in range(27)]),
        pool_case("minibatch and channels are pooled separately", "mb2ic2ih2kh2", 2, 2, Geom(sq(2), sq(2)), "max",
                  src=[1, 2, 3, 4, 8, 7, 6, 5, 0, -1, 9, 2, -3, -3, -3, -3]),
        pool_case("asymmetric derived padding (left 0, right 1), stride 2", "mb1ic1ih4oh2kh3sh2", 1, 1,
                  Geom(sq(4), sq(3), sq(2), pl=sq(0), pr=sq(1)), "max", 53,
                  comment="ph = ((2-1)*2 - 4 + 3) / 2 = 0, right = 1"),
        pool_case("max with padding, stride and dilation on 2 channels", "mb1ic2ih6kh3sh2dh1ph2", 1, 2,
                  Geom(sq(6), sq(3), sq(2), sq(1), pl=sq(2)), "max", 54,
                  comment="extent 5; oh = (6 - 5 + 4) / 2 + 1 = 3; right padding (3-1)*2 - 6 + 5 - 2 = 1"),
    ]
    n += write("pool/max.json", "pool",
               "Max pooling in training (workspace ws: position of the first maximum in the window) and "
               "inference. Expected values from tools/oracle.py.", mx)

    g3 = Geom(sq(3), sq(3), pl=sq(1))
    gdil = Geom(sq(4), sq(2), d=sq(1), pl=sq(1))
    gasym = Geom(sq(4), sq(3), sq(2), pl=sq(0), pr=sq(1))
    av = [
        pool_case("avg_np, padding 1: corners average 4 inputs, edges 6, the centre 9", "mb1ic1ih3kh3ph1", 1, 1,
                  g3, "avg_np", src=seq(9), comment="corner (1+2+4+5)/4 = 3, top edge (1+..+6)/6 = 3.5, centre 5"),
        pool_case("avg_p, padding 1: every window divides by 9", "mb1ic1ih3kh3ph1", 1, 1, g3, "avg_p", src=seq(9),
                  comment="corner 12/9, top edge 21/9, centre 45/9 = 5"),
        pool_case("avg_np: a window wholly in the padding gives 0", "mb1ic1iw3kw2sw2pw2", 1, 1, g1d, "avg_np",
                  src=[4, -6, 5], comment="windows: none inside, {4, -6}, {5}"),
        pool_case("avg_p: empty window 0, partly padded windows divide by the kernel size", "mb1ic1iw3kw2sw2pw2",
                  1, 1, g1d, "avg_p", src=[4, -6, 5], comment="0, (4 - 6)/2 = -1, 5/2 = 2.5"),
        pool_case("avg_p with stride 3 > kernel 2", "mb1ic1ih7kh2sh3", 1, 1, Geom(sq(7), sq(2), sq(3), pr=sq(-2)),
                  "avg_p", 61),
        pool_case("avg_np with stride 3 > kernel 2 and padding 1", "mb1ic1ih7kh2sh3ph1", 1, 1,
                  Geom(sq(7), sq(2), sq(3), pl=sq(1), pr=sq(0)), "avg_np", 62,
                  comment="oh = (7 - 2 + 2) / 3 + 1 = 3; right padding (3-1)*3 - 7 + 2 - 1 = 0"),
        pool_case("avg_np with dilation counts only the taps inside", "mb1ic1ih4kh2dh1ph1", 1, 1, gdil, "avg_np",
                  63, comment="extent 3, oh = 4 - 3 + 2 + 1 = 4"),
        pool_case("avg_p with dilation divides by kh*kw = 4, not the dilated extent", "mb1ic1ih4kh2dh1ph1", 1, 1,
                  gdil, "avg_p", 63),
        pool_case("3-D avg_np with padding 1", "mb1ic1id3kd2pd1", 1, 1, Geom([3] * 3, [2] * 3, pl=[1] * 3), "avg_np",
                  64),
        pool_case("3-D avg_p, one window", "mb1ic1id2kd2", 1, 1, Geom([2] * 3, [2] * 3), "avg_p",
                  src=[1, 2, 3, 4, 5, 6, 7, 12], comment="(1+..+7+12)/8 = 5"),
        pool_case("1-D avg_p with padding 1, 2 channels", "mb1ic2iw5kw3pw1", 1, 2, Geom([5], [3], pl=[1]), "avg_p",
                  65),
        pool_case("avg_np with asymmetric derived padding (left 0, right 1)", "mb1ic1ih4oh2kh3sh2", 1, 1, gasym,
                  "avg_np", 66),
        pool_case("avg_p with asymmetric derived padding counts the right padding", "mb1ic1ih4oh2kh3sh2", 1, 1,
                  gasym, "avg_p", 66),
        pool_case("avg_np on minibatch 2 with 3 channels", "mb2ic3ih2kh2", 2, 3, Geom(sq(2), sq(2)), "avg_np", 67),
        pool_case("avg_np in inference (FWD_I)", "mb1ic1ih3kh2", 1, 1, Geom(sq(3), sq(2)), "avg_np", 68,
                  dir="FWD_I"),
    ]
    n += write("pool/avg.json", "pool",
               "Average pooling, excluding (avg_np) and including (avg_p) padding. Expected values from "
               "tools/oracle.py.", av)

    errs = [
        err("bf16 is not implemented", "mb1ic1ih4kh2", "UNIMPLEMENTED", "supports f32 only", dt="bf16"),
        err("unknown algorithm", "mb1ic1ih4kh2", "INVALID_ARGUMENTS", "unknown pooling algorithm 'min'", alg="min"),
        err("max pooling in training needs its workspace", "mb1ic1ih4kh2", "INVALID_ARGUMENTS",
            "missing argument WS", omit=["ws"]),
        err("missing src", "mb1ic1ih4kh2", "INVALID_ARGUMENTS", "missing argument SRC", alg="avg_np",
            omit=["src"]),
        err("dst of other dims than the primitive's", "mb1ic1ih4kh2", "INVALID_ARGUMENTS",
            "argument DST has descriptor", alg="avg_p", substitute={"dst": {"dims": [1, 1, 2, 2]}}),
        err("workspace of other dims", "mb1ic1ih4kh2", "INVALID_ARGUMENTS", "argument WS has descriptor",
            substitute={"ws": {"dims": [1, 1, 4, 4]}}),
        err("malformed descriptor: no kernel", "mb1ic1ih4", "BAD_INPUT", "axis h needs ih and kh"),
        err("dilated kernel larger than the padded input", "mb1ic1ih3kh2dh2", "BAD_INPUT",
            "output size along h is 0"),
        err("backward direction is not implemented by the pool driver", "mb1ic1ih4kh2", "UNIMPLEMENTED",
            "forward directions only", dir="BWD_D"),
        err("malformed descriptor: ic 0", "mb1ic0ih4kh2", "BAD_INPUT", "ic must be given"),
    ]
    n += write("pool/errors.json", "pool", "Pooling errors: status and message fragment.", errs)

    lay = [
        pool_case("max on channels-last (axb) data: the workspace stays plain", "mb2ic3ih4kh2sh2", 2, 3,
                  Geom(sq(4), sq(2), sq(2)), "max", 121, stag="axb"),
        pool_case("avg_np on nChw16c with 3 channels and padding", "mb1ic3ih3kh2ph1", 1, 3,
                  Geom(sq(3), sq(2), pl=sq(1)), "avg_np", 122, stag="nChw16c",
                  comment="oh = 3 - 2 + 2 + 1 = 4"),
        pool_case("src nchw, dst nhwc", "mb1ic2ih4kh3sh1ph1", 1, 2, Geom(sq(4), sq(3), pl=sq(1)), "avg_p", 123,
                  stag="nchw", dtag="nhwc"),
        pool_case("3-D max on nCdhw8c with 2 channels", "mb1ic2id3kd2sd1", 1, 2, Geom([3] * 3, [2] * 3), "max", 124,
                  stag="nCdhw8c"),
    ]
    n += write("pool/layouts.json", "pool", "Pooling through channels-last and blocked layouts (values in logical "
               "order). Expected values from tools/oracle.py.", lay)

    ref = [
        case("3x3 stride 2 max with padding, training", "mb2ic32ih28kh3sh2ph1", compare="reference"),
        case("avg_p 3x3 stride 1 on channels-last", "mb2ic24ih14kh3ph1", compare="reference", alg="avg_p", stag="axb"),
        case("avg_np global-like 7x7", "mb4ic64ih7kh7", compare="reference", alg="avg_np"),
        case("max 3-D with dilation", "mb1ic8id9kd3dd1pd1", compare="reference"),
    ]
    n += write("pool/reference.json", "pool", "Larger poolings compared with the reference implementation.", ref)
    return n


# ================================================================== matmul

def mm_case(name, desc, sdims, wdims, seed, bias_mask=None, ops=(), scales=no_scale, dst_before=None, src1=None,
            src=None, wei=None, bia=None, comment=None, **options):
    src = src if src is not None else ints(prod(sdims), seed)
    wei = wei if wei is not None else ints(prod(wdims), seed + 100, -3, 3)
    inputs = {"src": src, "wei": wei}
    batch = [max(a, b) for a, b in zip(sdims[:-2], wdims[:-2])]
    ddims = batch + [sdims[-2], wdims[-1]]
    bdims = None
    if bias_mask is not None:
        bdims = [d if bias_mask & (1 << i) else 1 for i, d in enumerate(ddims)]
        bia = bia if bia is not None else ints(prod(bdims), seed + 200, -9, 9)
        inputs["bia"] = bia
        options["bia-dt"] = "f32"
        options["bia_mask"] = bias_mask
    if dst_before is not None:
        inputs["dst"] = dst_before
    for k, v in (src1 or {}).items():
        inputs[k] = v
    dst, _ = matmul(sdims, wdims, src, wei, bia, bdims, ops, scales, dst_before)
    return case(name, desc, inputs, {"dst": dst}, comment=comment, **options)


def matmul_files():
    n = 0
    basic = [
        mm_case("2x3 times 3x2", "2x3:3x2", [2, 3], [3, 2], 0, src=[1, 2, 3, 4, 5, 6], wei=[7, 8, 9, 10, 11, 12],
                comment="[[58, 64], [139, 154]]"),
        mm_case("1x1 times 1x1", "1x1:1x1", [1, 1], [1, 1], 0, src=[-3], wei=[5]),
        mm_case("row vector times a 4x3 matrix", "1x4:4x3", [1, 4], [4, 3], 71),
        mm_case("transposed weights (wtag ba): logical values as before, column-major storage", "2x3:3x2", [2, 3],
                [3, 2], 0, src=[1, 2, 3, 4, 5, 6], wei=[7, 8, 9, 10, 11, 12], wtag="ba"),
        mm_case("transposed src and dst (stag ba, dtag ba)", "3x4:4x2", [3, 4], [4, 2], 72, stag="ba", dtag="ba"),
        mm_case("dst dims written out", "2x3:3x4:2x4", [2, 3], [3, 4], 73),
        mm_case("K = 1: an outer product", "3x1:1x2", [3, 1], [1, 2], 0, src=[1, -2, 3], wei=[4, 5]),
        mm_case("larger K with transposed weights", "3x7:7x5", [3, 7], [7, 5], 74, wtag="ba"),
    ]
    n += write("matmul/basic.json", "matmul", "2-D matmul, plain and transposed layouts. Expected values from "
               "tools/oracle.py.", basic)

    batched = [
        mm_case("batch of 2, no broadcast", "2x2x3:2x3x2", [2, 2, 3], [2, 3, 2], 81),
        mm_case("weights broadcast over a batch of 3", "3x2x2:1x2x3", [3, 2, 2], [1, 2, 3], 82),
        mm_case("2-D weights get a leading 1 and are broadcast", "2x2x3:3x2", [2, 2, 3], [1, 3, 2], 83),
        mm_case("src broadcast over the weights' batch", "1x2x3:2x3x2", [1, 2, 3], [2, 3, 2], 84),
        mm_case("4-D, each operand broadcast along a different batch dim", "2x1x2x2:1x3x2x2", [2, 1, 2, 2],
                [1, 3, 2, 2], 85, comment="dst is 2x3x2x2"),
        mm_case("batched with transposed weights (wtag acb)", "2x2x3:2x3x2", [2, 2, 3], [2, 3, 2], 86, wtag="acb"),
        mm_case("dst written with a leading 1: both operands are padded to rank 3", "2x3:3x4:1x2x4", [1, 2, 3],
                [1, 3, 4], 87, comment="used to crash the descriptor parser (dst of higher rank than the operands)"),
    ]
    n += write("matmul/batched.json", "matmul", "Batched matmul with broadcast batch dims. Expected values from "
               "tools/oracle.py.", batched)

    m23 = ([2, 3], [3, 4])
    attrs = [
        mm_case("bias over columns (bia_mask 2, the default)", "2x3:3x4", *m23, 91, bias_mask=2),
        mm_case("bias over rows (bia_mask 1)", "2x3:3x4", *m23, 92, bias_mask=1),
        mm_case("full bias (bia_mask 3)", "2x3:3x4", *m23, 93, bias_mask=3),
        mm_case("one common bias (bia_mask 0)", "2x3:3x4", *m23, 94, bias_mask=0),
        mm_case("batched: bias over the last dim only (bia_mask 4)", "2x2x3:2x3x2", [2, 2, 3], [2, 3, 2], 95,
                bias_mask=4),
        mm_case("batched: full bias (bia_mask 7)", "2x2x3:2x3x2", [2, 2, 3], [2, 3, 2], 96, bias_mask=7),
        mm_case("relu post-op", "2x3:3x4", *m23, 97, ops=[("elt", "relu", 0, 0, 1)], attr__post__ops="relu"),
        mm_case("sum post-op with scale 0.5", "2x3:3x4", *m23, 98, dst_before=ints(8, 981), ops=[("sum", 0.5)],
                attr__post__ops="sum:0.5"),
        mm_case("binary add per_oc: one value per column", "2x3:3x4", *m23, 99,
                ops=[("bin", "add", [10, 20, 30, 40], [1, 4])], src1={"attr_post_op_0_src_1": [10, 20, 30, 40]},
                attr__post__ops="add:f32:per_oc"),
        mm_case("binary mul per_dim_0: one value per row", "2x3:3x4", *m23, 100,
                ops=[("bin", "mul", [2, -1], [2, 1])], src1={"attr_post_op_0_src_1": [2, -1]},
                attr__post__ops="mul:f32:per_dim_0"),
        mm_case("output scale per_oc:2: one scale per column (2, 1, 0.5)", "2x3:3x3", [2, 3], [3, 3], 101,
                scales=per_axis_scale(benchdnn_per_oc(2, 3), 1), attr__oscale="per_oc:2"),
        mm_case("bias, scale 3, relu and sum together", "2x3:3x4", *m23, 102, bias_mask=2, scales=common_scale(3),
                ops=[("elt", "relu", 0, 0, 1), ("sum", 1)], dst_before=ints(8, 1021), attr__oscale="common:3",
                attr__post__ops="relu+sum", comment="dst = relu(3 * (src*wei + bias)) + dst_before"),
        mm_case("binary sub per_tensor on a batched dst", "2x2x3:1x3x2", [2, 2, 3], [1, 3, 2], 103,
                ops=[("bin", "sub", seq(8), [2, 2, 2])], src1={"attr_post_op_0_src_1": seq(8)},
                attr__post__ops="sub:f32:per_tensor"),
    ]
    n += write("matmul/bias_attrs.json", "matmul", "Matmul bias masks, post-ops and output scales. Expected values "
               "from tools/oracle.py.", attrs)

    errs = [
        err("K of src and weights differ", "2x3:4x5", "BAD_INPUT", "K of src (3) differs from K of weights (4)"),
        err("dst dims inconsistent with M and N", "2x3:3x4:2x5", "INVALID_ARGUMENTS", "must be 2x4"),
        err("batch dims that neither match nor broadcast", "2x2x3:3x3x2", "INVALID_ARGUMENTS",
            "batch dim 0: src 2, weights 3"),
        err("dst batch larger than both operands'", "2x3:3x4:2x2x4", "INVALID_ARGUMENTS",
            "batch dim 0: src 1, weights 1, dst 2"),
        err("bf16 is not implemented", "2x3:3x4", "UNIMPLEMENTED", "supports f32 only", dt="bf16"),
        err("a bf16 bias is not implemented", "2x3:3x4", "UNIMPLEMENTED", "supports f32 only", **{"bia-dt": "bf16"}),
        err("missing weights at execution", "2x3:3x4", "INVALID_ARGUMENTS", "missing argument WEI", omit=["wei"]),
        err("missing bias at execution", "2x3:3x4", "INVALID_ARGUMENTS", "missing argument BIA", omit=["bia"],
            **{"bia-dt": "f32"}),
        err("transposed src where the primitive expects plain", "2x3:3x4", "INVALID_ARGUMENTS",
            "argument SRC has descriptor f32 2x3 ba, expected f32 2x3 ab", substitute={"src": {"dims": [2, 3],
                                                                                              "tag": "ba"}}),
        err("malformed descriptor: one tensor", "2x3", "BAD_INPUT", "expected src:weights[:dst] dims"),
        err("zero dim", "2x0:0x3", "INVALID_ARGUMENTS", "dims[1] = 0 must be positive"),
        err("malformed descriptor: rank 1 operands", "3:3", "BAD_INPUT", "operands need at least 2 dims"),
        err("malformed descriptor: letters in dims", "2xKx3:3x4", "BAD_INPUT", "bad dims '2xKx3'"),
    ]
    n += write("matmul/errors.json", "matmul", "Matmul errors: status and message fragment.", errs)

    ref = [
        case("odd sizes 17x33 by 33x65", "17x33:33x65", compare="reference"),
        case("tall-skinny with bias over columns", "129x8:8x3", compare="reference", **{"bia-dt": "f32"}),
        case("batched with broadcast weights and post-ops", "4x31x20:1x20x17", compare="reference",
             attr__post__ops="gelu_erf+add:f32:per_tensor", tolerance=1e-5),
        case("transposed weights, K = 1", "64x1:1x64", compare="reference", wtag="ba"),
        case("K larger than M and N", "5x300:300x7", compare="reference"),
        case("sum post-op on a pre-filled dst", "9x10:10x11", {"dst": {"fill": {"seed": 3}}}, compare="reference",
             attr__post__ops="sum:2"),
    ]
    n += write("matmul/reference.json", "matmul", "Larger matmuls compared with the reference implementation.", ref)
    return n


# ================================================================== eltwise

def elt_case(name, desc, alg, xs, alpha=0.0, beta=0.0, tolerance=None, comment=None, ops=(), **options):
    ys = [eltwise(alg, float(x), alpha, beta) for x in xs]
    if ops:
        ys = [post_ops(y, None, None, None, no_scale, ops) for y in ys]
    if alpha:
        options["alpha"] = alpha
    if beta:
        options["beta"] = beta
    return case(name, desc, {"src": xs}, {"dst": ys}, tolerance=tolerance, comment=comment, alg=alg, **options)


X8 = [-3, -1.5, -0.5, 0, 0.25, 1, 2.5, 4]
X9 = [-4, -2, -1, -0.5, 0, 0.5, 1, 2, 3.5]


def eltwise_files():
    n = 0
    exact = [
        elt_case("relu: negatives to 0", "2x4", "relu", X8),
        elt_case("relu alpha 0.5: negative slope 0.5 (leaky)", "2x4", "relu", X8, alpha=0.5),
        elt_case("relu alpha -1: negatives mirrored", "8", "relu", X8, alpha=-1),
        elt_case("linear: alpha * x + beta (2x - 1)", "2x4", "linear", X8, alpha=2, beta=-1),
        elt_case("linear with alpha 0: the constant beta", "8", "linear", X8, alpha=0, beta=3),
        elt_case("square", "2x4", "square", X8),
        elt_case("abs", "2x4", "abs", X8),
        elt_case("sqrt of perfect squares", "2x4", "sqrt", [0, 0.25, 1, 2.25, 4, 9, 16, 100]),
        elt_case("clip to [alpha, beta] = [-1, 2]", "2x4", "clip", X8, alpha=-1, beta=2),
        elt_case("clip with alpha = beta = 0.5 is the constant", "8", "clip", X8, alpha=0.5, beta=0.5),
        elt_case("hardsigmoid: max(0, min(1, alpha x + beta)), alpha 0.25, beta 0.5", "3x3", "hardsigmoid", X9,
                 alpha=0.25, beta=0.5),
        elt_case("hardswish: x * hardsigmoid(x), alpha 0.25, beta 0.5", "3x3", "hardswish", X9, alpha=0.25,
                 beta=0.5),
        elt_case("pow: alpha * x^beta with alpha 2, beta 3", "2x4", "pow", X8, alpha=2, beta=3),
        elt_case("pow with beta -1: reciprocals", "1x5", "pow", [0.25, 0.5, 1, 2, -8], alpha=1, beta=-1),
        elt_case("pow with beta 0: the constant alpha", "5", "pow", [0.5, 1, 2, 3, 7], alpha=3, beta=0),
        elt_case("swish with alpha 0 is x / 2", "2x4", "swish", X8),
        elt_case("elu on non-negative inputs: the identity (e^0 - 1 = 0 at zero)", "4", "elu", [0, 0.5, 1, 8],
                 alpha=2),
        elt_case("exp(0) = 1 and log(1) = 0 exactly", "1", "exp", [0]),
        elt_case("log(1) = 0", "1", "log", [1]),
        elt_case("relu on a channels-last (axb) tensor", "2x3x2x2", "relu", ints(24, 111), tag="axb"),
        elt_case("relu on a blocked (aBx8b) tensor with 3 channels", "1x3x2x2", "relu", ints(12, 112), tag="aBx8b"),
        elt_case("relu followed by a linear post-op (2y + 1)", "2x4", "relu", X8, ops=[("elt", "linear", 2, 1, 1)],
                 attr__post__ops="linear:2:1"),
    ]
    a = elt_case("oneDNN's algorithm name eltwise_abs is accepted", "4", "abs", [-2, -1, 1, 2])
    a["alg"] = "eltwise_abs"
    exact.append(a)
    c = elt_case("abs followed by a mul post-op per_oc", "2x3", "abs", [-1, 2, -3, 4, -5, 6],
                 attr__post__ops="mul:f32:per_oc")
    c["inputs"]["attr_post_op_0_src_1"] = [1, 10, 100]
    c["expected"]["dst"] = [abs(x) * [1, 10, 100][i % 3] for i, x in enumerate([-1, 2, -3, 4, -5, 6])]
    c["comment"] = "dst[m][n] = |src[m][n]| * src1[n]"
    exact.append(c)
    n += write("eltwise/exact.json", "eltwise",
               "Eltwise algorithms whose results are exact in float32 (oneDNN's alpha/beta meanings); values "
               "from tools/oracle.py.", exact)

    tol = dict(tolerance=TOL, comment="math module values; " + TOL_NOTE)
    trans = [
        elt_case("tanh", "3x3", "tanh", X9, **tol),
        elt_case("elu alpha 1: e^x - 1 below zero", "3x3", "elu", X9, alpha=1, **tol),
        elt_case("elu alpha 0.5", "3x3", "elu", X9, alpha=0.5, **tol),
        elt_case("soft_relu alpha 1: softplus ln(1 + e^x)", "3x3", "soft_relu", X9, alpha=1, **tol),
        elt_case("soft_relu alpha 2: ln(1 + e^(2x)) / 2", "3x3", "soft_relu", X9, alpha=2, **tol),
        elt_case("soft_relu alpha -1: -ln(1 + e^-x)", "3x3", "soft_relu", X9, alpha=-1, **tol),
        elt_case("logistic", "3x3", "logistic", X9, **tol),
        elt_case("exp", "3x3", "exp", X9, **tol),
        elt_case("log", "2x4", "log", [0.125, 0.5, 1, 2, 3, 10, 100, 1000], **tol),
        elt_case("gelu_tanh", "3x3", "gelu_tanh", X9, **tol),
        elt_case("gelu_erf", "3x3", "gelu_erf", X9, **tol),
        elt_case("swish alpha 1: x * logistic(x)", "3x3", "swish", X9, alpha=1, **tol),
        elt_case("swish alpha 2: x * logistic(2x)", "3x3", "swish", X9, alpha=2, **tol),
        elt_case("mish: x * tanh(softplus(x))", "3x3", "mish", X9, **tol),
        elt_case("hardswish with oneDNN's alpha 1/6 and beta 1/2", "3x3", "hardswish", X9,
                 alpha=1 / 6, beta=0.5, **tol),
        elt_case("hardsigmoid with alpha 1/6 and beta 1/2", "3x3", "hardsigmoid", X9, alpha=1 / 6, beta=0.5, **tol),
        elt_case("pow alpha 1 beta 0.5: square root", "2x3", "pow", [0.5, 1, 2, 3, 5, 10], alpha=1, beta=0.5, **tol),
        elt_case("pow alpha -2 beta 1.5", "2x3", "pow", [0.25, 1, 2, 3, 4, 6], alpha=-2, beta=1.5, **tol),
        elt_case("sqrt of non-squares", "2x3", "sqrt", [2, 3, 5, 0.5, 1e-2, 1e4], **tol),
        elt_case("tanh then relu post-op with scale 2", "3x3", "tanh", X9, ops=[("elt", "relu", 0, 0, 2)],
                 attr__post__ops="relu:0:0:2", **tol),
    ]
    g = elt_case("gelu (no suffix) means gelu_tanh", "3x3", "gelu_tanh", X9, **tol)
    g["alg"] = "gelu"
    trans.append(g)
    n += write("eltwise/transcendental.json", "eltwise",
               "Eltwise algorithms with transcendental functions; expected values from Python's math module "
               "(tools/oracle.py), tolerance 1e-6.", trans)

    errs = [
        err("clip with beta < alpha", "2x3", "INVALID_ARGUMENTS", "beta = 1.0 must be >= alpha = 2.0", alg="clip",
            alpha=2, beta=1),
        err("soft_relu with alpha 0", "2x3", "INVALID_ARGUMENTS", "alpha = 0", alg="soft_relu"),
        err("a benchdnn algorithm jdnn lacks", "2x3", "UNIMPLEMENTED", "jdnn has no eltwise algorithm 'bounded_relu'",
            alg="bounded_relu"),
        err("an algorithm benchdnn does not know", "2x3", "BAD_INPUT", "'frobnicate' is not an eltwise algorithm",
            alg="frobnicate"),
        err("bf16 is not implemented", "2x3", "UNIMPLEMENTED", "supports f32 only", alg="relu", dt="bf16"),
        err("two tensors in the descriptor", "2x3:4", "BAD_INPUT", "expected one tensor's dims"),
        err("malformed dims", "2xx3", "BAD_INPUT", "bad dims '2xx3'"),
        err("zero dim", "2x0x3", "INVALID_ARGUMENTS", "dims[1] = 0 must be positive"),
        err("missing src at execution", "2x3", "INVALID_ARGUMENTS", "missing argument SRC", omit=["src"]),
        err("dst of other dims", "2x3", "INVALID_ARGUMENTS", "argument DST has descriptor",
            substitute={"dst": {"dims": [3, 2]}}),
        err("clip post-op with beta < alpha", "2x3", "INVALID_ARGUMENTS", "beta = 1.0 must be >= alpha = 2.0",
            attr__post__ops="clip:2:1"),
        err("tag of another rank", "2x3", "BAD_INPUT", "--tag=nchw has 4 dims, the tensor has 2", tag="nchw"),
    ]
    n += write("eltwise/errors.json", "eltwise", "Eltwise errors: status and message fragment.", errs)
    return n


# ================================================================== reorder

def ro_case(name, desc, stag, dtag, values=None, scale=None, comment=None, **options):
    dims = [int(x) for x in desc.split("x")]
    values = values if values is not None else seq(prod(dims))
    expected = list(values)
    if scale is not None:
        expected = [v * scale(i) for i, v in enumerate(values)]
    return case(name, desc, {"src": values}, {"dst": expected}, comment=comment, stag=stag, dtag=dtag, **options)


def reorder_files():
    n = 0
    plain = [
        ro_case("nchw to nhwc keeps every logical value", "2x3x2x2", "nchw", "nhwc"),
        ro_case("nhwc to nchw", "2x3x2x2", "nhwc", "nchw", ints(24, 121)),
        ro_case("benchdnn tags: abx to axb on 5-D", "1x2x2x2x3", "abx", "axb"),
        ro_case("1-D copy", "7", "a", "a", ints(7, 122)),
        ro_case("2-D transpose ab to ba", "3x4", "ab", "ba"),
        ro_case("3-D ncw to nwc", "2x3x4", "ncw", "nwc"),
        ro_case("6-D reversal abcdef to fedcba", "2x1x2x1x2x3", "abcdef", "fedcba"),
        ro_case("chwn (batch innermost) to nchw", "2x3x2x2", "chwn", "nchw"),
        ro_case("output scale common:2 doubles every value", "2x3x2", "abc", "acb", attr__oscale="common:2",
                scale=lambda i: 2),
        ro_case("output scale per_oc:2: channels scaled 2, 1, 0.5, 0.25", "1x4x1x2", "nchw", "nhwc",
                attr__oscale="per_oc:2", scale=lambda i: benchdnn_per_oc(2, 4)[i // 2]),
    ]
    n += write("reorder/plain.json", "reorder",
               "Reorders between plain layouts (values are given and expected in logical order, so the "
               "expectation is the input, scaled when an output scale is set).", plain)

    blocked = [
        ro_case("nchw to nChw8c with 3 channels (one partial block)", "1x3x2x2", "nchw", "nChw8c"),
        ro_case("nchw to nChw16c with 5 channels", "2x5x1x2", "nchw", "nChw16c", ints(20, 131)),
        ro_case("nChw16c to nchw with 17 channels (a full block and a 1-channel tail)", "1x17x1x2", "nChw16c",
                "nchw"),
        ro_case("nChw8c to nChw16c with 12 channels", "2x12x1x1", "nChw8c", "nChw16c"),
        ro_case("nhwc to nChw8c with 10 channels", "1x10x2x1", "nhwc", "nChw8c"),
        ro_case("ncdhw to nCdhw8c (3-D, 3 channels)", "1x3x2x2x1", "ncdhw", "nCdhw8c"),
        ro_case("weights oihw to OIhw16i16o with 17x3 (both blocked dims padded)", "17x3x1x2", "oihw", "OIhw16i16o"),
        ro_case("benchdnn aBx16b on 3-D (5 channels)", "2x5x3", "abx", "aBx16b"),
        ro_case("4-blocks on 6 channels to channels-last", "1x6x1x2", "aBcd4b", "acdb"),
        ro_case("blocked with output scale 0.5", "1x3x1x2", "nchw", "nChw8c", attr__oscale="common:0.5",
                scale=lambda i: 0.5),
    ]
    n += write("reorder/blocked.json", "reorder",
               "Reorders to and from blocked layouts whose channels are not a multiple of the block (values in "
               "logical order; the zeroing of the padding is checked by ReferencePropertiesTest).", blocked)

    errs = [
        err("bf16 is not implemented", "2x3", "UNIMPLEMENTED", "supports f32 only", dt="bf16"),
        err("blocked tag without its block size", "1x3x2x2", "BAD_INPUT", "--dtag=nChw", dtag="nChw"),
        err("tag of another rank", "2x3x4", "BAD_INPUT", "--stag=nchw has 4 dims, the tensor has 3", stag="nchw"),
        err("dst of other dims", "2x3", "INVALID_ARGUMENTS", "argument DST has descriptor",
            substitute={"dst": {"dims": [3, 2]}}),
        err("dst in another layout than the primitive's", "2x3", "INVALID_ARGUMENTS",
            "argument DST has descriptor f32 2x3 ba, expected f32 2x3 ab", substitute={"dst": {"dims": [2, 3],
                                                                                              "tag": "ba"}}),
        err("missing dst at execution", "2x3", "INVALID_ARGUMENTS", "missing argument DST", omit=["dst"]),
        err("post-ops are not supported by reorder", "2x3", "UNIMPLEMENTED", "post-ops are not supported",
            attr__post__ops="relu"),
        err("malformed dims", "2x3_x", "BAD_INPUT", "bad dims"),
    ]
    n += write("reorder/errors.json", "reorder", "Reorder errors: status and message fragment.", errs)
    return n


# ================================================================== inner product

def ip_fwd_case(name, desc, mb, ic, sp, oc, seed, bias=False, ops=(), scales=no_scale, dst_before=None, src1=None,
                comment=None, **options):
    k = ic * prod(sp)
    src = ints(mb * k, seed)
    wei = ints(oc * k, seed + 100, -3, 3)
    inputs = {"src": src, "wei": wei}
    bia = None
    if bias:
        bia = ints(oc, seed + 200, -9, 9)
        inputs["bia"] = bia
    if dst_before is not None:
        inputs["dst"] = dst_before
    for key, v in (src1 or {}).items():
        inputs[key] = v
    options.setdefault("dir", "FWD_B" if bias else "FWD_D")
    dst = ip_forward(mb, oc, k, src, wei, bia, ops, scales, dst_before)
    return case(name, desc, inputs, {"dst": dst}, comment=comment, **options)


def ip_bwd_d_case(name, desc, mb, ic, sp, oc, seed, comment=None, **options):
    k = ic * prod(sp)
    dd = ints(mb * oc, seed)
    wei = ints(oc * k, seed + 100, -3, 3)
    return case(name, desc, {"diff_dst": dd, "wei": wei}, {"diff_src": ip_backward_data(mb, oc, k, dd, wei)},
                comment=comment, dir="BWD_D", **options)


def ip_bwd_w_case(name, desc, mb, ic, sp, oc, seed, bias=True, comment=None, **options):
    k = ic * prod(sp)
    src = ints(mb * k, seed)
    dd = ints(mb * oc, seed + 100, -3, 3)
    dw, db = ip_backward_weights(mb, oc, k, src, dd)
    expected = {"diff_wei": dw}
    if bias:
        expected["diff_bia"] = db
    return case(name, desc, {"src": src, "diff_dst": dd}, expected, comment=comment,
                dir="BWD_WB" if bias else "BWD_W", **options)


def ip_files():
    n = 0
    fwd = [
        case("2x3 by 2 outputs, with bias", "mb2ic3oc2", {"src": [1, 2, 3, 4, 5, 6], "wei": [1, 0, -1, 2, 1, 0],
                                                         "bia": [10, -10]}, {"dst": [8, -6, 8, 3]}, dir="FWD_B",
             comment="dst[n][o] = bia[o] + sum_i src[n][i] * wei[o][i]: [10-2, -10+4, 10-2, -10+13]"),
        ip_fwd_case("no bias (FWD_D)", "mb3ic5oc4", 3, 5, [], 4, 301),
        ip_fwd_case("inference with bias (FWD_I)", "mb2ic4oc3", 2, 4, [], 3, 302, bias=True, dir="FWD_I"),
        ip_fwd_case("spatial source nchw with oihw weights: k = ic * h * w", "mb2ic3ih2iw2oc4", 2, 3, [2, 2], 4, 303,
                    bias=True),
        ip_fwd_case("spatial source nhwc with ohwi weights: same logical values", "mb2ic3ih2iw2oc4", 2, 3, [2, 2], 4,
                    303, bias=True, stag="nhwc", wtag="ohwi"),
        ip_fwd_case("spatial source nhwc with plain weights (layouts need not match)", "mb2ic3ih2iw2oc4", 2, 3, [2, 2],
                    4, 304, stag="nhwc", wtag="oihw"),
        ip_fwd_case("blocked source nChw8c with 5 channels", "mb2ic5ih1iw2oc3", 2, 5, [1, 2], 3, 305, stag="nChw8c"),
        ip_fwd_case("1-D spatial", "mb2ic2iw3oc2", 2, 2, [3], 2, 306, bias=True),
        ip_fwd_case("3-D spatial", "mb1ic2id2ih1iw2oc3", 1, 2, [2, 1, 2], 3, 307),
        ip_fwd_case("transposed dst (dtag ba)", "mb3ic4oc5", 3, 4, [], 5, 308, dtag="ba"),
        ip_fwd_case("mb defaults to 2", "ic3oc2", 2, 3, [], 2, 309),
        ip_fwd_case("relu post-op", "mb3ic4oc5", 3, 4, [], 5, 310, bias=True, ops=[("elt", "relu", 0, 0, 1)],
                    attr__post__ops="relu"),
        ip_fwd_case("sum post-op with scale 2", "mb2ic3oc3", 2, 3, [], 3, 311, dst_before=ints(6, 3111),
                    ops=[("sum", 2.0)], attr__post__ops="sum:2"),
        ip_fwd_case("binary add per_oc", "mb2ic3oc4", 2, 3, [], 4, 312, ops=[("bin", "add", [1, 2, 3, 4], [1, 4])],
                    src1={"attr_post_op_0_src_1": [1, 2, 3, 4]}, attr__post__ops="add:f32:per_oc"),
        ip_fwd_case("output scale per_oc:2 then linear", "mb2ic3oc3", 2, 3, [], 3, 313, bias=True,
                    scales=per_axis_scale(benchdnn_per_oc(2, 3), 1), ops=[("elt", "linear", 0.5, 1, 1)],
                    attr__oscale="per_oc:2", attr__post__ops="linear:0.5:1"),
    ]
    n += write("ip/forward.json", "ip", "Inner product forward: with and without bias, spatial sources in several "
               "layouts (flattened logically), post-ops and output scales. Expected values from tools/oracle.py.", fwd)

    bwd = [
        ip_bwd_d_case("backward data, plain", "mb3ic4oc5", 3, 4, [], 5, 321),
        ip_bwd_d_case("backward data, nhwc diff_src", "mb2ic3ih2iw2oc4", 2, 3, [2, 2], 4, 322, stag="nhwc"),
        ip_bwd_d_case("backward data, 1 output", "mb4ic3oc1", 4, 3, [], 1, 323),
        ip_bwd_w_case("backward weights and bias", "mb4ic3oc2", 4, 3, [], 2, 324),
        ip_bwd_w_case("backward weights without bias (BWD_W)", "mb3ic5oc4", 3, 5, [], 4, 325, bias=False),
        ip_bwd_w_case("backward weights, spatial source, ohwi diff_wei", "mb2ic2ih2iw2oc3", 2, 2, [2, 2], 3, 326,
                      stag="nhwc", wtag="ohwi"),
        ip_bwd_w_case("backward weights, minibatch 1", "mb1ic4oc3", 1, 4, [], 3, 327),
    ]
    n += write("ip/backward.json", "ip", "Inner product backward data and backward weights (+ bias). Expected "
               "values from tools/oracle.py.", bwd)

    errs = [
        err("bf16 is not implemented", "mb2ic3oc4", "UNIMPLEMENTED", "supports f32 only", dt="bf16"),
        err("post-ops on backward are not supported", "mb2ic3oc4", "UNIMPLEMENTED",
            "attributes apply to forward inner products only", dir="BWD_D", attr__post__ops="relu"),
        err("unknown direction", "mb2ic3oc4", "UNIMPLEMENTED", "--dir=BWD_DW", dir="BWD_DW"),
        err("oc missing", "mb2ic3", "BAD_INPUT", "ic and oc must be given"),
        err("missing weights at execution", "mb2ic3oc4", "INVALID_ARGUMENTS", "missing argument WEI", omit=["wei"]),
        err("weights of another shape", "mb2ic3oc4", "INVALID_ARGUMENTS", "argument WEI has descriptor",
            substitute={"wei": {"dims": [4, 2]}}),
        err("binary post-op operand of the wrong shape at execution", "mb2ic3oc4", "INVALID_ARGUMENTS",
            "argument ATTR_POST_OP_0_SRC_1 has descriptor", attr__post__ops="add:f32:per_oc",
            substitute={"attr_post_op_0_src_1": {"dims": [1, 3]}}),
    ]
    n += write("ip/errors.json", "ip", "Inner product errors: status and message fragment.", errs)
    return n


if __name__ == "__main__":
    total = conv_files() + pool_files() + matmul_files() + eltwise_files() + reorder_files() + ip_files()
    print("wrote", total, "cases (plus the 3 of conv/basic.json)")
