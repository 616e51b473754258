package io.prunegcrn.model.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.nd4j.common.util.ArrayUtil;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Native buffers of a {@link StaticGraphRunner} plan. The plan's shapes repeat every time step, so an array whose
 * last reader has run is almost always reused by an array of the same size a few ops later: memory stays near
 * the live set of the graph, not the sum of its arrays. A request takes the smallest free buffer that holds it if
 * that is at most twice its size (a prefix of it), else a new one; this planned 1.87 GB instead of 1.97 GB with
 * exact sizes only for a training step at N = 207 (its live set peaks at 1.2 GB).
 */
final class BufferPool {
    private final Map<DataType, TreeMap<Long, ArrayDeque<INDArray>>> free = new HashMap<>();
    private final Map<String, INDArray> taken = new HashMap<>();
    private final List<INDArray> all = new ArrayList<>();
    private long bytes;
    private long liveBytes;
    private long peakLiveBytes;

    INDArray take(String variable, DataType type, LongShapeDescriptor shape) {
        long length = ArrayUtil.prodLong(shape.getShape());
        if (length == 0 || shape.isEmpty()) {
            return Nd4j.create(shape);
        }
        INDArray base = takeFree(type, length);
        if (base == null) {
            base = Nd4j.createUninitialized(type, length);
            all.add(base);
            bytes += length * type.width();
        }
        taken.put(variable, base);
        liveBytes += base.length() * type.width();
        peakLiveBytes = Math.max(peakLiveBytes, liveBytes);
        INDArray prefix = base.length() == length ? base : base.get(NDArrayIndex.interval(0, length));
        INDArray view = prefix.reshape(shape.getOrder(), shape.getShape());
        if (view.data().address() != base.data().address() || view.offset() != 0) {
            throw new IllegalStateException("reshape of a pooled buffer did not give a view");
        }
        return view;
    }

    private INDArray takeFree(DataType type, long length) {
        TreeMap<Long, ArrayDeque<INDArray>> bySize = free.get(type);
        Map.Entry<Long, ArrayDeque<INDArray>> fit = bySize == null ? null : bySize.ceilingEntry(length);
        if (fit == null || fit.getKey() > 2 * length) {
            return null;
        }
        INDArray base = fit.getValue().pop();
        if (fit.getValue().isEmpty()) {
            bySize.remove(fit.getKey());
        }
        return base;
    }

    INDArray release(String variable) {
        INDArray base = taken.remove(variable);
        if (base != null) {
            liveBytes -= base.length() * base.dataType().width();
            free.computeIfAbsent(base.dataType(), k -> new TreeMap<>())
                    .computeIfAbsent(base.length(), k -> new ArrayDeque<>()).push(base);
        }
        return base;
    }

    /** Bytes allocated. */
    long bytes() {
        return bytes;
    }

    /** Largest total size of the buffers in use at one time. */
    long peakLiveBytes() {
        return peakLiveBytes;
    }

    void close() {
        all.forEach(INDArray::close);
        all.clear();
        free.clear();
        taken.clear();
    }
}
