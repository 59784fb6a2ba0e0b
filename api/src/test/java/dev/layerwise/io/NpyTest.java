package dev.layerwise.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.layerwise.Shape;
import dev.layerwise.spi.TensorValue;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code .npy} writer and reader: round trips, the float32/float64 choice, the header layout the NumPy format
 * spec (version 1.0) prescribes, interoperability with a real NumPy when one is installed, and bad input.
 */
class NpyTest {
  private static final boolean NUMPY = NumpyProbe.AVAILABLE;

  @TempDir Path dir;

  private static TensorValue tensor(double[] data, int... dims) {
    return new TensorValue(dims.length == 0 ? Shape.scalar() : Shape.of(dims), data);
  }

  private static double[] ramp(int n, double scale) {
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = (i - n / 2.0) * scale;
    }
    return d;
  }

  /** The header text (between the 10-byte preamble and the data) of a version 1.0 file. */
  private static String header(byte[] npy) {
    int len = ByteBuffer.wrap(npy, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
    return new String(npy, 10, len, StandardCharsets.US_ASCII);
  }

  private static String descr(byte[] npy) {
    Matcher m = Pattern.compile("'descr': '([^']*)'").matcher(header(npy));
    assertTrue(m.find(), header(npy));
    return m.group(1);
  }

  /** A version 1.0 file with the given header dict and raw data, padded as the spec says. */
  static byte[] npy(String dict, byte[] data) {
    int unpadded = 10 + dict.length() + 1;
    int total = (unpadded + 63) / 64 * 64;
    String header = dict + " ".repeat(total - unpadded) + "\n";
    ByteBuffer b = ByteBuffer.allocate(total + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
    b.put(header.getBytes(StandardCharsets.US_ASCII)).put(data);
    return b.array();
  }

  private static byte[] doubles(ByteOrder order, double... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(order);
    for (double v : values) {
      b.putDouble(v);
    }
    return b.array();
  }

  @Test
  void float32ValuesRoundTripExactlyInEveryRank() {
    for (int[] dims : new int[][] {{}, {1}, {3}, {2, 3, 4}, {1, 1, 1, 5}}) {
      int n = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
      double[] data = new double[n];
      for (int i = 0; i < n; i++) {
        data[i] = (float) Math.sin(i + 1) * 1000; // exactly representable in float32
      }
      TensorValue t = tensor(data, dims);
      byte[] bytes = Npy.write(t);
      assertEquals("<f4", descr(bytes), Arrays.toString(dims));
      assertEquals(t, Npy.read(bytes, "t.npy"), Arrays.toString(dims));
    }
  }

  @Test
  void float64ValuesRoundTripBitForBit() {
    double[] data = {0.1, -1.0 / 3, Math.PI, Double.MIN_VALUE, 1e300, -0.0, 1 + Math.ulp(1.0)};
    for (int[] dims : new int[][] {{7}, {7, 1}}) {
      TensorValue t = tensor(data, dims);
      byte[] bytes = Npy.write(t);
      assertEquals("<f8", descr(bytes));
      TensorValue back = Npy.read(bytes, "t.npy");
      assertEquals(t.shape(), back.shape());
      for (int i = 0; i < data.length; i++) {
        assertEquals(Double.doubleToRawLongBits(data[i]), Double.doubleToRawLongBits(back.get(i)), "index " + i);
      }
    }
  }

  @Test
  void oneValueThatIsNotAFloat32MakesTheWholeFileFloat64() {
    double[] data = {1, 2, 3, 4, 5, 6};
    assertEquals("<f4", descr(Npy.write(tensor(data, 2, 3))));
    for (double odd : new double[] {0.1, 1e-50, 1e300, 16777217.0}) {
      double[] d = data.clone();
      d[4] = odd;
      byte[] bytes = Npy.write(tensor(d, 2, 3));
      assertEquals("<f8", descr(bytes), "with " + odd);
      assertEquals(odd, Npy.read(bytes, "t").get(4), 0.0);
    }
  }

  @Test
  void nonFiniteValuesAndNegativeZeroStayFloat32() {
    double[] data = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Float.MAX_VALUE,
        Float.MIN_VALUE};
    byte[] bytes = Npy.write(tensor(data, 6));
    assertEquals("<f4", descr(bytes));
    assertEquals(10 + header(bytes).length() + 6 * 4, bytes.length);
    TensorValue back = Npy.read(bytes, "t");
    assertTrue(Double.isNaN(back.get(0)));
    assertEquals(Double.POSITIVE_INFINITY, back.get(1));
    assertEquals(Double.NEGATIVE_INFINITY, back.get(2));
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.get(3)));
    assertEquals(Float.MAX_VALUE, back.get(4), 0.0);
    assertEquals(Float.MIN_VALUE, back.get(5), 0.0);
  }

  @Test
  void theHeaderFollowsTheNpyVersion1Spec() {
    Object[][] cases = {
        {tensor(new double[] {1.5}), "()", "<f4", 4},
        {tensor(new double[] {1, 2, 3}, 3), "(3,)", "<f4", 4},
        {tensor(ramp(24, 0.1), 2, 3, 4), "(2, 3, 4)", "<f8", 8},
        {tensor(ramp(784 * 128, 0.5), 784, 128), "(784, 128)", "<f4", 4},
    };
    for (Object[] c : cases) {
      TensorValue t = (TensorValue) c[0];
      byte[] b = Npy.write(t);
      assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'}, Arrays.copyOf(b, 6), "magic");
      assertEquals(1, b[6], "major version");
      assertEquals(0, b[7], "minor version");
      String h = header(b);
      int dataStart = 10 + h.length();
      assertEquals(0, dataStart % 64, "the data must start at a multiple of 64, header: " + h);
      assertTrue(h.endsWith("\n"), "the header ends with a newline");
      assertTrue(h.substring(0, h.length() - 1).chars().skip(h.strip().length()).allMatch(ch -> ch == ' '),
          "padded with spaces: " + h);
      assertTrue(h.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f || ch == '\n'), "ASCII: " + h);
      assertEquals("{'descr': '" + c[2] + "', 'fortran_order': False, 'shape': " + c[1] + ", }", h.strip());
      assertEquals(dataStart + t.size() * (int) c[3], b.length, "data length");
      // the data: little-endian, C order, right after the header
      ByteBuffer data = ByteBuffer.wrap(b, dataStart, b.length - dataStart).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < t.size(); i += Math.max(1, t.size() / 7)) {
        double v = (int) c[3] == 4 ? data.getFloat(dataStart + i * 4) : data.getDouble(dataStart + i * 8);
        assertEquals(t.get(i), v, 0.0, "value " + i);
      }
    }
  }

  @Test
  void readsBigEndianFloat64AndIntegerFiles() {
    TensorValue be = Npy.read(npy("{'descr': '>f8', 'fortran_order': False, 'shape': (2,), }",
        doubles(ByteOrder.BIG_ENDIAN, 1.25, -3.5)), "be.npy");
    assertEquals(tensor(new double[] {1.25, -3.5}, 2), be);
    ByteBuffer ints = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(-7).putInt(0).putInt(1 << 30);
    TensorValue i4 = Npy.read(npy("{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }", ints.array()), "i");
    assertEquals(tensor(new double[] {-7, 0, 1 << 30}, 3), i4);
  }

  @Test
  void badInputIsRefusedNamingTheFileAndTheProblem() {
    byte[] good = Npy.write(tensor(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
    byte[] data8 = doubles(ByteOrder.LITTLE_ENDIAN, 1, 2);
    byte[] badMagic = good.clone();
    badMagic[1] = 'X';
    byte[] version9 = good.clone();
    version9[6] = 9;
    // version 2 keeps the header length in 4 bytes: 0xFFFFFFFF is 4 GiB, not -1
    byte[] version2 = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN)
        .put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(-1).array();
    Object[][] cases = {
        {new byte[0], "not a .npy file (only 0 bytes)"},
        {Arrays.copyOf(good, 9), "not a .npy file (only 9 bytes)"},
        {badMagic, "not a .npy file (bad magic)"},
        {"PK\u0003\u0004 this is a zip".getBytes(StandardCharsets.ISO_8859_1), "not a .npy file (bad magic)"},
        {version9, "unsupported .npy format version 9"},
        {Arrays.copyOf(good, 40), "truncated .npy header"},
        {version2, "truncated .npy header (4294967295 bytes promised, 52 left)"},
        {Arrays.copyOf(version2, 11), "truncated .npy header"},
        {npy("{'descr': '<f8', 'fortran_order': False, 'shape': (65536, 65536), }", data8),
            "unsupported .npy shape (65536, 65536): shape [65536, 65536] has more than 2^31-1 elements"},
        {Arrays.copyOf(good, good.length - 1), "truncated .npy data: [2, 3] needs 24 bytes, found 23"},
        {Arrays.copyOf(good, 10 + header(good).length()), "truncated .npy data: [2, 3] needs 24 bytes, found 0"},
        {npy("{'descr': '<u8', 'fortran_order': False, 'shape': (2,), }", data8), "unsupported .npy type"},
        {npy("{'descr': '<f2', 'fortran_order': False, 'shape': (2,), }", data8), "unsupported .npy type"},
        {npy("{'descr': '|S4', 'fortran_order': False, 'shape': (2,), }", data8), "unreadable .npy header"},
        {npy("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", new byte[16]), "unreadable .npy header"},
        {npy("{'descr': '<M8', 'fortran_order': False, 'shape': (2,), }", data8), "unreadable .npy header"},
        {npy("{'descr': '<f8', 'shape': (2,), }", data8), "unreadable .npy header"},
        {npy("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 1), }", data8), "Fortran-ordered arrays are not"},
        {npy("{'descr': '<f8', 'fortran_order': False, 'shape': (0,), }", new byte[0]), "unsupported .npy shape (0,)"},
        {npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, x), }", data8), "unsupported .npy shape (2, x)"},
    };
    for (Object[] c : cases) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Npy.read((byte[]) c[0], "model.layerwise!weights/w.npy"), (String) c[1]);
      assertTrue(e.getMessage().startsWith("model.layerwise!weights/w.npy: "), e.getMessage());
      assertTrue(e.getMessage().contains((String) c[1]), "expected '" + c[1] + "' in: " + e.getMessage());
    }
  }

  // ---- interoperability with a real NumPy (skipped where python3 + numpy are not installed) ----

  /** Runs a Python script in {@link #dir} and returns its output lines. */
  private List<String> python(String script) throws IOException, InterruptedException {
    assumeTrue(NUMPY, "python3 with numpy is not installed");
    Process p = new ProcessBuilder("python3", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python timed out");
    assertEquals(0, p.exitValue(), "python failed:\n" + out);
    return out.lines().toList();
  }

  @Test
  void numpyLoadsWhatJavaWrites() throws Exception {
    Files.write(dir.resolve("f4.npy"), Npy.write(tensor(new double[] {1, -2.5, 3e-3f, 4, 5, 6}, 2, 3)));
    Files.write(dir.resolve("f8.npy"), Npy.write(tensor(new double[] {0.1, -1.0 / 3, 1e300}, 3)));
    Files.write(dir.resolve("scalar.npy"), Npy.write(tensor(new double[] {7.25})));
    Files.write(dir.resolve("rank3.npy"), Npy.write(tensor(ramp(24, 0.25), 2, 3, 4)));
    List<String> out = python("""
        import numpy as np, ast
        for name in ['f4', 'f8', 'scalar', 'rank3']:
            with open(name + '.npy', 'rb') as f:
                version = np.lib.format.read_magic(f)
                shape, fortran, dtype = np.lib.format.read_array_header_1_0(f)
                start = f.tell()
            a = np.load(name + '.npy', allow_pickle=False)
            print(name, version, a.dtype.str, a.shape, a.flags['C_CONTIGUOUS'], fortran, start % 64,
                  ' '.join(float(v).hex() for v in a.ravel()))
        """);
    assertEquals(4, out.size(), String.join("\n", out));
    assertEquals("f4 (1, 0) <f4 (2, 3) True False 0 " + hex(1, -2.5, 3e-3f, 4, 5, 6), out.get(0));
    assertEquals("f8 (1, 0) <f8 (3,) True False 0 " + hex(0.1, -1.0 / 3, 1e300), out.get(1));
    assertEquals("scalar (1, 0) <f4 () True False 0 " + hex(7.25), out.get(2));
    assertEquals("rank3 (1, 0) <f4 (2, 3, 4) True False 0 " + hex(ramp(24, 0.25)), out.get(3));
  }

  private static String hex(double... values) {
    StringBuilder b = new StringBuilder();
    for (double v : values) {
      b.append(b.length() == 0 ? "" : " ").append(pythonHex(v));
    }
    return b.toString();
  }

  /** Python's float.hex(): 0x1.8000000000000p+1, 0x0.0p+0, -0x1.0000000000000p-2. */
  private static String pythonHex(double v) {
    if (v == 0) {
      return (1 / v < 0 ? "-" : "") + "0x0.0p+0";
    }
    long bits = Double.doubleToRawLongBits(v);
    int exp = (int) ((bits >>> 52) & 0x7ff) - 1023;
    String mantissa = String.format("%013x", bits & 0xfffffffffffffL);
    return (v < 0 ? "-" : "") + "0x1." + mantissa + "p" + (exp >= 0 ? "+" : "") + exp;
  }

  @Test
  void javaReadsWhatNumpySaves() throws Exception {
    python("""
        import numpy as np
        np.save('f4.npy', np.array([[1.5, -2.0, 0.25], [4.0, 5.0, 6.0]], dtype='<f4'))
        np.save('f8.npy', np.array([0.1, -1/3, 1e300], dtype='<f8'))
        np.save('be.npy', np.array([[0.1, 2.0], [-3.0, 1e-300]], dtype='>f8'))
        np.save('scalar.npy', np.float32(3.5))
        np.save('i4.npy', np.array([-1, 2, 2**31 - 1], dtype='<i4'))
        np.save('i8.npy', np.array([-5, 2**40], dtype='<i8'))
        with open('v2.npy', 'wb') as f:
            np.lib.format.write_array(f, np.arange(6, dtype='<f8').reshape(3, 2), version=(2, 0))
        np.save('fortran.npy', np.asfortranarray(np.arange(6, dtype='<f4').reshape(2, 3)))
        np.save('empty.npy', np.zeros((0,), dtype='<f4'))
        np.save('i2.npy', np.array([1, 2], dtype='<i2'))
        np.save('c16.npy', np.array([1 + 2j], dtype='<c16'))
        np.save('bool.npy', np.array([True, False]))
        np.save('u1.npy', np.array([[0, 255], [7, 128]], dtype='|u1'))
        np.save('i1.npy', np.array([-128, 127], dtype='|i1'))
        np.save('u2.npy', np.array([65535, 1], dtype='>u2'))
        np.save('u4.npy', np.array([2**32 - 1], dtype='<u4'))
        """);
    assertEquals(tensor(new double[] {1.5, -2, 0.25, 4, 5, 6}, 2, 3), read("f4.npy"));
    assertEquals(tensor(new double[] {0.1, -1.0 / 3, 1e300}, 3), read("f8.npy"));
    assertEquals(tensor(new double[] {0.1, 2, -3, 1e-300}, 2, 2), read("be.npy"));
    assertEquals(tensor(new double[] {3.5}), read("scalar.npy"));
    assertEquals(tensor(new double[] {-1, 2, Integer.MAX_VALUE}, 3), read("i4.npy"));
    assertEquals(tensor(new double[] {-5, 1L << 40}, 2), read("i8.npy"));
    assertEquals(tensor(new double[] {0, 1, 2, 3, 4, 5}, 3, 2), read("v2.npy"));
    assertRefused("fortran.npy", "Fortran-ordered arrays are not supported");
    assertRefused("empty.npy", "unsupported .npy shape (0,)");
    assertEquals(tensor(new double[] {1, 2}, 2), read("i2.npy"));
    assertEquals(tensor(new double[] {1, 0}, 2), read("bool.npy"));
    assertEquals(tensor(new double[] {0, 255, 7, 128}, 2, 2), read("u1.npy"));
    assertEquals(tensor(new double[] {-128, 127}, 2), read("i1.npy"));
    assertEquals(tensor(new double[] {65535, 1}, 2), read("u2.npy"));
    assertEquals(tensor(new double[] {4294967295.0}, 1), read("u4.npy"));
    assertRefused("c16.npy", "unreadable .npy header");
  }

  private TensorValue read(String name) throws IOException {
    return Npy.read(Files.readAllBytes(dir.resolve(name)), name);
  }

  private void assertRefused(String name, String problem) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(name), name);
    assertTrue(e.getMessage().startsWith(name + ": ") && e.getMessage().contains(problem), e.getMessage());
  }

  @Test
  void aJavaWrittenFileSurvivesANumpyRoundTrip() throws Exception {
    double[] data = ramp(60, 1.0 / 7);
    Files.write(dir.resolve("in.npy"), Npy.write(tensor(data, 3, 4, 5)));
    python("""
        import numpy as np
        a = np.load('in.npy')
        assert a.dtype == np.float64 and a.shape == (3, 4, 5), (a.dtype, a.shape)
        np.save('out.npy', a * 2)
        """);
    double[] doubled = Arrays.stream(data).map(v -> v * 2).toArray();
    assertEquals(tensor(doubled, 3, 4, 5), read("out.npy"));
  }
}
