#!/usr/bin/env sh
# Fetch the charting library the web viewer uses from npm and copy its minified
# UMD build and licence into the package, so `docket serve` works offline.
# Run from the repository root; commit the result.
#   sh scripts/vendor_charts.sh            # the pinned version
#   CHARTJS_VERSION=4.5.1 sh scripts/vendor_charts.sh
set -eu

VERSION="${CHARTJS_VERSION:-4.5.1}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/src/docket/web/static/vendor"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

command -v npm >/dev/null 2>&1 || { echo "vendor_charts: npm is required (apt-get install npm)" >&2; exit 1; }

cd "$WORK"
npm pack "chart.js@$VERSION" --silent >/dev/null
tar -xzf chart.js-"$VERSION".tgz

mkdir -p "$DEST"
cp package/dist/chart.umd.min.js "$DEST/chart.umd.min.js"
cp package/LICENSE.md "$DEST/chart.js.LICENSE.md"
printf 'chart.js %s (npm), files: chart.umd.min.js, chart.js.LICENSE.md\n' "$VERSION" > "$DEST/VERSIONS.txt"
echo "vendored chart.js $VERSION into $DEST"
