package dev.jdnn.bench.desc;

import java.util.ArrayList;
import java.util.List;

/**
 * A descriptor made of tensor shapes (dims may be 0: benchdnn tests empty tensors), as benchdnn's matmul, eltwise, softmax, binary, reorder,
 * normalization and sum/concat drivers write them: {@code AxBxC[:DxE..][_n"name"]}.
 */
public record DimsDescriptor(List<long[]> tensors, String name) {

    public static DimsDescriptor parse(String descriptor) {
        int n = descriptor.indexOf('n');
        String body = n < 0 ? descriptor : descriptor.substring(0, n);
        String name = n < 0 ? "" : DescriptorLexer.unquote(descriptor.substring(n + 1));
        while (body.endsWith("_")) {
            body = body.substring(0, body.length() - 1);
        }
        if (body.isEmpty()) {
            throw new BadInputException("descriptor '" + descriptor + "': no dims");
        }
        List<long[]> tensors = new ArrayList<>();
        for (String part : body.split(":", -1)) {
            String[] xs = part.split("x", -1);
            long[] dims = new long[xs.length];
            for (int i = 0; i < xs.length; i++) {
                if (xs[i].isEmpty() || xs[i].length() > 12 || !xs[i].chars().allMatch(Character::isDigit)) {
                    throw new BadInputException("descriptor '" + descriptor + "': bad dims '" + part + "'");
                }
                dims[i] = Long.parseLong(xs[i]);

            }
            tensors.add(dims);
        }
        return new DimsDescriptor(List.copyOf(tensors), name);
    }

    public long[] tensor(int i) {
        return tensors.get(i).clone();
    }

    public int count() {
        return tensors.size();
    }

    public static String shape(long[] dims) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : "x").append(dims[i]);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tensors.size(); i++) {
            sb.append(i == 0 ? "" : ":").append(shape(tensors.get(i)));
        }
        if (!name.isEmpty()) {
            sb.append("_n\"").append(name).append('"');
        }
        return sb.toString();
    }
}
