#!/usr/bin/env bash
# A Spark standalone cluster on this machine, from the Spark jars Maven already has (no Spark download): a master,
# one worker (its executors are JVMs of their own), and spark-submit of the Spark study command with the job jar —
# the commands of docs/spark.md, exactly, against a real cluster. Used for the numbers in docs/spark.md.
#   bench/spark/standalone-cluster.sh STUDY_FILE [LayerwiseSparkTune options...]
# Environment: WORKER_CORES (2), WORKER_MEMORY (8g), TASK_CPUS (1), SPARK_HOME (target/spark-standalone).
set -euo pipefail
export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }-Djansi.noreset=true"  # no colour reset in the output captured below
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
mvn -B -q install -DskipTests
mvn -B -q -Pspark-job -pl examples package -DskipTests
export SPARK_HOME="${SPARK_HOME:-$root/target/spark-standalone}" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
mkdir -p "$SPARK_HOME/jars" "$SPARK_HOME/logs"
rm -f "$SPARK_HOME"/jars/*.jar
# What a Spark 4.2 distribution's jars/ holds: spark-core with all its dependencies (Scala, Hadoop's client,
# SLF4J with log4j2 as its binding), resolved from a throwaway pom.
cat > "$SPARK_HOME/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>spark-distribution</artifactId><version>1</version>
  <dependencies><dependency><groupId>org.apache.spark</groupId><artifactId>spark-core_2.13</artifactId>
  <version>4.2.0</version></dependency></dependencies></project>
POM
(cd "$SPARK_HOME" && mvn -B -q dependency:build-classpath -Dmdep.outputFile=classpath.txt)
for j in $(tr ':' '\n' < "$SPARK_HOME/classpath.txt"); do
  ln -s "$j" "$SPARK_HOME/jars/"
done
opens=(-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true)
spark=(java "${opens[@]}" -cp "$SPARK_HOME/jars/*")
"${spark[@]}" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 7077 --webui-port 18080 \
  > "$SPARK_HOME/logs/master.log" 2>&1 &
master=$!
"${spark[@]}" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores "${WORKER_CORES:-2}" \
  --memory "${WORKER_MEMORY:-8g}" --webui-port 18081 spark://127.0.0.1:7077 > "$SPARK_HOME/logs/worker.log" 2>&1 &
worker=$!
trap 'kill $worker $master 2>/dev/null || true' EXIT
sleep 5
repo="$(mvn -B -q help:evaluate -Dexpression=settings.localRepository -DforceStdout)"
native="$repo/org/tensorflow/tensorflow-core-native/1.1.0/tensorflow-core-native-1.1.0-linux-x86_64.jar"
job="$(ls examples/target/layerwise-examples-*-spark-job.jar)"
# spark-submit is a script around this class; with a Spark distribution: $SPARK_HOME/bin/spark-submit <same options>
time "${spark[@]}" org.apache.spark.deploy.SparkSubmit \
  --master spark://127.0.0.1:7077 --deploy-mode client \
  --conf spark.task.cpus="${TASK_CPUS:-1}" \
  --conf spark.executor.memory=4g --conf spark.executor.memoryOverhead=2g \
  --conf spark.executor.extraJavaOptions="-Xss4m -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -Dorg.bytedeco.javacpp.cachedir=$HOME/.javacpp/cache" \
  --conf spark.executorEnv.TF_OVERRIDE_GLOBAL_THREADPOOL=true \
  --conf spark.speculation=false --conf spark.scheduler.mode=FAIR \
  --jars "$native" \
  --class dev.layerwise.examples.cli.LayerwiseSparkTune "$job" "$@"
