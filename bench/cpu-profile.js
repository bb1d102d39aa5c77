// Profiles one `wirecase generate` (whole process, `node --cpu-prof`) and prints the top functions by self
// time, aggregated over every position of the same function. Not part of `npm run bench`.
// Usage: npm run -s build && node bench/cpu-profile.js [spec] [top=10]
//   default spec: ../shared/corpus/github-api.json (spec/fine-tuning.yaml without the corpus)
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { CORPUS, ROOT, removeDir, tempDir } from "./lib.js";

const github = join(CORPUS, "github-api.json");
const spec = process.argv[2] || (existsSync(github) ? github : join(ROOT, "spec", "fine-tuning.yaml"));
const top = Number(process.argv[3] ?? 10);
const work = tempDir("prof");
try {
  const r = spawnSync(
    process.execPath,
    [
      "--cpu-prof",
      "--cpu-prof-dir",
      work,
      join(ROOT, "bin", "wirecase.js"),
      "generate",
      "-q",
      "-i",
      spec,
      "-o",
      join(work, "out"),
    ],
    {
      cwd: ROOT,
      stdio: "inherit",
    },
  );
  if (r.status !== 0) throw new Error(`wirecase exited with ${r.status}`);
  const file = readdirSync(work).find((f) => f.endsWith(".cpuprofile"));
  const profile = JSON.parse(readFileSync(join(work, file), "utf8"));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const counts = new Map();
  for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
  const deltas = profile.timeDeltas;
  const selfUs = new Map();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i + 1] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const agg = new Map();
  for (const [id, us] of selfUs) {
    const { callFrame: f } = byId.get(id);
    const where = f.url === "" ? "" : `${relative(ROOT, f.url.replace(/^file:\/\//, ""))}:${f.lineNumber + 1}`;
    const key = `${f.functionName || "(anonymous)"}\t${where}`;
    agg.set(key, (agg.get(key) ?? 0) + us);
  }
  const rows = [...agg].sort((a, b) => b[1] - a[1]).slice(0, top);
  process.stdout.write(
    `CPU profile of wirecase generate -i ${relative(ROOT, spec)}: ` +
      `${(total / 1000).toFixed(0)} ms sampled; top ${top} by self time\n\n`,
  );
  const w = Math.max(...rows.map(([k]) => k.split("\t")[0].length));
  for (const [key, us] of rows) {
    const [fn, where] = key.split("\t");
    process.stdout.write(
      `  ${(us / 1000).toFixed(0).padStart(6)} ms  ` +
        `${((us / total) * 100).toFixed(1).padStart(5)} %  ${fn.padEnd(w)}  ${where}\n`,
    );
  }
} finally {
  removeDir(work);
}
