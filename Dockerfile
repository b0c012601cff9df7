# newsbot's image: a static binary that runs as a non-root user (65532),
# with the corpus and the index as volumes and `serve` as its command.
# Configuration comes from the environment (docker run --env-file .env); see
# .env.example and "Deploying newsbot" in the README.
#
# The base images are build arguments, so that a registry mirror, or in the
# tests images made on the machine, can stand in for them:
#   docker build --build-arg BUILDER_IMAGE=... --build-arg RUNTIME_IMAGE=... .
# The builder needs only the go command (no shell); the runtime image needs
# nothing at all (CA certificates for Discord's HTTPS, which distroless has).
ARG BUILDER_IMAGE=golang:1.26-bookworm
ARG RUNTIME_IMAGE=gcr.io/distroless/static-debian12:nonroot

FROM ${BUILDER_IMAGE} AS build
WORKDIR /src
ENV CGO_ENABLED=0
COPY go.mod go.sum ./
RUN ["go", "mod", "download"]
COPY . .
RUN ["go", "build", "-trimpath", "-ldflags=-s -w", "-o", "/out/newsbot", "./cmd/newsbot"]
# The folders the volumes mount on. They are copied into the image owned by
# the user newsbot runs as, so that a new named volume starts out writable
# by it: the index volume must be; the corpus volume must be readable, and
# writable only for `newsbot add` inside the container.
COPY corpus/articles /out/data/corpus
WORKDIR /out/data/index
WORKDIR /out/data/snapshots

FROM ${RUNTIME_IMAGE}
COPY --from=build /out/newsbot /newsbot
COPY --from=build --chown=65532:65532 /out/data /data
ENV NEWSBOT_CORPUS=/data/corpus \
    NEWSBOT_INDEX=/data/index/newsbot \
    NEWSBOT_FEEDBACK=/data/index/feedback.jsonl
VOLUME ["/data/corpus", "/data/index"]
USER 65532:65532
# 8080: serve --http (Discord interactions, /healthz, /readyz);
# 9090: --admin (/healthz, /readyz, /metrics). Neither is on by default.
EXPOSE 8080 9090
ENTRYPOINT ["/newsbot"]
CMD ["serve"]
