# The chat backend example (examples/chat-backend) as an image, run from source with tsx as
# `pnpm start` runs it. docker-compose.yml runs it as the API (ROLE=api) and as workers (ROLE=worker).
#
# Not built on the machines this repository is developed and tested on: they run no Docker
# engine. examples/chat-backend/test/docker-files.test.ts checks it against the repository and
# runs its COPY, `pnpm install` and CMD steps without Docker. See docs/production.md.
FROM node:20-bookworm-slim

RUN npm install --global pnpm@10.34.9

WORKDIR /app
# Manifests first, so the install layer is rebuilt only when they change.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY packages/core/package.json packages/core/
COPY packages/memory/package.json packages/memory/
COPY packages/redis/package.json packages/redis/
COPY packages/sqs/package.json packages/sqs/
COPY packages/express/package.json packages/express/
COPY packages/socketio/package.json packages/socketio/
COPY packages/prometheus/package.json packages/prometheus/
COPY packages/dashboard/package.json packages/dashboard/
COPY examples/chat-backend/package.json examples/chat-backend/
# The example and the workspace packages it runs on, exactly as the lockfile says. With their dev
# dependencies: the app runs from source with tsx, and @mq/redis reaches its peer ioredis through
# its own dev dependency in a workspace (an app installing @mq/redis from npm installs ioredis itself).
RUN pnpm install --frozen-lockfile --filter example-chat-backend...

COPY packages/core/src packages/core/src
COPY packages/memory/src packages/memory/src
COPY packages/redis/src packages/redis/src
COPY packages/sqs/src packages/sqs/src
COPY packages/express/src packages/express/src
COPY packages/socketio/src packages/socketio/src
COPY packages/prometheus/src packages/prometheus/src
COPY packages/dashboard/src packages/dashboard/src
# The dashboard's page (served as it is from the package).
COPY packages/dashboard/client packages/dashboard/client
COPY examples/chat-backend/src examples/chat-backend/src

# Production unless told otherwise: without QUEUE_ADMIN_TOKEN and SOCKET_TOKEN_SECRET the API refuses to start.
ENV NODE_ENV=production
WORKDIR /app/examples/chat-backend
USER node
EXPOSE 5001
# node itself, not `pnpm start`: as PID 1 it receives `docker stop`'s SIGTERM, finishes the
# messages in flight, logs "shutdown finished" and exits 0.
CMD ["node", "--conditions=@mq/source", "--import", "tsx", "src/main.ts"]
