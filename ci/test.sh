#!/usr/bin/env bash
# CI step "test": every test of the project, exactly what .ci/run runs (./mvnw verify).
# Runs on any machine with a JDK 17 and Maven Central; ../shared beside the checkout is optional.
set -euo pipefail
cd "$(dirname "$0")/.."
exec bash .ci/run
