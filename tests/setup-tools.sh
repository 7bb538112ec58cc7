#!/usr/bin/env bash
# Installs the non-Python tools the tests use against real consumers of journeyctl's output:
# Graphviz `dot` (renders the DOT we emit) and Node.js with the `mermaid` npm package
# (parses the Mermaid we emit), git (`journeyctl diff --git`), and Chromium with fonts for
# Greek, Hebrew, Cyrillic, CJK and emoji (loads the canvas, prints its PNG and PDF). Uses apt-get (as root, or
# through sudo) when a tool is missing. Under CI a test that misses one fails, never skips.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

apt_install() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  if [ -z "${APT_UPDATED:-}" ]; then $sudo apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

command -v git >/dev/null 2>&1 || apt_install git
command -v dot >/dev/null 2>&1 || apt_install graphviz
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || apt_install nodejs npm
command -v chromium >/dev/null 2>&1 || apt_install chromium
fonts=(fonts-dejavu-core fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji)
missing=()
for font in "${fonts[@]}"; do dpkg -s "$font" >/dev/null 2>&1 || missing+=("$font"); done
if [ "${#missing[@]}" -gt 0 ]; then apt_install "${missing[@]}"; fi
bash "$here/mermaid/install.sh"
# Evidence runs on Spark in local mode too (pyspark, from the test extra, needs a Java runtime).
command -v java >/dev/null 2>&1 || apt_install default-jre-headless
