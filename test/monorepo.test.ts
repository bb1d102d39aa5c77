/**
 * examples/monorepo: an npm-workspaces repo whose `models` package runs `wirecase generate` then `tsc` as its
 * build, whose `format` package does not depend on it, and whose `app` package imports both and type-checks
 * under strict. The example is copied to a scratch folder and wired up the way `npm install` would (workspace
 * links, `wirecase`, `typescript`, `turbo` and `nx` in node_modules, their bins in node_modules/.bin, a
 * package-lock.json for the workspace part), pointing at this repo's own built CLI: no network, nothing written
 * to examples/. Then the same build runs with the real Turborepo and Nx binaries (this repo's pinned devDependencies),
 * each in its own copy under the OS temp folder with its cache inside that copy: cache miss, full cache hit,
 * a spec edit that rebuilds only models and app, and `wirecase generate --check` failing the run.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, SCRATCH } from "./helpers.js";

const EXAMPLE = join(ROOT, "examples", "monorepo");
const DIR = join(SCRATCH, "monorepo");
const MODELS = join(DIR, "packages", "models");
const APP = join(DIR, "packages", "app");
const PACKAGES = ["@example/app", "@example/format", "@example/models"];

/** What a local run of the example may have left behind; never copied. */
const LEFT_BEHIND = new Set([
  "node_modules",
  "dist",
  ".turbo",
  ".nx",
  "package-lock.json",
  join("packages", "models", "src", "generated"),
]);

function link(target: string, path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(relative(dirname(path), target), path);
}

/**
 * Copies the example to `dir` and makes what `npm install` would make of it, with `wirecase` being this repo:
 * the workspace links, the tools in node_modules with their bins, and the workspace part of package-lock.json.
 */
function installExample(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  cpSync(EXAMPLE, dir, {
    recursive: true,
    filter: (src) => {
      const rel = relative(EXAMPLE, src);
      return ![...LEFT_BEHIND].some(
        (p) => rel === p || rel.startsWith(`${p}${sep}`) || rel.split(sep).some((part) => LEFT_BEHIND.has(part)),
      );
    },
  });
  const root = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
    name: string;
    workspaces: string[];
    devDependencies: Record<string, string>;
  };
  const modules = join(dir, "node_modules");
  const locked: Record<string, unknown> = {
    "": { name: root.name, workspaces: root.workspaces, devDependencies: root.devDependencies },
  };
  for (const workspace of root.workspaces) {
    const { name, version, dependencies, devDependencies } = JSON.parse(
      readFileSync(join(dir, workspace, "package.json"), "utf8"),
    ) as { name: string; version: string; dependencies?: object; devDependencies?: object };
    link(join(dir, workspace), join(modules, ...name.split("/")));
    locked[`node_modules/${name}`] = { resolved: workspace, link: true };
    locked[workspace] = { name, version, dependencies, devDependencies };
  }
  writeFileSync(
    join(dir, "package-lock.json"),
    `${JSON.stringify({ name: root.name, lockfileVersion: 3, requires: true, packages: locked }, null, 2)}\n`,
  );
  link(ROOT, join(modules, "wirecase"));
  for (const tool of ["typescript", "turbo", "nx"]) link(join(ROOT, "node_modules", tool), join(modules, tool));
  const bins: Record<string, string> = {
    wirecase: "wirecase/bin/wirecase.js",
    tsc: "typescript/bin/tsc",
    turbo: "turbo/bin/turbo",
    nx: "nx/dist/bin/nx.js",
  };
  for (const [bin, target] of Object.entries(bins)) link(join(modules, target), join(modules, ".bin", bin));
}

/**
 * The environment without the parent `npm test`'s npm_* variables (so the child npm reads only its own config)
 * and without any TURBO_* / NX_* setting of the machine, plus telemetry, remote cache, daemon and colours off.
 */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|turbo_|nx_)/i.test(k))),
    TURBO_TELEMETRY_DISABLED: "1",
    DO_NOT_TRACK: "1",
    NX_DAEMON: "false",
    NX_NO_CLOUD: "true",
    NX_TUI: "false",
    FORCE_COLOR: "0",
    NO_COLOR: "1",
    ...extra,
  };
}

