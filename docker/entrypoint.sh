#!/bin/sh
# Container entrypoint for prunegcrn-service (POSIX sh; no bashisms).
#
#   /app/entrypoint.sh [app args...]   start the service: exec java ... -jar /app/app.jar [app args...]
#   /app/entrypoint.sh healthcheck     probe the actuator (used by the Dockerfile HEALTHCHECK,
#                                      docker-compose and the Helm test); exits 0 when healthy
#
# Memory. ND4J keeps its arrays off-heap, allocated through JavaCPP, so the JVM heap is only a
# part of what the process uses. From the container's memory limit (cgroup v2 memory.max, or
# cgroup v1 memory.limit_in_bytes) this script derives:
#   heap                                  -XX:MaxRAMPercentage=25            (JAVA_HEAP_PERCENT)
#   off-heap tracked by JavaCPP           -Dorg.bytedeco.javacpp.maxbytes     50% (JAVACPP_MAXBYTES_PERCENT)
#   whole process RSS (heap + off-heap)   -Dorg.bytedeco.javacpp.maxphysicalbytes 85% (JAVACPP_MAXPHYSICALBYTES_PERCENT)
# Past maxphysicalbytes JavaCPP throws an OutOfMemoryError in the allocating thread (a failed
# training job) instead of the kernel OOM-killing the whole container. Without a limit only the
# heap percentage is set and JavaCPP keeps its own defaults.
#
# Native libraries. JavaCPP extracts the bundled OpenBLAS/ND4J natives into a cache directory
# (default ~/.javacpp/cache). It is set to /tmp/javacpp (JAVACPP_CACHE_DIR) so the container
# also runs with a read-only root file system and a writable /tmp (Kubernetes: emptyDir).
#
# Processors. JAVA_ACTIVE_PROCESSOR_COUNT (a whole number; the Helm chart and trainer Jobs set it from the pod's CPU
# request, as they set OMP_NUM_THREADS) becomes -XX:ActiveProcessorCount: without it the JVM sizes its GC and pools
# by every core of the node when the pod has a CPU request but no limit.
#
# Overrides. Any of these flags already present in JAVA_TOOL_OPTIONS or JAVA_OPTS wins: the
# script then leaves that flag out (JAVA_TOOL_OPTIONS is read by the JVM before the command line,
# so it would otherwise lose). JAVA_OPTS is appended to the java command line (split on
# white space; quote nothing inside it). Exact byte values can be forced with JAVACPP_MAXBYTES
# and JAVACPP_MAXPHYSICALBYTES (plain bytes, or JavaCPP's suffixes such as 3g).
set -eu

APP_JAR=${APP_JAR:-/app/app.jar}

# Exit status 0 = healthy, 1 = unhealthy (Docker reserves other codes).
healthcheck() {
    # the actuator answers on the management port when there is one (MANAGEMENT_SERVER_PORT, as in the Helm chart)
    url=${HEALTHCHECK_URL:-http://127.0.0.1:${MANAGEMENT_SERVER_PORT:-${SERVER_PORT:-8080}}${HEALTHCHECK_PATH:-/actuator/health/readiness}}
    if command -v curl >/dev/null 2>&1; then
        curl -fsS -o /dev/null --max-time 5 "$url" || exit 1
        exit 0
    elif command -v wget >/dev/null 2>&1; then
        wget -q -O /dev/null -T 5 "$url" || exit 1
        exit 0
    elif command -v bash >/dev/null 2>&1; then
        # plain HTTP/1.0 over bash's /dev/tcp: http://host[:port]/path only
        bash -c '
            rest=${1#http://}; hostport=${rest%%/*}; path=/${rest#*/}
            [ "$hostport" = "$rest" ] && path=/
            host=${hostport%%:*}; port=${hostport##*:}; [ "$port" = "$hostport" ] && port=80
            exec 3<>"/dev/tcp/$host/$port" || exit 1
            printf "GET %s HTTP/1.0\r\nHost: %s\r\nConnection: close\r\n\r\n" "$path" "$host" >&3
            IFS= read -r -t 5 status <&3 || exit 1
            case "$status" in "HTTP/1."?" 2"*) exit 0 ;; *) echo "unhealthy: $status" >&2; exit 1 ;; esac
        ' healthcheck "$url" || exit 1
        exit 0
    fi
    echo "healthcheck: neither curl, wget nor bash available" >&2
    exit 1
}

# Memory limit of this container in bytes, or nothing when there is none.
memory_limit() {
    v=""
    cg=${CGROUP_ROOT:-/sys/fs/cgroup}
    if [ -r "$cg/memory.max" ]; then
        v=$(cat "$cg/memory.max" 2>/dev/null || true)
    elif [ -r "$cg/memory/memory.limit_in_bytes" ]; then
        v=$(cat "$cg/memory/memory.limit_in_bytes" 2>/dev/null || true)
    fi
    case "$v" in
        '' | max | *[!0-9]*) return 0 ;;
    esac
    # cgroup v1 reports "no limit" as a huge number (~2^63): treat 19+ digits (>= 1 EB) as none
    if [ "${#v}" -ge 19 ]; then
        return 0
    fi
    echo "$v"
}

