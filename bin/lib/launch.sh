# Sourced by the commands in bin/ (not a command itself): the environment they run Maven and Java in, and how
# they start an example program.

layerwise_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Maven's console library (jansi) writes a colour reset, ESC[0m, to standard output and error when Maven exits —
# even with -B, -q or -Dstyle.color=never. jansi reads jansi.noreset once, when Maven's JVM starts: it belongs in
# MAVEN_OPTS, not on the mvn command line (where it comes too late for the first reset).
export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }-Djansi.noreset=true"

# TensorFlow's C++ start-up lines (oneDNN, the CPU's instruction sets, reading a SavedModel) are INFO messages.
# TF reads its threshold from the environment, once, when the native library loads, so it is set here, before
# the JVM starts: 1 hides INFO and keeps warnings and errors. TF_CPP_MIN_LOG_LEVEL=0 bin/... shows them all again.
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-1}"

# Builds Layerwise without running the tests and installs it in the local Maven repository (where a project of
# your own finds it); the examples module writes its class path to examples/target/classpath.txt on the way.
build_layerwise() {
  (
    cd "$layerwise_root"
    bin/ensure-packages
    mvn -B -q install -DskipTests
  )
}

# Runs a main class of the examples module in the current directory with the JVM options the tests use, and exits
# with its status. A JVM of its own, not `mvn exec:exec`: the program's console is then this terminal, so fit's
# progress bar is live.
#
# Two lines of TensorFlow's start-up ignore TF_CPP_MIN_LOG_LEVEL: TF 2.18 logs "MLIR V1 optimization pass is not
# enabled" through Abseil's logging, which announces itself with "WARNING: All log messages before
# absl::InitializeLog() ..." (docs/console.md). Exactly those two are dropped from the program's standard error,
# unless TF_CPP_MIN_LOG_LEVEL=0 asks for everything.
#
# A command may set extra_classpath and extra_jvm_options (an array) first: bin/layerwise-spark-tune adds Spark.
run_example() {
  local cp="$layerwise_root/examples/target/classes:$(cat "$layerwise_root/examples/target/classpath.txt")"
  cp="$cp${extra_classpath:+:$extra_classpath}"
  local java=(java -Xss4m -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 ${extra_jvm_options[@]+"${extra_jvm_options[@]}"} -cp "$cp" "$@")
  if [[ "$TF_CPP_MIN_LOG_LEVEL" == 0 ]]; then
    exec "${java[@]}"
  fi
  # Standard error goes through the filter (fd 3 carries standard output past the pipe); the pipeline waits for both.
  set +e
  { "${java[@]}" 2>&1 1>&3 3>&- | grep --line-buffered -v \
      -e '^WARNING: All log messages before absl::InitializeLog() is called are written to STDERR$' \
      -e 'mlir_graph_optimization_pass\.cc:[0-9]*\] MLIR V1 optimization pass is not enabled$' >&2; } 3>&1
  exit "${PIPESTATUS[0]}"
}
