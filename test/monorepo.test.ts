/**
 * examples/monorepo: an npm-workspaces repo whose `models` package runs `wirecase generate` then `tsc` as its
 * build, and whose `app` package imports it and type-checks under strict. The example is copied to a scratch
 * folder and wired up the way `npm install` would (workspace link, `wirecase` and `typescript` in node_modules,
 * their bins in node_modules/.bin), pointing at this repo's own built CLI: no network, nothing written to
 * examples/.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, SCRATCH } from "./helpers.js";

const EXAMPLE = join(ROOT, "examples", "monorepo");
const DIR = join(SCRATCH, "monorepo");
const MODELS = join(DIR, "packages", "models");
const APP = join(DIR, "packages", "app");

/** What a local run of the example may have left behind; never copied. */
const LEFT_BEHIND = new Set(["node_modules", "dist", join("packages", "models", "src", "generated")]);

function link(target: string, path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(relative(dirname(path), target), path);
}

/** The environment without the parent `npm test`'s npm_* variables (so the child npm reads only its own config). */
function env(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
}

function npm(args: string[]): { code: number; output: string } {
  const r = spawnSync("npm", ["--no-update-notifier", "--no-fund", "--no-audit", ...args], {
    cwd: DIR,
    encoding: "utf8",
    env: env(),
  });
  return { code: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

describe("examples/monorepo (npm workspaces: generate + tsc in models, strict type-check in app)", () => {
  beforeAll(() => {
    if (!existsSync(join(ROOT, "dist", "generator", "main.js")))
      throw new Error("dist/ is missing: run `npm run build` (npm test does it through `pretest`)");
    rmSync(DIR, { recursive: true, force: true });
    cpSync(EXAMPLE, DIR, {
      recursive: true,
      filter: (src) => {
        const rel = relative(EXAMPLE, src);
        return ![...LEFT_BEHIND].some(
          (p) => rel === p || rel.startsWith(`${p}${sep}`) || rel.split(sep).includes("node_modules"),
        );
      },
    });
    // what `npm install` makes of the example's package.json files, with `wirecase` being this repo
    const modules = join(DIR, "node_modules");
    link(MODELS, join(modules, "@example", "models"));
    link(ROOT, join(modules, "wirecase"));
    link(join(ROOT, "node_modules", "typescript"), join(modules, "typescript"));
    link(join(modules, "wirecase", "bin", "wirecase.js"), join(modules, ".bin", "wirecase"));
    link(join(modules, "typescript", "bin", "tsc"), join(modules, ".bin", "tsc"));
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
