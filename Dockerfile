# Build a static newsbot binary, then run the Discord bot as a non-root user
# with the corpus and the index as volumes. Configuration comes from the
# environment (docker run --env-file .env); see .env.example.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/newsbot ./cmd/newsbot

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/newsbot /newsbot
COPY --from=build --chown=nonroot:nonroot /src/corpus/articles /data/corpus
# Bleve creates the index folder itself, so it lives below the volume.
ENV NEWSBOT_CORPUS=/data/corpus NEWSBOT_INDEX=/data/index/newsbot
VOLUME ["/data/corpus", "/data/index"]
USER nonroot
ENV NEWSBOT_FEEDBACK=/data/index/feedback.jsonl
ENTRYPOINT ["/newsbot"]
CMD ["serve"]
