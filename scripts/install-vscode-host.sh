#!/usr/bin/env bash
# Installs what the extension-host tests need (see shared/VSCODE-HOST.md): Debian's Chromium,
# ripgrep and libkrb5-dev, and code-server 4.100.3 (VS Code 1.100.3) into .vscode-test/code-server.
# Idempotent: a marker file records a complete install, so a second run does nothing.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/.vscode-test/code-server"
marker="$dir/.installed-$CODE_SERVER_VERSION"

missing=()
for pkg in chromium libkrb5-dev ripgrep; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "install-vscode-host: apt-get install ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" </dev/null >/dev/null
fi

if [ -f "$marker" ]; then
  exit 0
fi

echo "install-vscode-host: installing code-server $CODE_SERVER_VERSION into $dir"
rm -rf "$dir"
mkdir -p "$dir"
cd "$dir"
export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
echo '{"private":true}' > package.json
npm install --ignore-scripts --no-save --loglevel=error "code-server@$CODE_SERVER_VERSION" </dev/null

# code-server's postinstall, done by hand: it cannot run as root here and would download ripgrep.
cd node_modules/code-server/lib/vscode
npm install --omit=dev --ignore-scripts --loglevel=error </dev/null
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
npm rebuild --loglevel=error </dev/null
ln -sfn node_modules node_modules.asar
ln -sfn code-linux.sh bin/remote-cli/code-server
ln -sfn browser-linux.sh bin/helpers/browser.sh
(cd extensions && npm install --omit=dev --ignore-scripts --loglevel=error </dev/null)

cd "$dir"
npm rebuild argon2 --loglevel=error </dev/null
touch "$marker"
echo "install-vscode-host: done"
