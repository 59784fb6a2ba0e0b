package dev.layerwise.tf;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;

/**
 * What a SavedModel folder must hold, checked in Java before TensorFlow reads it: {@code saved_model.pb} parses as
 * a SavedModel with a meta graph tagged {@code serve}, and when that graph has variables (a saver), {@code
 * variables/variables.index} is there to restore them from. TensorFlow's loader skips the restore when the index is
 * missing, so without this check a folder that lost its {@code variables/} loads and fails only at its first run.
 */
final class SavedModelFolder {
  static final String PB = "saved_model.pb";
  static final String VARIABLES_INDEX = "variables/variables.index";

  private SavedModelFolder() {}

  /** Throws an {@link IllegalArgumentException} naming {@code dir} and what is missing or malformed. */
  static void check(Path dir) {
    Path pb = dir.resolve(PB);
    if (!Files.isRegularFile(pb)) {
      throw new IllegalArgumentException("no SavedModel at " + dir + " (expected " + pb + ")");
    }
    SavedModel saved;
    try (InputStream in = Files.newInputStream(pb)) {
      saved = SavedModel.parseFrom(in);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("SavedModel " + dir + ": " + PB + " is truncated or corrupt: "
          + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pb, e);
    }
    MetaGraphDef serving = null;
    List<List<String>> tags = new ArrayList<>();
    for (MetaGraphDef g : saved.getMetaGraphsList()) {
      tags.add(g.getMetaInfoDef().getTagsList());
      if (g.getMetaInfoDef().getTagsList().contains(SavedModelBundle.DEFAULT_TAG)) {
        serving = g;
      }
    }
    if (serving == null) {
      throw new IllegalArgumentException("SavedModel " + dir + " has no meta graph tagged '"
          + SavedModelBundle.DEFAULT_TAG + "' to serve; its meta graphs are tagged " + tags);
    }
    boolean hasVariables = serving.hasSaverDef() && !serving.getSaverDef().getRestoreOpName().isEmpty();
    if (hasVariables && !Files.isRegularFile(dir.resolve(VARIABLES_INDEX))) {
      throw new IllegalArgumentException("SavedModel " + dir + " has variables but no " + VARIABLES_INDEX
          + " to restore them from (a SavedModel folder holds saved_model.pb and variables/, copied together)");
    }
  }
}
