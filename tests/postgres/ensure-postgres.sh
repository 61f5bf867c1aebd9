#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 for the PostgreSQL tests
# (tests/postgres/, TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test), and that the
# database `test` exists. Idempotent: a server already listening there is used as it is, never
# reconfigured. Otherwise Debian's postgresql is installed with apt-get (which also brings the
# server binaries the replication test runs, /usr/lib/postgresql/<ver>/bin), and its cluster is
# started with trust authentication for 127.0.0.1 (a CI machine's throwaway server).
set -euo pipefail

HOST=127.0.0.1
PORT=${POSTGRES_PORT:-5432}

listening() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h "$HOST" -p "$PORT"
  else
    (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null
  fi
}

# Root runs apt and the cluster tools directly; others go through sudo when there is one.
if [ "$(id -u)" -eq 0 ]; then
  AS_ROOT=()
elif command -v sudo >/dev/null 2>&1; then
  AS_ROOT=(sudo)
else
  AS_ROOT=(false)
fi

if listening; then
  echo "postgres: a server already listens on $HOST:$PORT; using it"
else
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    if ! command -v apt-get >/dev/null 2>&1 || [ "${AS_ROOT[0]:-}" = false ]; then
      echo "postgres: nothing listens on $HOST:$PORT and PostgreSQL cannot be installed here (needs apt-get as root);" \
        "start a server there with user postgres trusted from $HOST, or set TEST_DATABASE_URL yourself" >&2
      exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    echo "postgres: installing Debian's postgresql with apt-get"
    if ! "${AS_ROOT[@]}" apt-get update || ! "${AS_ROOT[@]}" apt-get install -y --no-install-recommends postgresql; then
      echo "postgres: apt-get could not install postgresql (no package source reachable?)" >&2
      exit 1
    fi
  fi

  # The newest installed version's cluster `main`, created if the package did not.
  VERSION=$(ls /usr/lib/postgresql | sort -n | tail -1)
  if ! pg_lsclusters -h | awk '{print $1, $2}' | grep -qx "$VERSION main"; then
    echo "postgres: creating cluster $VERSION/main on port $PORT"
    "${AS_ROOT[@]}" pg_createcluster "$VERSION" main -p "$PORT"
  fi
  CLUSTER_PORT=$(pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main" {print $3}')
  if [ "$CLUSTER_PORT" != "$PORT" ]; then
    echo "postgres: cluster $VERSION/main is set to port $CLUSTER_PORT, not $PORT" >&2
    exit 1
  fi
  # Trust TCP connections from 127.0.0.1 (first matching line wins): the tests connect as postgres
  # without a password. Only this cluster, which nothing was using, is changed.
  HBA=/etc/postgresql/$VERSION/main/pg_hba.conf
  if ! "${AS_ROOT[@]}" grep -q '^# ensure-postgres.sh' "$HBA"; then
    "${AS_ROOT[@]}" sed -i "1i # ensure-postgres.sh: the tests' throwaway server\nhost all all $HOST/32 trust\nhost replication all $HOST/32 trust" "$HBA"
  fi
  echo "postgres: starting cluster $VERSION/main"
  "${AS_ROOT[@]}" pg_ctlcluster "$VERSION" main start || "${AS_ROOT[@]}" pg_ctlcluster "$VERSION" main reload
  for _ in $(seq 1 60); do
    listening && break
    sleep 0.5
  done
  if ! listening; then
    echo "postgres: cluster $VERSION/main did not come up on $HOST:$PORT" >&2
    exit 1
  fi
fi

# The maintenance database the tests connect to.
PSQL=(psql -h "$HOST" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
if [ "$("${PSQL[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'test'")" != 1 ]; then
  "${PSQL[@]}" -c 'CREATE DATABASE test'
  echo "postgres: created database test"
fi
echo "postgres: ready at postgres://postgres@$HOST:$PORT/test ($("${PSQL[@]}" -c 'SHOW server_version'))"
