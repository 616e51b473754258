package io.prunegcrn.dataset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads the {@code data} array of an npz archive in the AGCRN/ASTGCN layout ({@code T×N×C}, or {@code T×N})
 * and keeps one channel (channel 0 is flow in PeMSD4/PeMSD8). Sensors are named by index ("0".."N-1").
 * Supports the numpy dtypes a traffic file uses (float16/32/64, signed and unsigned integers), either
 * byte order, C or Fortran order, stored or deflated entries.
 */
public final class NpzSeriesReader {

    static final String ARRAY = "data";
    private static final long MAX_VALUES = 200_000_000L;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([fiu])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpzSeriesReader() {
    }

    public static TrafficSeries read(String file, InputStream in, int channel) {
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            List<String> names = new ArrayList<>();
            while ((entry = zip.getNextEntry()) != null) {
                String name = entry.getName().endsWith(".npy") ? entry.getName().substring(0, entry.getName().length() - 4) : entry.getName();
                names.add(name);
                if (name.equals(ARRAY)) {
                    return readNpy(file, zip, channel);
                }
            }
            if (names.isEmpty()) {
                throw new DatasetFormatException(file, 0, "not an npz archive (no zip entries found)");
            }
            throw new DatasetFormatException(file, 0, "no array named '" + ARRAY + "' in the archive; it holds " + names);
        } catch (IOException e) {
            throw new DatasetFormatException(file, 0, "cannot read the archive: " + e.getMessage());
        }
    }

    private static TrafficSeries readNpy(String file, InputStream in, int channel) throws IOException {
        byte[] magic = in.readNBytes(8);
        if (magic.length < 8 || (magic[0] & 0xff) != 0x93 || magic[1] != 'N' || magic[2] != 'U') {
            throw new DatasetFormatException(file, 0, "'" + ARRAY + ".npy' is not a numpy array file");
        }
        int major = magic[6];
        byte[] lenBytes = in.readNBytes(major == 1 ? 2 : 4);
        ByteBuffer lb = ByteBuffer.wrap(lenBytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen = major == 1 ? Short.toUnsignedInt(lb.getShort()) : lb.getInt();
        String header = new String(in.readNBytes(headerLen), StandardCharsets.ISO_8859_1);

        Matcher descr = DESCR.matcher(header);
        Matcher shapeM = SHAPE.matcher(header);
        Matcher fortranM = FORTRAN.matcher(header);
        if (!descr.find() || !shapeM.find() || !fortranM.find()) {
            throw new DatasetFormatException(file, 0, "unsupported array header: " + CsvTable.abbreviate(header.trim()));
        }
        ByteOrder order = descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        char kind = descr.group(2).charAt(0);
        int width = Integer.parseInt(descr.group(3));
        boolean fortran = fortranM.group(1).equals("True");
        long[] shape = parseShape(file, shapeM.group(1));
        if (shape.length != 2 && shape.length != 3) {
            throw new DatasetFormatException(file, 0, "'" + ARRAY + "' must be T×N×C or T×N, got shape " + java.util.Arrays.toString(shape));
        }
        long steps = shape[0];
        long nodes = shape[1];
        long channels = shape.length == 3 ? shape[2] : 1;
        if (channel < 0 || channel >= channels) {
            throw new DatasetFormatException(file, 0, "channel " + channel + " requested, the array has " + channels);
        }
        long total = steps * nodes * channels;
        if (total > MAX_VALUES) {
            throw new DatasetFormatException(file, 0, "the array holds " + total + " values, more than " + MAX_VALUES);
        }
        if (nodes < 2) {
            throw new DatasetFormatException(file, 0, "the array has " + nodes + " sensor; at least 2 are needed");
        }
        ByteBuffer data = ByteBuffer.wrap(readFully(in, total * width, file)).order(order);
        float[] values = new float[(int) (steps * nodes)];
        for (int t = 0; t < steps; t++) {
            for (int n = 0; n < nodes; n++) {
                long index = fortran ? t + steps * (n + nodes * (long) channel) : (t * nodes + n) * channels + channel;
                float v = element(data, (int) (index * width), kind, width, file);
                if (!Float.isFinite(v)) {
                    throw new DatasetFormatException(file, 0, "value at step " + t + ", sensor " + n + " is not finite (" + v + ")");
                }
                values[(int) (t * nodes + n)] = v;
            }
        }
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            ids.add(Integer.toString(n));
        }
        return new TrafficSeries(values, (int) steps, ids);
    }

    private static float element(ByteBuffer b, int at, char kind, int width, String file) {
        switch (kind) {
            case 'f':
                if (width == 4) {
                    return b.getFloat(at);
                }
                if (width == 8) {
                    return (float) b.getDouble(at);
                }
                if (width == 2) {
                    return halfToFloat(b.getShort(at));
                }
                break;
            case 'i':
                if (width == 1) {
                    return b.get(at);
                }
                if (width == 2) {
                    return b.getShort(at);
                }
                if (width == 4) {
                    return b.getInt(at);
                }
                if (width == 8) {
                    return b.getLong(at);
                }
                break;
            case 'u':
                if (width == 1) {
                    return Byte.toUnsignedInt(b.get(at));
                }
                if (width == 2) {
                    return Short.toUnsignedInt(b.getShort(at));
                }
                if (width == 4) {
                    return Integer.toUnsignedLong(b.getInt(at));
                }
                if (width == 8) {
                    long v = b.getLong(at);
                    return v >= 0 ? v : (float) ((v >>> 1) * 2.0 + (v & 1));
                }
                break;
            default:
                break;
        }
        throw new DatasetFormatException(file, 0, "unsupported numpy dtype " + kind + width);
    }

    private static long[] parseShape(String file, String text) {
        List<Long> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                try {
                    dims.add(Long.parseLong(part.trim().replace("L", "")));
                } catch (NumberFormatException e) {
                    throw new DatasetFormatException(file, 0, "cannot read the array shape (" + text + ")");
                }
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    private static byte[] readFully(InputStream in, long length, String file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(length, 1 << 20));
        byte[] buf = new byte[1 << 16];
        long remaining = length;
        while (remaining > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, remaining));
            if (r < 0) {
                throw new DatasetFormatException(file, 0, "the array data is truncated: " + (length - remaining) + " of " + length + " bytes");
            }
            out.write(buf, 0, r);
            remaining -= r;
        }
        return out.toByteArray();
    }

    /** IEEE 754 half precision to float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h >>> 15) << 31;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant / 1024f / 16384f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
