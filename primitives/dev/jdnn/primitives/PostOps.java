package dev.jdnn.primitives;

import dev.jdnn.memory.JdnnException;
import dev.jdnn.memory.MemoryDesc;
import java.util.ArrayList;
import java.util.List;

/**
 * An immutable chain of post-ops applied, in order, to each output value of a primitive while it
 * is still in registers: {@code PostOps.eltwise(RELU, 0, 0).thenSum(1).thenBinary(ADD, md)}.
 */
public final class PostOps {
    /** No post-ops. */
    public static final PostOps NONE = new PostOps(List.of());

    private final List<PostOp> ops;

    private PostOps(List<PostOp> ops) {
        this.ops = List.copyOf(ops);
    }

    public static PostOps of(PostOp... ops) {
        JdnnException.requireNonNull(ops, "post-ops");
        for (int i = 0; i < ops.length; i++) {
            JdnnException.requireNonNull(ops[i], "post-op " + i);
        }
        return new PostOps(List.of(ops));
    }

    public static PostOps eltwise(EltwiseAlg alg, float alpha, float beta) {
        return NONE.thenEltwise(alg, alpha, beta);
    }

    public static PostOps sum(float scale) {
        return NONE.thenSum(scale);
    }

    public static PostOps binary(BinaryAlg alg, MemoryDesc src1) {
        return NONE.thenBinary(alg, src1);
    }

    public PostOps then(PostOp op) {
        JdnnException.requireNonNull(op, "post-op");
        if (ops.size() == 32) {
            throw JdnnException.invalid("post-ops: at most 32 are supported");
        }
        List<PostOp> list = new ArrayList<>(ops);
        list.add(op);
        return new PostOps(list);
    }

    public PostOps thenEltwise(EltwiseAlg alg, float alpha, float beta) {
        return then(new PostOp.Eltwise(alg, alpha, beta, 1f));
    }

    public PostOps thenSum(float scale) {
        return then(new PostOp.Sum(scale));
    }

    public PostOps thenBinary(BinaryAlg alg, MemoryDesc src1) {
        return then(new PostOp.Binary(alg, src1));
    }

    public List<PostOp> ops() {
        return ops;
    }

    public int size() {
        return ops.size();
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }

    public PostOp get(int i) {
        return ops.get(i);
    }

    /** Whether a sum post-op reads the destination. */
    public boolean hasSum() {
        return ops.stream().anyMatch(PostOp.Sum.class::isInstance);
    }

    /**
     * benchdnn's {@code --attr-post-ops} spelling: {@code relu:0.5+sum:2+add:f32:per_oc}; empty
     * when there are none.
     */
    public String benchdnnString(long[] dstDims) {
        StringBuilder sb = new StringBuilder();
        for (PostOp op : ops) {
            if (!sb.isEmpty()) {
                sb.append('+');
            }
            switch (op) {
                case PostOp.Eltwise e -> {
                    sb.append(e.alg().shortName());
                    if (e.alpha() != 0f || e.beta() != 0f || e.scale() != 1f) {
                        sb.append(':').append(fmt(e.alpha()));
                    }
                    if (e.beta() != 0f || e.scale() != 1f) {
                        sb.append(':').append(fmt(e.beta()));
                    }
                    if (e.scale() != 1f) {
                        sb.append(':').append(fmt(e.scale()));
                    }
                }
                case PostOp.Sum s -> sb.append("sum").append(s.scale() != 1f ? ":" + fmt(s.scale()) : "");
                case PostOp.Binary b -> sb.append(b.alg().shortName()).append(':').append(b.src1().dataType())
                        .append(':').append(BroadcastPolicy.name(b.src1().dims(), dstDims));
            }
        }
        return sb.toString();
    }

    static String fmt(float v) {
        return v == Math.rint(v) && Math.abs(v) < 1e7 ? Long.toString((long) v) : Float.toString(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PostOps p && ops.equals(p.ops);
    }

    @Override
    public int hashCode() {
        return ops.hashCode();
    }

    @Override
    public String toString() {
        return ops.toString();
    }
}
