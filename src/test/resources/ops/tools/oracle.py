"""Independent oracles for the JSON op-test corpus (pure Python, standard library only).

Everything here is written from the operations' definitions (oneDNN's documentation), not from
jdnn's code, and never runs jdnn. Tensors are flat lists in logical row-major order, as the
corpus's "inputs" and "expected" are.

Geometry is always given explicitly per spatial axis (input i, kernel k, stride s, dilation d in
oneDNN's convention where 0 is dense, left padding pl, right padding pr); the output size follows
o = (i + pl + pr - ((k - 1) * (d + 1) + 1)) // s + 1. The corpus writes the same problem as a
benchdnn descriptor, so a wrong inference in jdnn's descriptor parser shows up as a size mismatch.
"""

import itertools
import math
import struct

FLT_MAX = struct.unpack("<f", struct.pack("<I", 0x7F7FFFFF))[0]


def f32(x):
    """x rounded to the nearest float32 (as jdnn stores alpha, beta, scales and data)."""
    return struct.unpack("<f", struct.pack("<f", x))[0]


def is_f32(x):
    return math.isfinite(x) and f32(x) == x


def prod(xs):
    p = 1
    for x in xs:
        p *= x
    return p


def flat(dims, index):
    off = 0
    for n, i in zip(dims, index):
        assert 0 <= i < n, (dims, index)
        off = off * n + i
    return off


def all_index(dims):
    return itertools.product(*[range(n) for n in dims])


def extent(k, d):
    return (k - 1) * (d + 1) + 1


def out_size(i, k, s, d, pl, pr):
    return (i + pl + pr - extent(k, d)) // s + 1


class Geom:
    """Spatial geometry: per-axis lists (outermost spatial axis first)."""

    def __init__(self, i, k, s=None, d=None, pl=None, pr=None):
        n = len(i)
        self.i = list(i)
        self.k = list(k)
        self.s = list(s) if s else [1] * n
        self.d = list(d) if d else [0] * n
        self.pl = list(pl) if pl else [0] * n
        self.pr = list(pr) if pr is not None else list(self.pl)
        assert all(len(x) == n for x in (self.k, self.s, self.d, self.pl, self.pr))
        self.o = [out_size(*a) for a in zip(self.i, self.k, self.s, self.d, self.pl, self.pr)]
        assert all(o >= 1 for o in self.o), self.o

    def taps(self, opos):
        """(flat kernel position, input position or None when in the padding) for every tap."""
        for kflat, kpos in enumerate(all_index(self.k)):
            ipos = [o * s - pl + kk * (d + 1) for o, s, pl, kk, d in zip(opos, self.s, self.pl, kpos, self.d)]
            inside = all(0 <= x < n for x, n in zip(ipos, self.i))
            yield kflat, kpos, (ipos if inside else None)


# ------------------------------------------------------------------ attributes

def post_ops(value, index, dst_dims, dst_before, scales, ops):
    """dst = post_ops(scale * value); ops: ("elt", alg, alpha, beta, scale) / ("sum", scale) /
    ("bin", alg, src1, src1_dims)."""
    v = value * scales(index)
    for op in ops:
        if op[0] == "elt":
            _, alg, a, b, sc = op
            v = sc * eltwise(alg, v, a, b)
        elif op[0] == "sum":
            v = v + op[1] * dst_before[flat(dst_dims, index)]
        elif op[0] == "bin":
            _, alg, src1, s1dims = op
            j = [0 if n == 1 else i for n, i in zip(s1dims, index)]
            w = src1[flat(s1dims, j)]
            ops2 = {"add": lambda: v + w, "mul": lambda: v * w, "sub": lambda: v - w,
                    "max": lambda: max(v, w), "min": lambda: min(v, w), "div": lambda: v / w}
            v = ops2[alg]()
        else:
            raise ValueError(op)
    return v


def no_scale(_index):
    return 1.0


def common_scale(s):
    return lambda _index: f32(s)


def per_axis_scale(values, axis):
    return lambda index: values[index[axis]]


def benchdnn_per_oc(scale, count):
    """jdnn's bench convention for --attr-oscale=per_oc:S (documented in AttrParser): S, S/2, S/4, S/8, S, ..."""
    return [f32(scale) / (1 << (c % 4)) for c in range(count)]


# ------------------------------------------------------------------ convolution

def conv(mb, g, ic, oc, geom, src, wei, bias=None, ops=(), scales=no_scale, dst_before=None):
    """Forward convolution. src [mb, ic, i..], wei [g, oc/g, ic/g, k..] (same flat order as
    [oc, ic/g, k..]), bias [oc] or None."""
    icg, ocg = ic // g, oc // g
    sdims = [mb, ic] + geom.i
    wdims = [oc, icg] + geom.k
    ddims = [mb, oc] + geom.o
    assert len(src) == prod(sdims) and len(wei) == prod(wdims)
    dst = [0.0] * prod(ddims)
    for n, co in itertools.product(range(mb), range(oc)):
        grp = co // ocg
        for opos in all_index(geom.o):
            acc = 0.0
            for _, kpos, ipos in geom.taps(opos):
                if ipos is None:
                    continue
                for c in range(icg):
                    acc += src[flat(sdims, [n, grp * icg + c] + ipos)] * wei[flat(wdims, [co, c] + list(kpos))]
            if bias is not None:
                acc += bias[co]
            index = [n, co] + list(opos)
            dst[flat(ddims, index)] = post_ops(acc, index, ddims, dst_before, scales, ops)
    return dst


# ------------------------------------------------------------------ pooling

