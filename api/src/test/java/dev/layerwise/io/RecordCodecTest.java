package dev.layerwise.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.DType;
import dev.layerwise.Shape;
import dev.layerwise.TrainingConfig;
import dev.layerwise.init.Initializer;
import dev.layerwise.layers.ActivationFn;
import dev.layerwise.layers.Add;
import dev.layerwise.layers.Augmentation;
import dev.layerwise.layers.Average;
import dev.layerwise.layers.AveragePooling2D;
import dev.layerwise.layers.Augmentation;
import dev.layerwise.layers.BatchNormalization;
import dev.layerwise.layers.CenterCrop;
import dev.layerwise.layers.Concatenate;
import dev.layerwise.layers.Conv2D;
import dev.layerwise.layers.Dense;
import dev.layerwise.layers.Dropout;
import dev.layerwise.layers.ELU;
import dev.layerwise.layers.Flatten;
import dev.layerwise.layers.GlobalAveragePooling2D;
import dev.layerwise.layers.Hardmax;
import dev.layerwise.layers.Input;
import dev.layerwise.layers.Interpolation;
import dev.layerwise.layers.Layer;
import dev.layerwise.layers.LeakyReLU;
import dev.layerwise.layers.MaxPooling2D;
import dev.layerwise.layers.Maximum;
import dev.layerwise.layers.Maxout;
import dev.layerwise.layers.MergeLayer;
import dev.layerwise.layers.Minimum;
import dev.layerwise.layers.Multiply;
import dev.layerwise.layers.Normalization;
import dev.layerwise.layers.PReLU;
import dev.layerwise.layers.Padding;
import dev.layerwise.layers.Rescaling;
import dev.layerwise.layers.Reshape;
import dev.layerwise.layers.Resizing;
import dev.layerwise.layers.RandomContrast;
import dev.layerwise.layers.RandomCrop;
import dev.layerwise.layers.RandomFlip;
import dev.layerwise.layers.RandomRotation;
import dev.layerwise.layers.RandomTranslation;
import dev.layerwise.layers.RandomZoom;
import dev.layerwise.layers.FillMode;
import dev.layerwise.layers.FlipMode;
import dev.layerwise.layers.Size2D;
import dev.layerwise.layers.Softmax;
import dev.layerwise.layers.Subtract;
import dev.layerwise.losses.Loss;
import dev.layerwise.metrics.Auc;
import dev.layerwise.metrics.Averaging;
import dev.layerwise.metrics.Metric;
import dev.layerwise.optimizers.GradientClipping;
import dev.layerwise.optimizers.Optimizer;
import dev.layerwise.optimizers.UpdateFormula;
import dev.layerwise.regularizers.Regularizer;
import dev.layerwise.schedules.CyclicalLearningRate;
import dev.layerwise.schedules.ExponentialDecay;
import dev.layerwise.schedules.InverseTimeDecay;
import dev.layerwise.schedules.LearningRateSchedule;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every value type a model archive stores goes to Keras-style JSON and back through its canonical constructor;
 * unknown or mistyped configs are refused with the path of the bad value.
 */
class RecordCodecTest {
  /** The types an archive stores; everything reachable from them must have a sample below. */
  private static final List<Class<?>> ROOTS = List.of(Layer.class, Initializer.class, Regularizer.class,
      Optimizer.class, LearningRateSchedule.class, Loss.class, TrainingConfig.class);

