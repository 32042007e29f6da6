#!/usr/bin/env python3
"""Fails when a build used a file from a Debian package that packaging/debian-deps.txt does not bring in.

A machine that had a package installed by hand builds fine where a fresh one fails, so a green build proves
nothing about the install list. This maps every file the build used to the package that owns it and checks that
package against the Depends/Pre-Depends closure of the list (Recommends are not installed: install-deps.sh runs
apt-get with --no-install-recommends).

Files the build used:
  - every CMake file configure read (build.ninja's re-run rule lists them) and the *_DIR / FILEPATH entries of
    CMakeCache.txt (package configs, find_library and find_program results);
  - every header the compiler read (`ninja -t deps`);
  - every absolute path and -l library on the build's command lines (compilers, moc/rcc, linked libraries);
  - the shared libraries the built executables load (ldd).
"""
import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

DPKG_INFO = Path("/var/lib/dpkg/info")
APT_FLAGS = ["--recurse", "--installed", "--no-recommends", "--no-suggests", "--no-conflicts", "--no-breaks",
             "--no-replaces", "--no-enhances"]


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout


def wanted_packages(deps_file):
    names = []
    for line in deps_file.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.append(line)
    return names


def closure(names):
    """Package names reachable from `names` through Depends and Pre-Depends (providers of virtual ones too)."""
    out = run(["apt-cache", "depends", *APT_FLAGS, *names])
    pkgs = set(names)
    for line in out.splitlines():
        text = line.strip().lstrip("|")
        if ":" in text and text.split(":", 1)[0] in ("Depends", "PreDepends"):
            text = text.split(":", 1)[1].strip()
        elif ":" in text:
            continue  # another relation that slipped through
        text = text.strip("<>")
        if text:
            pkgs.add(text.split(":", 1)[0])
    return pkgs


def owner_index():
    owners = {}
    for lst in DPKG_INFO.glob("*.list"):
        pkg = lst.name[: -len(".list")].split(":", 1)[0]
        with open(lst, encoding="utf-8", errors="replace") as f:
            for path in f:
                owners.setdefault(path.rstrip("\n"), pkg)
    return owners


def variants(path):
    """The path as named, then with Debian's merged-/usr aliases, then resolved through symlinks."""
    seen = []
    for p in (path, os.path.normpath(path), os.path.realpath(path)):
        for q in (p, re.sub(r"^/usr/(lib|lib64|bin|sbin)/", r"/\1/", p), re.sub(r"^/(lib|lib64|bin|sbin)/", r"/usr/\1/", p)):
            if q not in seen:
                seen.append(q)
    return seen


def owner_of(path, owners):
    for p in variants(path):
        if p in owners:
            return owners[p]
    return None