def pool(mb, c, geom, src, alg):
    """Returns (dst, ws); ws (max only) is the flat window position of the first maximum,
    0 for a window wholly in the padding (whose dst is -FLT_MAX for max, 0 for averages)."""
    sdims = [mb, c] + geom.i
    ddims = [mb, c] + geom.o
    assert len(src) == prod(sdims)
    dst = [0.0] * prod(ddims)
    ws = [0] * prod(ddims)
    ksize = prod(geom.k)
    for n, ch in itertools.product(range(mb), range(c)):
        for opos in all_index(geom.o):
            vals = []
            for kflat, _, ipos in geom.taps(opos):
                if ipos is not None:
                    vals.append((kflat, src[flat(sdims, [n, ch] + ipos)]))
            o = flat(ddims, [n, ch] + list(opos))
            if alg == "max":
                if not vals:
                    dst[o], ws[o] = -FLT_MAX, 0
                else:
                    best = vals[0]
                    for kv in vals[1:]:
                        if kv[1] > best[1]:
                            best = kv
                    dst[o], ws[o] = best[1], best[0]
            elif alg == "avg_p":
                dst[o] = sum(v for _, v in vals) / ksize
            elif alg == "avg_np":
                dst[o] = sum(v for _, v in vals) / len(vals) if vals else 0.0
            else:
                raise ValueError(alg)
    return dst, ws


# ------------------------------------------------------------------ matmul

def matmul(sdims, wdims, src, wei, bias=None, bdims=None, ops=(), scales=no_scale, dst_before=None):
    """dst[b..][m][n] = sum_k src[b..][m][k] * wei[b..][k][n] (+ bias), batch dims of size 1 broadcast."""
    r = len(sdims)
    assert len(wdims) == r
    batch = [max(a, b) for a, b in zip(sdims[:-2], wdims[:-2])]
    M, K, N = sdims[-2], sdims[-1], wdims[-1]
    assert wdims[-2] == K
    ddims = batch + [M, N]
    dst = [0.0] * prod(ddims)
    for bidx in all_index(batch):
        sb = [0 if n == 1 else i for n, i in zip(sdims[:-2], bidx)]
        wb = [0 if n == 1 else i for n, i in zip(wdims[:-2], bidx)]
        for m, nn in itertools.product(range(M), range(N)):
            acc = 0.0
            for k in range(K):
                acc += src[flat(sdims, sb + [m, k])] * wei[flat(wdims, wb + [k, nn])]
            index = list(bidx) + [m, nn]
            if bias is not None:
                acc += bias[flat(bdims, [0 if n == 1 else i for n, i in zip(bdims, index)])]
            dst[flat(ddims, index)] = post_ops(acc, index, ddims, dst_before, scales, ops)
    return dst, ddims


# ------------------------------------------------------------------ inner product

def ip_forward(mb, oc, k, src, wei, bias=None, ops=(), scales=no_scale, dst_before=None):
    """dst[n][o] = bias[o] + sum_k src[n][k] * wei[o][k]; src [mb, ic, spatial..] and wei
    [oc, ic, spatial..] flattened in logical order (k = ic * spatial)."""
    dst = [0.0] * (mb * oc)
    for n, o in itertools.product(range(mb), range(oc)):
        acc = sum(src[n * k + i] * wei[o * k + i] for i in range(k))
        if bias is not None:
            acc += bias[o]
        dst[n * oc + o] = post_ops(acc, [n, o], [mb, oc], dst_before, scales, ops)
    return dst


def ip_backward_data(mb, oc, k, diff_dst, wei):
    """diff_src[n][i] = sum_o diff_dst[n][o] * wei[o][i]."""
    return [sum(diff_dst[n * oc + o] * wei[o * k + i] for o in range(oc)) for n in range(mb) for i in range(k)]


def ip_backward_weights(mb, oc, k, src, diff_dst):
    """diff_wei[o][i] = sum_n diff_dst[n][o] * src[n][i]; diff_bia[o] = sum_n diff_dst[n][o]."""
    dw = [sum(diff_dst[n * oc + o] * src[n * k + i] for n in range(mb)) for o in range(oc) for i in range(k)]
    db = [sum(diff_dst[n * oc + o] for n in range(mb)) for o in range(oc)]
    return dw, db


# ------------------------------------------------------------------ eltwise

def eltwise(alg, x, alpha=0.0, beta=0.0):
    """oneDNN's forward eltwise definitions (alpha and beta as float32, like the library takes them)."""
    a, b = f32(alpha), f32(beta)
    if alg == "relu":
        return x if x > 0 else a * x
    if alg == "tanh":
        return math.tanh(x)
    if alg == "elu":
        return x if x > 0 else a * (math.exp(x) - 1)
    if alg == "square":
        return x * x
    if alg == "abs":
        return abs(x)
    if alg == "sqrt":
        return math.sqrt(x)
    if alg == "linear":
        return a * x + b
    if alg == "soft_relu":
        return math.log(1 + math.exp(a * x)) / a
    if alg == "logistic":
        return 1 / (1 + math.exp(-x))
    if alg == "exp":
        return math.exp(x)
    if alg == "log":
        return math.log(x)
    if alg == "gelu_tanh":
        return 0.5 * x * (1 + math.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))
    if alg == "gelu_erf":
        return 0.5 * x * (1 + math.erf(x / math.sqrt(2)))
    if alg == "swish":
        return x / (1 + math.exp(-a * x))
    if alg == "clip":
        return a if x < a else b if x > b else x
    if alg == "hardsigmoid":
        return min(1.0, max(0.0, a * x + b))
    if alg == "hardswish":
        return x * min(1.0, max(0.0, a * x + b))
    if alg == "mish":
        return x * math.tanh(math.log(1 + math.exp(x)))
    if alg == "pow":
        return a * x ** b
    raise ValueError(alg)