  /** At least one value of every concrete record reachable from {@link #ROOTS}, with non-default settings. */
  private static List<Object> samples() {
    return List.of(
        // layers
        new Input("pixels", Shape.of(28, 28, 1)),
        Input.shape(6),
        Dense.units(16).withActivation(ActivationFn.RELU).withUseBias(false)
            .withKernelInitializer(Initializer.heNormal()).withKernelRegularizer(Regularizer.l2(1e-4))
            .withBiasRegularizer(Regularizer.l1(0.5)).withName("dense_a"),
        Dense.units(3),
        dev.layerwise.layers.Activation.of(ActivationFn.SELU).withName("act.1"),
        Flatten.create(),
        LeakyReLU.alpha(0.1),
        PReLU.perChannel(),
        PReLU.shared().withAlphaShape(Shape.of(1, 1, 3)).withAlphaInitializer(Initializer.constant(0.25)),
        ELU.alpha(0.7),
        Softmax.axis(1),
        Softmax.create(),
        Maxout.of(4, 3).withBiasRegularizer(Regularizer.l1l2(0.1, 0.2)).withName("maxout-x"),
        Hardmax.create(),
        Dropout.rate(0.25),
        BatchNormalization.create().withMomentum(0.9).withEpsilon(1e-5).withCenter(false)
            .withMovingVarianceInitializer(Initializer.constant(2)),
        Conv2D.of(8, 3).withStrides(2, 1).withPadding(Padding.SAME).withActivation(ActivationFn.ELU)
            .withKernelRegularizer(Regularizer.l2(0.01)),
        MaxPooling2D.of(2).withStrides(1).withPadding(Padding.SAME),
        AveragePooling2D.of(3),
        GlobalAveragePooling2D.create(),
        Reshape.to(-1, 4),
        Rescaling.of(1 / 127.5, -1).withName("pixels_to_unit"),
        Normalization.of(new double[] {0.5, -2}, new double[] {0.25, 1e-300}).withAxes(0),
        Normalization.meanOnly(new double[] {127.5}),
        CenterCrop.of(24, 20).withName("crop"),
        Resizing.to(32, 30), Resizing.to(8, 8).withInterpolation(Interpolation.NEAREST),
        RandomFlip.of(FlipMode.HORIZONTAL).withName("flip"), RandomCrop.of(28, 26).withPadding(4),
        RandomContrast.of(0.2).withFactor(0.1, 0.3).withValueRange(0, 1),
        RandomTranslation.of(0.1, 0.2).withHeightFactor(-0.3, 0.1).withFillValue(0.5)
            .withInterpolation(Interpolation.NEAREST),
        RandomRotation.of(0.1).withFillMode(FillMode.WRAP), RandomZoom.of(0.2), RandomZoom.of(0.2, 0.3)
            .withFillValue(-1),
        Add.create(), Subtract.create().withName("diff"), Multiply.create(), Average.create(), Maximum.create(),
        Minimum.create(), Concatenate.create(), Concatenate.axis(0).withName("cat"),
        // initializers
        Initializer.zeros(), Initializer.ones(), Initializer.constant(-0.5), Initializer.randomNormal(1, 0.2),
        Initializer.randomUniform(-0.1, 0.3), Initializer.truncatedNormal(0, 0.05), Initializer.glorotNormal(),
        Initializer.glorotUniform(), Initializer.heNormal(), Initializer.heUniform(), Initializer.lecunNormal(),
        Initializer.lecunUniform(),
        Initializer.fromArray(dev.layerwise.NdValue.fromArray(new double[][] {{0.1, -2}, {1e-300, 3.5}})),
        // regularizers
        Regularizer.l1(0.01), Regularizer.l2(0.02), Regularizer.l1l2(0.01, 0),
        // schedules (CosineDecay without warm-up carries a NaN target, GradientClipping.NONE a NaN threshold)
        LearningRateSchedule.constant(0.1), LearningRateSchedule.inverseTimeDecay(0.1, 0.5),
        new InverseTimeDecay(0.2, 10, 0.3, true), new ExponentialDecay(0.1, 100, 0.96, true),
        LearningRateSchedule.piecewiseConstant(new long[] {10, 20}, new double[] {0.1, 0.01, 0.001}),
        LearningRateSchedule.polynomialDecay(0.1, 1000, 0.001, 2).withCycle(true),
        LearningRateSchedule.cosineDecay(0.1, 1000), LearningRateSchedule.cosineDecay(0.1, 1000).withWarmup(100, 0.5),
        LearningRateSchedule.cosineDecay(0, 1000).withWarmup(2000, 0.5).withAlpha(0.1),
        LearningRateSchedule.cosineDecayRestarts(0.1, 100).withTMul(1.5).withMMul(0.9).withAlpha(0.05),
        LearningRateSchedule.cyclical(0.001, 0.01, 50).withExpRange(0.99),
        LearningRateSchedule.cyclical(0.001, 0.01, 50).withMode(CyclicalLearningRate.Mode.TRIANGULAR2),
        // optimizers
        Optimizer.sgd(0.1).withNesterov(0.9).withClipping(GradientClipping.byValue(0.5)),
        Optimizer.sgd(0.1).withMomentum(0.5).withFormula(UpdateFormula.TF_OP).withWeightDecay(0.01),
        Optimizer.adam(0.001).withAmsgrad(true).withWeightDecay(0.002),
        Optimizer.nadam(0.002).withFormula(UpdateFormula.TF_OP),
        Optimizer.adam(LearningRateSchedule.exponentialDecay(0.01, 8, 0.5)).withBeta1(0.8),
        Optimizer.adagrad(0.05).withInitialAccumulatorValue(0.2),
        Optimizer.rmsprop(LearningRateSchedule.cosineDecay(0.1, 50)).withCentered(true).withMomentum(0.5),
        Optimizer.adadelta(1.0).withRho(0.9),
        Optimizer.adamax(0.002).withClipping(GradientClipping.byNorm(1)),
        Optimizer.nadam(LearningRateSchedule.piecewiseConstant(new long[] {5}, new double[] {0.1, 0.05})),
        Optimizer.adamW(0.001, 0.01).withClipping(GradientClipping.byGlobalNorm(5)),
        // losses
        Loss.meanSquaredError(), Loss.binaryCrossentropy().withFromLogits(true), Loss.categoricalCrossentropy(),
        Loss.sparseCategoricalCrossentropy().withFromLogits(true), Loss.meanAbsoluteError(),
        Loss.huber().withDelta(0.25), Loss.klDivergence(), Loss.categoricalHinge(),
        // metrics
        Metric.ACCURACY, Metric.topK(3), Metric.binaryAccuracy().withThreshold(0.7),
        Metric.precision().withAverage(Averaging.MICRO), Metric.recall().forClass(2),
        Metric.f1Score().withAverage(Averaging.WEIGHTED).withThreshold(0.3),
        Metric.auc().withCurve(Auc.Curve.PR).withNumThresholds(50), Metric.meanAbsoluteError(),
        Metric.rootMeanSquaredError(),
        // plain records inside the above
        new TrainingConfig(Optimizer.adam(0.001), Loss.sparseCategoricalCrossentropy(), List.of(Metric.ACCURACY),
            DType.FLOAT64),
        TrainingConfig.of(Optimizer.sgd(0.5), Loss.meanSquaredError()),
        TrainingConfig.of(Optimizer.sgd(0.5), Map.of("class", Loss.categoricalCrossentropy()), Metric.ACCURACY)
            .withLoss("box", Loss.meanSquaredError()).withLossWeight("box", 0.25).withMetrics("box"),
        Size2D.of(2, 3), GradientClipping.NONE, GradientClipping.byNorm(1.5));
  }

