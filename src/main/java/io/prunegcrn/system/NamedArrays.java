package io.prunegcrn.system;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Named arrays in one zip file, an entry per array in ND4J's binary format (checkpoints, a model's linear part). */
public final class NamedArrays {

    private NamedArrays() {
    }

    /** Writes {@code arrays} to {@code file} atomically (temp file, then rename). */
    public static void write(Path file, Map<String, INDArray> arrays) {
        try {
            DataDirectory.writeAtomically(file, tmp -> {
                try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                    zip.setLevel(1);
                    writeEntries(zip, "", arrays);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static Map<String, INDArray> read(Path file) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                arrays.put(e.getName(), readEntry(zip));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return arrays;
    }

    /** Writes each array as the entry {@code prefix + name}. */
    public static void writeEntries(ZipOutputStream zip, String prefix, Map<String, INDArray> arrays) throws IOException {
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            zip.putNextEntry(new ZipEntry(prefix + e.getKey()));
            DataOutputStream out = new DataOutputStream(nonClosing(zip));
            Nd4j.write(e.getValue(), out);
            out.flush();
            zip.closeEntry();
        }
    }

    /** Reads the array of the zip entry the stream stands at, leaving the stream open. */
    public static INDArray readEntry(ZipInputStream zip) {
        return Nd4j.read(new DataInputStream(nonClosing(zip)));
    }

    /** A view of the zip stream that the reader may close without closing the zip (the next entry follows). */
    public static InputStream nonClosing(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
                // the zip stream stays open for the next entry
            }
        };
    }

    public static OutputStream nonClosing(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
