#!/usr/bin/env python3
# SPDX-FileCopyrightText: MemSpec Studio authors
# SPDX-License-Identifier: MIT
"""Runs clang-tidy (the checks in .clang-tidy) over the product sources, app/ and ui/, with a build's compile commands.

    tests/run-clang-tidy.py BUILD_DIR [FILE...]

Every finding is an error (WarningsAsErrors in .clang-tidy); exit 1 when there is one. Like ccache, a file that passed
is not checked again until something it depends on changes: a pass is recorded under
${XDG_CACHE_HOME:-~/.cache}/memspec-clang-tidy, keyed on clang-tidy's version, .clang-tidy, the file's compile command
(paths made relative to the source and build folders), the file and every project header it includes (from ninja's
dependency log, so the build must have run). Findings are never cached. Last line:
    clang-tidy: N files (M checked, K from the cache), F with findings
"""
import concurrent.futures
import hashlib
import json
import os
import pathlib
import subprocess
import sys


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = pathlib.Path(__file__).resolve().parent.parent
    build = pathlib.Path(sys.argv[1]).resolve()
    commands_path = build / 'compile_commands.json'
    if not commands_path.is_file():
        print(f'run-clang-tidy: {commands_path} is missing (configure and build first)', file=sys.stderr)
        return 2
    tidy = 'clang-tidy'
    try:
        version = subprocess.run([tidy, '--version'], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        print(f'run-clang-tidy: {tidy} does not run: {e}', file=sys.stderr)
        return 2

    if len(sys.argv) > 2:
        files = [str(pathlib.Path(f).resolve().relative_to(root)) for f in sys.argv[2:]]
    else:
        listed = subprocess.run(['git', '-C', str(root), 'ls-files', 'app/*.cpp', 'ui/*.cpp'],
                                capture_output=True, text=True, check=True).stdout.split()
        files = sorted(listed)

    commands = {}
    for entry in json.loads(commands_path.read_text()):
        path = pathlib.Path(entry['directory'], entry['file']).resolve()
        commands[str(path)] = entry
    deps = ninja_deps(build)

    config = (root / '.clang-tidy').read_bytes()
    cache = pathlib.Path(os.environ.get('XDG_CACHE_HOME', pathlib.Path.home() / '.cache')) / 'memspec-clang-tidy'
    cache.mkdir(parents=True, exist_ok=True)

    def key_of(rel):
        source = root / rel
        entry = commands.get(str(source))
        if entry is None:
            return None, f'{rel}: not in {commands_path} (is it built?)'
        h = hashlib.sha256()
        h.update(version.encode())
        h.update(config)
        command = entry.get('command') or ' '.join(entry.get('arguments', []))
        h.update(command.replace(str(build), '<build>').replace(str(root), '<root>').encode())
        h.update(source.read_bytes())
        obj = pathlib.Path(entry['directory'], entry.get('output', '')).resolve()
        for header in sorted(deps.get(str(obj), [])):
            p = pathlib.Path(header)
            if str(p).startswith(str(root)) and p.is_file():
                h.update(str(p.relative_to(root)).encode())
                h.update(p.read_bytes())
        return h.hexdigest(), None

    def check(rel):
        key, problem = key_of(rel)
        if problem:
            return rel, False, False, problem
        marker = cache / key
        if marker.exists():
            return rel, True, True, ''
        r = subprocess.run([tidy, '-p', str(build), '--quiet', str(root / rel)], capture_output=True, text=True,
                           cwd=root)
        findings = '\n'.join(line for line in (r.stdout + r.stderr).splitlines()
                             if not line.endswith('warnings generated.') and 'warnings treated as errors' not in line
                             and not line.startswith('Suppressed ') and not line.startswith('Use -header-filter'))
        ok = r.returncode == 0
        if ok:
            marker.write_text(rel + '\n')
        return rel, ok, False, findings.strip()

    checked = cached = failed = 0
    jobs = os.cpu_count() or 2
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for rel, ok, from_cache, text in pool.map(check, files):
            if from_cache:
                cached += 1
            else:
                checked += 1
            if not ok:
                failed += 1
                print(f'--- {rel}\n{text}', file=sys.stderr)
    print(f'clang-tidy: {len(files)} files ({checked} checked, {cached} from the cache), {failed} with findings')
    return 1 if failed else 0


def ninja_deps(build):
    """object path -> the headers it included, from ninja's dependency log."""
    out = subprocess.run(['ninja', '-C', str(build), '-t', 'deps'], capture_output=True, text=True).stdout
    deps = {}
    current = None
    for line in out.splitlines():
        if line and not line[0].isspace():
            target = line.split(':', 1)[0]
            current = str(pathlib.Path(build, target).resolve())
            deps[current] = []
        elif line.strip() and current is not None:
            deps[current].append(str(pathlib.Path(build, line.strip()).resolve()))
    return deps


if __name__ == '__main__':
    sys.exit(main())