  /** Every concrete record reachable from the roots: permitted subclasses and component types, recursively. */
  private static Set<Class<?>> reachableRecords() {
    Set<Class<?>> seen = new LinkedHashSet<>();
    Set<Class<?>> records = new TreeSet<>((a, b) -> a.getName().compareTo(b.getName()));
    List<Type> todo = new ArrayList<>(ROOTS);
    while (!todo.isEmpty()) {
      Type t = todo.remove(todo.size() - 1);
      if (t instanceof ParameterizedType p) {
        todo.addAll(List.of(p.getActualTypeArguments()));
        continue;
      }
      if (!(t instanceof Class<?> c) || !seen.add(c)) {
        continue;
      }
      if (c.isSealed()) {
        todo.addAll(List.of(c.getPermittedSubclasses()));
      }
      if (c.isRecord()) {
        records.add(c);
        for (RecordComponent rc : c.getRecordComponents()) {
          todo.add(rc.getGenericType());
        }
      }
    }
    return records;
  }

  /** The type a file is read as: the sealed root a value belongs to, or its own record class. */
  private static Class<?> readAs(Class<?> c) {
    return ROOTS.stream().filter(r -> r != c && r.isAssignableFrom(c)).findFirst().orElse(c);
  }

  private static Object viaText(Object value) {
    return Json.parse(Json.write(RecordCodec.toJson(value)));
  }

