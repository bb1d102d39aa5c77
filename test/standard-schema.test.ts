/**
 * Standard Schema v1 (issue 15): every model's `xSchema` (here `fineTuningJobSchema`, from spec/fine-tuning.yaml).
 * At the type level against `@standard-schema/spec` itself (the runtime copies its interfaces: both directions
 * must be assignable, and InferInput/InferOutput must be the wire type and the model); at run time through a
 * real consumer that takes any Standard Schema (Hono's `@hono/standard-validator` on a JSON request body), and
 * `validate` against `safeParse` on the example job, mutations of it and arbitrary JSON.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sValidator } from "@hono/standard-validator";
import fc from "fast-check";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SafeParseResult, StandardSchemaResult, StandardSchemaV1 } from "../templates/runtime.js";
import { formatPath } from "../templates/runtime.js";
import { generateInto, ROOT, typecheck } from "./helpers.js";

const JOB = JSON.parse(readFileSync(join(ROOT, "test", "data", "fine-tuning-job.json"), "utf8")) as Record<
  string,
  unknown
>;

let dir = "";
let schema: StandardSchemaV1<unknown, { id: string; hyperparameters: { nEpochs: unknown } }>;
let safeParse: (json: unknown) => SafeParseResult<unknown>;

beforeAll(async () => {
  dir = generateInto(join(ROOT, "spec", "fine-tuning.yaml"), "standard-schema/generated").dir;
  const parse = (await import(join(dir, "parse.ts"))) as Record<string, unknown>;
  schema = parse["fineTuningJobSchema"] as typeof schema;
  safeParse = parse["safeParseFineTuningJob"] as typeof safeParse;
});

/** `validate`, synchronous as wirecase's is (a Promise would fail here). */
function validate(value: unknown): StandardSchemaResult<unknown> {
  const result = schema["~standard"].validate(value);
  if (result instanceof Promise) throw new Error("validate returned a Promise");
  return result;
}

describe("Standard Schema v1: fineTuningJobSchema", () => {
  it("is version 1 from vendor wirecase, with no types object at run time", () => {
    expect(schema["~standard"].version).toBe(1);
    expect(schema["~standard"].vendor).toBe("wirecase");
    expect(schema["~standard"].types).toBeUndefined();
  });

  it("validate is safeParse: the model, or the same issues with the wire path as keys and indexes", () => {
    const bad = { ...JOB, hyperparameters: { n_epochs: 0 }, result_files: ["a", 7] };
    expect(validate(JOB)).toStrictEqual({ value: (safeParse(JOB) as { value: unknown }).value });
    expect(validate(bad)).toStrictEqual({
      issues: [
        { message: "expected integer >= 1, received number 0", path: ["hyperparameters", "n_epochs"] },
        { message: "expected string, received number 7", path: ["result_files", 1] },
      ],
    });
  });

  it("agrees with safeParse on mutations of the example job and on arbitrary JSON", () => {
    const same = (value: unknown): void => {
      const parsed = safeParse(value);
      const result = validate(value);
      if (parsed.ok) expect(result).toStrictEqual({ value: parsed.value });
      else {
        expect(result.issues, JSON.stringify(value)).toBeDefined();
        const shown = result.issues!.map((i) => `${formatPath(i.path as (string | number)[], "$")}: ${i.message}`);
        expect(shown).toStrictEqual(parsed.issues.map((i) => i.message));
      }
    };
    const leaves = fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.boolean(), fc.constant({}));
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(JOB)), leaves, (key, leaf) => same({ ...JOB, [key]: leaf })),
      { numRuns: 300, seed: 15 },
    );
    fc.assert(fc.property(fc.jsonValue(), same), { numRuns: 300, seed: 15 });
  });
});

describe("a real consumer: Hono's sValidator on a JSON body", () => {
  const app = (): Hono =>
    new Hono().post("/jobs", sValidator("json", schema), (c) => {
      const job = c.req.valid("json");
      return c.json({ id: job.id, nEpochs: job.hyperparameters.nEpochs });
    });
  const post = (body: unknown): Promise<Response> =>
    Promise.resolve(
      app().request("/jobs", {
        method: "POST",
        body: JSON.stringify(body),
        headers: { "content-type": "application/json" },
      }),
    );

  it("a valid body reaches the handler as the model (camelCase keys)", async () => {
    const response = await post(JOB);
    expect(response.status).toBe(200);
    expect(await response.json()).toStrictEqual({ id: "ftjob-abc123", nEpochs: "auto" });
  });

  it("an invalid body is refused with 400 and the issues, wire paths as keys", async () => {
    const response = await post({ ...JOB, hyperparameters: { n_epochs: 0 } });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { success: boolean; error: { message: string; path: unknown[] }[] };
    expect(body.success).toBe(false);
    expect(body.error).toStrictEqual([
      { message: "expected integer >= 1, received number 0", path: ["hyperparameters", "n_epochs"] },
    ]);
  });
});

describe("type level, against @standard-schema/spec", () => {
  const file = (): string => join(dir, "..", "standard-checks.ts");
  afterAll(() => rmSync(file(), { force: true }));

  it("both ways assignable; InferInput is the wire type, InferOutput the model; the wrong pair is an error", () => {
    writeFileSync(
      file(),
      `import type { StandardSchemaV1 } from "@standard-schema/spec";
import { fineTuningJobSchema, type FineTuningJob, type FineTuningJobWire } from "./generated/index.js";
import type { StandardSchemaV1 as Ours } from "./generated/runtime.js";

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export const spec: StandardSchemaV1<FineTuningJobWire, FineTuningJob> = fineTuningJobSchema;
export const back: Ours<FineTuningJobWire, FineTuningJob> = spec;
export const input: Equals<StandardSchemaV1.InferInput<typeof fineTuningJobSchema>, FineTuningJobWire> = true;
export const output: Equals<StandardSchemaV1.InferOutput<typeof fineTuningJobSchema>, FineTuningJob> = true;
// @ts-expect-error the model is not the input
export const wrong: StandardSchemaV1<FineTuningJob, FineTuningJob> = fineTuningJobSchema;
`,
    );
    expect(typecheck(join(dir, ".."))).toBe("");
  });
});
