#!/usr/bin/env bash
# Makes sure a Redis server answers on 127.0.0.1:6379 for the shared rate-limit and multi-node
# tests (TEST_REDIS_URL=redis://127.0.0.1:6379). A server already listening there is used as it
# is; otherwise Debian's redis-server is installed with apt-get (as root, or through sudo) and
# started in the background, bound to 127.0.0.1, without persistence.
set -euo pipefail
HOST=127.0.0.1
PORT=${REDIS_PORT:-6379}
listening() { (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; }
if listening; then
  echo "redis: a server already listens on $HOST:$PORT; using it"
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then AS_ROOT=(); elif command -v sudo >/dev/null 2>&1; then AS_ROOT=(sudo); else AS_ROOT=(false); fi
if ! command -v redis-server >/dev/null 2>&1; then
  if ! command -v apt-get >/dev/null 2>&1 || [ "${AS_ROOT[0]:-}" = false ]; then
    echo "redis: nothing listens on $HOST:$PORT and Redis cannot be installed here (needs apt-get as root): start one there, or run the tests without TEST_REDIS_URL to skip the Redis ones" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${AS_ROOT[@]}" apt-get update -qq
  "${AS_ROOT[@]}" apt-get install -y -qq redis-server >/dev/null
fi
redis-server --bind "$HOST" --port "$PORT" --save '' --appendonly no --daemonize yes
for _ in $(seq 1 50); do listening && { echo "redis: started on $HOST:$PORT"; exit 0; }; sleep 0.1; done
echo "redis: started but not answering on $HOST:$PORT" >&2
exit 1
