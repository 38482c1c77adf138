#!/usr/bin/env bash
# Builds an offline JRE 17 base image for Jib where Docker Hub is unreachable (docs/images.md):
# Debian bookworm (debootstrap --variant=minbase) + openjdk-17-jre-headless, packed as a docker-save
# tar (layer.tar + config.json + manifest.json). Usable as -Djib.from.image=tar:///ABS/PATH.tar or
# `skopeo copy docker-archive:PATH.tar docker://REGISTRY/...`.
#
#   ci/offline-base.sh [OUT.tar]        default var/ci/base.tar; reused when it exists (FORCE=1 rebuilds)
#
# Needs root (debootstrap chroots) and the debootstrap package. The mirror is the one this machine's
# apt uses (/etc/apt/sources.list.d/*.sources or /etc/apt/sources.list); MIRROR=... overrides it.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-var/ci/base.tar}"
if [ -s "$out" ] && [ -z "${FORCE:-}" ]; then
  echo "offline-base: reusing $out ($(du -h "$out" | cut -f1))"
  exit 0
fi
[ "$(id -u)" = 0 ] || { echo "offline-base: needs root (debootstrap)" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "offline-base: apt-get install debootstrap" >&2; exit 1; }

mirror="${MIRROR:-}"
if [ -z "$mirror" ]; then
  # deb822 sources: the URIs of the stanza whose Suites has plain "bookworm"
  mirror="$(awk '/^URIs:/{u=$2} /^Suites:/{for(i=2;i<=NF;i++) if($i=="bookworm") {print u; exit}}' \
    /etc/apt/sources.list.d/*.sources 2>/dev/null || true)"
fi
if [ -z "$mirror" ] && [ -f /etc/apt/sources.list ]; then
  mirror="$(awk '$1=="deb" && $3=="bookworm" {print $2; exit}' /etc/apt/sources.list)"
fi
mirror="${mirror:-http://deb.debian.org/debian}"

mkdir -p "$(dirname "$out")"
work="$(mktemp -d "$(cd "$(dirname "$out")" && pwd)/base-build.XXXXXX")"
rootfs="$work/rootfs"
unmount_all() {  # debootstrap mounts proc/sys inside the rootfs; never delete through a mount
  { grep -o " $rootfs/[^ ]*" /proc/mounts 2>/dev/null || true; } | sort -r | while read -r m; do umount -l "$m" || true; done
}
trap 'unmount_all; rm -rf --one-file-system "$work"' EXIT
started=$(date +%s)
echo "offline-base: debootstrap bookworm from $mirror (minbase + openjdk-17-jre-headless) ..."
debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$rootfs" "$mirror" \
  > "$work/debootstrap.log" 2>&1 || { tail -30 "$work/debootstrap.log" >&2; exit 1; }
unmount_all
# what an image needs no copy of
rm -rf --one-file-system "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/* \
  "$rootfs"/dev/* "$rootfs"/proc/* "$rootfs"/sys/* "$rootfs"/tmp/* "$rootfs"/run/*
chmod 1777 "$rootfs/tmp"
"$rootfs"/usr/lib/jvm/java-17-openjdk-amd64/bin/java -version 2>&1 | head -1 || true
java_home=/usr/lib/jvm/java-17-openjdk-amd64
[ -x "$rootfs$java_home/bin/java" ] || { echo "offline-base: no java in the rootfs" >&2; exit 1; }

pack="$work/pack"
mkdir -p "$pack"
tar --numeric-owner --one-file-system --sort=name --mtime=@0 -C "$rootfs" -cf "$pack/layer.tar" .
diff_id="sha256:$(sha256sum "$pack/layer.tar" | cut -d' ' -f1)"
cat > "$pack/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=$java_home","LANG=C.UTF-8"],
           "Cmd":["/bin/bash"]},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]}}
JSON
echo '[{"Config":"config.json","RepoTags":["marquee-base:17"],"Layers":["layer.tar"]}]' > "$pack/manifest.json"
tar -C "$pack" -cf "$work/base.tar" manifest.json config.json layer.tar
mv "$work/base.tar" "$out"
echo "offline-base: wrote $out ($(du -h "$out" | cut -f1)) in $(( $(date +%s) - started )) s"
