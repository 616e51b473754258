#!/usr/bin/env bash
# Builds the container image from the Dockerfile and runs it, without a Docker engine or a registry:
#   1. base images made here: `debootstrap --variant=minbase` of Debian bookworm with openjdk-17-jre-headless (and
#      this machine's Java CA bundle, which the build stage's Maven needs), imported with `podman import`; the build
#      stage's image adds openjdk-17-jdk-headless (one-line Containerfile)
#   2. `podman build` of the Dockerfile with those images as BUILD_IMAGE / RUNTIME_IMAGE (the local Maven repository
#      mounted, so dependencies come from the cache)
#   3. runs it with a data volume and checks: readiness on the management port (and not on the API port), the image's
#      own HEALTHCHECK, uid 10001, a forecast of the bundled model, the README's example session (.ci/readme-session.sh,
#      EPOCHS=1), then a new container on the same volume: the session's model and job are still there and forecast
#
# Needs root (or sudo) for apt-get, debootstrap and podman. Env: PORT (8080), MGMT_PORT (8081) on this machine,
# EPOCHS (1), IMAGE (localhost/prunegcrn-service:ci), DEBIAN_MIRROR, KEEP_BASE_IMAGES=1 keeps the base images for the
# next run (they are kept anyway: removing them is left to the machine's lifetime).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

PORT=${PORT:-8080}
MGMT_PORT=${MGMT_PORT:-8081}
EPOCHS=${EPOCHS:-1}
IMAGE=${IMAGE:-localhost/prunegcrn-service:ci}
NAME=${NAME:-prunegcrn-ci}
VOLUME=${VOLUME:-prunegcrn-ci-data}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
JRE_IMAGE=localhost/prunegcrn-ci-jre:bookworm
JDK_IMAGE=localhost/prunegcrn-ci-jdk:bookworm

WORK=$(mktemp -d "${TMPDIR:-/tmp}/image-check.XXXXXX")
START=$SECONDS

