#!/bin/sh
# killloop.sh — the crash-safety kill loop of tests/cli/dasd_killloop.sh,
# 100 rounds (ROUNDS=n to change): s370 writing a 3350 image (CCKD, CKD,
# CCKD with a shadow file in turn) is killed with SIGKILL at a random
# instant; each time the image must check consistent and hold every write
# acknowledged before the last completed `sync`.
#   sh bench/killloop.sh build/s370        or   cmake --build build --target killloop
[ $# -eq 1 ] || { echo "usage: $0 PATH-TO-s370" >&2; exit 2; }
ROUNDS=${ROUNDS:-100} exec sh "$(dirname "$0")/../tests/cli/dasd_killloop.sh" "$1"
