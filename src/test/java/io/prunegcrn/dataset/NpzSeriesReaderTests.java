package io.prunegcrn.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class NpzSeriesReaderTests {

    private static final String FILE = "test.npz";

    /** Distinct, exactly representable values: 100·t + 10·n + c + 0.5. */
    private static final NpzArchives.Cell CELL = (t, n, c) -> 100 * t + 10 * n + c + 0.5;

    private static TrafficSeries read(byte[] npz, int channel) {
        return NpzSeriesReader.read(FILE, new ByteArrayInputStream(npz), channel);
    }

    private static void assertHolds(TrafficSeries series, int channel, NpzArchives.Cell cell) {
        for (int t = 0; t < series.steps(); t++) {
            for (int n = 0; n < series.nodes(); n++) {
                assertThat(series.get(t, n)).as("step %d, sensor %d", t, n).isEqualTo((float) cell.at(t, n, channel));
            }
        }
    }

    @Test
    void aFloat64StepsBySensorsByChannelsArrayGivesChannelZeroByDefault() {
        byte[] npz = NpzArchives.npzWithData(NpzArchives.npy("<f8", false, new int[] {4, 3, 3}, CELL), true);

        TrafficSeries series = read(npz, 0);

        assertThat(series.steps()).isEqualTo(4);
        assertThat(series.nodes()).isEqualTo(3);
        assertThat(series.sensorIds()).containsExactly("0", "1", "2");
        assertThat(series.get(0, 0)).isEqualTo(0.5f);
        assertThat(series.get(3, 2)).isEqualTo(320.5f);
        assertHolds(series, 0, CELL);
    }

    @Test
    void theRequestedChannelIsReadInsteadOfChannelZero() {
        byte[] npz = NpzArchives.npzWithData(NpzArchives.npy("<f8", false, new int[] {4, 3, 3}, CELL), false);

        TrafficSeries series = read(npz, 2);

        assertThat(series.get(3, 2)).isEqualTo(322.5f);
        assertHolds(series, 2, CELL);
    }

    @Test
    void aFloat32StepsBySensorsArrayWithoutAChannelAxisIsRead() {
        byte[] npz = NpzArchives.npzWithData(NpzArchives.npy("<f4", false, new int[] {5, 2}, CELL), true);

        TrafficSeries series = read(npz, 0);

        assertThat(series.steps()).isEqualTo(5);
        assertThat(series.nodes()).isEqualTo(2);
        assertHolds(series, 0, CELL);
    }

    @Test
    void int64ValuesAreReadAsNumbers() {
        NpzArchives.Cell counts = (t, n, c) -> (t - 1) * 1000L + n * 7 + c;
        byte[] npz = NpzArchives.npzWithData(NpzArchives.npy("<i8", false, new int[] {3, 4, 2}, counts), false);

        TrafficSeries series = read(npz, 1);

        assertThat(series.get(0, 0)).isEqualTo(-999f);
        assertThat(series.get(2, 3)).isEqualTo(1022f);
        assertHolds(series, 1, counts);
    }

    @Test
    void bigEndianFloat32ValuesAreReadInTheirByteOrder() {
        byte[] npz = NpzArchives.npzWithData(NpzArchives.npy(">f4", false, new int[] {3, 2, 3}, CELL), true);

        TrafficSeries series = read(npz, 0);

        assertThat(series.get(2, 1)).isEqualTo(210.5f);
        assertHolds(series, 0, CELL);
    }

    @Test
    void fortranOrderGivesTheSameValuesAsCOrder() {
        int[] shape = {5, 4, 3};
        for (int channel = 0; channel < 3; channel++) {
            TrafficSeries c = read(NpzArchives.npzWithData(NpzArchives.npy("<f8", false, shape, CELL), true), channel);
            TrafficSeries fortran = read(NpzArchives.npzWithData(NpzArchives.npy("<f8", true, shape, CELL), true), channel);

            assertThat(fortran.values()).as("channel %d", channel).containsExactly(c.values());
            assertHolds(fortran, channel, CELL);
        }
    }

    @Test
    void aTwoDimensionalFortranOrderArrayIsReadColumnByColumn() {
        TrafficSeries series = read(NpzArchives.npzWithData(NpzArchives.npy("<f4", true, new int[] {3, 2}, CELL), false), 0);

        assertThat(series.values()).containsExactly(0.5f, 10.5f, 100.5f, 110.5f, 200.5f, 210.5f);
    }

    @Test
    void float16ValuesAreDecodedExactly() {
        short[] halves = {0x3C00, (short) 0xC000, 0x3800, 0x7BFF, 0x0001, 0x3555};
        ByteBuffer data = ByteBuffer.allocate(halves.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short h : halves) {
            data.putShort(h);
        }
        byte[] npz = NpzArchives.npzWithData(NpzArchives.npy("<f2", false, new int[] {2, 3}, data.array()), true);

        TrafficSeries series = read(npz, 0);

        assertThat(series.values()).containsExactly(1.0f, -2.0f, 0.5f, 65504f, 0x1p-24f, 0.333251953125f);
    }

    @Test
    void anArchiveWrittenWithNumpysZip64LocalHeaderIsRead() {
        byte[] npy = NpzArchives.npy("<f8", false, new int[] {4, 3, 3}, CELL);

        TrafficSeries series = read(NpzArchives.zip64StoredEntry("data.npy", npy), 0);

        assertHolds(series, 0, CELL);
    }

    @Test
    void theDataArrayIsFoundAmongOtherArrays() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("timestamps.npy", NpzArchives.npy("<i8", false, new int[] {4, 2}, (t, n, c) -> t));
        entries.put("data.npy", NpzArchives.npy("<f8", false, new int[] {4, 3, 3}, CELL));

        assertHolds(read(NpzArchives.zip(entries, true), 0), 0, CELL);
    }

    @Test
    void anArchiveWithoutADataEntryNamesTheEntriesItHolds() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("flow.npy", NpzArchives.npy("<f8", false, new int[] {4, 3}, CELL));
        entries.put("speed.npy", NpzArchives.npy("<f8", false, new int[] {4, 3}, CELL));

        assertThatThrownBy(() -> read(NpzArchives.zip(entries, false), 0))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage("test.npz: no array named 'data' in the archive; it holds [flow, speed]")
                .satisfies(e -> assertThat(((DatasetFormatException) e).file()).isEqualTo(FILE))
                .satisfies(e -> assertThat(((DatasetFormatException) e).line()).isZero());
    }

    @Test
    void aChannelBeyondTheChannelAxisIsRefused() {
        byte[] npz = NpzArchives.npzWithData(NpzArchives.npy("<f8", false, new int[] {4, 3, 3}, CELL), true);

        assertThatThrownBy(() -> read(npz, 3))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("channel 3 requested, the array has 3");
        assertThatThrownBy(() -> read(npz, -1))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("channel -1 requested");
    }

    @Test
    void aTwoDimensionalArrayHasOnlyChannelZero() {
        byte[] npz = NpzArchives.npzWithData(NpzArchives.npy("<f4", false, new int[] {4, 3}, CELL), true);

        assertThatThrownBy(() -> read(npz, 1))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("channel 1 requested, the array has 1");
    }

    @Test
    void aOneDimensionalArrayIsRefusedWithItsShape() {
        byte[] npz = NpzArchives.npzWithData(NpzArchives.npy("<f8", false, new int[] {12}, new byte[12 * 8]), true);

        assertThatThrownBy(() -> read(npz, 0))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("must be T×N×C or T×N, got shape [12]");
    }

    @Test
    void anArrayOfOneSensorIsRefused() {
        byte[] npz = NpzArchives.npzWithData(NpzArchives.npy("<f8", false, new int[] {4, 1, 3}, CELL), true);

        assertThatThrownBy(() -> read(npz, 0))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("1 sensor; at least 2 are needed");
    }

    @Test
    void truncatedArrayDataSaysHowManyBytesArrived() {
        byte[] full = NpzArchives.encode("<f8", false, new int[] {4, 3, 3}, CELL);
        byte[] half = Arrays.copyOf(full, full.length / 2);
        byte[] npz = NpzArchives.npzWithData(NpzArchives.npy("<f8", false, new int[] {4, 3, 3}, half), true);

        assertThatThrownBy(() -> read(npz, 0))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("the array data is truncated: 144 of 288 bytes");
    }

    @Test
    void aNanReadingNamesItsStepAndSensor() {
        NpzArchives.Cell withNan = (t, n, c) -> t == 2 && n == 1 && c == 0 ? Double.NaN : CELL.at(t, n, c);
        byte[] npz = NpzArchives.npzWithData(NpzArchives.npy("<f8", false, new int[] {4, 3, 3}, withNan), true);

        assertThatThrownBy(() -> read(npz, 0))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage("test.npz: value at step 2, sensor 1 is not finite (NaN)");
    }

    @Test
    void aNanInAChannelThatIsNotReadDoesNotMatter() {
        NpzArchives.Cell withNan = (t, n, c) -> c == 1 ? Double.NaN : CELL.at(t, n, c);
        byte[] npz = NpzArchives.npzWithData(NpzArchives.npy("<f8", false, new int[] {4, 3, 3}, withNan), true);

        assertHolds(read(npz, 2), 2, CELL);
    }

    @Test
    void aFileThatIsNotAZipIsRefused() {
        byte[] csv = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> read(csv, 0))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage("test.npz: not an npz archive (no zip entries found)");
    }

    @Test
    void aBareNpyFileIsNotTakenForAnArchive() {
        byte[] npy = NpzArchives.npy("<f8", false, new int[] {4, 3, 3}, CELL);

        assertThatThrownBy(() -> read(npy, 0))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("not an npz archive");
    }

    @Test
    void aDataEntryThatIsNotANumpyArrayIsRefused() {
        byte[] npz = NpzArchives.npzWithData("not numpy at all".getBytes(StandardCharsets.UTF_8), false);

        assertThatThrownBy(() -> read(npz, 0))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("'data.npy' is not a numpy array file");
    }

    @Test
    void aPemsLikeArchiveSplitsIntoWindowsThatLineUpWithTheRawFlow() {
        int steps = 300;
        int sensors = 7;
        // flow (veh/5 min), occupancy, speed (mph), as in PeMSD4/PeMSD8's data[T, N, 3]
        NpzArchives.Cell pems = (t, n, c) -> switch (c) {
            case 0 -> Math.round(10 * (120 + 15 * n + 80 * Math.sin(2 * Math.PI * t / 288.0 + n))) / 10.0;
            case 1 -> 0.02 + 0.001 * ((t + n) % 40);
            default -> 55 + (t * 7 + n * 3) % 17;
        };
        byte[] npz = NpzArchives.npzWithData(NpzArchives.npy("<f8", false, new int[] {steps, sensors, 3}, pems), true);

        TrafficSeries flow = read(npz, 0);
        ChronologicalSplit split = ChronologicalSplit.of(steps).requireWindows("PEMS-like.npz", 12, 12);
        ZScore scale = ZScore.fit(flow, split.trainEnd());
        SlidingWindows windows = new SlidingWindows(flow, scale, 12, 12);

        assertThat(flow.steps()).isEqualTo(steps);
        assertThat(flow.nodes()).isEqualTo(sensors);
        assertThat(split.trainEnd()).isEqualTo(180);
        assertThat(split.validationEnd()).isEqualTo(240);
        assertThat(windows.within(0, split.trainEnd())).hasSize(180 - 24 + 1);
        assertThat(windows.within(split.trainEnd(), split.validationEnd())).hasSize(37).startsWith(180 + 12);
        int[] test = windows.within(split.validationEnd(), steps);
        assertThat(test).hasSize(37).startsWith(240 + 12).endsWith(288);

        double sum = 0;
        for (int t = 0; t < 180; t++) {
            for (int n = 0; n < sensors; n++) {
                sum += (float) pems.at(t, n, 0);
            }
        }
        assertThat(scale.mean()).isCloseTo(sum / (180 * sensors), within(1e-9));

        int offset = test.length - 8;
        SlidingWindows.Batch batch = windows.batch(test, offset, 8);
        INDArray x = batch.x();
        INDArray y = batch.y();
        assertThat(x.shape()).containsExactly(sensors, 12, 8, 1);
        assertThat(y.shape()).containsExactly(sensors, 8, 12);
        for (int b = 0; b < 8; b++) {
            int first = test[offset + b];
            for (int n = 0; n < sensors; n++) {
                for (int t = 0; t < 12; t++) {
                    float raw = (float) pems.at(first - 12 + t, n, 0);
                    assertThat(x.getFloat(n, t, b, 0)).isEqualTo(scale.normalize(raw));
                }
                for (int h = 0; h < 12; h++) {
                    float raw = (float) pems.at(first + h, n, 0);
                    assertThat(y.getFloat(n, b, h)).isEqualTo(scale.normalize(raw));
                    assertThat(scale.denormalize(y.getFloat(n, b, h))).isCloseTo(raw, within(1e-3f));
                }
            }
        }
        // the last target of the last test window is the last step of the file
        assertThat(scale.denormalize(y.getFloat(sensors - 1, 7, 11))).isCloseTo((float) pems.at(299, sensors - 1, 0), within(1e-3f));
    }
}