log() { printf '== %s (%ss)\n' "$*" "$((SECONDS - START))"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

trap 'echo "image check failed at line $LINENO (exit $?)" >&2' ERR

cleanup() {
    podman rm -f -t 30 "$NAME" >/dev/null 2>&1 || true
    podman volume rm -f "$VOLUME" >/dev/null 2>&1 || true
    as_root rm -rf "$WORK"
}
trap cleanup EXIT

need=()
for tool in podman runc debootstrap curl jq; do
    command -v "$tool" >/dev/null 2>&1 || need+=("$tool")
done
if [ "${#need[@]}" -gt 0 ]; then
    log "installing with apt: ${need[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
podman() { as_root env CONTAINERS_CONF="$WORK/containers.conf" podman "$@"; }

# In a VM or container without systemd: runc, cgroupfs, no default ulimits (podman's would exceed the hard limits)
cat >"$WORK/containers.conf" <<'EOF'
[containers]
default_ulimits = []
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF

if ! podman image exists "$JRE_IMAGE"; then
    log "base image $JRE_IMAGE: debootstrap bookworm (minbase + openjdk-17-jre-headless)"
    as_root debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates-java \
        bookworm "$WORK/rootfs" "$DEBIAN_MIRROR" >"$WORK/debootstrap.log" 2>&1 || { tail -n 30 "$WORK/debootstrap.log"; exit 1; }
    # the build stage's Maven reaches Maven Central with the CAs this machine trusts
    if [ -f /etc/ssl/certs/java/cacerts ]; then
        as_root cp /etc/ssl/certs/java/cacerts "$WORK/rootfs/etc/ssl/certs/java/cacerts"
    fi
    as_root rm -rf "$WORK/rootfs/var/cache/apt/archives"/*.deb "$WORK/rootfs/var/lib/apt/lists"/*
    as_root tar -C "$WORK/rootfs" -c . | podman import -q - "$JRE_IMAGE" >/dev/null
    as_root rm -rf "$WORK/rootfs"
fi
if ! podman image exists "$JDK_IMAGE"; then
    log "base image $JDK_IMAGE: $JRE_IMAGE + openjdk-17-jdk-headless"
    printf 'FROM %s\nRUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jdk-headless >/dev/null && rm -rf /var/lib/apt/lists/*\n' \
        "$JRE_IMAGE" >"$WORK/Containerfile.jdk"
    podman build -q --network host -t "$JDK_IMAGE" -f "$WORK/Containerfile.jdk" "$WORK" >/dev/null
fi

log "podman build $IMAGE (Dockerfile, BUILD_IMAGE=$JDK_IMAGE, RUNTIME_IMAGE=$JRE_IMAGE)"
m2=()
[ -d "${HOME:-/root}/.m2" ] && m2=(-v "${HOME:-/root}/.m2:/root/.m2")
podman build --format docker --network host "${m2[@]}" \
    --build-arg BUILD_IMAGE="$JDK_IMAGE" --build-arg RUNTIME_IMAGE="$JRE_IMAGE" -t "$IMAGE" . >"$WORK/build.log" 2>&1 ||
    { tail -n 60 "$WORK/build.log"; exit 1; }
tail -n 2 "$WORK/build.log"

# run_service: a container of the image on the data volume, API on PORT, actuator on MGMT_PORT, ready or fail
run_service() {
    podman rm -f -t 30 "$NAME" >/dev/null 2>&1 || true
    podman run -d --name "$NAME" -p "$PORT:8080" -p "$MGMT_PORT:8081" -v "$VOLUME:/data" --memory 6g \
        -e MANAGEMENT_SERVER_PORT=8081 "$IMAGE" >/dev/null 2>"$WORK/run.err" || { cat "$WORK/run.err"; return 1; }
    local deadline=$((SECONDS + 180))
    until curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$MGMT_PORT/actuator/health/readiness" 2>/dev/null; do
        if [ "$(podman inspect -f '{{.State.Running}}' "$NAME")" != true ] || [ "$SECONDS" -ge "$deadline" ]; then
            echo "the container did not become ready; its log:"
            podman logs --tail 80 "$NAME"
            return 1
        fi
        sleep 2
    done
    # the image's own HEALTHCHECK (entrypoint healthcheck) finds the actuator on the management port
    podman healthcheck run "$NAME" 2>/dev/null || { echo "the image's HEALTHCHECK says unhealthy"; return 1; }
}

podman volume rm -f "$VOLUME" >/dev/null 2>&1 || true
podman volume create "$VOLUME" >/dev/null
log "run $NAME (volume $VOLUME at /data)"
run_service
API="http://127.0.0.1:$PORT/api/v1"
podman logs "$NAME" >"$WORK/service.log" 2>&1
grep -m1 '^entrypoint:' "$WORK/service.log"
uid=$(podman exec "$NAME" id -u)
[ "$uid" = 10001 ] || { echo "the service runs as uid $uid, not 10001"; exit 1; }
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/actuator/prometheus")
[ "$code" = 404 ] || { echo "the API port serves /actuator/prometheus ($code): the actuator belongs to the management port"; exit 1; }
curl -fsS -o "$WORK/metrics.txt" "http://127.0.0.1:$MGMT_PORT/actuator/prometheus"
grep -q '^prunegcrn_jobs' "$WORK/metrics.txt" || { echo "no prunegcrn_jobs metric on the management port"; exit 1; }
echo "health on the management port, HEALTHCHECK healthy, uid 10001, no actuator on the API port"

sensors=$(curl -fsS "$API/models/los-loop-g025/forecast?step=2000" | jq '[.sensors[] | select(.forecast | length == 12)] | length')
[ "$sensors" = 207 ] || { echo "the bundled model's forecast covers $sensors sensors, not 207"; exit 1; }
echo "forecast of the bundled model: 207 sensors x 12 steps"

log "the README's example session against the container (EPOCHS=$EPOCHS)"
PRUNEGCRN_URL="http://127.0.0.1:$PORT" EPOCHS="$EPOCHS" bash .ci/readme-session.sh >"$WORK/session.log" 2>&1 ||
    { tail -n 80 "$WORK/session.log"; exit 1; }
tail -n 5 "$WORK/session.log"
model=$(curl -fsS "$API/models?datasetId=los-loop&method=prunegcrn" | jq -r '[.items[] | select(.id != "los-loop-g025")][0].id')
if [ -z "$model" ] || [ "$model" = null ]; then echo "the session left no model"; exit 1; fi

log "a new container on the same volume"
run_service
status=$(curl -fsS "$API/training-jobs/$model" | jq -r .status)
[ "$status" = SUCCEEDED ] || { echo "job $model is $status after the restart"; exit 1; }
sensors=$(curl -fsS "$API/models/$model/forecast?step=2000" | jq '.sensors | length')
[ "$sensors" = 207 ] || { echo "model $model forecasts $sensors sensors after the restart"; exit 1; }
curl -fsS "$API/models/$model/sensor-errors" | jq -e '.sensors | length == 207' >/dev/null
echo "after the restart: job $model SUCCEEDED, its model forecasts, its per-sensor errors are stored"

log "image check passed"
