package io.prunegcrn.dataset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds small .npy arrays and .npz archives by hand, the way numpy writes them (format version 1.0). */
final class NpzArchives {

    /** The value of element (t, n, c) of a test array; c is 0 for 2-D arrays. */
    interface Cell {
        double at(int t, int n, int c);
    }

    private NpzArchives() {
    }

    /** A numpy v1.0 file: magic, version, header length, the header dict padded to 64 bytes, then the data. */
    static byte[] npy(String descr, boolean fortranOrder, int[] shape, byte[] data) {
        String dims = shape.length == 1 ? shape[0] + ","
                : Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        StringBuilder header = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': "
                + (fortranOrder ? "True" : "False") + ", 'shape': (" + dims + "), }");
        int preamble = 6 + 2 + 2;
        while ((preamble + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        byte[] headerBytes = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(preamble + headerBytes.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0);
        out.putShort((short) headerBytes.length);
        out.put(headerBytes).put(data);
        return out.array();
    }

    /** A numpy v1.0 file whose elements come from {@code cell}, laid out in C or Fortran order. */
    static byte[] npy(String descr, boolean fortranOrder, int[] shape, Cell cell) {
        return npy(descr, fortranOrder, shape, encode(descr, fortranOrder, shape, cell));
    }

    /** The raw element bytes of an array of the given dtype ('<f8', '>f4', '<i8', ...), shape and order. */
    static byte[] encode(String descr, boolean fortranOrder, int[] shape, Cell cell) {
        ByteOrder order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        char kind = descr.charAt(1);
        int width = Integer.parseInt(descr.substring(2));
        int steps = shape[0];
        int nodes = shape[1];
        int channels = shape.length == 3 ? shape[2] : 1;
        ByteBuffer out = ByteBuffer.allocate(steps * nodes * channels * width).order(order);
        if (fortranOrder) {
            for (int c = 0; c < channels; c++) {
                for (int n = 0; n < nodes; n++) {
                    for (int t = 0; t < steps; t++) {
                        put(out, kind, width, cell.at(t, n, c));
                    }
                }
            }
        } else {
            for (int t = 0; t < steps; t++) {
                for (int n = 0; n < nodes; n++) {
                    for (int c = 0; c < channels; c++) {
                        put(out, kind, width, cell.at(t, n, c));
                    }
                }
            }
        }
        return out.array();
    }

    private static void put(ByteBuffer out, char kind, int width, double v) {
        switch (kind + "" + width) {
            case "f8" -> out.putDouble(v);
            case "f4" -> out.putFloat((float) v);
            case "i8" -> out.putLong((long) v);
            case "i4" -> out.putInt((int) v);
            case "i2" -> out.putShort((short) v);
            case "u1" -> out.put((byte) v);
            default -> throw new IllegalArgumentException("no encoder for " + kind + width);
        }
    }

    /** An npz archive holding {@code data.npy}. */
    static byte[] npzWithData(byte[] npy, boolean deflated) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("data.npy", npy);
        return zip(entries, deflated);
    }

    /** A zip of the given entries, in order, either all stored or all deflated. */
    static byte[] zip(Map<String, byte[]> entries, boolean deflated) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                if (deflated) {
                    entry.setMethod(ZipEntry.DEFLATED);
                } else {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    entry.setCompressedSize(e.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    /**
     * One stored entry the way numpy's {@code np.savez} writes it (Python's zipfile with {@code force_zip64=True}):
     * the local header's sizes are 0xFFFFFFFF and the real sizes sit in a zip64 extra field.
     */
    static byte[] zip64StoredEntry(String name, byte[] content) {
        CRC32 crc = new CRC32();
        crc.update(content);
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(30 + nameBytes.length + 20 + content.length + 22).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0x04034b50).putShort((short) 45).putShort((short) 0).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0x21)
                .putInt((int) crc.getValue()).putInt(0xFFFFFFFF).putInt(0xFFFFFFFF)
                .putShort((short) nameBytes.length).putShort((short) 20)
                .put(nameBytes)
                .putShort((short) 0x0001).putShort((short) 16).putLong(content.length).putLong(content.length)
                .put(content);
        // an (empty) end-of-central-directory record; a streaming reader stops at its signature
        out.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                .putInt(0).putInt(30 + nameBytes.length + 20 + content.length).putShort((short) 0);
        return out.array();
    }
}
