#!/usr/bin/env bash
# The CI publish path end to end on one machine with no internet and no Docker daemon
# (docs/images.md). NOT part of ./mvnw verify. Needs root (debootstrap and podman run as root here)
# and the Debian packages debootstrap, docker-registry, skopeo, podman, runc, curl.
#
#   bash ci/publish-local.sh
#
#  a) an offline JRE 17 base image (ci/offline-base.sh, cached in var/ci/base.tar)
#  b) Debian's docker-registry on 127.0.0.1 (5000, or the next free port), own config under var/ci
#  c) skopeo copies the base into it
#  d) Jib builds and pushes marquee-serving and marquee-batch to it (what ci/publish.sh does for Docker Hub)
#  e) podman pulls both; the batch image writes a tiny store version (hidden `sample-store` command),
#     the serving image serves it with a read-only root and a tmpfs /tmp; /readyz must answer `ready v...`
#  f) the pushed images' config (non-root user, entry point) and tags are checked with skopeo
# Prints `publish-local: ok` last only when every check passed; otherwise what failed, and exits 1.
# Idempotent; on exit (trap) the containers are removed, the registry is stopped by its pid, and
# var/ci/run and podman's storage var/ci/podman are deleted. Kept for reruns: var/ci/base.tar.
# PUBLISH_LOCAL_KEEP_IMAGES=1 keeps var/ci/podman too (about 7 GB: vfs copies every layer), and only
# the images of earlier runs are removed: a rerun then takes about 1 min instead of 4-5.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
ci="$repo/var/ci"
run="$ci/run"                 # this run's state: registry data, the store; deleted on exit
pod="$ci/podman"              # podman's storage (vfs: about 7 GB for the two images); deleted on exit
                              # unless PUBLISH_LOCAL_KEEP_IMAGES=1 (then a rerun pulls only changed layers)
started=$(date +%s)
say() { echo "publish-local: [$(( $(date +%s) - started )) s] $*"; }
fail() { echo "publish-local: FAILED: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "run as root (debootstrap and rootful podman)"
for t in debootstrap docker-registry skopeo podman runc curl git; do
  command -v "$t" >/dev/null || fail "missing $t (apt-get install debootstrap docker-registry skopeo podman runc curl)"
done

version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -1)"
commit="$(git rev-parse HEAD | cut -c1-7)"
[ -n "$version" ] && [ -n "$commit" ] || fail "cannot read the project version or the git commit"

