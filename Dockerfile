# prunegcrn-service container image.
#
#   docker build -t prunegcrn-service:local .        (or: podman build ..., docker compose up --build)
#   docker run -p 8080:8080 -v prunegcrn-data:/data --memory 6g prunegcrn-service:local
#
# Works with the classic builder and BuildKit alike (no BuildKit-only syntax), so docker-compose v1,
# docker compose v2 and podman/buildah all build it. See docs/DEPLOYMENT.md.
#
# linux/amd64 only: the jar carries ND4J's linux-x86_64 natives, so on arm64 (Apple silicon, Graviton) build and
# run with --platform linux/amd64 (emulated). The base images are build arguments: CI builds on Debian images it
# makes itself (.ci/image-check.sh), since no registry is reachable there; they need a JDK 17 with its CA bundle
# (build) and a JRE 17 on glibc with useradd (runtime).
ARG BUILD_IMAGE=eclipse-temurin:17-jdk
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre

# ---------------------------------------------------------------------------------------------
# Build stage: Maven wrapper + JDK 17. Dependencies are resolved in their own layer, so a change
# under src/ does not download them again. .mvn/maven.config pins -Djavacpp.platform=linux-x86_64:
# the jar only carries the linux-x86_64 natives (ND4J/OpenBLAS via JavaCPP).
# ---------------------------------------------------------------------------------------------
FROM --platform=linux/amd64 ${BUILD_IMAGE} AS build
WORKDIR /build

COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN chmod +x mvnw && ./mvnw -B dependency:go-offline

COPY src/ src/
# The jar is target/prunegcrn-service.jar (finalName); fall back to the one repackaged jar if the
# name ever changes, so the runtime stage always finds /build/app.jar.
RUN ./mvnw -B -DskipTests package \
 && if [ -f target/prunegcrn-service.jar ]; then cp target/prunegcrn-service.jar app.jar; \
    else cp "$(ls target/*.jar | head -n 1)" app.jar; fi \
 && test -s app.jar

# ---------------------------------------------------------------------------------------------
# Runtime stage: JRE 17 on Ubuntu (glibc, which the bundled natives need). The base image ships
# curl and wget; the health check falls back to bash /dev/tcp without them (as on a minimal Debian base).
# ---------------------------------------------------------------------------------------------
FROM --platform=linux/amd64 ${RUNTIME_IMAGE}

LABEL org.opencontainers.image.title="prunegcrn-service" \
      org.opencontainers.image.description="Traffic forecasting over a sensor network with a learned sensor mask (PruneGCRN)"

# Non-root user 10001 (Kubernetes: runAsUser/fsGroup 10001). /data holds all state and is owned by
# it before VOLUME is declared, so a fresh named volume is writable by the service.
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid 10001 --home-dir /home/app --create-home --shell /usr/sbin/nologin app \
 && mkdir -p /data \
 && chown 10001:10001 /data

WORKDIR /app
COPY --from=build /build/app.jar /app/app.jar
COPY docker/entrypoint.sh /app/entrypoint.sh
RUN chmod 0755 /app/entrypoint.sh && chmod 0644 /app/app.jar

# Settings are read through Spring relaxed binding; override any of them with -e / environment:.
# JavaCPP extracts its natives to /tmp/javacpp (-Dorg.bytedeco.javacpp.cachedir, set by the
# entrypoint), not ~/.javacpp, so a read-only root file system with a writable /tmp works.
# JAVA_TOOL_OPTIONS and JAVA_OPTS are honoured; the entrypoint derives heap and ND4J off-heap
# limits from the container memory limit unless they are given there.
ENV PRUNEGCRN_DATA_DIR=/data \
    PRUNEGCRN_TRAINING_MAX_PARALLEL_JOBS=2 \
    PRUNEGCRN_TRAINING_QUEUE_CAPACITY=16 \
    SPRING_SERVLET_MULTIPART_MAX_FILE_SIZE=50MB \
    JAVACPP_CACHE_DIR=/tmp/javacpp \
    JAVA_OPTS=""

VOLUME ["/data"]
EXPOSE 8080
USER 10001:10001

# JVM + ND4J start in ~20-40 s; readiness goes UP once the application accepts traffic.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=4 \
    CMD ["/app/entrypoint.sh", "healthcheck"]

# exec form, and the script execs java: SIGTERM reaches the JVM (graceful shutdown).
ENTRYPOINT ["/app/entrypoint.sh"]
