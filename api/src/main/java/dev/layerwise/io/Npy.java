package dev.layerwise.io;

import dev.layerwise.Shape;
import dev.layerwise.spi.TensorValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format, version 1.0: the magic {@code \x93NUMPY}, a header dict
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (784, 128), }} padded with spaces to a multiple of 64
 * bytes, then the values in C (row-major) order, little-endian. {@code numpy.load} reads what this writes.
 *
 * <p>A tensor whose every value is a float32 number (all TF-trained weights) is written as {@code <f4}; anything
 * else (reference-backend weights in double) as {@code <f8}, so nothing is rounded on the way to disk.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([<>|=]?)([fiub])(\\d)'");
  private static final Pattern ORDER = Pattern.compile("'fortran_order':\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

  private Npy() {}

  public static byte[] write(TensorValue value) {
    boolean single = true;
    for (double d : value.data()) {
      single &= (double) (float) d == d || Double.isNaN(d);
    }
    int[] dims = value.shape().dims();
    StringBuilder shape = new StringBuilder("(");
    for (int d : dims) {
      shape.append(d).append(", ");
    }
    if (dims.length > 1) {
      shape.setLength(shape.length() - 2);
    } else if (dims.length == 1) {
      shape.setLength(shape.length() - 1);
    }
    shape.append(')');
    String dict = "{'descr': '" + (single ? "<f4" : "<f8") + "', 'fortran_order': False, 'shape': " + shape + ", }";
    int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
    int padded = (unpadded + 63) / 64 * 64;
    String header = dict + " ".repeat(padded - unpadded) + "\n";
    int width = single ? 4 : 8;
    ByteBuffer b = ByteBuffer.allocate(padded + value.size() * width).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
    b.put(header.getBytes(StandardCharsets.US_ASCII));
    for (double d : value.data()) {
      if (single) {
        b.putFloat((float) d);
      } else {
        b.putDouble(d);
      }
    }
    return b.array();
  }

  /**
   * Reads a float32 or float64 array, or an integer or boolean one (signed 8 to 64 bits, unsigned 8 to 32 bits,
   * NumPy's one-byte bool as 0/1; datasets such as Keras's MNIST {@code .npz} store pixels as {@code |u1}), widened
   * to doubles (an int64 beyond ±2⁵³ is rounded); anything else, or a malformed or truncated file, gives an
   * {@link IllegalArgumentException} naming {@code what}.
   */
  public static TensorValue read(byte[] bytes, String what) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    Header header = header(b, bytes.length, what);
    Shape s = header.shape();
    String type = header.type();
    if (b.remaining() < header.bytes()) {
      throw new IllegalArgumentException(what + ": truncated .npy data: " + s + " needs " + header.bytes()
          + " bytes, found " + b.remaining());
    }
    double[] d = new double[s.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = switch (type) {
        case "f4" -> b.getFloat();
        case "f8" -> b.getDouble();
        case "i1" -> b.get();
        case "i2" -> b.getShort();
        case "i4" -> b.getInt();
        case "i8" -> b.getLong();
        case "u1" -> Byte.toUnsignedInt(b.get());
        case "u2" -> Short.toUnsignedInt(b.getShort());
        case "u4" -> Integer.toUnsignedLong(b.getInt());
        default -> b.get() != 0 ? 1 : 0; // b1: NumPy's bool, one byte
      };
    }
    return new TensorValue(s, d);
  }

  /** An array's type, shape and data size in bytes, from its header. */
  private record Header(String type, Shape shape, long bytes) {}

  /** Reads the header at the start of {@code b} (of {@code length} bytes), leaving {@code b} at the data. */
  private static Header header(ByteBuffer b, int length, String what) {
    if (length < 10) {
      throw new IllegalArgumentException(what + ": not a .npy file (only " + length + " bytes)");
    }
    for (byte m : MAGIC) {
      if (b.get() != m) {
        throw new IllegalArgumentException(what + ": not a .npy file (bad magic)");
      }
    }
    int major = b.get();
    b.get();
    if (major < 1 || major > 3) {
      throw new IllegalArgumentException(what + ": unsupported .npy format version " + major);
    }
    if (major > 1 && length < 12) {
      throw new IllegalArgumentException(what + ": truncated .npy header");
    }
    // Versions 2 and 3 store the length in 4 bytes: read as unsigned, a length ≥ 2³¹ is simply too long.
    long headerLength = major == 1 ? Short.toUnsignedInt(b.getShort()) : Integer.toUnsignedLong(b.getInt());
    if (headerLength > b.remaining()) {
      throw new IllegalArgumentException(what + ": truncated .npy header (" + headerLength + " bytes promised, "
          + b.remaining() + " left)");
    }
    byte[] h = new byte[(int) headerLength];
    b.get(h);
    String header = new String(h, StandardCharsets.US_ASCII);
    Matcher descr = DESCR.matcher(header);
    Matcher order = ORDER.matcher(header);
    Matcher shape = SHAPE.matcher(header);
    if (!descr.find() || !order.find() || !shape.find()) {
      throw new IllegalArgumentException(what + ": unreadable .npy header " + header.strip());
    }
    if (order.group(1).equals("True")) {
      throw new IllegalArgumentException(what + ": Fortran-ordered arrays are not supported");
    }
    if (descr.group(1).equals(">")) {
      b.order(ByteOrder.BIG_ENDIAN);
    }
    String type = descr.group(2) + descr.group(3);
    if (!List.of("f4", "f8", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "b1").contains(type)) {
      throw new IllegalArgumentException(what + ": unsupported .npy type " + descr.group());
    }
    int width = type.charAt(1) - '0';
    List<Integer> dims = new ArrayList<>();
    Shape s;
    long need;
    try {
      for (String part : shape.group(1).split(",")) {
        if (!part.isBlank()) {
          dims.add(Integer.parseInt(part.strip()));
        }
      }
      s = dims.isEmpty() ? Shape.scalar() : Shape.of(dims.stream().mapToInt(Integer::intValue).toArray());
      need = (long) s.size() * width; // size() refuses more than 2³¹-1 elements
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + ": unsupported .npy shape (" + shape.group(1) + "): "
          + e.getMessage(), e);
    }
    return new Header(type, s, need);
  }

  /**
   * The shape of the array in a {@code .npy} file, from its header alone (the values are not read).
   *
   * @throws IllegalArgumentException for a file that is not a {@code .npy} file {@link #read} reads, naming it
   * @throws UncheckedIOException when the file cannot be read
   */
  public static Shape shape(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] start = in.readNBytes(12);
      ByteBuffer lengths = ByteBuffer.wrap(start).order(ByteOrder.LITTLE_ENDIAN);
      // the header's length: 2 bytes at offset 8 in version 1, 4 bytes in versions 2 and 3
      long length = start.length < 12 ? start.length : start[6] == 1 ? 10 + Short.toUnsignedInt(lengths.getShort(8))
          : 12 + Integer.toUnsignedLong(lengths.getInt(8));
      byte[] prefix = Arrays.copyOf(start, (int) Math.min(length, Integer.MAX_VALUE - 8));
      int got = start.length + in.readNBytes(prefix, start.length, prefix.length - start.length);
      byte[] bytes = Arrays.copyOf(prefix, got);
      return header(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), bytes.length, file.toString()).shape();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read .npy file " + file, e);
    }
  }
}
