package dev.layerwise.tuning;

import dev.layerwise.Backend;
import dev.layerwise.CompiledModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Archives in a local folder ({@code study/trials/t7.layerwise}), each written to a temporary name and moved. */
record LocalArchives(Path dir) implements ArchiveStore {
  @Override
  public String save(CompiledModel model, String trialId) throws IOException {
    Files.createDirectories(dir);
    Path archive = fileOf(trialId);
    Path tmp = dir.resolve("." + trialId + "." + Thread.currentThread().getId() + ".layerwise.tmp");
    try {
      model.save(tmp);
      Files.move(tmp, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return archive.toString();
  }

  @Override
  public CompiledModel load(String trialId, Backend backend) {
    return CompiledModel.load(fileOf(trialId), backend);
  }

  Path fileOf(String trialId) {
    return dir.resolve(trialId + ".layerwise");
  }
}
