#!/usr/bin/env bash
# One of Bevy's stress tests under Xvfb, for comparing with `museion bench` (BENCHMARKS.md):
# prints the median ms per frame of its frame-time log lines (LogDiagnosticsPlugin), after
# the first three.
# Usage: benches/peers/bevy_stress_test.sh BEVY_CHECKOUT EXAMPLE SECONDS [EXAMPLE ARGS...]
# Bevy: `cargo +nightly build --release --example EXAMPLE` in BEVY_CHECKOUT (see
# ../shared/peers/README.md for the packages it needs).
set -u
bevy=$1; example=$2; seconds=$3; shift 3
log=$(mktemp)
xvfb-run -a -s "-screen 0 1920x1080x24" timeout "$seconds" \
    "$bevy/target/release/examples/$example" "$@" > "$log" 2>&1
grep -oE 'fps +: +[0-9.]+' "$log" | awk '{print $3}' | tail -n +4 | sort -n \
    | awk -v name="$example" '{a[NR]=$1} END {
        if (NR) printf "%s: %d samples, median %.1f ms per frame\n", name, NR, 1000 / a[int((NR + 1) / 2)];
        else print name ": no frame-time lines (did it start? run it by hand to see its log)" }'
rm -f "$log"
