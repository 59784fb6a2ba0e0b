package dev.layerwise.tf;

import dev.layerwise.SavedModelExport;
import dev.layerwise.data.ClassNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A SavedModel's class names, {@value SavedModelExport#CLASS_NAMES_ASSET}: one name per line in class-index order,
 * UTF-8, each line ending with a line feed, so that line {@code i} (from 0) names class id {@code i}. A plain file in
 * the {@code assets/} folder, which TensorFlow's loader and TF Serving copy with the model and otherwise ignore.
 */
final class SavedModelClassNames {
  private SavedModelClassNames() {}

  static void write(Path versionDir, ClassNames names) throws IOException {
    Path file = versionDir.resolve(SavedModelExport.CLASS_NAMES_ASSET);
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", names.names()) + "\n", StandardCharsets.UTF_8);
  }

  /**
   * The names in a SavedModel folder, or empty when it has none.
   *
   * @throws IllegalArgumentException naming the file when it is not UTF-8 or not a list of distinct names
   */
  static Optional<ClassNames> read(Path versionDir) {
    Path file = versionDir.resolve(SavedModelExport.CLASS_NAMES_ASSET);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return Optional.of(new ClassNames(lines));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(file + " is not UTF-8 text", e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
