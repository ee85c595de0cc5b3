#!/usr/bin/env bash
# The load generator: builds the plugin and the demo through Maven (the reactor), then runs real James 3.8.1 memory
# servers in one JVM with the plugin from extensions-jars/ and conf-samples/mailetcontainer.xml, and sends them mail
# over SMTP with several clients at once (docs/PERFORMANCE.md, "James end to end", says what each scenario measures).
# Options (./load.sh --help): --scenario load|plain|reports|all, --mails N, --clients N, --duplicates PERCENT,
# --rate PER_SECOND, --rounds N, --warm-up-rounds N, --server-warm-up-mails N, --round-mails N, --same-server,
# --thread-ids naive|search. Exit status 0 when every mail and report was stored exactly once.
# JAVA_OPTS adds JVM options, e.g. JAVA_OPTS="-XX:StartFlightRecording=filename=load.jfr". The heap is -Xmx1g for the
# load run, -Xmx3g for the comparisons: they start a server per round, and a stopped server does not free all of it.
# LOAD_SKIP_BUILD=1 reuses the last build.
set -euo pipefail
cd "$(dirname "$0")"

if [ -z "${LOAD_SKIP_BUILD:-}" ]; then
  echo "Building the plugin jar and the demo: mvn -q -pl demo -am package -DskipTests"
  mvn -q -pl demo -am package -DskipTests
fi

version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -n 1)
java="java"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java="$JAVA_HOME/bin/java"
fi
heap=-Xmx1g
case " $* " in
  *" --scenario plain "* | *" --scenario reports "* | *" --scenario all "*) heap=-Xmx3g ;;
esac
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec "$java" "$heap" ${JAVA_OPTS:-} -Ddemo.log=demo/target/load-james.log -Dlogback.configurationFile=load-logback.xml \
  -cp "demo/target/classes:$(cat demo/target/classpath.txt)" \
  io.github.jamestlsrpt.demo.load.LoadRun \
  --plugin-jar "demo/target/plugin/james-tlsrpt-$version-james38.jar" \
  --conf-samples conf-samples \
  "$@"
