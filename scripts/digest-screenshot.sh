#!/usr/bin/env bash
# Renders the sample digest that the tests generate (mailets' DigestSampleTest writes
# mailets/target/digest-sample/) with headless Chromium, as a mail client would show its HTML part, into
# docs/digest-screenshot.png. Needs Debian's chromium package (apt-get install chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

chromium_bin=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$chromium_bin" ]]; then
  echo "chromium is not installed: apt-get install chromium" >&2
  exit 2
fi

mvn -q -pl mailets -am test -Dtest=DigestSampleTest -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true
sample=mailets/target/digest-sample/digest.html
[[ -f "$sample" ]] || { echo "the test wrote no $sample" >&2; exit 1; }

"$chromium_bin" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=900,1700 \
  --screenshot="$PWD/docs/digest-screenshot.png" "file://$PWD/$sample" 2>/dev/null
echo "docs/digest-screenshot.png"
