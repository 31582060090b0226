#!/usr/bin/env bash
# Install what the course needs on a Debian 12 machine, and nothing twice.
#
#   autograder/setup.sh [base|book|real-linux|all]
#
# base: compilers, QEMU, Check, libfdt, dtc (enough for `make grade`)
# book: pandoc, XeTeX, CJK fonts, Graphviz (for `make book`)
# real-linux: gpgv and Debian's archive keys (to check the archive's signed
#   indexes), jc (to parse the /proc views) for `make real-linux`
# Prints what it installs; a second run prints "ok" and does nothing.
set -euo pipefail

want=${1:-base}
base_pkgs="build-essential pkg-config python3 check libfdt-dev device-tree-compiler
  qemu-system-arm gcc-arm-none-eabi libnewlib-arm-none-eabi libnewlib-dev
  dpkg-dev patch gcovr gdb-multiarch bubblewrap clang-format"
book_pkgs="pandoc texlive-xetex texlive-latex-recommended texlive-fonts-recommended
  lmodern fonts-noto-cjk graphviz poppler-utils"
real_linux_pkgs="gpgv debian-archive-keyring dpkg jc device-tree-compiler
  qemu-system-arm"

case "$want" in
base) pkgs=$base_pkgs ;;
book) pkgs=$book_pkgs ;;
real-linux) pkgs=$real_linux_pkgs ;;
all) pkgs="$base_pkgs $book_pkgs $real_linux_pkgs" ;;
*) echo "usage: $0 [base|book|real-linux|all]" >&2; exit 2 ;;
esac

missing=()
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done

# `apt-get source` (Check and dtc for arm) needs a deb-src entry.
need_src=0
if { [ "$want" = base ] || [ "$want" = all ]; } && ! grep -rqs '^Types:.*deb-src\|^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
	need_src=1
fi

if [ ${#missing[@]} -eq 0 ] && [ $need_src -eq 0 ]; then
	echo "setup($want): ok, nothing to install"
	exit 0
fi

if [ "$(id -u)" != 0 ]; then
	echo "setup($want): missing packages: ${missing[*]}" >&2
	echo "setup($want): run as root, or: sudo apt-get install ${missing[*]}" >&2
	exit 1
fi

if [ $need_src -eq 1 ]; then
	echo "setup: adding deb-src entries (for apt-get source check device-tree-compiler)"
	f=/etc/apt/sources.list.d/debian.sources
	if [ -f "$f" ]; then
		sed -i 's/^Types: deb$/Types: deb deb-src/' "$f"
	else
		echo "deb-src http://deb.debian.org/debian bookworm main" \
			>/etc/apt/sources.list.d/course-src.list
	fi
fi

echo "setup($want): installing ${missing[*]:-(source lists only)}"
export DEBIAN_FRONTEND=noninteractive
# A stale or broken index (another architecture's, a mirror mid-sync)
# makes `apt-get update` fail although everything we need may be there:
# warn, and let the install decide.
if ! apt-get update -qq; then
	echo "setup($want): warning: apt-get update reported errors (above);" \
		"trying the install anyway" >&2
fi
if [ ${#missing[@]} -gt 0 ]; then
	if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" \
		>/tmp/course-setup-$$.log 2>&1; then
		cat /tmp/course-setup-$$.log >&2
		echo "setup($want): FAILED to install: ${missing[*]}" >&2
		exit 1
	fi
	rm -f /tmp/course-setup-$$.log
fi
echo "setup($want): done"
