package dev.layerwise.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Backend;
import dev.layerwise.tuning.Hyperband;
import dev.layerwise.tuning.Objective;
import dev.layerwise.tuning.Study;
import dev.layerwise.tuning.StudyResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal and archives through Hadoop's file system API ({@code file:} URIs take the same code path as
 * {@code hdfs:} ones: temporary name, rename, never replace).
 */
class HadoopStoresTest {
  @TempDir Path dir;

  @Test
  void aJournalFileIsCreatedWholeNeverReplacedAndTemporaryNamesAreNotListed() throws Exception {
    HadoopJournalStore store = new HadoopJournalStore(dir.resolve("j").toUri().toString(), new Configuration());
    store.create("00000000-a.json", "first".getBytes(StandardCharsets.UTF_8));
    Files.writeString(dir.resolve("j/.00000001-b.json.123.tmp"), "half");
    assertEquals(List.of("00000000-a.json"), store.list());
    assertArrayEquals("first".getBytes(StandardCharsets.UTF_8), store.read("00000000-a.json"));
    assertThrows(FileAlreadyExistsException.class,
        () -> store.create("00000000-a.json", "second".getBytes(StandardCharsets.UTF_8)));
    assertEquals("first", Files.readString(dir.resolve("j/00000000-a.json")));
    assertThrows(IllegalArgumentException.class, () -> store.create("../escape.json", new byte[0]));
  }

  @Test
  void aSparkStudyAtAFileUriMatchesLocalWorkersAndLeavesWholeArchives() throws Exception {
    Path data = Clusters.write(dir.resolve("data"), 400);
    StudyData local = new CsvFolderLoader().load(data);
    StudyResult onThreads = Study.in(dir.resolve("threads"), new Hyperband(Clusters.SPACE, 9, 3, 42),
        Objective.maximize("val_accuracy"), local.train(), local.validation()).backend(Backend.named("reference"))
        .workers(2).run(new ClusterFactory());
    String uri = dir.resolve("on-hadoop").toUri().toString();
    StudyResult onSpark = SparkStudy.in(SparkSessions.local2(), uri, Objective.maximize("val_accuracy"),
        DataLocation.csvFolder(data.toUri().toString())).backend("reference")
        .run(new Hyperband(Clusters.SPACE, 9, 3, 42), ClusterFactory.class);
    assertEquals(Clusters.withoutTimings(onThreads.table()), Clusters.withoutTimings(onSpark.table()));

    assertTrue(onSpark.bestArchiveLocation().orElseThrow().startsWith("file:"), onSpark.bestArchiveLocation().get());
    assertTrue(Files.isRegularFile(onSpark.bestArchive().orElseThrow()));
    try (Stream<Path> files = Files.list(dir.resolve("on-hadoop/trials"))) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      assertEquals(onSpark.table().rows().size(), names.size(), names.toString());
      assertTrue(names.stream().allMatch(n -> n.matches("t\\d+\\.layerwise")), "no temporary copy left: " + names);
    }
    try (Stream<Path> files = Files.list(dir.resolve("on-hadoop/journal"))) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary journal file");
    }
  }
}
