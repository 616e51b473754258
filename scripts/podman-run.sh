#!/usr/bin/env bash
# Build the prunegcrn-service image with podman and run it locally (rootless works).
#
#   scripts/podman-run.sh                 build, (re)start the container, wait until it is ready
#   scripts/podman-run.sh --no-build      reuse the image already built
#   scripts/podman-run.sh --stop          stop and remove the container (the data volume stays)
#
# Env: IMAGE (prunegcrn-service:local), NAME (prunegcrn), PORT (8080 on the host),
#      VOLUME (prunegcrn-data), MEMORY (10g), PRUNEGCRN_API_KEY (optional), READY_TIMEOUT (180 s),
#      PRUNEGCRN_TRAINING_MAX_PARALLEL_JOBS, PRUNEGCRN_TRAINING_QUEUE_CAPACITY, JAVA_OPTS.
#
# CI builds and runs the image without a registry instead (.ci/image-check.sh: Debian base images
# made with debootstrap). This script uses the Dockerfile's default eclipse-temurin base images;
# BUILD_ARGS passes more build arguments (e.g. "--build-arg RUNTIME_IMAGE=...").
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

IMAGE=${IMAGE:-prunegcrn-service:local}
NAME=${NAME:-prunegcrn}
PORT=${PORT:-8080}
VOLUME=${VOLUME:-prunegcrn-data}
MEMORY=${MEMORY:-10g}
READY_TIMEOUT=${READY_TIMEOUT:-180}

build=1
case "${1:-}" in
    --no-build) build=0 ;;
    --stop)
        podman rm -f -t 60 "$NAME" >/dev/null 2>&1 || true
        echo "stopped $NAME (volume $VOLUME kept; remove it with: podman volume rm $VOLUME)"
        exit 0
        ;;
    -h | --help)
        sed -n '2,14p' "$0"
        exit 0
        ;;
    "") ;;
    *)
        echo "unknown argument: $1 (see --help)" >&2
        exit 2
        ;;
esac

command -v podman >/dev/null 2>&1 || { echo "podman not found (Debian: apt-get install podman)" >&2; exit 1; }
command -v curl >/dev/null 2>&1 || { echo "curl not found" >&2; exit 1; }

if [ "$build" -eq 1 ]; then
    echo "== building $IMAGE"
    # shellcheck disable=SC2086
    podman build --platform linux/amd64 --format docker ${BUILD_ARGS:-} -t "$IMAGE" .
fi

podman volume exists "$VOLUME" || podman volume create "$VOLUME" >/dev/null

echo "== starting $NAME on port $PORT (memory $MEMORY, volume $VOLUME at /data)"
podman rm -f -t 60 "$NAME" >/dev/null 2>&1 || true
podman run -d --name "$NAME" --platform linux/amd64 \
    -p "$PORT:8080" \
    -v "$VOLUME:/data" \
    --memory "$MEMORY" \
    --stop-timeout 60 \
    -e PRUNEGCRN_DATA_DIR=/data \
    -e PRUNEGCRN_API_KEY="${PRUNEGCRN_API_KEY:-}" \
    -e PRUNEGCRN_TRAINING_MAX_PARALLEL_JOBS="${PRUNEGCRN_TRAINING_MAX_PARALLEL_JOBS:-2}" \
    -e PRUNEGCRN_TRAINING_QUEUE_CAPACITY="${PRUNEGCRN_TRAINING_QUEUE_CAPACITY:-16}" \
    -e JAVA_OPTS="${JAVA_OPTS:-}" \
    "$IMAGE" >/dev/null

url="http://127.0.0.1:$PORT/actuator/health/readiness"
echo "== waiting up to ${READY_TIMEOUT}s for $url"
deadline=$((SECONDS + READY_TIMEOUT))
until curl -fsS -o /dev/null --max-time 5 "$url" 2>/dev/null; do
    if [ "$(podman inspect -f '{{.State.Running}}' "$NAME" 2>/dev/null)" != "true" ]; then
        echo "container $NAME exited; its log:" >&2
        podman logs --tail 100 "$NAME" >&2 || true
        exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
        echo "not ready after ${READY_TIMEOUT}s; last log lines:" >&2
        podman logs --tail 50 "$NAME" >&2 || true
        exit 1
    fi
    sleep 3
done

echo "== ready"
echo "   Swagger UI: http://localhost:$PORT/swagger-ui.html"
echo "   health:     http://localhost:$PORT/actuator/health"
echo "   metrics:    http://localhost:$PORT/actuator/prometheus"
echo "   logs:       podman logs -f $NAME"
echo "   stop:       $0 --stop"
