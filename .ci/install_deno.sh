#!/usr/bin/env bash
# Installs Deno from npm into a folder of its own and prints the folder to put
# on PATH (its bin/). Never writes /usr/bin or npm's global prefix, and prints
# nothing else: no npm notices, no install-script warnings.
#
#   .ci/install_deno.sh VERSION PREFIX
set -euo pipefail
version=$1
prefix=$2
if [ -x "$prefix/bin/deno" ] && [ "$("$prefix/bin/deno" --version | head -n 1 | cut -d' ' -f2)" = "$version" ]; then
  echo "$prefix/bin"
  exit 0
fi
# --ignore-scripts: the package's postinstall only swaps its Node launcher for
# the platform binary, which npm has already unpacked as an optional
# dependency (@deno/<platform>); linking that binary ourselves runs nothing at
# install time, so npm has nothing to warn about.
npm install --prefix "$prefix" --ignore-scripts --no-fund --no-audit --no-save \
  --loglevel=error "deno@$version" >/dev/null
binary=$(find "$prefix/node_modules/@deno" -mindepth 2 -maxdepth 2 -name deno -type f | head -n 1)
if [ -z "$binary" ]; then
  echo "no Deno binary for this platform in npm's deno@$version" >&2
  exit 1
fi
mkdir -p "$prefix/bin"
ln -sf "$binary" "$prefix/bin/deno"
echo "$prefix/bin"
