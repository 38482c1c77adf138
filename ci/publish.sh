#!/usr/bin/env bash
# CI step "publish" (main only, after the tests passed): builds marquee-serving and marquee-batch with
# Jib (no Docker daemon) and pushes them, tagged with the project version and the git commit
# (docs/images.md). Runs on any machine with a JDK 17, git, and access to the registry and base image.
#
#   IMAGE_PREFIX        where to push (default docker.io/marquee): IMAGE_PREFIX/marquee-serving, .../marquee-batch
#   DOCKERHUB_USERNAME  registry user; with DOCKERHUB_TOKEN (an access token) written into a
#   DOCKERHUB_TOKEN       private, temporary Docker config (DOCKER_CONFIG) that Jib reads, so the
#                         token never appears on a command line. Unset: Jib uses ~/.docker/config.json
#                         or a credential helper. Nothing secret lives in the repository.
#   extra arguments     passed to Maven, e.g. -Djib.from.image=... or -Djib.allowInsecureRegistries=true
set -euo pipefail
cd "$(dirname "$0")/.."
args=(-B -ntp -pl apps/serve,apps/nightly -am -DskipTests package jib:build -Dimage.prefix="${IMAGE_PREFIX:-docker.io/marquee}"
  -Dimage.commit="$(git rev-parse HEAD | cut -c1-7)")
if [ -n "${DOCKERHUB_USERNAME:-}" ]; then
  [ -n "${DOCKERHUB_TOKEN:-}" ] || { echo "publish: DOCKERHUB_USERNAME is set but DOCKERHUB_TOKEN is not" >&2; exit 1; }
  DOCKER_CONFIG="$(mktemp -d)"; export DOCKER_CONFIG
  trap 'rm -rf "$DOCKER_CONFIG"' EXIT
  registry="${IMAGE_PREFIX:-docker.io/marquee}"; registry="${registry%%/*}"
  auth="$(printf '%s:%s' "$DOCKERHUB_USERNAME" "$DOCKERHUB_TOKEN" | base64 -w0)"
  (umask 077; printf '{"auths":{"%s":{"auth":"%s"},"registry-1.docker.io":{"auth":"%s"},"https://index.docker.io/v1/":{"auth":"%s"}}}\n' \
    "$registry" "$auth" "$auth" "$auth" > "$DOCKER_CONFIG/config.json")
fi
started=$(date +%s)
./mvnw "${args[@]}" "$@"
echo "publish: pushed ${IMAGE_PREFIX:-docker.io/marquee}/marquee-serving and .../marquee-batch" \
  "($(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -1), $(git rev-parse HEAD | cut -c1-7))" \
  "in $(( $(date +%s) - started )) s"
