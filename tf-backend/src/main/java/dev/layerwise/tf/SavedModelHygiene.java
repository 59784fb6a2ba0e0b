package dev.layerwise.tf;

import com.google.common.base.Suppliers;
import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.tensorflow.TensorFlow;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;
import org.tensorflow.proto.SavedModel;

/**
 * What the exporter changes in the {@code saved_model.pb} TF Java writes, before the folder is moved into place:
 *
 * <ul>
 *   <li><b>Default-valued attributes are stripped</b> and the meta graph says so ({@code stripped_default_attrs}),
 *       as TensorFlow's own SavedModel builder does. TF's graph builder writes every attribute of every op, those
 *       left at their defaults included; an attribute a newer TF added to an op ({@code grad_a} on {@code MatMul})
 *       is unknown to an older runtime, which warns or, in older TF Serving builds, refuses the graph. A loader
 *       puts the defaults back from its own op registry before it runs the graph.</li>
 *   <li><b>The versions are filled in</b>: {@code tensorflow_version} is the version of the TensorFlow runtime
 *       TF Java runs ({@link TensorFlow#version()}); {@code tensorflow_git_version} is {@code v<version>}, the git
 *       tag of that release: TF Java ships the natives of TensorFlow's official release and has no call that
 *       returns their git description. The file's {@code saved_model_schema_version} is set to
 *       {@value #SCHEMA_VERSION}, as TensorFlow's writer sets it.</li>
 *   <li><b>The file is written deterministically</b> (map entries in key order), so the same model gives the same
 *       bytes.</li>
 * </ul>
 *
 * <p>The defaults are those of the op registry of the TensorFlow TF Java runs ({@link
 * TensorFlow#registeredOpList()}), read once. An attribute is stripped when it equals its default as a protocol
 * buffer value; the export graph holds no functions, so only its nodes are looked at.
 */
final class SavedModelHygiene {
  /** The SavedModel format's only schema version, which TensorFlow's own writer records and TF Java leaves at 0. */
  static final long SCHEMA_VERSION = 1;
  /** Each registered op's attributes that have a default, by op name and attribute name. */
  private static final Supplier<Map<String, Map<String, AttrValue>>> DEFAULTS = Suppliers.memoize(() -> {
    Map<String, Map<String, AttrValue>> byOp = new LinkedHashMap<>();
    for (OpDef op : TensorFlow.registeredOpList().getOpList()) {
      Map<String, AttrValue> defaults = new LinkedHashMap<>();
      op.getAttrList().stream().filter(OpDef.AttrDef::hasDefaultValue)
          .forEach(a -> defaults.put(a.getName(), a.getDefaultValue()));
      byOp.put(op.getName(), defaults);
    }
    return byOp;
  });

  private SavedModelHygiene() {}

  /** Rewrites {@code <dir>/saved_model.pb} as described in the class comment. */
  static void apply(Path dir) throws IOException {
    Path pb = dir.resolve(SavedModelFolder.PB);
    SavedModel.Builder saved;
    try (InputStream in = Files.newInputStream(pb)) {
      saved = SavedModel.parseFrom(in).toBuilder();
    }
    saved.getMetaGraphsBuilderList().forEach(SavedModelHygiene::clean);
    saved.setSavedModelSchemaVersion(SCHEMA_VERSION);
    try (OutputStream out = Files.newOutputStream(pb)) {
      CodedOutputStream coded = CodedOutputStream.newInstance(out);
      coded.useDeterministicSerialization();
      saved.build().writeTo(coded);
      coded.flush();
    }
  }

  /** Strips the graph's default-valued attributes and fills in the meta graph's versions. */
  static void clean(MetaGraphDef.Builder graph) {
    for (NodeDef.Builder node : graph.getGraphDefBuilder().getNodeBuilderList()) {
      // An op the registry does not know keeps every attribute: without its defaults nothing can be restored.
      Map<String, AttrValue> defaults = DEFAULTS.get().getOrDefault(node.getOp(), Map.of());
      defaults.forEach((name, value) -> {
        if (value.equals(node.getAttrMap().get(name))) {
          node.removeAttr(name);
        }
      });
    }
    graph.getMetaInfoDefBuilder().setStrippedDefaultAttrs(true).setTensorflowVersion(TensorFlow.version())
        .setTensorflowGitVersion("v" + TensorFlow.version());
  }
}