  @Test
  void theSamplesCoverEveryRecordReachableFromTheStoredTypes() {
    Set<Class<?>> reachable = reachableRecords();
    Set<Class<?>> sampled = new LinkedHashSet<>();
    samples().forEach(s -> sampled.add(s.getClass()));
    Set<String> missing = new TreeSet<>();
    reachable.stream().filter(c -> !sampled.contains(c)).forEach(c -> missing.add(c.getName()));
    assertTrue(missing.isEmpty(), "add a RecordCodecTest sample for each of " + missing);
    // a sanity check of the walk itself: it found the whole layer catalogue (the merge and augmentation layers
    // through their sealed interfaces) and the nested plain records
    assertEquals(Layer.class.getPermittedSubclasses().length - 2 + MergeLayer.class.getPermittedSubclasses().length
        + Augmentation.class.getPermittedSubclasses().length,
        reachable.stream().filter(Layer.class::isAssignableFrom).count());
    assertTrue(reachable.containsAll(List.of(Size2D.class, GradientClipping.class, TrainingConfig.class)), "" +
        reachable);
  }

  @Test
  void everySampleRoundTripsThroughJsonTextToAnEqualValue() {
    for (Object sample : samples()) {
      Object back = RecordCodec.fromJson(viaText(sample), readAs(sample.getClass()), "sample");
      assertEquals(sample, back, sample.getClass().getSimpleName());
      assertEquals(sample.getClass(), back.getClass());
    }
  }

  @Test
  void aRecordIsWrittenInKerasConfigFormWithEveryComponentButEmptyMaps() throws ReflectiveOperationException {
    for (Object sample : samples()) {
      Map<?, ?> json = assertInstanceOf(Map.class, RecordCodec.toJson(sample));
      assertEquals(List.of("class_name", "config"), new ArrayList<>(json.keySet()));
      assertEquals(sample.getClass().getSimpleName(), json.get("class_name"));
      List<String> components = new ArrayList<>();
      for (RecordComponent rc : sample.getClass().getRecordComponents()) {
        if (!(rc.getAccessor().invoke(sample) instanceof Map<?, ?> m && m.isEmpty())) {
          components.add(rc.getName());
        }
      }
      assertEquals(components, new ArrayList<>(((Map<?, ?>) json.get("config")).keySet()));
    }
  }

  @Test
  void theJsonOfADenseLayerIsWhatAReaderOfTheFormatExpects() {
    Object json = RecordCodec.toJson(Dense.units(16).withActivation(ActivationFn.RELU).withName("d")
        .withKernelRegularizer(Regularizer.l2(0.5)));
    Map<String, Object> l2 = new LinkedHashMap<>();
    l2.put("class_name", "L2");
    l2.put("config", Map.of("l2", 0.5));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", "d");
    config.put("units", 16L);
    config.put("activation", "RELU");
    config.put("useBias", true);
    config.put("kernelInitializer", Map.of("class_name", "GlorotUniform", "config", Map.of()));
    config.put("kernelRegularizer", l2);
    config.put("biasInitializer", Map.of("class_name", "Zeros", "config", Map.of()));
    config.put("biasRegularizer", null);
    assertEquals(Map.of("class_name", "Dense", "config", config), json);
    Object shape = ((Map<?, ?>) ((Map<?, ?>) RecordCodec.toJson(Input.shape(28, 28, 1))).get("config")).get("shape");
    assertEquals(List.of(28L, 28L, 1L), shape);
  }

