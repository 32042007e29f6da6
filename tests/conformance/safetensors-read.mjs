// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Serves ROOT/<name>/ as the repo mock-org/<name> from a tiny hub on 127.0.0.1 (only the routes
// parseSafetensorsMetadata needs: HEAD /raw/, ranged GET /resolve/, EntryNotFound 404s) and prints, per repo, what
// the pinned @huggingface/hub parseSafetensorsMetadata returns: the header(s) and the per-dtype parameter counts.
// Usage: node safetensors-read.mjs ROOT NAME...
import { createServer } from "node:http";
import { createReadStream, existsSync, statSync } from "node:fs";
import { join, normalize } from "node:path";
import { parseSafetensorsMetadata } from "@huggingface/hub";

const [root, ...names] = process.argv.slice(2);

function notFound(res) {
  res.writeHead(404, { "X-Error-Code": "EntryNotFound", "X-Error-Message": "Entry not found" });
  res.end("Entry not found");
}

const server = createServer((req, res) => {
  const m = req.url.split("?")[0].match(/^\/mock-org\/([^/]+)\/(raw|resolve)\/main\/(.+)$/);
  if (!m) return notFound(res);
  const rel = normalize(decodeURIComponent(m[3]));
  if (rel.startsWith("..")) return notFound(res);
  const file = join(root, m[1], rel);
  if (!existsSync(file) || !statSync(file).isFile()) return notFound(res);
  const size = statSync(file).size;
  const headers = { "Accept-Ranges": "bytes", ETag: `"${m[1]}-${rel}-${size}"`, "Content-Type": "application/octet-stream" };
  if (req.method === "HEAD") {
    res.writeHead(200, { ...headers, "Content-Length": size });
    return res.end();
  }
  const range = req.headers.range?.match(/^bytes=(\d+)-(\d*)$/);
  if (range) {
    const start = Number(range[1]);
    const end = Math.min(range[2] === "" ? size - 1 : Number(range[2]), size - 1);
    if (start >= size) {
      res.writeHead(416, { "Content-Range": `bytes */${size}` });
      return res.end();
    }
    res.writeHead(206, { ...headers, "Content-Range": `bytes ${start}-${end}/${size}`, "Content-Length": end - start + 1 });
    return createReadStream(file, { start, end }).pipe(res);
  }
  res.writeHead(200, { ...headers, "Content-Length": size });
  createReadStream(file).pipe(res);
});

await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const hubUrl = `http://127.0.0.1:${server.address().port}`;
const out = {};
try {
  for (const name of names) {
    const r = await parseSafetensorsMetadata({ repo: `mock-org/${name}`, hubUrl, computeParametersCount: true });
    out[name] = r.sharded
      ? { sharded: true, index: r.index, headers: r.headers, parameterCount: r.parameterCount }
      : { sharded: false, header: r.header, parameterCount: r.parameterCount };
  }
} finally {
  server.close();
}
process.stdout.write(JSON.stringify(out));
