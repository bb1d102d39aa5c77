import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../generator/config.js";
import { generate } from "../generator/generate.js";
import { corpusEntries, reportSkipped, ROOT, runCli, SCRATCH, typecheck } from "./helpers.js";

const SPEC = join(ROOT, "spec", "fine-tuning.yaml");

const run = runCli;

describe("config file", () => {
  const dir = join(SCRATCH, "config");
  beforeEach(() => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, "spec"), { recursive: true });
    cpSync(SPEC, join(dir, "spec", "a.yaml"));
    cpSync(join(ROOT, "spec", "cases", "records.yaml"), join(dir, "spec", "b.yaml"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("the repo's own wirecase.config.ts is what `npm run generate` uses", async () => {
    const config = await loadConfig(join(ROOT, "wirecase.config.ts"));
    expect(config.jobs).toEqual([{ input: SPEC, output: join(ROOT, "generated") }]);
  });

  it("several jobs: several specs into several folders, paths relative to the config", async () => {
    writeFileSync(
      join(dir, "wirecase.config.json"),
      JSON.stringify([
        { input: "spec/a.yaml", output: "out/a" },
        { input: "spec/b.yaml", output: "out/b", include: ["Holder"] },
      ]),
    );
    const r = await run(["generate"], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n").filter((l) => l.startsWith("wirecase:"))).toHaveLength(2);
    expect(existsSync(join(dir, "out", "a", "docs", "FineTuningJob.md"))).toBe(true);
    expect(existsSync(join(dir, "out", "b", "docs", "Holder.md"))).toBe(true);
    expect(existsSync(join(dir, "out", "b", "docs", "Metadata.md"))).toBe(true);
    expect(existsSync(join(dir, "out", "b", "docs", "Labels.md"))).toBe(false);
  });

  it("a .mjs config with defineConfig semantics (default export); flags override it", async () => {
    writeFileSync(join(dir, "wirecase.config.mjs"), 'export default { input: "spec/a.yaml", output: "out/a" };\n');
    const r = await run(["generate", "--output", "out/override"], dir);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, "out", "override", "types.ts"))).toBe(true);
    expect(existsSync(join(dir, "out", "a"))).toBe(false);
  });

  it("a .ts config is compiled and loaded", async () => {
    writeFileSync(
      join(dir, "wirecase.config.ts"),
      'const job: { input: string; output: string } = { input: "spec/b.yaml", output: "out/ts" };\n' +
        "export default job;\n",
    );
    expect((await run(["generate", "-q"], dir)).code).toBe(0);
    expect(existsSync(join(dir, "out", "ts", "docs", "Labels.md"))).toBe(true);
    expect(readFileSync(join(dir, "wirecase.config.ts"), "utf8")).toContain("out/ts");
  });

  it("a bad config is a clear error, exit 2", async () => {
    writeFileSync(join(dir, "wirecase.config.json"), JSON.stringify({ input: "spec/a.yaml", outptu: "x" }));
    const r = await run(["generate"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('wirecase.config.json: error: the config: unknown option "outptu"');
  });

  it("defineConfig refuses a misspelt or unknown key at type level (test/define-config.types.ts, by tsc)", () => {
    const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
    const options = ["--noEmit", "--strict", "--exactOptionalPropertyTypes", "--skipLibCheck", "--pretty", "false"];
    const module = ["--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext", "--types", "node"];
    let output = "";
    try {
      execFileSync(process.execPath, [tsc, ...options, ...module, join(ROOT, "test", "define-config.types.ts")], {
        cwd: ROOT,
        encoding: "utf8",
        stdio: "pipe",
      });
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string };
      output = `${e.stdout ?? ""}${e.stderr ?? ""}`.trim() || String(error);
    }
    // an `@ts-expect-error` that meets no error is TS2578 ("Unused '@ts-expect-error' directive")
    expect(output).toBe("");
  });

  it("no config and no --input is a usage error", async () => {
    const r = await run(["generate"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no --input given and no config file found");
  });
});

describe("--include / --exclude", () => {
  it("keeps the named schemas and everything they reference, nothing dangling", () => {
    const result = generate({ input: SPEC, include: ["FineTuningJob"] });
    expect(result.diagnostics).toEqual([]);
    const pages = result.files
      .filter((f) => f.path.startsWith("docs/") && f.path !== "docs/README.md")
      .map((f) => basename(f.path, ".md"));
    expect(pages.sort()).toEqual([
      "FineTuningIntegration",
      "FineTuningIntegrationWandb",
      "FineTuningJob",
      "FineTuningJobError",
      "FineTuningJobHyperparameters",
      "FineTuningJobStatus",
      "Metadata",
    ]);
  });

  it("exclude keeps what a kept schema still needs, with a warning", () => {
    const result = generate({ input: SPEC, exclude: ["Metadata", "CreateFineTuningJobRequest"] });
    expect(result.diagnostics.map((d) => [d.severity, d.code])).toEqual([["warning", "select-kept"]]);
    expect(result.files.some((f) => f.path === "docs/Metadata.md")).toBe(true);
    expect(result.files.some((f) => f.path === "docs/CreateFineTuningJobRequest.md")).toBe(false);
  });

  it("shows no warnings about the schemas it leaves out", () => {
    const spec = join(ROOT, "spec", "cases", "select-warnings.yaml");
    const where = (r: ReturnType<typeof generate>): string[] =>
      r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.pointer ?? ""}`);
    expect(where(generate({ input: spec }))).toEqual([
      "warning pattern-invalid #/components/schemas/Kept/properties/code/pattern",
      "warning pattern-invalid #/components/schemas/Needed/pattern",
      "warning pattern-invalid #/components/schemas/Left/properties/code/pattern",
    ]);
    expect(where(generate({ input: spec, include: ["Kept"] }))).toEqual([
      "warning pattern-invalid #/components/schemas/Kept/properties/code/pattern",
      "warning pattern-invalid #/components/schemas/Needed/pattern",
    ]);
    expect(where(generate({ input: spec, exclude: ["Kept", "Needed"] }))).toEqual([
      "warning pattern-invalid #/components/schemas/Left/properties/code/pattern",
    ]);
  });

  it("an unknown name is an error that suggests the right one", () => {
    const result = generate({ input: SPEC, include: ["finetuningjob"] });
    expect(result.files).toEqual([]);
    expect(result.diagnostics[0]!.message).toContain(
      'no schema in components.schemas matches "finetuningjob"; did you mean "FineTuningJob"',
    );
  });

  const messages = (include: string[]): string[] =>
    generate({ input: SPEC, include }).diagnostics.map((d) => `${d.code}: ${d.message}`);

  it.each([
    ["FineTuningJobz", '"FineTuningJob"'],
    ["FineTuningJb", '"FineTuningJob"'],
    ["FineTuneJob", '"FineTuningJob"'],
    ["ListFineTuningJobResponse", '"ListFineTuningJobsResponse"'],
    ["CreateFineTuningJob*Requst", '"CreateFineTuningJobRequest"'],
  ])("a misspelt name (%s) is suggested by edit distance: %s", (name, suggestion) => {
    expect(messages([name])).toEqual([
      `select-unknown: no schema in components.schemas matches ${JSON.stringify(name)}; did you mean ${suggestion}?`,
    ]);
  });

  it("a name with nothing close gets no suggestion", () => {
    expect(messages(["Zebra"])).toEqual(['select-unknown: no schema in components.schemas matches "Zebra"']);
  });

  it("a hoisted part's name says which schema to include", () => {
    expect(messages(["FineTuningJobStatus", "fineTuningJobHyperparameters"])).toEqual([
      'select-unknown: "FineTuningJobStatus" is not in components.schemas: it is part of the schema ' +
        '"FineTuningJob" (at #/components/schemas/FineTuningJob/properties/status), named after it; ' +
        'include "FineTuningJob" instead',
      'select-unknown: "FineTuningJobHyperparameters" is not in components.schemas: it is part of the schema ' +
        '"FineTuningJob" (at #/components/schemas/FineTuningJob/properties/hyperparameters), named after it; ' +
        'include "FineTuningJob" instead',
    ]);
  });

  const openai = corpusEntries((name) => name === "openai-2026-08.yaml");
  reportSkipped(openai, "the --include closure");
  it.skipIf(!openai[0]!.present)("the closure of FineTuningJob in the full OpenAI 2026-08 spec type-checks", () => {
    const { dir, models } = generateIntoWith(openai[0]!.path, ["FineTuningJob"]);
    expect(models).toBeGreaterThan(5);
    expect(models).toBeLessThan(100);
    expect(typecheck(dir)).toBe("");
  });
});

function generateIntoWith(spec: string, include: string[]): { dir: string; models: number } {
  const dir = join(SCRATCH, "include-closure");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const result = generate({ input: spec, include });
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  for (const f of result.files) {
    mkdirSync(join(dir, f.path, ".."), { recursive: true });
    writeFileSync(join(dir, f.path), f.text);
  }
  return { dir, models: result.models };
}

describe("--watch", () => {
  it("regenerates on change, survives an error in the spec, and stops on SIGTERM", async () => {
    const dir = join(SCRATCH, "watch");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const spec = join(dir, "api.yaml");
    const original = readFileSync(SPEC, "utf8");
    writeFileSync(spec, original);
    const child = spawn(
      process.execPath,
      [join(ROOT, "bin", "wirecase.js"), "generate", "-i", spec, "-o", join(dir, "out"), "--watch"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    child.stdout.on("data", (d) => (output += String(d)));
    child.stderr.on("data", (d) => (output += String(d)));
    const waitFor = async (pattern: RegExp, count: number): Promise<void> => {
      const deadline = Date.now() + 20_000;
      while ((output.match(new RegExp(pattern, "g")) ?? []).length < count) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern} x${count}; output:\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      await waitFor(/watching \d+ file/, 1);
      writeFileSync(spec, original.replace("trained_tokens", "tokens_trained"));
      await waitFor(/watching \d+ file/, 2);
      expect(readFileSync(join(dir, "out", "types.ts"), "utf8")).toContain("tokensTrained");
      writeFileSync(spec, "openapi: 3.1.0\ninfo: [broken\n");
      await waitFor(/has errors; nothing was written/, 1);
      expect(readFileSync(join(dir, "out", "types.ts"), "utf8")).toContain("tokensTrained");
      writeFileSync(spec, original);
      await waitFor(/watching \d+ file/, 4);
      expect(readFileSync(join(dir, "out", "types.ts"), "utf8")).toContain("trainedTokens");
    } finally {
      child.kill("SIGTERM");
    }
    const code = await new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
    expect(code).toBe(0);
  });

  const watchDir = join(SCRATCH, "watch-parent");
  const startWatch = (): { args: string[] } => {
    rmSync(watchDir, { recursive: true, force: true });
    mkdirSync(watchDir, { recursive: true });
    writeFileSync(join(watchDir, "api.yaml"), readFileSync(SPEC, "utf8"));
    const args = [join(ROOT, "bin", "wirecase.js"), "generate", "-i", "api.yaml", "-o", "out", "--watch"];
    return { args };
  };
  const alive = (pid: number): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const gone = async (pid: number, ms: number): Promise<boolean> => {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (!alive(pid)) return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return !alive(pid);
  };

  it("stops when the process that started it is killed (as `npx` is), re-parenting it", async () => {
    const { args } = startWatch();
    // a parent like npx: starts the watcher and does not pass signals on
    const parentCode =
      'const { spawn } = require("node:child_process");' +
      `const c = spawn(process.execPath, ${JSON.stringify(args)}, { stdio: ["ignore", "pipe", "inherit"] });` +
      'c.stdout.on("data", (d) => { if (String(d).includes("watching")) console.log("watcher " + c.pid); });';
    const parent = spawn(process.execPath, ["-e", parentCode], { cwd: watchDir, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    parent.stdout.on("data", (d) => (output += String(d)));
    parent.stderr.on("data", (d) => (output += String(d)));
    const deadline = Date.now() + 20_000;
    while (!/watcher \d+/.test(output)) {
      if (Date.now() > deadline) throw new Error(`the watcher did not start; output:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const pid = Number(/watcher (\d+)/.exec(output)![1]);
    expect(alive(pid)).toBe(true);
    parent.kill("SIGKILL");
    const stopped = await gone(pid, 5_000);
    if (!stopped) process.kill(pid, "SIGKILL");
    expect(stopped).toBe(true);
  });

  it("stops on SIGHUP (its terminal closed), exit 0", async () => {
    const { args } = startWatch();
    const child = spawn(process.execPath, args, { cwd: watchDir, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += String(d)));
    const deadline = Date.now() + 20_000;
    while (!output.includes("watching")) {
      if (Date.now() > deadline) throw new Error(`the watcher did not start; output:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const exited = new Promise<[number | null, string | null]>((r) => child.on("exit", (c, s) => r([c, s])));
    child.kill("SIGHUP");
    expect(await exited).toEqual([0, null]);
  });
});