  /** A Dense layer's JSON with one config entry replaced (or removed, for the marker REMOVE). */
  private static Map<String, Object> dense(String key, Object value) {
    @SuppressWarnings("unchecked")
    Map<String, Object> json = (Map<String, Object>) Json.parse(Json.write(RecordCodec.toJson(
        Dense.units(4).withName("dense"))));
    @SuppressWarnings("unchecked")
    Map<String, Object> config = (Map<String, Object>) json.get("config");
    if (value == REMOVE) {
      config.remove(key);
    } else {
      config.put(key, value);
    }
    return json;
  }

  private static final Object REMOVE = new Object();

  private static IllegalArgumentException refused(Object json, Class<?> type) {
    return assertThrows(IllegalArgumentException.class, () -> RecordCodec.fromJson(json, type, "model.layers[1]"));
  }

  @Test
  void unknownOrForeignClassNamesAreRefused() {
    for (String name : new String[] {"Dense2", "dense", "Adam", "TrainingConfig", "java.lang.ProcessBuilder",
        "Runtime", "Layer"}) {
      Map<String, Object> json = dense("units", 4L);
      json.put("class_name", name);
      assertEquals("model.layers[1].class_name: expected a kind of Layer, got '" + name + "'",
          refused(json, Layer.class).getMessage());
    }
    assertEquals("model.layers[1].class_name: expected a class name, got null",
        refused(Map.of("config", Map.of()), Layer.class).getMessage());
    assertEquals("model.layers[1].class_name: expected a class name, got 7",
        refused(Map.of("class_name", 7L, "config", Map.of()), Layer.class).getMessage());
    assertEquals("model.layers[1]: expected {\"class_name\": ..., \"config\": {...}}, got 'Dense'",
        refused("Dense", Layer.class).getMessage());
    assertEquals("model.layers[1].config: expected an object, got [1]",
        refused(Map.of("class_name", "Flatten", "config", List.of(1L)), Layer.class).getMessage());
  }

  @Test
  void wronglyTypedConfigValuesNameTheirPathAndWhatWasExpected() {
    Object[][] cases = {
        {"units", "16", "model.layers[1].config.units: expected an integer, got '16'"},
        {"units", 16.5, "model.layers[1].config.units: expected an integer, got 16.5"},
        {"units", 3_000_000_000L, "model.layers[1].config.units: expected an integer in [-2147483648, 2147483647],"
            + " got 3000000000"},
        {"units", null, "model.layers[1].config.units: expected a value, got null"},
        {"units", REMOVE, "model.layers[1].config: expected a value for 'units', got none"},
        {"useBias", 1L, "model.layers[1].config.useBias: expected true or false, got 1"},
        {"name", 5L, "model.layers[1].config.name: expected a string, got 5"},
        {"activation", "relu", "model.layers[1].config.activation: expected one of [LINEAR, RELU, SIGMOID, TANH,"
            + " SOFTMAX, ELU, SELU], got 'relu'"},
        {"kernelInitializer", "glorot_uniform", "model.layers[1].config.kernelInitializer: expected {\"class_name\":"
            + " ..., \"config\": {...}}, got 'glorot_uniform'"},
        {"kernelRegularizer", Map.of("class_name", "HeNormal", "config", Map.of()),
            "model.layers[1].config.kernelRegularizer.class_name: expected a kind of Regularizer, got 'HeNormal'"},
        {"kernelRegularizer", Map.of("class_name", "L2", "config", Map.of("l2", "much")),
            "model.layers[1].config.kernelRegularizer.config.l2: expected a number, got much"},
    };
    for (Object[] c : cases) {
      assertEquals(c[2], refused(dense((String) c[0], c[1]), Layer.class).getMessage(), (String) c[0]);
    }
    Map<String, Object> input = dense("units", 4L);
    input.put("class_name", "Input");
    input.put("config", Map.of("name", "in", "shape", List.of(28L, "28")));
    assertEquals("model.layers[1].config.shape[1]: expected an integer, got '28'",
        refused(input, Layer.class).getMessage());
  }