function run(cwd: string, command: string, args: string[], extra?: Record<string, string>) {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", env: env(extra), timeout: 120_000 });
  return { code: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

function npm(args: string[]): { code: number; output: string } {
  return run(DIR, "npm", ["--no-update-notifier", "--no-fund", "--no-audit", ...args]);
}

/** One spec edit the generated code (types.ts, the docs page) shows, none of the other packages reads. */
function editSpec(dir: string, from: string, to: string): void {
  const spec = join(dir, "packages", "models", "spec", "fine-tuning.yaml");
  const before = readFileSync(spec, "utf8");
  if (!before.includes(from)) throw new Error(`the example spec no longer contains ${JSON.stringify(from)}`);
  writeFileSync(spec, before.replace(from, to));
}

describe("examples/monorepo (npm workspaces: generate + tsc in models, strict type-check in app)", () => {
  beforeAll(() => {
    if (!existsSync(join(ROOT, "dist", "generator", "main.js")))
      throw new Error("dist/ is missing: run `npm run build` (npm test does it through `pretest`)");
    installExample(DIR);
  });
  afterAll(() => rmSync(DIR, { recursive: true, force: true }));

  it("`npm run build` generates and compiles models, then type-checks app: exit 0", () => {
    const r = npm(["run", "build"]);
    expect(r.output).toMatch(
      new RegExp(
        String.raw`wirecase: 4 models, \d+ files \(\d+ written, 0 removed\) in \d+\.\d\d s: ` +
          String.raw`spec\/fine-tuning\.yaml → src\/generated\/`,
      ),
    );
    expect(r.output).not.toContain("error TS");
    expect(r.code).toBe(0);
    expect(existsSync(join(MODELS, "src", "generated", "types.ts"))).toBe(true);
    expect(existsSync(join(MODELS, "dist", "index.d.ts"))).toBe(true);
    expect(readFileSync(join(MODELS, "dist", "generated", "parse.d.ts"), "utf8")).toContain(
      "export declare function parseFineTuningJob(json: unknown): FineTuningJob;",
    );
  });

  it("the built models package runs: parse maps snake_case JSON to the model, toWire maps it back", () => {
    const script = `
      import { parseFineTuningJob, fineTuningJobToWire, safeParseFineTuningJob } from "@example/models";
      const wire = { id: "ftjob-1", created_at: 1, fine_tuned_model: null, status: "queued", \
hyperparameters: { n_epochs: "auto" }, metadata: { customer_id: "c" } };
      const job = parseFineTuningJob(wire);
      const bad = safeParseFineTuningJob({ ...wire, status: "paused" });
      process.stdout.write(JSON.stringify({ job, back: fineTuningJobToWire(job), ok: bad.ok }));`;
    writeFileSync(join(APP, "run.mjs"), script);
    const out = JSON.parse(execFileSync(process.execPath, [join(APP, "run.mjs")], { encoding: "utf8" })) as Record<
      string,
      unknown
    >;
    expect(out["job"]).toEqual({
      id: "ftjob-1",
      createdAt: 1,
      fineTunedModel: null,
      status: "queued",
      hyperparameters: { nEpochs: "auto" },
      metadata: { customer_id: "c" },
    });
    expect(out["back"]).toEqual({
      id: "ftjob-1",
      created_at: 1,
      fine_tuned_model: null,
      status: "queued",
      hyperparameters: { n_epochs: "auto" },
      metadata: { customer_id: "c" },
    });
    expect(out["ok"]).toBe(false);
    rmSync(join(APP, "run.mjs"));
  });

  it("`wirecase generate --check` in models: exit 0 when up to date, 1 after the spec changed", () => {
    expect(npm(["run", "check", "--workspace=@example/models"]).code).toBe(0);
    const spec = join(MODELS, "spec", "fine-tuning.yaml");
    const before = readFileSync(spec, "utf8");
    writeFileSync(
      spec,
      before.replace("description: Null while the job is still running.", "description: Null until the job succeeds."),
    );
    try {
      const r = npm(["run", "check", "--workspace=@example/models"]);
      expect(r.output).toMatch(/changed +src\/generated\/types\.ts/);
      expect(r.code).not.toBe(0);
    } finally {
      writeFileSync(spec, before);
    }
  });

  it("a type error in app fails the build with the file, line and message", () => {
    const main = join(APP, "src", "main.ts");
    const before = readFileSync(main, "utf8");
    // the model is camelCase: the wire key does not exist on it
    writeFileSync(main, `${before}\nexport const wrong: number = readJob({}).created_at;\n`);
    try {
      const r = npm(["run", "build", "--workspace=@example/app"]);
      expect(r.code).not.toBe(0);
      expect(r.output).toMatch(
        new RegExp(
          String.raw`src\/main\.ts\(\d+,\d+\): error TS2551: ` +
            String.raw`Property 'created_at' does not exist on type 'FineTuningJob'\. Did you mean 'createdAt'\?`,
        ),
      );
    } finally {
      writeFileSync(main, before);
    }
    expect(npm(["run", "build", "--workspace=@example/app"]).code).toBe(0);
  });

  it(
    "an invalid spec stops the build at generate " + "(wirecase exits 2, tsc never runs, the previous output stays)",
    () => {
      const spec = join(MODELS, "spec", "fine-tuning.yaml");
      const before = readFileSync(spec, "utf8");
      const types = readFileSync(join(MODELS, "src", "generated", "types.ts"), "utf8");
      writeFileSync(
        spec,
        before.replace(
          "        id:\n          type: string",
          '        id:\n          $ref: "#/components/schemas/Nope"',
        ),
      );
      try {
        const r = npm(["run", "build", "--workspace=@example/models"]);
        expect(r.code).not.toBe(0);
        expect(r.output).toMatch(
          /spec\/fine-tuning\.yaml:29:11: error: \$ref "#\/components\/schemas\/Nope" points to nothing/,
        );
        expect(r.output).toContain("nothing was written");
        expect(r.output).toMatch(/code 2\b/);
        expect(r.output).not.toContain("error TS");
        expect(readFileSync(join(MODELS, "src", "generated", "types.ts"), "utf8")).toBe(types);
      } finally {
        writeFileSync(spec, before);
      }
    },
  );
});

/** Each task of a `turbo run` and whether turbo replayed it from the cache ("hit") or ran it ("miss"). */
function turboTasks(output: string, task: string): Record<string, "hit" | "miss"> {
  const seen: Record<string, "hit" | "miss"> = {};
  for (const m of output.matchAll(new RegExp(String.raw`^(\S+):${task}: cache (hit|miss)`, "gm")))
    seen[m[1] as string] = m[2] as "hit" | "miss";
  return seen;
}

/** Each task of an `nx run-many` and whether Nx read it from the cache ("hit") or ran it ("miss"). */
function nxTasks(output: string, task: string): Record<string, "hit" | "miss"> {
  const seen: Record<string, "hit" | "miss"> = {};
  for (const m of output.matchAll(new RegExp(String.raw`^> nx run (\S+):${task}(.*)$`, "gm")))
    seen[m[1] as string] = /cache/.test(m[2] as string) ? "hit" : "miss";
  return seen;
}

const all = (state: "hit" | "miss") => Object.fromEntries(PACKAGES.map((p) => [p, state]));
/** A description in the spec: models' types change, app depends on models, format depends on neither. */
const SPEC_EDIT = [
  "description: Null while the job is still running.",
  "description: Null until the job succeeds.",
] as const;
const AFTER_SPEC_EDIT = { "@example/models": "miss", "@example/app": "miss", "@example/format": "hit" };

describe("examples/monorepo with Turborepo (turbo.json: cache miss, full hit, spec edit, --check)", () => {
  const dir = join(tmpdir(), `wirecase-turbo-${process.pid}`); // created by beforeAll, removed by afterAll
  const models = join(dir, "packages", "models");
  const turbo = (task: string) =>
    run(dir, join(dir, "node_modules", ".bin", "turbo"), [
      "run",
      task,
      `--cache-dir=${join(dir, ".turbo-cache")}`,
      "--no-color",
    ]);
  beforeAll(() => installExample(dir));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("the first `turbo run build` generates and compiles every package (3 cache misses)", () => {
    const r = turbo("build");
    // (no version banner to check: turbo prints none when CI is set, as it is in .ci/run)
    expect(r.output).toMatch(/@example\/models:build: wirecase: 4 models, (\d+) files \(\1 written, 0 removed\)/);
    expect(turboTasks(r.output, "build")).toEqual(all("miss"));
    expect(r.output).toMatch(/Tasks: +3 successful, 3 total/);
    expect(r.output).not.toMatch(/WARNING|error TS/);
    expect(r.code).toBe(0);
    expect(existsSync(join(models, "dist", "generated", "parse.d.ts"))).toBe(true);
  });

  it("the second is a full cache hit, and the cache restores deleted outputs (src/generated/, dist/)", () => {
    const r = turbo("build");
    expect(turboTasks(r.output, "build")).toEqual(all("hit"));
    expect(r.output).toMatch(/Cached: +3 cached, 3 total/);
    expect(r.output).toContain("FULL TURBO");
    expect(r.code).toBe(0);
    const types = readFileSync(join(models, "src", "generated", "types.ts"), "utf8");
    rmSync(join(models, "src", "generated"), { recursive: true });
    rmSync(join(models, "dist"), { recursive: true });
    const again = turbo("build");
    expect(turboTasks(again.output, "build")).toEqual(all("hit"));
    expect(readFileSync(join(models, "src", "generated", "types.ts"), "utf8")).toBe(types);
    expect(existsSync(join(models, "dist", "index.d.ts"))).toBe(true);
  });

  it("editing the spec rebuilds models and app (which depends on it), not format; then a full hit again", () => {
    editSpec(dir, ...SPEC_EDIT);
    const r = turbo("build");
    expect(turboTasks(r.output, "build")).toEqual(AFTER_SPEC_EDIT);
    expect(r.output).toMatch(/@example\/models:build: wirecase: 4 models, \d+ files \(2 written, 0 removed\)/);
    expect(r.code).toBe(0);
    expect(readFileSync(join(models, "dist", "generated", "types.d.ts"), "utf8")).toContain(
      "Null until the job succeeds.",
    );
    expect(turboTasks(turbo("build").output, "build")).toEqual(all("hit"));
  });

  it("`turbo run check` (wirecase generate --check) passes when up to date and fails the run when stale", () => {
    const ok = turbo("check");
    expect(ok.output).toMatch(/@example\/models:check: wirecase: src\/generated\/ is up to date/);
    expect(ok.code).toBe(0);
    editSpec(dir, "description: Null until the job succeeds.", "description: Null until it succeeds.");
    const stale = turbo("check");
    expect(stale.output).toMatch(/@example\/models:check: +changed +src\/generated\/types\.ts/);
    expect(stale.output).toContain("Failed:    @example/models#check");
    expect(stale.code).not.toBe(0);
  });
});

describe("examples/monorepo with Nx (nx.json, models/project.json: cache miss, full hit, spec edit, --check)", () => {
  const dir = join(tmpdir(), `wirecase-nx-${process.pid}`); // created by beforeAll, removed by afterAll
  const models = join(dir, "packages", "models");
  const nx = (task: string) =>
    run(dir, join(dir, "node_modules", ".bin", "nx"), ["run-many", "-t", task, "--output-style=static"], {
      NX_CACHE_DIRECTORY: join(dir, ".nx-cache"),
    });
  beforeAll(() => installExample(dir));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("the first `nx run-many -t build` generates and compiles every package (3 cache misses)", () => {
    const r = nx("build");
    expect(r.output).toMatch(/wirecase: 4 models, (\d+) files \(\1 written, 0 removed\)/);
    expect(nxTasks(r.output, "build")).toEqual(all("miss"));
    expect(r.output).toContain("Successfully ran target build for 3 projects");
    expect(r.output).not.toContain("error TS");
    expect(r.code).toBe(0);
    expect(existsSync(join(models, "dist", "generated", "parse.d.ts"))).toBe(true);
  });

  it("the second is a full cache hit", () => {
    const r = nx("build");
    expect(nxTasks(r.output, "build")).toEqual(all("hit"));
    expect(r.output).toMatch(/Cache: +3\/3 hit \(100%\)/);
    expect(r.code).toBe(0);
  });

  it("editing the spec rebuilds models and app (which depends on it), not format; then a full hit again", () => {
    editSpec(dir, ...SPEC_EDIT);
    const r = nx("build");
    expect(nxTasks(r.output, "build")).toEqual(AFTER_SPEC_EDIT);
    expect(r.output).toMatch(/wirecase: 4 models, \d+ files \(2 written, 0 removed\)/);
    expect(r.code).toBe(0);
    expect(nxTasks(nx("build").output, "build")).toEqual(all("hit"));
  });

  it("`nx run-many -t check` (wirecase generate --check) passes when up to date and fails the run when stale", () => {
    const ok = nx("check");
    expect(ok.output).toMatch(/wirecase: src\/generated\/ is up to date/);
    expect(ok.code).toBe(0);
    editSpec(dir, "description: Null until the job succeeds.", "description: Null until it succeeds.");
    const stale = nx("check");
    expect(stale.output).toMatch(/changed +src\/generated\/types\.ts/);
    expect(stale.output).toContain("Running target check for project @example/models failed");
    expect(stale.code).not.toBe(0);
  });
});
