package dev.layerwise.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.Shape;
import dev.layerwise.io.Json;
import dev.layerwise.io.RecordCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a Dataset from CSV: column choice, class labels and their mapping, and every bad-file message. */
class CsvDatasetTest {
  @TempDir
  Path dir;

  private static final String IRIS_LIKE = """
      sepal_length,sepal_width,species
      5.1,3.5,setosa
      7.0,3.2,versicolor
      6.3,3.3,virginica
      4.9,3.0,setosa
      """;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private static void assertContains(Exception e, String... parts) {
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
    }
  }

  private static float[] features(Dataset d) {
    float[] x = new float[d.size() * d.featureShape().size()];
    d.copyRange(0, d.size(), x, null);
    return x;
  }

  private static float[] labels(Dataset d) {
    float[] y = new float[d.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = d.label(i, 0);
    }
    return y;
  }

  @Test
  void classLabelsBecomeIndicesOfTheSortedClassNames() throws IOException {
    CsvData data = CsvDataset.from(write("iris.csv", IRIS_LIKE)).withClassLabel("species").read();
    assertEquals(List.of("sepal_length", "sepal_width"), data.featureNames());
    assertEquals(ClassNames.of("setosa", "versicolor", "virginica"), data.classNames().orElseThrow());
    Dataset d = data.dataset();
    assertEquals(Shape.of(2), d.featureShape());
    assertEquals(Shape.scalar(), d.labelShape());
    assertArrayEquals(new float[] {5.1f, 3.5f, 7.0f, 3.2f, 6.3f, 3.3f, 4.9f, 3.0f}, features(d));
    assertArrayEquals(new float[] {0, 1, 2, 0}, labels(d));
  }

  @Test
  void theMappingDoesNotDependOnTheOrderOfTheRows() throws IOException {
    String reversed = "a,c\n1,virginica\n2,setosa\n3,versicolor\n";
    CsvData data = CsvDataset.from(write("r.csv", reversed)).withClassLabel("c").read();
    assertEquals(ClassNames.of("setosa", "versicolor", "virginica"), data.classNames().orElseThrow());
    assertArrayEquals(new float[] {2, 0, 1}, labels(data.dataset()));
  }

  @Test
  void numericClassNamesSortAsNumbers() throws IOException {
    CsvData data = CsvDataset.from(write("n.csv", "x,y\n1,10\n2,2\n3,9\n")).withClassLabel("y").read();
    assertEquals(ClassNames.of("2", "9", "10"), data.classNames().orElseThrow());
    assertArrayEquals(new float[] {2, 0, 1}, labels(data.dataset()));
  }

  @Test
  void aTestFileIsReadWithTheTrainingFilesMapping() throws IOException {
    CsvData train = CsvDataset.from(write("train.csv", IRIS_LIKE)).withClassLabel("species").read();
    Path test = write("test.csv", "sepal_length,sepal_width,species\n5.0,3.4,virginica\n");
    CsvData t = CsvDataset.from(test).withClassLabel("species").withClassNames(train.classNames().orElseThrow())
        .read();
    assertArrayEquals(new float[] {2}, labels(t.dataset()));
    Path unknown = write("unknown.csv", "sepal_length,sepal_width,species\n5.0,3.4,virginica\n5.0,3.4,daisy\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvDataset.from(unknown)
        .withClassLabel("species").withClassNames(train.classNames().orElseThrow()).read());
    assertContains(e, unknown.toString(), "row 3", "column 'species'", "class 'daisy' is not among the classes"
        + " [setosa, versicolor, virginica]");
  }

  @Test
  void chosenFeaturesComeInTheOrderGivenAndANumericLabelIsKeptAsIs() throws IOException {
    Path p = write("h.csv", "id,rooms,area,price\n7,3,80.5,120000\n8,2,55,99000.5\n");
    CsvData data = CsvDataset.from(p).withFeatures("area", "rooms").withNumericLabel("price").read();
    assertEquals(List.of("area", "rooms"), data.featureNames());
    assertTrue(data.classNames().isEmpty());
    assertArrayEquals(new float[] {80.5f, 3, 55, 2}, features(data.dataset()));
    assertArrayEquals(new float[] {120000, 99000.5f}, labels(data.dataset()));
  }

  @Test
  void withoutALabelEveryColumnIsAFeature() throws IOException {
    CsvData data = CsvDataset.from(write("f.csv", "a,b\n1,2\n3,4\n")).read();
    assertFalse(data.dataset().hasLabels());
    assertArrayEquals(new float[] {1, 2, 3, 4}, features(data.dataset()));
  }

  @Test
  void aFileWithoutAHeaderNamesColumnsByPositionOrByTheNamesGiven() throws IOException {
    Path p = write("nh.csv", "\uFEFF1;2;b\n3;4;a\n");
    CsvData byPosition = CsvDataset.from(p).withoutHeader().withDelimiter(';').withClassLabel("2").read();
    assertEquals(List.of("0", "1"), byPosition.featureNames());
    assertArrayEquals(new float[] {1, 2, 3, 4}, features(byPosition.dataset()));
    assertArrayEquals(new float[] {1, 0}, labels(byPosition.dataset()));
    CsvData named = CsvDataset.from(p).withoutHeader().withDelimiter(';').withColumnNames("u", "v", "w")
        .withFeatures("v").withClassLabel("w").read();
    assertArrayEquals(new float[] {2, 4}, features(named.dataset()));
    Path headed = write("headed.csv", "a,b\n1,2\n");
    assertEquals(List.of("x", "y"), CsvDataset.from(headed).withColumnNames("x", "y").read().featureNames());
    assertContains(assertThrows(IllegalArgumentException.class, () -> CsvDataset.from(headed)
        .withColumnNames("x").read()), "1 column names [x] given, but its first row has 2 fields");
  }

  @Test
  void quotesSpacesBlankLinesAndAByteOrderMarkAreHandled() throws IOException {
    Path p = write("q.csv", "\uFEFFa,\"b, c\",label\n 1 , 2 ,\"two words\"\n\n3,4,x\n");
    CsvData data = CsvDataset.from(p).withClassLabel("label").read();
    assertEquals(List.of("a", "b, c"), data.featureNames());
    assertArrayEquals(new float[] {1, 2, 3, 4}, features(data.dataset()));
    assertEquals(ClassNames.of("two words", "x"), data.classNames().orElseThrow());
  }

  /** scikit-learn's layout: a first line of counts and class names, then rows ending with the class index. */
  @Test
  void skippedLinesComeBeforeTheHeaderAndRowsKeepTheirLineNumbers() throws IOException {
    Path sklearn = write("iris.csv", """
        3,2,setosa,versicolor,virginica
        5.1,3.5,0
        7.0,3.2,1
        6.3,3.3,2
        """);
    CsvData data = CsvDataset.from(sklearn).withSkippedLines(1).withoutHeader().withNumericLabel("2").read();
    assertEquals(List.of("0", "1"), data.featureNames());
    assertArrayEquals(new float[] {5.1f, 3.5f, 7.0f, 3.2f, 6.3f, 3.3f}, features(data.dataset()));
    assertArrayEquals(new float[] {0, 1, 2}, labels(data.dataset()));
    CsvData named = CsvDataset.from(write("titled.csv", "a title line, with a comma\nx,y\n1,2\n"))
        .withSkippedLines(1).withNumericLabel("y").read();
    assertEquals(List.of("x"), named.featureNames());
    var bad = assertThrows(IllegalArgumentException.class, () -> CsvDataset.from(write("bad.csv",
        "title\nx,y\n1,2\n3,oops\n")).withSkippedLines(1).withNumericLabel("y").read());
    assertContains(bad, "row 4", "column 'y'", "oops");
    var few = assertThrows(IllegalArgumentException.class, () -> CsvDataset.from(write("short.csv", "x\n1\n"))
        .withSkippedLines(3).read());
    assertContains(few, "short.csv", "has 2 lines, fewer than the 3 to skip");
    assertThrows(IllegalArgumentException.class, () -> CsvDataset.from(sklearn).withSkippedLines(-1));
  }

  @Test
  void aRaggedRowIsNamedWithItsFields() throws IOException {
    Path p = write("ragged.csv", "a,b,c\n1,2,x\n3,4\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CsvDataset.from(p).withClassLabel("c").read());
    assertContains(e, p.toString(), "row 3", "expected 3 fields as in the header [a, b, c], got 2: [3, 4]");
  }

  @Test
  void aValueThatIsNotANumberIsNamedByRowAndColumn() throws IOException {
    Path p = write("bad.csv", "a,b,c\n1,2,x\n3,four,y\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CsvDataset.from(p).withClassLabel("c").read());
    assertContains(e, p.toString(), "row 3", "column 'b'", "feature values must be numbers, got 'four'");
    Path empty = write("hole.csv", "a,b\n1,\n");
    assertContains(assertThrows(IllegalArgumentException.class, () -> CsvDataset.from(empty).read()), "row 2",
        "column 'b'", "got ''");
    Path blank = write("blank.csv", "a,c\n1,x\n2,\u2003\n");
    assertContains(assertThrows(IllegalArgumentException.class, () -> CsvDataset.from(blank).withClassLabel("c")
        .read()), blank.toString(), "row 3", "column 'c': the class label is blank");
    Path huge = write("huge.csv", "a,b\n1,2\n1e39,4\n");
    assertContains(assertThrows(IllegalArgumentException.class, () -> CsvDataset.from(huge).read()), "row 3",
        "column 'a': 1e39 is beyond float32's range");
    Path label = write("label.csv", "a,price\n1,cheap\n");
    assertContains(assertThrows(IllegalArgumentException.class, () -> CsvDataset.from(label)
        .withNumericLabel("price").read()), "row 2", "column 'price'", "numeric label values must be numbers");
  }

  @Test
  void anUnknownColumnListsTheHeader() throws IOException {
    Path p = write("iris.csv", IRIS_LIKE);
    assertContains(assertThrows(IllegalArgumentException.class, () -> CsvDataset.from(p).withClassLabel("class")
        .read()), p.toString(), "no label column 'class'", "its columns are [sepal_length, sepal_width, species]");
    assertContains(assertThrows(IllegalArgumentException.class, () -> CsvDataset.from(p).withFeatures("petal")
        .read()), "no feature column 'petal'");
    assertContains(assertThrows(IllegalArgumentException.class, () -> CsvDataset.from(p)
        .withFeatures("species").withClassLabel("species").read()), "'species' is both a feature and the label");
  }

  @Test
  void emptyFilesAndBadHeadersAreRefused() throws IOException {
    Path empty = write("empty.csv", "");
    assertContains(assertThrows(IllegalArgumentException.class, () -> CsvDataset.from(empty).read()),
        "CSV file " + empty + " is empty");
    Path headerOnly = write("header.csv", "a,b\n");
    assertContains(assertThrows(IllegalArgumentException.class, () -> CsvDataset.from(headerOnly).read()),
        "has a header but no data rows");
    Path twice = write("twice.csv", "a,a\n1,2\n");
    assertContains(assertThrows(IllegalArgumentException.class, () -> CsvDataset.from(twice).read()),
        "the header names column 'a' twice");
    Path missing = dir.resolve("missing.csv");
    assertContains(assertThrows(IllegalArgumentException.class, () -> CsvDataset.from(missing).read()),
        "CSV file not found: " + missing);
    Path latin1 = dir.resolve("latin1.csv");
    Files.write(latin1, "a,label\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    assertContains(assertThrows(IllegalArgumentException.class, () -> CsvDataset.from(latin1).withClassLabel("label")
        .read()), "CSV file " + latin1 + " is not UTF-8 text");
    Path quote = write("quote.csv", "a,b\n1,\"2\n");
    assertContains(assertThrows(IllegalArgumentException.class, () -> CsvDataset.from(quote).read()),
        "CSV file " + quote + " is malformed");
  }

  @Test
  void classNamesAreValidatedAndLookedUp() {
    ClassNames c = ClassNames.of("cat", "dog");
    assertEquals(1, c.indexOf("dog"));
    assertEquals("cat", c.name(0));
    assertContains(assertThrows(IllegalArgumentException.class, () -> c.indexOf("cow")), "unknown class 'cow';"
        + " the classes are [cat, dog]");
    assertContains(assertThrows(IllegalArgumentException.class, () -> ClassNames.of("a", "a")), "'a' is given"
        + " twice");
    assertContains(assertThrows(IllegalArgumentException.class, () -> ClassNames.of()), "at least one");
    assertThrows(IllegalStateException.class, () -> CsvDataset.from(Path.of("x.csv")).withClassNames(c));
  }

  @Test
  void classNamesSurviveTheArchivesRecordCodec() {
    ClassNames c = ClassNames.of("T-shirt/top", "Trouser", "10");
    String json = Json.write(RecordCodec.toJson(c));
    assertEquals("{\"class_name\":\"ClassNames\",\"config\":{\"names\":[\"T-shirt/top\",\"Trouser\",\"10\"]}}",
        json.replace(" ", "").replace("\n", ""));
    assertEquals(c, RecordCodec.fromJson(Json.parse(json), ClassNames.class, "classes"));
  }
}
