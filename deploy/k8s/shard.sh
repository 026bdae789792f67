#!/bin/sh
# One shard of a trade-sim run in a Kubernetes Indexed Job: completion index I (0-based) is shard
# I+1 of $SHARDS (the Job's completions), written to $PARTIALS/shard-(I+1).partial.
set -eu
: "${JOB_COMPLETION_INDEX:?run in an Indexed Job}" "${SHARDS:?set SHARDS to the Job's completions}"
: "${SCENARIO:?}" "${PATHS:?}" "${SEED:?every shard needs the same seed}" "${PARTIALS:?}"
TRADE_SIM=${TRADE_SIM:-node /app/dist/cli/main.js}
K=$((JOB_COMPLETION_INDEX + 1))
mkdir -p "$PARTIALS"
exec $TRADE_SIM run "$SCENARIO" --paths "$PATHS" --seed "$SEED" --shard "$K/$SHARDS" \
  --partial "$PARTIALS/shard-$K.partial" --workers "${WORKERS:-1}" --quiet
