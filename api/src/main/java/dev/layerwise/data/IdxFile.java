package dev.layerwise.data;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A tensor read from an IDX file (the MNIST format): magic {@code 0x00 0x00 type rank}, then {@code rank}
 * big-endian int32 dimensions, then the values in row-major order, big-endian. Gzip-compressed files are
 * recognised by their magic bytes, whatever their name.
 *
 * @param dims the dimensions, the first being the number of items
 * @param data the values as floats (unsigned bytes become 0..255)
 */
public record IdxFile(int[] dims, float[] data) {

  /** Reads a whole IDX file; a missing, truncated or malformed file gives an {@link IllegalArgumentException}. */
  public static IdxFile read(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("IDX file not found: " + path);
    }
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
      raw.mark(2);
      boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
      // A plain file's length says how many value bytes it holds, so the header's promise is checked before
      // anything is allocated. A gzip file's inflated length is unknown until it is inflated (its trailer keeps
      // it modulo 2³², and can lie), so there the values are read as they arrive and the memory follows them.
      long length = gzip ? -1 : Files.size(path);
      return parse(path, new DataInputStream(new BufferedInputStream(in, 1 << 16)), length);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("IDX file not found: " + path, e);
    } catch (EOFException | ZipException e) {
      throw new IllegalArgumentException("IDX file " + path + " is truncated or corrupt: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read IDX file " + path, e);
    }
  }

  /**
   * @param length the file's length in bytes, or -1 when it is not known (gzip)
   */
  private static IdxFile parse(Path path, DataInputStream in, long length) throws IOException {
    int magic = in.readInt();
    int type = (magic >>> 8) & 0xff;
    int rank = magic & 0xff;
    checkArgument((magic >>> 16) == 0 && rank >= 1,
        "%s is not an IDX file: magic 0x%s, expected 0x0000 then a type byte and a rank ≥ 1", path,
        Integer.toHexString(magic));
    int width = switch (type) {
      case 0x08, 0x09 -> 1;
      case 0x0B -> 2;
      case 0x0C, 0x0D -> 4;
      case 0x0E -> 8;
      default -> throw new IllegalArgumentException(path + ": unknown IDX value type 0x" + Integer.toHexString(type));
    };
    int[] dims = new int[rank];
    long count = 1;
    for (int i = 0; i < rank; i++) {
      dims[i] = in.readInt();
      checkArgument(dims[i] >= 0, "%s: negative dimension %s in header", path, dims[i]);
      count *= dims[i];
      checkArgument(count <= Integer.MAX_VALUE / width, "%s: header %s describes too many values for one Java array",
          path, Arrays.toString(Arrays.copyOf(dims, i + 1)));
    }
    int promised = (int) (count * width);
    long present = length - 4 - 4L * rank;
    if (length >= 0 && present < promised) {
      throw truncated(path, dims, promised, present);
    }
    // the bytes and the floats they become must fit at once: a clear refusal rather than an OutOfMemoryError
    long needed = promised + 4 * count;
    long heap = Runtime.getRuntime().maxMemory();
    checkArgument(needed <= heap, "IDX file %s: its header %s describes %s values, %s MiB in memory with their"
        + " floats; this JVM's heap holds at most %s MiB (raise it with -Xmx)", path, Arrays.toString(dims), count,
        needed >> 20, heap >> 20);
    // readNBytes(int) allocates in small chunks as bytes arrive, never the promised size up front
    byte[] bytes = in.readNBytes(promised);
    if (bytes.length < promised) {
      throw truncated(path, dims, promised, bytes.length);
    }
    // Reading to the end makes GZIPInputStream check its trailer (CRC-32 and length): a cut or corrupted
    // download fails here rather than passing silently.
    if (in.read() != -1) {
      throw new IllegalArgumentException(String.format(
          "IDX file %s has more data than its header %s describes", path, Arrays.toString(dims)));
    }
    return new IdxFile(dims, decode(bytes, type, (int) count));
  }

  private static IllegalArgumentException truncated(Path path, int[] dims, int promised, long found) {
    return new IllegalArgumentException(String.format(
        "IDX file %s is truncated: its header %s promises %d bytes of values, found %d", path,
        Arrays.toString(dims), promised, found));
  }

  private static float[] decode(byte[] bytes, int type, int count) {
    float[] out = new float[count];
    ByteBuffer b = ByteBuffer.wrap(bytes); // big-endian by default, as IDX is
    for (int i = 0; i < count; i++) {
      out[i] = switch (type) {
        case 0x08 -> bytes[i] & 0xff;
        case 0x09 -> bytes[i];
        case 0x0B -> b.getShort();
        case 0x0C -> b.getInt();
        case 0x0D -> b.getFloat();
        default -> (float) b.getDouble();
      };
    }
    return out;
  }

  /** The number of items (the first dimension). */
  public int count() {
    return dims[0];
  }

  /** The shape of one item (all dimensions after the first). */
  public int[] itemDims() {
    return Arrays.copyOfRange(dims, 1, dims.length);
  }
}
