#!/usr/bin/env bash
# Docker cannot run here, so this checks statically that deploy/Dockerfile's runtime stage has
# every shared library its binaries load: each library `ldd` lists for a binary the stage copies
# in must belong to a Debian package that the stage's image has.
#
# What the runtime image has, and how it is modelled with this machine's dpkg database (which
# must be the same Debian release as the image's FROM line, checked below):
#   - every Essential package and apt, with their Depends and Pre-Depends: every Debian image
#     has them (Debian's images are debootstrap's minbase variant, which installs exactly those
#     and the Priority: required packages; the Priority a package records locally is not the
#     archive's, so required-but-not-Essential packages are left out: an under-count can only
#     make this test stricter, never let a missing library through);
#   - each package the stage's `apt-get install` names, with its Depends and Pre-Depends, which
#     apt installs with it (Recommends are not installed: --no-install-recommends). Of a choice
#     "a | b" apt takes the first, and so does this model.
# A library is mapped to its package with `dpkg -S` (trying the path ldd printed, the file it
# resolves to, and both with and without the /usr prefix, as a merged /usr registers either).
#
# usage: docker_runtime_libraries.sh [--ignore-sanitizer-runtimes] DOCKERFILE BINARY...
#   Each BINARY is the locally built file of one binary the runtime stage copies in (matched by
#   file name); the test fails if the stage copies a binary that is not given, so a new one cannot
#   go unchecked. --ignore-sanitizer-runtimes: the binaries come from a sanitizer build, whose
#   runtimes (libasan, libubsan, ...) the image's Release build does not link.
# It also checks that the browser client (clients/web/dist) is built with Debian's nodejs and npm,
# copied into the runtime stage and passed to hearthd as --web-root.
# Exits 77 (skipped) on a machine without dpkg or of another Debian release than the image.
set -euo pipefail

ignore_sanitizers=false
if [ "${1:-}" = --ignore-sanitizer-runtimes ]; then
  ignore_sanitizers=true
  shift
fi
dockerfile=$1
shift
binaries=("$@")

fail() {
  echo "FAIL: $*"
  exit 1
}

command -v dpkg-query >/dev/null || { echo "SKIP: no dpkg on this machine"; exit 77; }

# The runtime stage: from the last FROM line to the end, with continuation lines joined.
runtime_stage=$(awk '/^FROM /{stage=""} {stage = stage $0 "\n"} END{printf "%s", stage}' "$dockerfile" |
  sed -e ':join' -e '/\\$/{N; s/\\\n/ /; b join}')

# The browser client is a directory, not a binary: the build stage must have Debian's nodejs and
# npm to build it, the runtime stage must copy the build's clients/web/dist in, and hearthd must
# be started with --web-root pointing where it was copied.
build_stages=$(awk -v last="$(grep -c '^FROM ' "$dockerfile")" '/^FROM /{n++} n < last' "$dockerfile" |
  sed -e ':join' -e '/\\$/{N; s/\\\n/ /; b join}')
build_installs=$(grep -o 'apt-get install[^&;|]*' <<<"$build_stages" || true)
for package in nodejs npm; do
  grep -qw -- "$package" <<<"$build_installs" ||
    fail "the build stage does not apt-get install $package (the browser client is built with Debian's nodejs and npm)"
done
web_copy=$(grep -E '^COPY --from=[^ ]+ [^ ]*/clients/web/dist/? ' <<<"$runtime_stage" || true)
[ -n "$web_copy" ] || fail "the runtime stage does not copy the browser client (build/<preset>/clients/web/dist) in"
web_root=$(awk '{print $4}' <<<"$web_copy" | sed 's:/$::')
start_line=$(grep -E '^(ENTRYPOINT|CMD) ' <<<"$runtime_stage" | tr -d '[],"' || true)
grep -qE -- "--web-root[ =]$web_root( |$)" <<<"$start_line" ||
  fail "hearthd is not started with --web-root $web_root, where the runtime stage copies the browser client"
echo "the browser client is copied to $web_root and hearthd is started with --web-root $web_root"

base_image=$(awk 'NR==1{print $2}' <<<"$runtime_stage")
image_release=$(sed -n 's/^debian:\([0-9]*\).*/\1/p' <<<"$base_image")
[ -n "$image_release" ] || fail "the runtime stage's base image $base_image is not a Debian image this test can model"
machine_release=$(cut -d. -f1 /etc/debian_version 2>/dev/null || true)
if [ "$machine_release" != "$image_release" ]; then
  echo "SKIP: the image is Debian $image_release, this machine Debian ${machine_release:-unknown}: its dpkg database does not model the image"
  exit 77
fi

# The packages the stage's apt-get install names: the words after "install" up to the next
# shell operator, options left out.
named=$(grep -o 'apt-get install[^&;|]*' <<<"$runtime_stage" | sed 's/apt-get install//' | tr ' ' '\n' |
  grep -v -e '^-' -e '^$' || true)
