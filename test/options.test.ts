/** The two forward-compatibility options, applied consistently to types, mappers, guards, parse and docs. */
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generate, type GenerateOptions } from "../generator/generate.js";
import { writeFiles } from "../generator/write/write-files.js";
import { ROOT, SCRATCH, typecheck } from "./helpers.js";

type Fn = (value: unknown) => unknown;
type Module = Record<string, Fn>;

const SPEC = join(ROOT, "spec", "fine-tuning.yaml");
const JOB = {
  id: "ftjob-abc",
  created_at: 1,
  error: null,
  fine_tuned_model: null,
  finished_at: null,
  hyperparameters: { n_epochs: "auto" },
  model: "gpt-4o-mini",
  object: "fine_tuning.job",
  organization_id: "org-1",
  result_files: [],
  status: "queued",
  trained_tokens: null,
  training_file: "file-1",
  validation_file: null,
  seed: 42,
};

async function build(
  name: string,
  options: Omit<GenerateOptions, "input">,
): Promise<{ dir: string; mod: Module; text: (path: string) => string }> {
  const result = generate({ input: SPEC, ...options });
  expect(result.diagnostics).toEqual([]);
  const dir = join(SCRATCH, `options-${name}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFiles(dir, result.files);
  const mod = (await import(join(dir, "index.ts"))) as Module;
  return { dir, mod, text: (path) => result.files.find((f) => f.path === path)!.text };
}

describe("openEnums", () => {
  let open: Awaited<ReturnType<typeof build>>;
  let closed: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    open = await build("open", { openEnums: true });
    closed = await build("closed", {});
  });

  it("types an open enum as Known | (string & {}) with a way to tell known values", () => {
    const types = open.text("types.ts");
    expect(types).toContain(
      'export type FineTuningJobStatusKnown = "validating_files" | "queued" | "running" | ' +
        '"succeeded" | "failed" | "cancelled";',
    );
    expect(types).toContain("export type FineTuningJobStatus = FineTuningJobStatusKnown | (string & {});");
    expect(open.mod["isKnownFineTuningJobStatus"]!("queued")).toBe(true);
    expect(open.mod["isKnownFineTuningJobStatus"]!("paused")).toBe(false);
    expect(open.text("docs/FineTuningJobStatus.md")).toContain("Open enum: any other string is accepted too");
  });

  it("guards and parse accept an unlisted string when open, refuse it when closed", () => {
    const paused = { ...JOB, status: "paused" };
    expect(open.mod["isFineTuningJobWire"]!(paused)).toBe(true);
    expect((open.mod["parseFineTuningJob"]!(paused) as { status: string }).status).toBe("paused");
    expect(open.mod["isFineTuningJobWire"]!({ ...JOB, status: 3 })).toBe(false);
    expect(closed.mod["isFineTuningJobWire"]!(paused)).toBe(false);
    expect(closed.mod["safeParseFineTuningJob"]!(paused)).toMatchObject({
      ok: false,
      issues: [{ wirePath: "$.status", modelPath: "status" }],
    });
  });

  it("the open output type-checks", () => {
    expect(typecheck(open.dir)).toBe("");
  });
});

describe("unknownKeys", () => {
  const extra = { ...JOB, brand_new: { a_b: 1 }, hyperparameters: { n_epochs: 3, future_knob: true } };
  let strip: Awaited<ReturnType<typeof build>>;
  let keep: Awaited<ReturnType<typeof build>>;
  let reject: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    strip = await build("strip", {});
    keep = await build("keep", { unknownKeys: "keep" });
    reject = await build("reject", { unknownKeys: "reject" });
  });

  it("strip (default): accepted, and dropped by mappers and parse", () => {
    expect(strip.mod["isFineTuningJobWire"]!(extra)).toBe(true);
    for (const model of [strip.mod["fineTuningJobFromWire"]!(extra), strip.mod["parseFineTuningJob"]!(extra)] as Record<
      string,
      unknown
    >[]) {
      expect(model).not.toHaveProperty("brand_new");
      expect(model["hyperparameters"]).toStrictEqual({ nEpochs: 3 });
    }
  });

  it("keep: accepted, and copied untouched (not renamed) by mappers and parse, both ways", () => {
    expect(keep.mod["isFineTuningJobWire"]!(extra)).toBe(true);
    for (const model of [keep.mod["fineTuningJobFromWire"]!(extra), keep.mod["parseFineTuningJob"]!(extra)] as Record<
      string,
      unknown
    >[]) {
      expect(model["brand_new"]).toStrictEqual({ a_b: 1 });
      expect(model["hyperparameters"]).toStrictEqual({ nEpochs: 3, future_knob: true });
    }
    const back = keep.mod["fineTuningJobToWire"]!(keep.mod["fineTuningJobFromWire"]!(extra)) as Record<string, unknown>;
    expect(back).toStrictEqual(extra);
  });

  it("reject: guards refuse, parse reports each undeclared key with its path", () => {
    expect(reject.mod["isFineTuningJobWire"]!(extra)).toBe(false);
    expect(reject.mod["isFineTuningJobWire"]!(JOB)).toBe(true);
    const result = reject.mod["safeParseFineTuningJob"]!(extra) as {
      ok: boolean;
      issues: { wirePath: string; modelPath: string; expected: string }[];
    };
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => [i.wirePath, i.modelPath])).toEqual([
      ["$.hyperparameters.future_knob", "hyperparameters.future_knob"],
      ["$.brand_new", "brand_new"],
    ]);
  });

  it("keep and reject outputs type-check", () => {
    expect(typecheck(keep.dir)).toBe("");
    expect(typecheck(reject.dir)).toBe("");
  });
});
