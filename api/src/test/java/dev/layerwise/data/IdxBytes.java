package dev.layerwise.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds IDX files byte by byte (big-endian, as the format says), independently of {@link IdxFile}. */
final class IdxBytes {
  static final int UBYTE = 0x08;
  static final int INT32 = 0x0C;
  static final int FLOAT32 = 0x0D;

  private IdxBytes() {}

  /** The header: 0x00 0x00 type rank, then the dimensions. */
  private static DataOutputStream header(ByteArrayOutputStream bytes, int type, int... dims) throws IOException {
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt((type << 8) | dims.length);
    for (int d : dims) {
      out.writeInt(d);
    }
    return out;
  }

  static byte[] ubytes(int[] dims, int[] values) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = header(bytes, UBYTE, dims);
      for (int v : values) {
        out.writeByte(v);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] ints(int[] dims, int[] values) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = header(bytes, INT32, dims);
      for (int v : values) {
        out.writeInt(v);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] floats(int[] dims, float[] values) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = header(bytes, FLOAT32, dims);
      for (float v : values) {
        out.writeFloat(v);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] gzip(byte[] raw) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
        gz.write(raw);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path write(Path file, byte[] bytes) {
    try {
      return Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
