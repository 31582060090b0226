#!/usr/bin/env bash
# Gradescope image set-up: install what grading needs, once.
#
# Gradescope unpacks autograder.zip into /autograder/source and runs this
# as root.  The course goes to /autograder/course; the ARM builds of
# Check and libfdt come prebuilt in the zip (built from Debian's source
# packages by `make deps`) and are rebuilt here only if they are missing.
set -euo pipefail
src=$(cd "$(dirname "$0")" && pwd)
root=${AUTOGRADER_ROOT:-/autograder}

export DEBIAN_FRONTEND=noninteractive
# A broken index elsewhere must not stop the install that follows.
apt-get update -q || echo "setup: apt-get update reported errors; going on" >&2
apt-get install -y -q --no-install-recommends build-essential pkg-config \
	python3 check libfdt-dev device-tree-compiler qemu-system-arm \
	gcc-arm-none-eabi libnewlib-arm-none-eabi libnewlib-dev dpkg-dev patch \
	bubblewrap

rm -rf "$root/course"
cp -a "$src/course" "$root/course"
if [ ! -f "$root/course/build/deps/arm/check/lib/libcheck.a" ]; then
	bash "$root/course/autograder/mk/deps-arm.sh" "$root/course/build/deps/arm"
fi
echo "setup: the course is in $root/course"