# has_opt PATTERN: is a flag matching PATTERN already in JAVA_TOOL_OPTIONS or JAVA_OPTS?
has_opt() {
    case " ${JAVA_TOOL_OPTIONS:-} ${JAVA_OPTS:-} " in
        *"$1"*) return 0 ;;
    esac
    return 1
}

if [ "${1:-}" = "healthcheck" ]; then
    healthcheck
fi

limit=$(memory_limit)
opts=""

if ! has_opt "MaxRAMPercentage" && ! has_opt "-Xmx" && ! has_opt "MaxHeapSize"; then
    opts="$opts -XX:MaxRAMPercentage=${JAVA_HEAP_PERCENT:-25}"
fi
if ! has_opt "OnOutOfMemoryError"; then
    # a heap OOM leaves the JVM in an unknown state: exit and let the orchestrator restart it
    opts="$opts -XX:+ExitOnOutOfMemoryError"
fi
case "${JAVA_ACTIVE_PROCESSOR_COUNT:-}" in
    '' | 0 | *[!0-9]*) ;;
    *) has_opt "ActiveProcessorCount" || opts="$opts -XX:ActiveProcessorCount=$JAVA_ACTIVE_PROCESSOR_COUNT" ;;
esac
if ! has_opt "org.bytedeco.javacpp.cachedir"; then
    opts="$opts -Dorg.bytedeco.javacpp.cachedir=${JAVACPP_CACHE_DIR:-/tmp/javacpp}"
fi

maxbytes=${JAVACPP_MAXBYTES:-}
maxphys=${JAVACPP_MAXPHYSICALBYTES:-}
if [ -n "$limit" ]; then
    # divide first: no overflow of the shell's 64-bit arithmetic
    # shellcheck disable=SC2017
    [ -n "$maxbytes" ] || maxbytes=$((limit / 100 * ${JAVACPP_MAXBYTES_PERCENT:-50}))
    # shellcheck disable=SC2017
    [ -n "$maxphys" ] || maxphys=$((limit / 100 * ${JAVACPP_MAXPHYSICALBYTES_PERCENT:-85}))
fi
if [ -n "$maxbytes" ] && ! has_opt "org.bytedeco.javacpp.maxbytes"; then
    opts="$opts -Dorg.bytedeco.javacpp.maxbytes=$maxbytes"
fi
if [ -n "$maxphys" ] && ! has_opt "org.bytedeco.javacpp.maxphysicalbytes"; then
    opts="$opts -Dorg.bytedeco.javacpp.maxphysicalbytes=$maxphys"
fi

# (JAVA_OPTS itself is not echoed: it may carry secrets)
echo "entrypoint: memory limit ${limit:-none}${limit:+ bytes}; java${opts}${JAVA_OPTS:+ \$JAVA_OPTS} -jar $APP_JAR" >&2

# No globbing while JAVA_OPTS is word-split; "$@" (app arguments) is passed through untouched.
set -f
# shellcheck disable=SC2086
exec java $opts ${JAVA_OPTS:-} -jar "$APP_JAR" "$@"
