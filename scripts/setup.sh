#!/usr/bin/env bash
# Installs xxgk's build and run-time dependencies from Debian's archive, then configures and
# builds xxgk into build/ (or $XXGK_BUILD_DIR). Safe to run again: installed packages are
# skipped, the build is incremental. Needs root or sudo for apt-get. --deps-only: install, do
# not build.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake pkg-config ccache
  libpoppler-cpp-dev libpoppler-private-dev poppler-utils  # private: the paths a page draws
  libtesseract-dev libleptonica-dev tesseract-ocr-chi-sim tesseract-ocr-eng
  libutfcpp-dev nlohmann-json3-dev libvalijson-dev libssl-dev
  libgumbo-dev libuchardet-dev libzip-dev libpugixml-dev  # markup/: web pages and Word files
  libsqlite3-dev                    # dataset/: the batch as one SQLite file
  libcurl4-openssl-dev              # fetch/: reports straight from websites
  libcpp-httplib-dev                # review/: the review page's server on 127.0.0.1
  libxlsxwriter-dev                 # spreadsheet/: Excel workbooks
  chromium                          # tests: the review page in a real browser (headless)
  libreoffice-calc-nogui            # tests: workbooks read back by another spreadsheet program
  libgtest-dev libgmock-dev
  libcairo2-dev fonts-wqy-zenhei   # the fixture generator
  python3 tesseract-ocr zlib1g-dev  # tests: CSV read by Python, hand-made PDFs; bench/ runs tesseract
  libbenchmark-dev                  # bench/: the stage micro-benchmarks
  clang-format                      # scripts/format.sh, CI's format check
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

[ "${1:-}" = "--deps-only" ] && exit 0

build=${XXGK_BUILD_DIR:-build}
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE="${XXGK_BUILD_TYPE:-RelWithDebInfo}" "${launcher[@]}" \
  -DXXGK_WERROR="${XXGK_WERROR:-OFF}" -DXXGK_SANITIZE="${XXGK_SANITIZE:-OFF}" >/dev/null
cmake --build "$build" -j"$(nproc)"
echo "setup: built $build/cli/xxgk" >&2
