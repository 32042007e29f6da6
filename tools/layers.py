#!/usr/bin/env python3
# SPDX-FileCopyrightText: MemSpec Studio authors
# SPDX-License-Identifier: MIT
"""The layer graph of app/ (docs/architecture.md).

  layers.py includes BUILD/layers.json SOURCE_DIR
      Fails (exit 1, one line per offence) when a file under app/<area>/ includes "app/<other>/..." of an area its
      layer does not link, directly or through a lower layer, or includes anything from ui/, tests/ or tools/.
      BUILD/layers.json is written at configure time by cmake/MemspecLayers.cmake from the real targets.
  layers.py selftest
      Runs the include check on a generated two-layer tree: it must reject common including cli, and accept the tree
      once that include is gone.
  layers.py mermaid GRAPHVIZ.dot | BUILD/layers.json
      Prints the layers' link graph from `cmake --graphviz` output (or layers.json) as a mermaid diagram (solid:
      PUBLIC, dotted: PRIVATE), e.g.
      cmake --preset ci --graphviz=build/graph/memspec.dot && tools/layers.py mermaid build/graph/memspec.dot
  layers.py docs BUILD/layers.json docs/architecture.md
      Fails when the document's first mermaid block is not that graph.
"""
import contextlib
import io
import json
import pathlib
import re
import sys
import tempfile

INCLUDE = re.compile(r'^\s*#\s*include\s+"((app|ui|tests|tools)/([A-Za-z0-9_]+)/[^"]*)"', re.M)


def check_includes(layers_json, source_dir):
    layers = json.loads(pathlib.Path(layers_json).read_text())["layers"]
    area_layer = {area: name for name, layer in layers.items() for area in layer["areas"]}

    def below(name, seen):
        for dep in layers[name]["public"] + layers[name]["private"]:
            if dep in layers and dep not in seen:
                seen.add(dep)
                below(dep, seen)
        return seen

    errors = []
    app = pathlib.Path(source_dir) / "app"
    for area_dir in sorted(p for p in app.iterdir() if p.is_dir()):
        area = area_dir.name
        if area not in area_layer:
            errors.append(f"app/{area}/: no layer lists this area (app/CMakeLists.txt)")
            continue
        name = area_layer[area]
        reachable = below(name, {name})
        allowed = {a for n in reachable for a in layers[n]["areas"]}
        for path in sorted(area_dir.rglob("*")):
            if path.suffix not in (".h", ".cpp"):
                continue
            for m in INCLUDE.finditer(path.read_text(encoding="utf-8")):
                target, top, other = m.group(1), m.group(2), m.group(3)
                rel = path.relative_to(source_dir)
                if top != "app":
                    errors.append(f"{rel}: includes {target}: app/ never includes {top}/")
                elif other not in allowed:
                    errors.append(f"{rel}: includes {target}, but {name} does not link "
                                  f"{area_layer.get(other, 'a layer for app/' + other)}")
    for e in errors:
        print(e, file=sys.stderr)
    if errors:
        print(f"{len(errors)} include(s) against the layer graph (docs/architecture.md)", file=sys.stderr)
        return 1
    return 0


def selftest():
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        (root / "layers.json").write_text(json.dumps({"layers": {
            "memspec_common": {"rank": 0, "areas": ["common"], "public": [], "private": []},
            "memspec_cli": {"rank": 1, "areas": ["cli"], "public": ["memspec_common"], "private": []}}}))
        for rel, text in {"app/common/units.h": "#pragma once\n",
                          "app/common/bad.cpp": '#include "app/common/units.h"\n#include "app/cli/cli.h"\n',
                          "app/cli/cli.h": '#pragma once\n#include "app/common/units.h"\n'}.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text)
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            bad = check_includes(root / "layers.json", root)
        expected = "app/common/bad.cpp: includes app/cli/cli.h, but memspec_common does not link memspec_cli"
        if bad != 1 or expected not in err.getvalue():
            print(f"selftest: an upward include was not rejected as expected:\n{err.getvalue()}", file=sys.stderr)
            return 1
        (root / "app/common/bad.cpp").write_text('#include "app/common/units.h"\n')
        with contextlib.redirect_stderr(err):
            good = check_includes(root / "layers.json", root)
        if good != 0:
            print(f"selftest: a clean tree was rejected:\n{err.getvalue()}", file=sys.stderr)
            return 1
    print("selftest: upward include rejected, clean tree accepted")
    return 0


def graph_from_dot(dot_file):
    """(nodes, edges) of the layers in `cmake --graphviz` output; an edge is (from, to, private)."""
    text = pathlib.Path(dot_file).read_text()
    # static libraries (octagons) named memspec_*, but for the ones above or beside app/
    found = re.findall(r'"(node\d+)"\s*\[\s*label\s*=\s*"([^"]+)",?\s*shape\s*=\s*"?(\w+)', text)
    labels = {node: label for node, label, _ in found}
    layer = re.compile(r"^memspec_(?!ui$|testsupport$|mockhub$|accuracy$)[a-z]+$")
    nodes = {label for _, label, shape in found if shape == "octagon" and layer.match(label)}
    edges = set()
    for src, dst, attrs in re.findall(r'"(node\d+)"\s*->\s*"(node\d+)"\s*(\[[^\]]*\])?', text):
        a, b = labels.get(src, ""), labels.get(dst, "")
        if a in nodes and b in nodes:
            edges.add((a, b, "dotted" in attrs))
    return nodes, edges


def graph_from_json(layers_json):
    layers = json.loads(pathlib.Path(layers_json).read_text())["layers"]
    edges = {(name, dep, private) for name, layer in layers.items()
             for private, deps in ((False, layer["public"]), (True, layer["private"])) for dep in deps if dep in layers}
    return set(layers), edges


def mermaid_text(graph_file):
    nodes, edges = (graph_from_json if str(graph_file).endswith(".json") else graph_from_dot)(graph_file)
    short = lambda n: n[len("memspec_"):]
    lines = ["```mermaid", "graph BT"]
    lines += [f"  {short(n)}" for n in sorted(nodes) if not any(n in e[:2] for e in edges)]
    lines += [f"  {short(a)} {'-.->' if private else '-->'} {short(b)}" for a, b, private in sorted(edges)]
    lines.append("```")
    return "\n".join(lines) + "\n"


def mermaid(graph_file):
    print(mermaid_text(graph_file), end="")
    return 0


def check_docs(layers_json, doc):
    """The first mermaid block of the document must be the graph of layers.json."""
    text = pathlib.Path(doc).read_text(encoding="utf-8")
    m = re.search(r"```mermaid\n.*?```\n", text, re.S)
    want = mermaid_text(layers_json)
    if not m or m.group(0) != want:
        print(f"{doc}: the layer graph differs from the build's; replace the mermaid block with:\n{want}",
              file=sys.stderr)
        return 1
    return 0


def main(argv):
    if len(argv) == 4 and argv[1] == "includes":
        return check_includes(argv[2], argv[3])
    if len(argv) == 2 and argv[1] == "selftest":
        return selftest()
    if len(argv) == 4 and argv[1] == "docs":
        return check_docs(argv[2], argv[3])
    if len(argv) == 3 and argv[1] == "mermaid":
        return mermaid(argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