[ -n "$named" ] || fail "the runtime stage installs no packages (no apt-get install line found)"

# Every package in the image: the closure of the roots over Depends and Pre-Depends, from one
# read of the dpkg database.
declare -A dependencies_of=() in_image=()
essential=()
while IFS=$'\t' read -r package is_essential dependencies; do
  dependencies_of[$package]=$dependencies
  [ "$is_essential" != yes ] || essential+=("$package")
done < <(dpkg-query -W -f='${Package}\t${Essential}\t${Depends}, ${Pre-Depends}\n' | awk -F'\t' '{
  # "a (>= 1) | b, c:any" -> "a c": the first of each choice, without version or architecture.
  n = split($3, choices, ","); names = ""
  for (i = 1; i <= n; i++) {
    name = choices[i]; sub(/\|.*/, "", name); gsub(/\([^)]*\)/, "", name); sub(/:[a-z0-9]*/, "", name); gsub(/ /, "", name)
    if (name != "") names = names " " name
  }
  print $1 "\t" $2 "\t" names
}')
add_with_dependencies() {
  local package=$1 dependency
  [ -n "${dependencies_of[$package]+installed}" ] || return 1
  [ -z "${in_image[$package]:-}" ] || return 0
  in_image[$package]=1
  for dependency in ${dependencies_of[$package]}; do
    # A dependency not installed here (a virtual package, an alternative not taken) ships none
    # of the libraries ldd found on this machine, so it cannot matter.
    add_with_dependencies "$dependency" || true
  done
}
for package in $named; do
  add_with_dependencies "$package" || fail "the runtime stage installs $package, which is not a package installed here (misspelt?)"
done
for package in apt "${essential[@]}"; do
  add_with_dependencies "$package" || true
done

# Every binary the stage copies in must be one of those given.
copied=$(grep -o '^COPY --from=[^ ]* [^ ]*' <<<"$runtime_stage" | awk '{print $3}' | grep -v '/clients/web/dist/\?$' |
  xargs -r -n1 basename)
[ -n "$copied" ] || fail "the runtime stage copies no binary in"
for name in $copied; do
  found=false
  for binary in "${binaries[@]}"; do [ "$(basename "$binary")" = "$name" ] && found=true; done
  $found || fail "the runtime stage copies $name, which this test was not given to check"
done

# binary<TAB>library for every library ldd lists (linux-vdso has no file and is left out).
needed=()
for binary in "${binaries[@]}"; do
  grep -qx "$(basename "$binary")" <<<"$copied" || fail "$(basename "$binary") is not copied into the runtime stage"
  libraries=$(ldd "$binary" | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}')
  [ -n "$libraries" ] || fail "ldd listed no libraries for $binary"
  for library in $libraries; do
    if $ignore_sanitizers && [[ $(basename "$library") =~ ^lib(a|ub|t|l|hwa)san\.so ]]; then continue; fi
    needed+=("$(basename "$binary")"$'\t'"$library")
  done
done

# Each library's owner, asked of dpkg once for all of them (each query reads every file list).
# The paths a package may have registered it under: the path ldd printed, the file it resolves
# to, and each of those with and without /usr.
declare -A candidates_of=() owner_of=()
for entry in "${needed[@]}"; do
  library=${entry#*$'\t'}
  resolved=$(readlink -f "$library")
  paths=()
  for candidate in "$library" "$(dirname "$library")/$(basename "$resolved")" "$resolved"; do
    paths+=("$candidate" "${candidate#/usr}" "/usr${candidate}")
  done
  candidates_of[$library]="${paths[*]}"
done
# "package:arch: path"; diversion lines do not start with a package name.
while IFS= read -r line; do
  owner_of[${line#*: }]=${line%%:*}
done < <(dpkg-query -S ${candidates_of[*]} 2>/dev/null | grep -v '^diver' || true)

problems=0
for entry in "${needed[@]}"; do
  binary=${entry%%$'\t'*}
  library=${entry#*$'\t'}
  package=
  for path in ${candidates_of[$library]}; do
    [ -z "$package" ] && package=${owner_of[$path]:-}
  done
  if [ -z "$package" ]; then
    echo "$binary: $library belongs to no Debian package"
    problems=$((problems + 1))
  elif [ -n "${in_image[$package]:-}" ]; then
    echo "$binary: $library ($package) is in the image"
  else
    echo "$binary: $library comes from $package, which the runtime stage does not install"
    problems=$((problems + 1))
  fi
done
[ "$problems" -eq 0 ] || fail "$problems libraries missing from the runtime image: add their packages to the runtime stage's apt-get install"
echo "every library of ${copied//$'\n'/, } is in the runtime image"
