#!/usr/bin/env bash
# Installs the given Debian packages with apt-get (as root, else through sudo), waiting for the
# package system while another installer holds it: a machine that has just started often runs
# one (unattended upgrades, a provisioning step), and a set-up must not fail because of it.
# `dpkg`'s lock is waited for by apt-get itself (DPkg::Lock::Timeout); `update` takes the lists'
# lock, for which it does not wait, so it is tried again for up to ten minutes.
set -euo pipefail
[ "$#" -gt 0 ] || exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "本机没有 Debian 的软件包管理器，无法安装：$*" >&2
  exit 1
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
APT=(-o DPkg::Lock::Timeout=600)
for attempt in $(seq 60); do
  if $SUDO apt-get "${APT[@]}" update -qq; then
    break
  fi
  [ "$attempt" -lt 60 ] || { echo "apt-get update 一直未能完成。" >&2; exit 1; }
  echo "→ 软件包管理器正忙（可能有其他安装在进行），10 秒后重试……" >&2
  sleep 10
done
DEBIAN_FRONTEND=noninteractive $SUDO apt-get "${APT[@]}" install -y -qq --no-install-recommends "$@"
