/** Generated guards (`isXWire`, `isX`) on spec/fine-tuning.yaml: deep type checks, no constraints. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generateInto } from "./helpers.js";

type Guard = (value: unknown) => boolean;
let g: Record<string, Guard>;
let m: Record<string, (value: unknown) => unknown>;

const JOB = readFileSync(join(import.meta.dirname, "data", "fine-tuning-job.json"), "utf8");
/** A valid FineTuningJob as it travels (test/data/fine-tuning-job.json). */
const validJob = (): Record<string, unknown> => JSON.parse(JOB) as Record<string, unknown>;

const mutate = (f: (job: Record<string, unknown>) => void): Record<string, unknown> => {
  const job = validJob();
  f(job);
  return job;
};

beforeAll(async () => {
  const { dir } = generateInto(join(import.meta.dirname, "..", "spec", "fine-tuning.yaml"), "guards");
  g = (await import(join(dir, "guards.ts"))) as Record<string, Guard>;
  m = (await import(join(dir, "mappers.ts"))) as Record<string, (value: unknown) => unknown>;
});

describe("generated guards", () => {
  it("accept a valid FineTuningJob on the wire, and its model form", () => {
    const wire = validJob();
    expect(g.isFineTuningJobWire!(wire)).toBe(true);
    expect(g.isFineTuningJob!(wire)).toBe(false); // snake_case keys are not the model
    const model = m.fineTuningJobFromWire!(wire);
    expect(g.isFineTuningJob!(model)).toBe(true);
    expect(g.isFineTuningJobWire!(model)).toBe(false);
  });

  it("accept unknown keys and absent optional keys", () => {
    expect(g.isFineTuningJobWire!(mutate((j) => (j["extra"] = { anything: 1 })))).toBe(true);
    expect(g.isFineTuningJobWire!(mutate((j) => delete j["integrations"]))).toBe(true);
    expect(g.isFineTuningJobWire!(mutate((j) => (j["integrations"] = null)))).toBe(true);
  });

  it.each<[string, (j: Record<string, unknown>) => void]>([
    ["wrong primitive", (j) => (j["id"] = 5)],
    ["float where integer", (j) => (j["created_at"] = 1.5)],
    ["missing required key", (j) => delete j["model"]],
    ["null where not nullable", (j) => (j["seed"] = null)],
    ["unknown enum member", (j) => (j["status"] = "paused")],
    ["wrong const", (j) => (j["object"] = "list")],
    ["bad nested array element", (j) => ((j["result_files"] as unknown[])[1] = 7)],
    ["bad element deep inside", (j) => ((j["integrations"] as { wandb: { tags: unknown[] } }[])[0]!.wandb.tags[0] = 1)],
    ["union member of neither type", (j) => ((j["hyperparameters"] as Record<string, unknown>)["n_epochs"] = "many")],
    ["present optional key that is undefined", (j) => (j["estimated_finish"] = undefined)],
    ["record value of the wrong type", (j) => (j["metadata"] = { a: 1 })],
    ["array instead of object", (j) => (j["hyperparameters"] = [])],
  ])("reject %s", (_, f) => {
    expect(g.isFineTuningJobWire!(mutate(f))).toBe(false);
  });

  it("do not check constraints (parse does)", () => {
    expect(
      g.isFineTuningJobWire!(mutate((j) => ((j["hyperparameters"] as Record<string, unknown>)["n_epochs"] = 0))),
    ).toBe(true);
    expect(
      g.isFineTuningJobWire!(
        mutate(
          (j) => (j["integrations"] = Array.from({ length: 6 }, () => ({ type: "wandb", wandb: { project: "p" } }))),
        ),
      ),
    ).toBe(true);
  });

  it("reject non-objects and read Object.prototype names as data", () => {
    for (const v of [null, undefined, "x", 1, [], true]) expect(g.isFineTuningJobWire!(v)).toBe(false);
    expect(g.isMetadataWire!(JSON.parse('{"__proto__": "x", "constructor": "y"}'))).toBe(true);
    expect(g.isMetadataWire!(JSON.parse('{"toString": 1}'))).toBe(false);
    expect(g.isMetadataWire!(null)).toBe(true);
  });

  it("check lists by calling the other guards", () => {
    expect(
      g.isListFineTuningJobsResponseWire!({ object: "list", data: [validJob(), validJob()], has_more: false }),
    ).toBe(true);
    expect(
      g.isListFineTuningJobsResponseWire!({
        object: "list",
        data: [validJob(), mutate((j) => delete j["id"])],
        has_more: false,
      }),
    ).toBe(false);
  });
});
