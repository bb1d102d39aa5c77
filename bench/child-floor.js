// Child process: the floor for reading a spec — read the file and parse it exactly as wirecase's loader does
// (YAML: `parseDocument` with a LineCounter, unique keys and merge keys, then `toJS`; JSON: `JSON.parse`),
// and nothing else. Prints one JSON line with the in-process parse time (ms).
// Usage: node bench/child-floor.js <spec>
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { LineCounter, parseDocument } from "yaml";

const spec = process.argv[2];
const t0 = performance.now();
const text = readFileSync(spec, "utf8");
const ext = extname(spec).toLowerCase();
let value;
if (ext === ".json") {
  value = JSON.parse(text);
} else {
  const doc = parseDocument(text, {
    lineCounter: new LineCounter(),
    uniqueKeys: true,
    merge: true,
    prettyErrors: false,
  });
  if (doc.errors.length > 0) throw new Error(String(doc.errors[0]));
  value = doc.toJS({ maxAliasCount: -1 });
}
const parseMs = performance.now() - t0;
process.stdout.write(`${JSON.stringify({ parseMs, keys: Object.keys(value ?? {}).length })}\n`);
