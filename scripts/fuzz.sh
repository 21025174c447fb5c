#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) into build-fuzz/ and runs each for a given
# time, two at a time. Seeds come from fuzz/seeds/TARGET; what the fuzzer learns is kept in
# build-fuzz/corpus/TARGET; a crash leaves build-fuzz/artifacts/TARGET/crash-* (reproduce with
# build-fuzz/fuzz/fuzz_TARGET FILE). Exit status non-zero if any target found something.
# Usage: scripts/fuzz.sh [SECONDS=600] [TARGET...]   (targets: normalize number grid
#        label_match schema pdf html docx image links robots corrections; default all)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(normalize number grid label_match schema pdf html docx image links robots corrections)
build=${XXGK_FUZZ_BUILD_DIR:-build-fuzz}
CC=clang CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DXXGK_FUZZ=ON \
  -DXXGK_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target $(printf 'fuzz_%s ' "${targets[@]}") >/dev/null
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$PWD/scripts/lsan.supp OMP_THREAD_LIMIT=1
run() {
  local t=$1 corpus=$build/corpus/$1 artifacts=$build/artifacts/$1/
  mkdir -p "$corpus" "$artifacts"
  local max_len=4096
  [ "$t" = pdf ] && max_len=300000
  [ "$t" = schema ] && max_len=65536
  # Pages and Word parts large enough to nest thousands deep and hold tables of thousands of
  # cells, mutated with their own tags (fuzz/TARGET.dict).
  local dict=()
  case $t in html | docx) max_len=1048576 dict=(-dict="fuzz/$t.dict") ;; image) max_len=65536 ;; esac
  local status=0
  "$build/fuzz/fuzz_$t" "$corpus" "fuzz/seeds/$t" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=3072 \
    -max_len=$max_len "${dict[@]}" -artifact_prefix="$artifacts" -print_final_stats=1 >"$build/fuzz-$t.log" 2>&1 || status=$?
  echo "fuzz_$t: exit $status, $(grep -E '^stat::number_of_executed_units' "$build/fuzz-$t.log" | awk '{print $2}') runs in ${seconds} s, corpus $(ls "$corpus" | wc -l) inputs, $(ls "$artifacts" | wc -l) findings"
  return $status
}
failed=0
pids=()
for t in "${targets[@]}"; do
  run "$t" &
  pids+=($!)
  if ((${#pids[@]} >= $(nproc))); then wait "${pids[0]}" || failed=1; pids=("${pids[@]:1}"); fi
done
for p in "${pids[@]}"; do wait "$p" || failed=1; done
exit $failed
