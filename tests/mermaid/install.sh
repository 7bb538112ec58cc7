#!/usr/bin/env bash
# Installs what tests/mermaid/parse.mjs needs: Node.js (from Debian when `node` or `npm`
# is missing; as root, or through sudo) and the npm packages pinned in package-lock.json.
# Ends by parsing one valid and one invalid diagram, so a broken install fails here and
# not halfway through the test run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm >/dev/null
fi

npm ci --prefix "$here" --no-audit --no-fund --loglevel=error

probe='["flowchart LR\n  a --> b", "flowchart LR\n  a[unclosed"]'
answer="$(printf '%s' "$probe" | node "$here/parse.mjs")"
case "$answer" in
    '[null,"Parse error'*) ;;
    *)
        echo "tests/mermaid/install.sh: parser self-check failed: $answer" >&2
        exit 1
        ;;
esac
version="$(node -p "require('$here/node_modules/mermaid/package.json').version")"
echo "Mermaid parser ready: node $(node --version), mermaid $version"
