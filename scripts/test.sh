#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need, lints, then pytest.
# Debian packages: chromium-headless-shell (the browser tests), chromium (Lighthouse), poppler-utils and ghostscript
# (PDF rendering in tests), a Java runtime (the Nu HTML checker), Node.js with npm (axe-core, Lighthouse and vnu.jar
# from package.json), and nginx and Caddy (the host configurations of docs/deployment.md, run on 127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v chromium-headless-shell >/dev/null 2>&1 || need_apt+=(chromium-headless-shell)
command -v pdftoppm >/dev/null 2>&1 || need_apt+=(poppler-utils)
command -v gs >/dev/null 2>&1 || need_apt+=(ghostscript)
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need_apt+=(nginx-light)
command -v caddy >/dev/null 2>&1 || need_apt+=(caddy)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "missing Debian packages: ${need_apt[*]} (run as root, or install them first)" >&2
    exit 1
  fi
fi

python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'
# the quality gates' tools, exactly as package-lock.json pins them (again only when it changed); no
# install scripts: vnu-jar's would fetch a Java runtime, the Debian one above is used
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.installed-lock 2>/dev/null)" != "$lock_sum" ]; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > node_modules/.installed-lock
fi
python3 -m ruff check .
# Two pytest runs sharing one build of the sample site (tests/conftest.py). First every test but the
# `solo` ones, one worker per CPU and one more (pytest-xdist; the browser tests leave their core idle while
# a page settles, and the extra worker fills it: docs/performance.md): a test file stays on one worker, so its module
# fixtures are built once; the longest files go first (tests/conftest.py, LONGEST_FIRST). Then the
# `solo` tests (Lighthouse, whose scores depend on the CPU it gets) with the machine to themselves. Both runs always run; the script fails if either failed.
sample=$(mktemp -d)
trap 'rm -rf "$sample"' EXIT
export OCOP_TEST_SAMPLE_DIR="$sample"
status=0
python3 -m pytest -q -n "$(( $(nproc) + 1 ))" --dist loadfile --no-loadscope-reorder -m "not solo" "$@" || status=$?
# the solo run collects only the files that have solo tests (all 72 took 3.5 s), unless arguments choose
solo_files=()
[ $# -gt 0 ] || mapfile -t solo_files < <(grep -l "pytest.mark.solo" tests/test_*.py)
python3 -m pytest -q -m solo "${solo_files[@]}" "$@" || { code=$?; [ "$code" = 5 ] || status=$code; }  # 5: none selected
exit "$status"