podman_() {
  podman --root "$pod/root" --runroot "$pod/runroot" --storage-driver vfs --runtime runc \
    --cgroup-manager cgroupfs --events-backend file "$@"
}
registry_pid=""
keep=""                       # image ids of this run's pulls; older images are removed on exit
cleanup() {
  local rc=$?
  set +e
  for c in marquee-pl-serving marquee-pl-batch; do podman_ rm -f -t 2 "$c" >/dev/null 2>&1; done
  if [ "${PUBLISH_LOCAL_KEEP_IMAGES:-}" = 1 ]; then
    for id in $(podman_ images -q --no-trunc 2>/dev/null | sed "s/^sha256://" | sort -u); do
      grep -q "$id" <<<"$keep" || podman_ rmi -f "$id" >/dev/null 2>&1
    done
  else
    rm -rf --one-file-system "$pod"
  fi
  if [ -n "$registry_pid" ] && kill -0 "$registry_pid" 2>/dev/null; then
    kill "$registry_pid"; wait "$registry_pid" 2>/dev/null
  fi
  rm -f "$ci/registry.pid"
  rm -rf "$run"
  [ $rc = 0 ] || echo "publish-local: FAILED (exit $rc), see the lines above" >&2
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A registry left by an interrupted run: stop it by its recorded pid (only if it is ours).
if [ -f "$ci/registry.pid" ]; then
  old="$(cat "$ci/registry.pid")"
  if grep -qs "$ci/registry.yml" "/proc/$old/cmdline" 2>/dev/null; then kill "$old" || true; sleep 1; fi
  rm -f "$ci/registry.pid"
fi
for c in marquee-pl-serving marquee-pl-batch; do podman_ rm -f -t 2 "$c" >/dev/null 2>&1 || true; done
rm -rf "$run"
mkdir -p "$run"

free_port() {  # first port from $1 up that nothing listens on
  local p=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}

# a) base image
bash ci/offline-base.sh "$ci/base.tar"

# b) registry
port="$(free_port 5000)"
reg="127.0.0.1:$port"
cat > "$ci/registry.yml" <<YML
version: 0.1
log: {level: warn}
storage:
  filesystem: {rootdirectory: $run/registry}
  delete: {enabled: true}
http: {addr: "$reg"}
YML
docker-registry serve "$ci/registry.yml" > "$ci/registry.log" 2>&1 &
registry_pid=$!
echo "$registry_pid" > "$ci/registry.pid"
for _ in $(seq 50); do curl -fs "http://$reg/v2/" >/dev/null && break; sleep 0.2; done
curl -fs "http://$reg/v2/" >/dev/null || { cat "$ci/registry.log" >&2; fail "registry did not start on $reg"; }
say "registry on $reg (pid $registry_pid)"

# c) base into the registry
skopeo copy -q --dest-tls-verify=false "docker-archive:$ci/base.tar" "docker://$reg/marquee-base:17" \
  || fail "skopeo copy of the base image"
say "base image pushed as $reg/marquee-base:17"

# d) Jib: build and push both images (same goals as ci/publish.sh, another registry and base)
./mvnw -B -ntp -pl apps/serve,apps/nightly -am -DskipTests package jib:build \
  -Dimage.prefix="$reg" -Dimage.commit="$commit" -Djib.from.image="$reg/marquee-base:17" -Djib.allowInsecureRegistries=true \
  -Djib.console=plain > "$ci/jib.log" 2>&1 || { tail -40 "$ci/jib.log" >&2; fail "jib:build"; }
grep -E 'Built and pushed image|digest' "$ci/jib.log" | sed 's/^/  /' || true
say "jib pushed $reg/marquee-serving and $reg/marquee-batch"

# f) tags and image config, as pushed
for img in marquee-serving marquee-batch; do
  tags="$(skopeo list-tags --tls-verify=false "docker://$reg/$img")"
  for t in "$version" "$commit"; do
    grep -q "\"$t\"" <<<"$tags" || fail "$img has no tag $t (tags: $(tr -d ' \n' <<<"$tags"))"
  done
  d1="$(skopeo inspect --tls-verify=false --format '{{.Digest}}' "docker://$reg/$img:$version")"
  d2="$(skopeo inspect --tls-verify=false --format '{{.Digest}}' "docker://$reg/$img:$commit")"
  [ "$d1" = "$d2" ] || fail "$img: tags $version and $commit differ ($d1, $d2)"
  cfg="$(skopeo inspect --tls-verify=false --config "docker://$reg/$img:$version")"
  user="$(sed -n 's/.*"User": *"\([^"]*\)".*/\1/p' <<<"$cfg" | head -1)"
  [ -n "$user" ] && [ "${user%%:*}" != 0 ] && [ "${user%%:*}" != root ] || fail "$img runs as root (User '$user')"
  grep -q -- '-XX:MaxRAMPercentage=75' <<<"$cfg" || fail "$img: no -XX:MaxRAMPercentage=75 in its entry point"
  grep -q -- '-Djava.io.tmpdir=/tmp' <<<"$cfg" || fail "$img: no -Djava.io.tmpdir=/tmp in its entry point"
  size="$(skopeo inspect --tls-verify=false --raw "docker://$reg/$img:$version" \
    | grep -o '"size": *[0-9]*' | awk -F: '{s+=$2} END {printf "%.0f", s/1048576}')"
  say "$img: tags $(tr -d ' \n' <<<"$tags" | sed 's/.*"Tags":\[\(.*\)\].*/\1/'), user $user, $d1, ${size} MiB compressed"
done

# e) run them with podman
ulimits=(--ulimit nofile=20000:20000 --ulimit nproc=4096:4096)
ro=(--read-only --tmpfs /tmp:rw,exec,nosuid,nodev,size=512m)
for img in marquee-serving marquee-batch; do
  id="$(podman_ pull -q --tls-verify=false "$reg/$img:$version")" || fail "podman pull $reg/$img:$version"
  keep="$keep $(podman_ image inspect -f '{{.Id}}' "$id")"
done
say "podman pulled both images"
podman_ images --format '  {{.Repository}}:{{.Tag}} {{.Size}}' | grep "$version" || true

help="$(podman_ run --rm --pull=never --name marquee-pl-batch --network none "${ulimits[@]}" "${ro[@]}" \
  "$reg/marquee-batch:$version" --help 2>&1)" || { echo "$help" >&2; fail "marquee-batch --help"; }
grep -q '^Usage: marquee' <<<"$help" || { echo "$help" >&2; fail "marquee-batch --help printed no usage"; }
grep -q 'batch' <<<"$help" || fail "marquee-batch --help lists no batch command"
say "marquee-batch --help prints the usage"

store="$run/store"
mkdir -p "$store" && chown 65532:65532 "$store"
podman_ run --rm --pull=never --name marquee-pl-batch --network none "${ulimits[@]}" "${ro[@]}" \
  -v "$store:/marquee/var/store:rw" "$reg/marquee-batch:$version" sample-store --store /marquee/var/store --users 100 \
  > "$run/sample-store.log" 2>&1 || { tail -30 "$run/sample-store.log" >&2; fail "sample-store in the batch image"; }
grep -q 'sample-store: published v000001' "$run/sample-store.log" || { cat "$run/sample-store.log" >&2; fail "no store version"; }
say "batch image (read-only root, RocksDB natives from the tmpfs /tmp) wrote store version v000001"

sport="$(free_port 18082)"
podman_ run -d --pull=never --name marquee-pl-serving --network host "${ulimits[@]}" "${ro[@]}" \
  -e MARQUEE_SERVING_HOST=127.0.0.1 -e MARQUEE_SERVING_PORT="$sport" \
  -v "$store:/marquee/var/store:ro" "$reg/marquee-serving:$version" >/dev/null || fail "podman run marquee-serving"
ready=""
for _ in $(seq 120); do
  ready="$(curl -s "http://127.0.0.1:$sport/readyz" || true)"
  [[ "$ready" == "ready v"* ]] && break
  [ "$(podman_ inspect -f '{{.State.Running}}' marquee-pl-serving 2>/dev/null)" = true ] || break
  sleep 0.5
done
if [[ "$ready" != "ready v000001" ]]; then
  podman_ logs marquee-pl-serving 2>&1 | tail -30 >&2
  fail "GET /readyz answered '$ready', expected 'ready v000001'"
fi
code="$(curl -s -o "$run/rec" -w '%{http_code}' "http://127.0.0.1:$sport/recommend/42")"
[ "$code" = 200 ] && [ "$(cat "$run/rec")" = "movie+42+2000,film+0+1990,the+matrix+1999" ] \
  || fail "GET /recommend/42 answered $code '$(cat "$run/rec")'"
cold="$(curl -s "http://127.0.0.1:$sport/recommend/100000")"
[ "$cold" = "the+shawshank+redemption+1994,the+godfather+1972,the+dark+knight+2008" ] || fail "cold start answered '$cold'"
say "serving image on 127.0.0.1:$sport (read-only root): /readyz '$ready', /recommend/42 '$(cat "$run/rec")'"
podman_ logs marquee-pl-serving 2>&1 | tail -3 | sed 's/^/  serving log: /'
podman_ rm -f -t 5 marquee-pl-serving >/dev/null

say "done in $(( $(date +%s) - started )) s"
echo "publish-local: ok"