def used_files(build, source):
    used = {}  # path -> why

    def add(path, why):
        path = os.path.normpath(path)
        if not os.path.isabs(path):
            path = os.path.normpath(os.path.join(build, path))
        for inside in (str(source), str(build)):
            if path == inside or path.startswith(inside + os.sep):
                return
        if os.path.isfile(path):
            used.setdefault(path, why)

    ninja_file = (build / "build.ninja").read_text(errors="replace")
    # The rule that re-runs CMake depends on every CMake file configure read.
    m = re.search(r"^build build\.ninja[^:]*: RERUN_CMAKE[^|\n]*\|((?:[^\n]|\$\n)*)", ninja_file, re.M)
    if m:
        for tok in m.group(1).replace("$\n", " ").split():
            add(tok.replace("$:", ":").replace("$ ", " "), "read by CMake at configure")

    for line in (build / "CMakeCache.txt").read_text(errors="replace").splitlines():
        # Programs found by find_program count (tests run them). A directory is no file the build read (the
        # configs in it are on the re-run list), and a library found but never linked was not used (FindOpenGL
        # looks up EGL and GLU that nothing links): linked ones come from the command lines below.
        m = re.match(r"^([A-Za-z0-9_.+-]+):(PATH|FILEPATH)=(/.+)$", line)
        if m and os.path.isfile(m.group(3)) and not re.search(r"\.(so(\.[0-9.]+)?|a)$", m.group(3)):
            add(m.group(3), f"CMakeCache {m.group(1)}")

    deps = run(["ninja", "-C", str(build), "-t", "deps"])
    target = None
    for line in deps.splitlines():
        if line and not line[0].isspace():
            target = line.split(":", 1)[0]
        elif line.strip():
            add(line.strip(), f"included by {target}")

    cxx = None
    libs = {}  # -lNAME -> the file the linker finds
    commands = run(["ninja", "-C", str(build), "-t", "commands"])
    for command in commands.splitlines():
        for part in re.split(r"&&|;|\|\|", command):
            try:
                words = shlex.split(part)
            except ValueError:
                words = part.split()
            for i, w in enumerate(words):
                if w.startswith("-l") and len(w) > 2 and not w.startswith("-l:"):
                    if w not in libs:
                        libs[w] = None
                        for name in (f"lib{w[2:]}.so", f"lib{w[2:]}.a"):
                            got = run([cxx or "c++", f"-print-file-name={name}"]).strip()
                            if os.path.isabs(got):
                                libs[w] = got
                                break
                    lib = libs[w]
                    if lib:
                        add(lib, f"linked as {w}")
                    continue
                for piece in (w.split("=", 1)[1],) if w.startswith("-") and "=" in w else (w,):
                    if piece.startswith("/") and not piece.startswith("//"):
                        add(piece, "on a build command line")
                        if cxx is None and re.search(r"/(c\+\+|g\+\+[-0-9]*|clang\+\+[-0-9]*)$", piece):
                            cxx = piece
                if i == 0 and not w.startswith("/"):
                    found = shutil.which(w)
                    if found:
                        add(found, "run by the build")

    for exe in build.rglob("*"):
        if exe.is_file() and os.access(exe, os.X_OK) and exe.suffix in ("", ".so") and "CMakeFiles" not in exe.parts:
            try:
                with open(exe, "rb") as f:
                    if f.read(4) != b"\x7fELF":
                        continue
                out = run(["ldd", str(exe)])
            except (subprocess.CalledProcessError, OSError):
                continue
            for m in re.finditer(r"=>\s+(/\S+)", out):
                add(m.group(1), f"loaded by {exe.relative_to(build)}")
    return used


def main():
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("build_dir", type=Path, help="a configured and built CMake build folder (Ninja)")
    ap.add_argument("--deps-file", type=Path, default=here / "debian-deps.txt")
    ap.add_argument("--verbose", action="store_true", help="list every package the build used")
    args = ap.parse_args()
    build = args.build_dir.resolve()
    source = here.parent
    for need in ("build.ninja", "CMakeCache.txt", ".ninja_deps"):
        if not (build / need).exists():
            sys.exit(f"check-deps: {build / need} is missing: configure and build {build} first")

    allowed = closure(wanted_packages(args.deps_file))
    owners = owner_index()
    used = used_files(build, source)

    by_package = {}
    missing, unowned = [], []
    for path, why in sorted(used.items()):
        pkg = owner_of(path, owners)
        if pkg is None:
            unowned.append((path, why))
            continue
        by_package.setdefault(pkg, (path, why))
    for pkg, (path, why) in sorted(by_package.items()):
        if pkg not in allowed:
            missing.append((pkg, path, why))
    if args.verbose:
        for pkg, (path, why) in sorted(by_package.items()):
            print(f"  {pkg:40} {path}  ({why})")

    print(f"check-deps: {len(used)} files the build used, from {len(by_package)} Debian packages; "
          f"{args.deps_file.name} brings in {len(allowed)} packages (Depends/Pre-Depends closure)")
    for path, why in unowned:
        print(f"check-deps: {path} ({why}) belongs to no Debian package: the build must not use files "
              f"installed by hand", file=sys.stderr)
    for pkg, path, why in missing:
        print(f"check-deps: {path} ({why}) is from {pkg}, which {args.deps_file} does not bring in: add {pkg} "
              f"(or a package that Depends on it)", file=sys.stderr)
    if missing or unowned:
        print(f"check-deps: FAILED: {len(missing)} package(s) missing from the list, {len(unowned)} file(s) "
              f"from no package", file=sys.stderr)
        return 1
    print("check-deps: every package the build used is installed by packaging/install-deps.sh")
    return 0


if __name__ == "__main__":
    sys.exit(main())
