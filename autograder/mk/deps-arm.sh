#!/usr/bin/env bash
# Build the two libraries the ARM image links that Debian ships only for
# the host: Check (the unit-test library) and libfdt (device trees).
# Both come from Debian source packages and are built with
# arm-none-eabi-gcc into build/deps/arm; nothing of them is committed.
#
#   autograder/mk/deps-arm.sh OUTDIR
#
# A second run finds the stamp files and does nothing.
set -euo pipefail
out=$(realpath -m "${1:?usage: deps-arm.sh OUTDIR}")
src=$out/src
cflags="-O2 -g -mcpu=cortex-a9 -marm -mfloat-abi=soft -mno-unaligned-access"
mkdir -p "$src"

need_source() {
	if ! apt-get source --help >/dev/null 2>&1 || ! command -v dpkg-source >/dev/null; then
		echo "deps-arm: dpkg-dev is missing: run autograder/setup.sh" >&2
		exit 1
	fi
}

if [ ! -f "$out/check/.stamp" ]; then
	need_source
	echo "deps-arm: building Check for arm-none-eabi (Debian source package 'check')"
	(cd "$src" && rm -rf check-* && apt-get source -qq check >/dev/null 2>&1) || {
		echo "deps-arm: 'apt-get source check' failed: is there a deb-src entry? (autograder/setup.sh adds one)" >&2
		exit 1
	}
	cdir=$(find "$src" -maxdepth 1 -type d -name 'check-*' | head -n1)
	(cd "$cdir" && ./configure -q --host=arm-none-eabi --enable-fork=no \
		--disable-subunit --prefix="$out/check" \
		CFLAGS="$cflags" LDFLAGS="--specs=rdimon.specs" >"$src/check-configure.log" 2>&1 &&
		make -s -C lib >"$src/check-make.log" 2>&1 &&
		make -s -C src >>"$src/check-make.log" 2>&1) || {
		echo "deps-arm: building Check failed; see $src/check-*.log" >&2
		exit 1
	}
	mkdir -p "$out/check/include" "$out/check/lib"
	cp "$cdir/src/check.h" "$cdir/check_stdint.h" "$out/check/include/"
	cp "$cdir/src/.libs/libcheck.a" "$out/check/lib/"
	# libcheck needs libcompat's replacements (e.g. timer functions).
	cp "$cdir/lib/.libs/libcompat.a" "$out/check/lib/"
	touch "$out/check/.stamp"
fi

if [ ! -f "$out/libfdt/.stamp" ]; then
	need_source
	rm -rf "$out/libfdt" && mkdir -p "$out/libfdt"
	fdt_src=""
	echo "deps-arm: building libfdt for arm-none-eabi"
	if (cd "$src" && apt-get source -qq device-tree-compiler >/dev/null 2>&1); then
		fdt_src=$(find "$src" -maxdepth 3 -type d -path '*device-tree-compiler*/libfdt' | head -n1)
	fi
	if [ -z "$fdt_src" ]; then
		# Some mirrors lack dtc's source tarball; Debian's kernel source
		# package carries the same libfdt (scripts/dtc/libfdt).
		echo "deps-arm: dtc source unavailable; taking libfdt from Debian's linux-source package"
		(cd "$src" && rm -f linux-source-*.deb && apt-get download -qq 'linux-source-6.1' >/dev/null 2>&1) || {
			echo "deps-arm: cannot download linux-source-6.1 either" >&2
			exit 1
		}
		deb=$(ls "$src"/linux-source-*.deb | head -n1)
		dpkg-deb --fsys-tarfile "$deb" | tar -xO --wildcards './usr/src/linux-source-*.tar.xz' |
			tar -xJ -C "$src" --wildcards '*/scripts/dtc/libfdt/*'
		fdt_src=$(find "$src" -maxdepth 4 -type d -path '*scripts/dtc/libfdt' | head -n1)
		rm -f "$deb"
	fi
	for f in "$fdt_src"/fdt*.c; do
		arm-none-eabi-gcc $cflags -I"$fdt_src" -c "$f" -o "$out/libfdt/$(basename "${f%.c}").o"
	done
	arm-none-eabi-ar rcs "$out/libfdt/libfdt.a" "$out"/libfdt/*.o
	cp "$fdt_src"/libfdt.h "$fdt_src"/libfdt_env.h "$fdt_src"/fdt.h "$out/libfdt/"
	rm -f "$out"/libfdt/*.o
	touch "$out/libfdt/.stamp"
fi
echo "deps-arm: ok ($out)"
