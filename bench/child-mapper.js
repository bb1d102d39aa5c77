// Child process: times one mapper function on one data set, in a fresh V8 (call-site feedback and hidden
// classes start empty, so candidates cannot disturb each other). Warm-up first, then timed rounds; prints
// one JSON line with the median ns per object over the rounds (and every round).
// Environment: BENCH_RUNTIME_WARMUP_MS (300), BENCH_RUNTIME_ROUND_MS (30), BENCH_RUNTIME_ROUNDS (15).
// Usage: node bench/child-mapper.js <module.js> <exportName> <data.json> <one|list>
//   one:  data.json holds one object; each call maps that same object
//   list: data.json holds a list page ({ data: [...] }); each call maps the next job of the page
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [modulePath, exportName, dataFile, mode] = process.argv.slice(2);
const fn = (await import(pathToFileURL(modulePath).href))[exportName];
if (typeof fn !== "function") throw new Error(`${modulePath} does not export a function ${exportName}`);
const data = JSON.parse(readFileSync(dataFile, "utf8"));
const items = mode === "list" ? data.data : [data];
const n = items.length;
const sink = new Array(1024);

/** Maps `passes` × every item; returns ns per object. Results go to `sink` so no allocation can be elided. */
function pass(passes) {
  const t0 = process.hrtime.bigint();
  for (let p = 0; p < passes; p++) {
    for (let i = 0; i < n; i++) sink[(p * n + i) & 1023] = fn(items[i]);
  }
  return Number(process.hrtime.bigint() - t0) / (passes * n);
}

// Warm-up, then size the rounds from the warm-up speed so each timed round lasts about ROUND_MS.
const warmupMs = Number(process.env.BENCH_RUNTIME_WARMUP_MS ?? 300);
const roundMs = Number(process.env.BENCH_RUNTIME_ROUND_MS ?? 30);
const warmupEnd = performance.now() + warmupMs;
let passes = 1;
let nsPerObject = pass(1);
while (performance.now() < warmupEnd) {
  nsPerObject = pass(passes);
  if (nsPerObject * passes * n < 5e6) passes *= 2; // grow warm-up passes up to ~5 ms each
}
const perRound = Math.max(1, Math.round((roundMs * 1e6) / (nsPerObject * n)));
const rounds = [];
for (let r = 0; r < Number(process.env.BENCH_RUNTIME_ROUNDS ?? 15); r++) rounds.push(pass(perRound));
const sorted = [...rounds].sort((a, b) => a - b);
const median = sorted[sorted.length >> 1];
let keys = 0;
for (const s of sink) if (s !== undefined) keys += Object.keys(s).length;
process.stdout.write(
  `${JSON.stringify({ nsPerObject: median, rounds, objectsPerRound: perRound * n, check: keys })}\n`,
);
