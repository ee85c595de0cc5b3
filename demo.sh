#!/usr/bin/env bash
# The demo: builds the plugin and the demo through Maven (the reactor, so a fresh clone needs nothing installed), then
# runs a real James 3.8.1 with the plugin from extensions-jars/, mails it demo reports and runs until Ctrl-C.
# Options (./demo.sh --help): --smtp-port N, --imap-port N (defaults 2525 and 1143; 0: any free port),
# --exit-after-sending (send, check the mailboxes over IMAP, stop: exit 0 when all is where it should be).
# Needs Maven 3.8.1+ and a JDK 21+ for the build (found by Maven toolchains); the demo itself runs on Java 17+.
set -euo pipefail
cd "$(dirname "$0")"

echo "Building the plugin jar and the demo: mvn -q -pl demo -am package -DskipTests"
echo "(the first time, Maven downloads James 3.8.1 and the build's plugins: a few minutes)"
mvn -q -pl demo -am package -DskipTests

version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -n 1)
java="java"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java="$JAVA_HOME/bin/java"
fi
exec "$java" -Xmx512m -Ddemo.log=demo/target/james.log \
  -cp "demo/target/classes:$(cat demo/target/classpath.txt)" \
  io.github.jamestlsrpt.demo.Demo \
  --plugin-jar "demo/target/plugin/james-tlsrpt-$version-james38.jar" \
  --conf-samples conf-samples \
  "$@"
