#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, so the keychain
# tests use the real Secret Service without a desktop, a display, or the user's own keyrings.
#
#   bash scripts/with-keyring.sh npx vitest run test/integration/secrets-*.test.ts
#
# HOME and the XDG folders point at a scratch folder that is removed afterwards: the keyring
# file gnome-keyring creates lives there, never in the real home. The command's exit code is
# passed through. CALL_REVIEW_REQUIRE_KEYCHAIN=1 makes keychain tests fail (not skip) when the
# Secret Service is still unreachable, so a broken setup cannot pass silently.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: bash scripts/with-keyring.sh <command> [args...]" >&2
  exit 2
fi
for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "with-keyring: '$tool' is not installed. On Debian/Ubuntu: sudo apt install dbus dbus-x11 gnome-keyring libsecret-1-0" >&2
    exit 127
  fi
done

scratch="$(mktemp -d "${TMPDIR:-/tmp}/call-review-keyring.XXXXXX")"
cleanup() { rm -rf "$scratch"; }
trap cleanup EXIT

# npm and npx keep their cache under HOME; keep using the real one so `npx` stays offline-fast.
export npm_config_cache="${npm_config_cache:-${HOME:-$scratch}/.npm}"
export npm_config_update_notifier=false
export HOME="$scratch/home"
export XDG_DATA_HOME="$HOME/.local/share"
export XDG_CONFIG_HOME="$HOME/.config"
export XDG_CACHE_HOME="$HOME/.cache"
export XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# No display is needed or wanted: gnome-keyring must not try to prompt.
unset DISPLAY WAYLAND_DISPLAY
export CALL_REVIEW_REQUIRE_KEYCHAIN=1

status=0
# --unlock (not --start) creates and unlocks the login keyring from the password on stdin, which
# is what makes it usable without a prompt. The daemon forks; wait until it owns the Secret
# Service name — a daemon the bus never saw would outlive the session — then remember its pid
# so it is stopped with the session rather than left running.
dbus-run-session -- bash -c '
  set -euo pipefail
  bus_call() {
    dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus "$@"
  }
  echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  for _ in $(seq 100); do
    if bus_call org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q true; then break; fi
    sleep 0.05
  done
  keyring_pid="$(bus_call org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null | awk "{print \$2}")" || true
  status=0
  "$@" || status=$?
  if [ -n "${keyring_pid:-}" ]; then kill "$keyring_pid" 2>/dev/null || true; fi
  exit "$status"
' with-keyring "$@" || status=$?
exit "$status"
