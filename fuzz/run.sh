#!/usr/bin/env bash
# A bounded run of every fuzz target (docs/fuzzing.md): fuzz/run.sh SECONDS [TARGET...]
#
# Builds the targets with cargo-fuzz (nightly), seeds each from ../shared/gltf (when it
# sits beside the checkout) and the malformed-file corpus of museion-gltf's tests, runs
# each target for SECONDS with one libFuzzer process and prints, per target, the
# executions, coverage (cov/ft of libFuzzer's last stats line) and any crash, timeout or
# out-of-memory files. Corpora grow in fuzz/corpus/TARGET (kept between runs), seeds are
# rebuilt under fuzz/seeds/TARGET, findings land in fuzz/artifacts/TARGET and full logs in
# fuzz/logs/TARGET.log; all of these are ignored by git. CI does not run this.
#
# Environment: CARGO_BUILD_JOBS (default 1), RAYON_NUM_THREADS (default 1: one core per
# fuzzer), MUSEION_FUZZ_REEXPORT=1 to export the malformed corpus again.
set -euo pipefail

usage="usage: fuzz/run.sh SECONDS [TARGET...]"
secs="${1:?$usage}"
[[ "$secs" =~ ^[0-9]+$ ]] || { echo "$usage" >&2; exit 2; }
shift
cd "$(dirname "$0")/.."
all=(gltf_import glb_container ktx2_image venue_toml accessors meshopt_stream draco_stream)
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=("${all[@]}")

export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}"
export RAYON_NUM_THREADS="${RAYON_NUM_THREADS:-1}"
max_len=1048576
shared=../shared/gltf
[[ -d "$shared" ]] || { echo "note: $shared not found; seeding without the shared models" >&2; shared=""; }

cargo +nightly fuzz build
triple="$(rustc +nightly -vV | sed -n 's/^host: //p')"
bin_dir="fuzz/target/$triple/release"

# Copies the files under DIR (when it exists) whose names match the patterns and that
# fit in max_len into SEEDS.
copy_seeds() {
    local dir="$1" seeds="$2"; shift 2
    [[ -n "$dir" && -d "$dir" ]] || return 0
    local find_args=() p
    for p in "$@"; do find_args+=(-o -iname "$p"); done
    find "$dir" -type f -size -"$((max_len + 1))"c \( "${find_args[@]:1}" \) -print0 |
        while IFS= read -r -d '' f; do
            cp "$f" "$seeds/$(echo "$f" | tr '/ ' '__')"
        done
}

seed() {
    local target="$1" seeds="fuzz/seeds/$1"
    mkdir -p "$seeds"
    case "$target" in
        gltf_import)
            # The malformed corpus, exported by its test (the shared models, packed with
            # their files, are among its seeds); done once unless asked again.
            if [[ ! -f "$seeds/.exported" || -n "${MUSEION_FUZZ_REEXPORT:-}" ]]; then
                MUSEION_CORPUS_EXPORT="$PWD/$seeds" cargo test -p museion-gltf --test malformed_corpus \
                    -- --exact malformed_corpus_never_panics_hangs_or_accepts_forbidden_input
                touch "$seeds/.exported"
            fi
            copy_seeds "$shared" "$seeds" '*.glb' '*.gltf'
            ;;
        glb_container)
            copy_seeds "$shared" "$seeds" '*.glb'
            if [[ -d fuzz/seeds/gltf_import ]]; then
                for f in fuzz/seeds/gltf_import/*; do
                    [[ "$(head -c 4 "$f")" == glTF ]] && cp "$f" "$seeds/"
                done
            fi
            ;;
        ktx2_image)
            copy_seeds "$shared" "$seeds" '*.ktx2' '*.png' '*.jpg' '*.jpeg' '*.webp'
            ;;
        venue_toml)
            copy_seeds assets "$seeds" '*.toml'
            # Every ```toml block of the documentation, one file each.
            for doc in docs/*.md; do
                awk -v out="$seeds/$(basename "$doc" .md)" '
                    /^```toml/ { n++; inside = 1; next }
                    /^```/ { inside = 0; next }
                    inside { print > (out "-" n ".toml") }' "$doc"
            done
            ;;
        draco_stream | meshopt_stream)
            # The real streams of the shared models, cut out behind the target's leading
            # bytes (fuzz/stream_seeds.py).
            if [[ -n "$shared" ]]; then
                find "$shared" -type f -iname '*.glb' -print0 |
                    xargs -0 python3 fuzz/stream_seeds.py "${target%_stream}" "$seeds"
            fi
            ;;
        accessors)
            # Built from the fuzzer's own bytes (see the target): no seed files; its
            # corpus grows from the empty input.
            ;;
    esac
}

summary=()
for target in "${targets[@]}"; do
    seed "$target"
    corpus="fuzz/corpus/$target" artifacts="fuzz/artifacts/$target" log="fuzz/logs/$target.log"
    mkdir -p "$corpus" "$artifacts" fuzz/logs
    # Images: the headers are at the front, and whole 2K textures decode at ~30 runs/s.
    len="$max_len"
    [[ "$target" == ktx2_image ]] && len=65536
    # The structure-aware and stream targets: small inputs are the point (the streams
    # allow 128 KiB, so that the largest shared streams, 78 KB, are seeds whole).
    [[ "$target" == accessors ]] && len=65536
    [[ "$target" == *_stream ]] && len=131072
    # Dictionaries of the formats' tokens, where one helps the mutator.
    dict=()
    case "$target" in
        gltf_import | glb_container) dict=(-dict=fuzz/dicts/gltf.dict) ;;
        venue_toml) dict=(-dict=fuzz/dicts/venue.dict) ;;
    esac
    echo "== $target: $secs s (seeds: $(find "fuzz/seeds/$target" -type f ! -name .exported | wc -l), corpus: $(find "$corpus" -type f | wc -l))"
    set +e
    "$bin_dir/$target" "$corpus" "fuzz/seeds/$target" \
        -max_total_time="$secs" -timeout=5 -rss_limit_mb=2048 -max_len="$len" \
        -artifact_prefix="$artifacts/" -print_final_stats=1 "${dict[@]}" >"$log" 2>&1
    rc=$?
    set -e
    execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
    stats="$(grep -E '^#[0-9]+' "$log" | grep -o 'cov: [0-9]* ft: [0-9]*' | tail -1)"
    found="$(find "$artifacts" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | sort | tr '\n' ' ')"
    line="$target: exit $rc, executions ${execs:-?}, ${stats:-no stats}, corpus $(find "$corpus" -type f | wc -l), findings: ${found:-none}"
    echo "$line"
    summary+=("$line")
done

echo
echo "== summary ($secs s per target)"
printf '%s\n' "${summary[@]}"
