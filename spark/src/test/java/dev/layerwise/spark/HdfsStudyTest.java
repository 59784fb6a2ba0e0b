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
import dev.layerwise.tuning.journal.StudyJournal;
import dev.layerwise.tuning.journal.StudyState;
import dev.layerwise.tuning.journal.TrialStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real HDFS (a name node and a data node in this JVM, {@code MiniDFSCluster}): the journal written through HDFS's
 * rename, the archives uploaded and downloaded for promotions, the data copied from HDFS to the executor once.
 */
class HdfsStudyTest {
  @TempDir static Path local;
  static MiniDFSCluster hdfs;
  static FileSystem fs;
  static String root;

  @BeforeAll
  static void startHdfs() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, local.resolve("dfs").toString());
    hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    hdfs.waitActive();
    fs = hdfs.getFileSystem();
    root = fs.getUri().toString();
    Path data = Clusters.write(local.resolve("clusters"), 400);
    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(data.toUri()), new org.apache.hadoop.fs.Path(root + "/data"));
  }

  @AfterAll
  static void stopHdfs() {
    if (hdfs != null) {
      hdfs.shutdown();
    }
  }

  @Test
  void aJournalFileOnHdfsIsCreatedWholeAndNeverReplaced() throws Exception {
    HadoopJournalStore store = new HadoopJournalStore(root + "/journal-test", new Configuration());
    store.create("00000000-a.json", "first".getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of("00000000-a.json"), store.list());
    assertArrayEquals("first".getBytes(StandardCharsets.UTF_8), store.read("00000000-a.json"));
    assertThrows(FileAlreadyExistsException.class,
        () -> store.create("00000000-a.json", "second".getBytes(StandardCharsets.UTF_8)));
    assertArrayEquals("first".getBytes(StandardCharsets.UTF_8), store.read("00000000-a.json"));
    assertEquals(1, fs.listStatus(new org.apache.hadoop.fs.Path(root + "/journal-test")).length, "no temporary file");
  }

  @Test
  void aHyperbandStudyOnHdfsMatchesLocalWorkers() throws Exception {
    StudyData data = new CsvFolderLoader().load(local.resolve("clusters"));
    StudyResult onThreads = Study.in(local.resolve("threads"), new Hyperband(Clusters.SPACE, 3, 3, 42),
        Objective.maximize("val_accuracy"), data.train(), data.validation()).backend(Backend.named("reference"))
        .workers(2).run(new ClusterFactory());
    StudyResult onHdfs = SparkStudy.in(SparkSessions.local2(), root + "/studies/hb",
        Objective.maximize("val_accuracy"), DataLocation.csvFolder(root + "/data")).backend("reference")
        .run(new Hyperband(Clusters.SPACE, 3, 3, 42), ClusterFactory.class);
    assertEquals(Clusters.withoutTimings(onThreads.table()), Clusters.withoutTimings(onHdfs.table()));
    StudyState state = StudyJournal.open(new HadoopJournalStore(root + "/studies/hb/journal", new Configuration()))
        .replay();
    assertTrue(state.trials().values().stream().anyMatch(t -> t.start().continuesFrom() != null
        && t.status() == TrialStatus.DONE), "a promotion continued an archive downloaded from HDFS");

    FileStatus[] archives = fs.listStatus(new org.apache.hadoop.fs.Path(root + "/studies/hb/trials"));
    assertEquals(onHdfs.table().rows().size(), archives.length, Arrays.toString(archives));
    assertTrue(Arrays.stream(archives).allMatch(a -> a.getPath().getName().matches("t\\d+\\.layerwise")),
        "no temporary upload left: " + Arrays.toString(archives));
    String best = onHdfs.bestArchiveLocation().orElseThrow();
    assertTrue(best.startsWith(root + "/studies/hb/trials/t"), best);
    IllegalStateException e = assertThrows(IllegalStateException.class, onHdfs::bestArchive);
    assertTrue(e.getMessage().contains(best) && e.getMessage().contains("copy it here"), e.getMessage());
  }

  @Test
  void dataMissingOnHdfsFailsTheTrialWithItsUri() {
    String missing = root + "/no-such-data";
    StudyResult r = SparkStudy.in(SparkSessions.local2(), root + "/studies/missing",
        Objective.maximize("val_accuracy"), DataLocation.csvFolder(missing)).backend("reference")
        .run(new dev.layerwise.tuning.RandomSearch(Clusters.SPACE, 1, 1, 42), ClusterFactory.class);
    String reason = r.table().rows().get(0).reason();
    assertTrue(reason.contains("cannot read the study's data at " + missing) && reason.contains("does not exist"),
        reason);
  }
}
