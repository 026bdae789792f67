#!/usr/bin/env bash
# Submits a sharded run to Slurm: a job array of SHARDS shards, then the merge once all succeed.
#   deploy/slurm/submit.sh SCENARIO PATHS SEED SHARDS [OUT]
# e.g. deploy/slurm/submit.sh scenarios/baseline-pk.yaml 10000000 2026 16 out/baseline-pk-1e7
# Run it from the trade-sim folder; partial files go to $PARTIALS (default ./partials/<job>).
set -euo pipefail
if [ $# -lt 4 ]; then sed -n '2,5p' "$0" >&2; exit 2; fi
SCENARIO=$1 PATHS=$2 SEED=$3 SHARDS=$4
OUT=${5:-out/$(basename "$SCENARIO" .yaml)-$PATHS-seed$SEED}
PARTIALS=${PARTIALS:-$PWD/partials/$(basename "$SCENARIO" .yaml)-$PATHS-seed$SEED}
here=$(dirname "$0")
array=$(sbatch --parsable --array="1-$SHARDS" --export="ALL,SCENARIO=$SCENARIO,PATHS=$PATHS,SEED=$SEED,PARTIALS=$PARTIALS" "$here/shard.sbatch")
merge=$(sbatch --parsable --dependency="afterok:$array" --export="ALL,PARTIALS=$PARTIALS,OUT=$OUT" "$here/merge.sbatch")
echo "shards: job array $array ($SHARDS tasks); merge: job $merge -> $OUT"