  @Test
  void anUnknownConfigFieldIsRefusedNotDropped() {
    // a typo in a hand-edited file, or a field only a newer Layerwise knows
    IllegalArgumentException e = refused(dense("unitz", 16L), Layer.class);
    assertTrue(e.getMessage().startsWith("model.layers[1].config: expected only the fields of Dense ["),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("got an unknown field 'unitz'"), e.getMessage());
  }

  @Test
  void valuesTheConstructorRejectsAreRefusedWithItsMessage() {
    // the file goes through the same checks as a user's own construction
    assertEquals("model.layers[1]: Dense 'dense': units must be positive, got -1",
        refused(dense("units", -1L), Layer.class).getMessage());
    assertEquals("model.layers[1]: Dense 'dense': kernelInitializer",
        refused(dense("kernelInitializer", null), Layer.class).getMessage());
    IllegalArgumentException e = refused(dense("name", "bad/name"), Layer.class);
    assertTrue(e.getMessage().startsWith("model.layers[1]: Dense: name must match"), e.getMessage());

    Map<String, Object> dropout = new LinkedHashMap<>();
    dropout.put("class_name", "Dropout");
    dropout.put("config", Map.of("name", "dropout", "rate", 1.5));
    e = refused(dropout, Layer.class);
    assertTrue(e.getMessage().startsWith("model.layers[1]: Dropout 'dropout': rate"), e.getMessage());
    assertTrue(e.getMessage().contains("1.5"), e.getMessage());
  }

  @Test
  void errorsDeepInsideATrainingConfigNameTheFullPath() {
    TrainingConfig config = TrainingConfig.of(Optimizer.adam(LearningRateSchedule.exponentialDecay(0.01, 8, 0.5)),
        Loss.meanSquaredError(), Metric.ACCURACY);
    @SuppressWarnings("unchecked")
    Map<String, Object> json = (Map<String, Object>) viaText(config);
    Map<String, Object> schedule = sub(sub(sub(json, "optimizer"), "learningRate"), null);
    schedule.put("decaySteps", 0L);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RecordCodec.fromJson(json, TrainingConfig.class, "training"));
    assertTrue(e.getMessage().startsWith("training.config.optimizer.config.learningRate: ExponentialDecay:"),
        e.getMessage());
    assertTrue(e.getMessage().contains("decaySteps"), e.getMessage());

    schedule.put("decaySteps", 8L);
    Object accuracy = RecordCodec.toJson(Metric.ACCURACY);
    sub(json, null).put("metrics", List.of(accuracy, Map.of("class_name", "Precisoin", "config", Map.of())));
    e = assertThrows(IllegalArgumentException.class, () -> RecordCodec.fromJson(json, TrainingConfig.class, "t"));
    assertEquals("t.config.metrics[1].class_name: expected a kind of Metric, got 'Precisoin'", e.getMessage());
    sub(json, null).put("metrics", List.of(accuracy, Map.of("class_name", "TopKCategoricalAccuracy", "config",
        Map.of("k", 0L))));
    e = assertThrows(IllegalArgumentException.class, () -> RecordCodec.fromJson(json, TrainingConfig.class, "t"));
    assertEquals("t.config.metrics[1]: TopKCategoricalAccuracy: k must be at least 1, got 0", e.getMessage());

    sub(json, null).put("metrics", List.of(accuracy));
    sub(sub(json, "optimizer"), null).put("beta1", 1.5);
    e = assertThrows(IllegalArgumentException.class, () -> RecordCodec.fromJson(json, TrainingConfig.class, "t"));
    assertTrue(e.getMessage().startsWith("t.config.optimizer: Adam") && e.getMessage().contains("beta1"),
        e.getMessage());
  }

  /** The config of a record's JSON ({@code key == null}) or the JSON of one of its config values. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> sub(Map<String, Object> json, String key) {
    Map<String, Object> config = (Map<String, Object>) json.get("config");
    return key == null ? config : (Map<String, Object>) config.get(key);
  }

  @Test
  void nonFiniteDoublesRoundTripThroughTheirStringForms() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("class_name", "GradientClipping");
    json.put("config", Map.of("kind", "NONE", "threshold", "NaN"));
    assertEquals(GradientClipping.NONE, RecordCodec.fromJson(json, GradientClipping.class, "clipping"));
    json.put("config", Map.of("kind", "NONE", "threshold", "nan"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RecordCodec.fromJson(json, GradientClipping.class, "clipping"));
    assertEquals("clipping.config.threshold: expected a number, got nan", e.getMessage());
    json.put("config", Map.of("kind", "VALUE", "threshold", "Infinity"));
    e = assertThrows(IllegalArgumentException.class,
        () -> RecordCodec.fromJson(json, GradientClipping.class, "clipping"));
    assertTrue(e.getMessage().startsWith("clipping: gradient clipping (value): the threshold must be positive"),
        e.getMessage());
  }

  @Test
  void valuesItCannotStoreAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RecordCodec.toJson(new StringBuilder("x")));
    assertEquals("cannot store a java.lang.StringBuilder", e.getMessage());
  }

  /** Found by fuzzing: {@code "training": null} was a NullPointerException after reading, not a refusal. */
  @Test
  void aNullWhereAValueIsRequiredIsRefusedNamingItsPath() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RecordCodec.fromJson(null, TrainingConfig.class, "training"));
    assertEquals("training: expected a TrainingConfig, got null", e.getMessage());
  }

  /** A value read from a file may be megabytes long: messages quote its start and its length. */
  @Test
  void aLongWrongValueIsQuotedShort() {
    String huge = "x".repeat(1 << 20);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RecordCodec.fromJson(huge, Layer.class, "model.layers[0]"));
    assertEquals("model.layers[0]: expected {\"class_name\": ..., \"config\": {...}}, got '" + "x".repeat(99)
        + "… (" + (huge.length() + 2) + " characters)", e.getMessage());
  }

  @Test
  void perOutputSettingsAreWrittenOnlyWhenUsedSoOldConfigsReadUnchanged() {
    TrainingConfig plain = TrainingConfig.of(Optimizer.sgd(0.5), Loss.meanSquaredError(), Metric.ACCURACY);
    Map<?, ?> config = (Map<?, ?>) ((Map<?, ?>) RecordCodec.toJson(plain)).get("config");
    assertEquals(List.of("optimizer", "loss", "metrics", "dtype"), new ArrayList<>(config.keySet()),
        "the keys an archive held before models had several outputs");
    assertEquals(plain, RecordCodec.fromJson(viaText(plain), TrainingConfig.class, "training"));
    TrainingConfig perOutput = plain.withLoss("b", Loss.binaryCrossentropy()).withLossWeight("a", 2)
        .withMetrics("b");
    Map<?, ?> full = (Map<?, ?>) ((Map<?, ?>) RecordCodec.toJson(perOutput)).get("config");
    assertEquals(Map.of("b", List.of()), full.get("outputMetrics"));
    assertEquals(Map.of("a", 2.0), full.get("lossWeights"));
    assertEquals(perOutput, RecordCodec.fromJson(viaText(perOutput), TrainingConfig.class, "training"));
  }
}
