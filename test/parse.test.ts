/**
 * Generated `parseX` / `safeParseX` on spec/fine-tuning.yaml: one pass, every issue, wire and model paths,
 * constraints.
 */
import { readFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { derivedNames } from "../generator/naming/assign-names.js";
import { typeName } from "../generator/naming/casing.js";
import type { ParseIssue, SafeParseResult } from "../templates/runtime.js";
import { corpusEntries, generateInto, reportSkipped } from "./helpers.js";

type Fn = (value: unknown) => unknown;
let p: Record<string, Fn>;
let m: Record<string, Fn>;
let ParseError: new (issues: readonly ParseIssue[]) => Error & { issues: readonly ParseIssue[] };

const JOB = readFileSync(join(import.meta.dirname, "data", "fine-tuning-job.json"), "utf8");
const validJob = (): Record<string, unknown> => JSON.parse(JOB) as Record<string, unknown>;
const mutate = (f: (job: Record<string, unknown>) => void): Record<string, unknown> => {
  const job = validJob();
  f(job);
  return job;
};
const hyper = (j: Record<string, unknown>): Record<string, unknown> => j["hyperparameters"] as Record<string, unknown>;

/** The issues of a failed safeParse, as `[wirePath, modelPath, expected, received]`. */
function issuesOf(name: string, value: unknown): [string, string, string, string][] {
  const result = p[`safeParse${name}`]!(value) as SafeParseResult<unknown>;
  if (result.ok) throw new Error(`expected ${name} to be rejected`);
  return result.issues.map((i) => [i.wirePath, i.modelPath, i.expected, i.received]);
}

beforeAll(async () => {
  const { dir } = generateInto(join(import.meta.dirname, "..", "spec", "fine-tuning.yaml"), "parse");
  p = (await import(join(dir, "parse.ts"))) as Record<string, Fn>;
  m = (await import(join(dir, "mappers.ts"))) as Record<string, Fn>;
  ParseError = ((await import(join(dir, "runtime.ts"))) as { ParseError: typeof ParseError }).ParseError;
});

describe("generated parse", () => {
  it("maps a valid FineTuningJob exactly like the mapper, dropping unknown keys", () => {
    const wire = validJob();
    const withExtra = { ...validJob(), extra: 1, hyperparameters: { ...hyper(validJob()), unknown_knob: true } };
    expect(p.parseFineTuningJob!(withExtra)).toStrictEqual(m.fineTuningJobFromWire!(wire));
    const model = p.parseFineTuningJob!(wire) as Record<string, unknown>;
    expect(model["createdAt"]).toBe(1721764800);
    expect(model["hyperparameters"]).toStrictEqual({ nEpochs: "auto", batchSize: 4, learningRateMultiplier: 0.5 });
    expect(Object.keys(model)).toEqual(Object.keys(m.fineTuningJobFromWire!(wire) as object));
    expect(p.safeParseFineTuningJob!(wire)).toStrictEqual({ ok: true, value: model });
  });

  it("keeps record keys as data and Object.prototype names as ordinary keys", () => {
    const job = mutate(
      (j) => (j["metadata"] = JSON.parse('{"customer_id": "1", "__proto__": "x", "constructor": "y"}')),
    );
    const model = p.parseFineTuningJob!(job) as { metadata: Record<string, unknown> };
    expect(Object.keys(model.metadata)).toEqual(["customer_id", "__proto__", "constructor"]);
    expect(Object.getPrototypeOf(model.metadata)).toBe(Object.prototype);
  });

  it.each<[string, (j: Record<string, unknown>) => void, [string, string, string, string]]>([
    [
      "a wrong primitive",
      (j) => (j["created_at"] = "yesterday"),
      ["$.created_at", "createdAt", "integer", 'string "yesterday"'],
    ],
    ["a float where an integer is required", (j) => (j["seed"] = 4.2), ["$.seed", "seed", "integer", "number 4.2"]],
    [
      "a missing required key",
      (j) => delete j["organization_id"],
      ["$.organization_id", "organizationId", "string", "missing"],
    ],
    [
      "null where not nullable",
      (j) => (j["hyperparameters"] = null),
      ["$.hyperparameters", "hyperparameters", "object", "null"],
    ],
    [
      "a wrong nullable",
      (j) => (j["fine_tuned_model"] = 3),
      ["$.fine_tuned_model", "fineTunedModel", "string | null", "number 3"],
    ],
    [
      "an unknown enum member",
      (j) => (j["status"] = "paused"),
      [
        "$.status",
        "status",
        '"validating_files" | "queued" | "running" | "succeeded" | "failed" | "cancelled"',
        'string "paused"',
      ],
    ],
    ["a wrong const", (j) => (j["object"] = "list"), ["$.object", "object", '"fine_tuning.job"', 'string "list"']],
    [
      "a bad nested array element",
      (j) => ((j["result_files"] as unknown[])[1] = 7),
      ["$.result_files[1]", "resultFiles[1]", "string", "number 7"],
    ],
    [
      "a bad element inside a referenced object",
      (j) => ((j["integrations"] as { wandb: { tags: unknown[] } }[])[0]!.wandb.tags[0] = false),
      ["$.integrations[0].wandb.tags[0]", "integrations[0].wandb.tags[0]", "string", "boolean false"],
    ],
    [
      "n_epochs 0 (minimum 1)",
      (j) => (hyper(j)["n_epochs"] = 0),
      ["$.hyperparameters.n_epochs", "hyperparameters.nEpochs", "integer >= 1", "number 0"],
    ],
    [
      "n_epochs 51 (maximum 50)",
      (j) => (hyper(j)["n_epochs"] = 51),
      ["$.hyperparameters.n_epochs", "hyperparameters.nEpochs", "integer <= 50", "number 51"],
    ],
    [
      "n_epochs 1.5 (not an integer)",
      (j) => (hyper(j)["n_epochs"] = 1.5),
      ["$.hyperparameters.n_epochs", "hyperparameters.nEpochs", "integer", "number 1.5"],
    ],
    [
      "n_epochs of neither member",
      (j) => (hyper(j)["n_epochs"] = "many"),
      ["$.hyperparameters.n_epochs", "hyperparameters.nEpochs", '"auto" | integer', 'string "many"'],
    ],
    [
      "learning_rate_multiplier 0 (exclusiveMinimum 0)",
      (j) => (hyper(j)["learning_rate_multiplier"] = 0),
      [
        "$.hyperparameters.learning_rate_multiplier",
        "hyperparameters.learningRateMultiplier",
        "number > 0",
        "number 0",
      ],
    ],
    [
      "6 integrations (maxItems 5)",
      (j) => (j["integrations"] = Array.from({ length: 6 }, () => ({ type: "wandb", wandb: { project: "p" } }))),
      ["$.integrations", "integrations", "array of at most 5 items", "array of 6 items"],
    ],
    [
      "a record value of the wrong type",
      (j) => (j["metadata"] = { "weird key": 1 }),
      ['$.metadata["weird key"]', 'metadata["weird key"]', "string", "number 1"],
    ],
    ["a non-object", (j) => (j["error"] = "boom"), ["$.error", "error", "object", 'string "boom"']],
  ])("rejects %s with exact wire and model paths", (_, f, issue) => {
    expect(issuesOf("FineTuningJob", mutate(f))).toStrictEqual([issue]);
  });

  it("collects every issue, in document order, and throws them all in a ParseError", () => {
    const job = mutate((j) => {
      j["id"] = null;
      delete j["created_at"];
      hyper(j)["n_epochs"] = 0;
      hyper(j)["batch_size"] = 257;
      (j["result_files"] as unknown[]).push(1, "ok", {});
      j["status"] = "paused";
      j["seed"] = "42";
    });
    const expected = [
      ["$.id", "id", "string", "null"],
      ["$.created_at", "createdAt", "integer", "missing"],
      ["$.hyperparameters.n_epochs", "hyperparameters.nEpochs", "integer >= 1", "number 0"],
      ["$.hyperparameters.batch_size", "hyperparameters.batchSize", "integer <= 256", "number 257"],
      ["$.result_files[2]", "resultFiles[2]", "string", "number 1"],
      ["$.result_files[4]", "resultFiles[4]", "string", "object"],
      [
        "$.status",
        "status",
        '"validating_files" | "queued" | "running" | "succeeded" | "failed" | "cancelled"',
        'string "paused"',
      ],
      ["$.seed", "seed", "integer", 'string "42"'],
    ];
    expect(issuesOf("FineTuningJob", job)).toStrictEqual(expected);
    let thrown: unknown;
    try {
      p.parseFineTuningJob!(job);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ParseError);
    const error = thrown as InstanceType<typeof ParseError>;
    expect(error.issues.map((i) => [i.wirePath, i.modelPath, i.expected, i.received])).toStrictEqual(expected);
    expect(error.issues[0]!.message).toBe("$.id: expected string, received null");
    expect(error.message).toMatch(/^8 issues: \$\.id: expected string, received null; /);
  });

  it("paths run through lists of referenced objects", () => {
    const list = {
      object: "list",
      has_more: false,
      data: [validJob(), validJob(), validJob(), mutate((j) => (j["created_at"] = -0.5))],
    };
    expect(issuesOf("ListFineTuningJobsResponse", list)).toStrictEqual([
      ["$.data[3].created_at", "data[3].createdAt", "integer", "number -0.5"],
    ]);
    const model = p.parseListFineTuningJobsResponse!({ ...list, data: [validJob()] });
    expect(model).toStrictEqual(m.listFineTuningJobsResponseFromWire!({ ...list, data: [validJob()] }));
  });

  it("checks string length in code points and a request's constraints", () => {
    const request = (suffix: unknown, seed: unknown = 1): unknown => ({
      model: "gpt-4o-mini",
      training_file: "file-1",
      suffix,
      seed,
    });
    expect(p.parseCreateFineTuningJobRequest!(request("😀".repeat(64)))).toMatchObject({ suffix: "😀".repeat(64) });
    expect(issuesOf("CreateFineTuningJobRequest", request("😀".repeat(65)))).toStrictEqual([
      ["$.suffix", "suffix", "string of at most 64 characters", `string "${"😀".repeat(20)}…"`],
    ]);
    expect(issuesOf("CreateFineTuningJobRequest", request(""))).toStrictEqual([
      ["$.suffix", "suffix", "string of at least 1 character", 'string ""'],
    ]);
    expect(p.parseCreateFineTuningJobRequest!(request(null, null))).toMatchObject({ suffix: null, seed: null });
    expect(issuesOf("CreateFineTuningJobRequest", request("s", -1))).toStrictEqual([
      ["$.seed", "seed", "integer >= 0", "number -1"],
    ]);
    expect(issuesOf("CreateFineTuningJobRequest", request("s", 2147483648))).toStrictEqual([
      ["$.seed", "seed", "integer <= 2147483647", "number 2147483648"],
    ]);
  });

  it("reports a non-object at the root with an empty model path", () => {
    expect(issuesOf("FineTuningJob", [])).toStrictEqual([["$", "", "object", "array of 0 items"]]);
    expect(issuesOf("FineTuningJob", undefined)).toStrictEqual([["$", "", "object", "missing"]]);
  });

  it("safeParse never throws, whatever it is given", () => {
    const cyclic: Record<string, unknown> = validJob();
    (cyclic["hyperparameters"] as Record<string, unknown>)["n_epochs"] = cyclic;
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error("boom");
        },
      },
    );
    const deep: Record<string, unknown> = { object: "list", has_more: false, data: [] };
    for (const v of [undefined, null, 0, "x", [], {}, cyclic, hostile, deep, Symbol("s"), () => 1, 10n]) {
      const result = p.safeParseListFineTuningJobsResponse!(v) as SafeParseResult<unknown>;
      expect(typeof result.ok).toBe("boolean");
      const job = p.safeParseFineTuningJob!(v) as SafeParseResult<unknown>;
      expect(job.ok).toBe(false);
    }
    const thrown = p.safeParseFineTuningJob!(hostile) as SafeParseResult<unknown>;
    expect(thrown.ok).toBe(false);
  });

  it("a union without discriminator takes the first member whose shape matches", () => {
    // model: string | CreateFineTuningJobRequestModel (an enum): any string parses as the first member
    const request = (model: unknown): unknown => ({ model, training_file: "file-1" });
    expect(p.parseCreateFineTuningJobRequest!(request("my-model"))).toStrictEqual({
      model: "my-model",
      trainingFile: "file-1",
    });
    expect(issuesOf("CreateFineTuningJobRequest", request(3))).toStrictEqual([
      ["$.model", "model", "string | CreateFineTuningJobRequestModel", "number 3"],
    ]);
    expect(issuesOf("CreateFineTuningJobRequestModel", "my-model")).toStrictEqual([
      ["$", "", '"babbage-002" | "davinci-002" | "gpt-3.5-turbo" | "gpt-4o-mini"', 'string "my-model"'],
    ]);
  });
});

describe("guards and parse on hostile names (spec/cases/hostile.yaml)", () => {
  it("treat __proto__, constructor and toString as ordinary data keys", async () => {
    const { dir } = generateInto(join(import.meta.dirname, "..", "spec", "cases", "hostile.yaml"), "parse-hostile");
    const guards = (await import(join(dir, "guards.ts"))) as Record<string, (v: unknown) => boolean>;
    const parse = (await import(join(dir, "parse.ts"))) as Record<string, Fn>;
    const mappers = (await import(join(dir, "mappers.ts"))) as Record<string, Fn>;
    const wire = JSON.parse('{"__proto__": "p", "constructor": 1, "toString": "s"}') as unknown;
    expect(guards.isHostileWire!(wire)).toBe(true);
    const model = parse.parseHostile!(wire) as object;
    expect(Object.getPrototypeOf(model)).toBe(Object.prototype);
    expect(Object.hasOwn(model, "__proto__")).toBe(true);
    expect(model).toStrictEqual(mappers.hostileFromWire!(wire));
    // absent: the names on Object.prototype do not count as present
    expect(guards.isHostileWire!({})).toBe(false);
    const issues = (parse.safeParseHostile!({}) as SafeParseResult<unknown> & { ok: false }).issues.map(
      (i) => i.wirePath,
    );
    expect(issues).toEqual(["$.__proto__", "$.constructor"]);
    expect(({} as Record<string, unknown>)["p"]).toBeUndefined();
  });
});

// ---- corpus: every x-oaiMeta.example on a component schema must pass isXWire and parseX -----------------------

interface Defect {
  readonly spec: string;
  readonly schema: string;
  readonly reason: string;
}

const DEFECTS_FILE = join(import.meta.dirname, "data", "example-defects.json");
/**
 * The file is shared with the mapper round-trip tests. Entries about the type (what guards and parse check)
 * have a reason starting with this; the others (undeclared keys, unions the mappers' rule gets wrong) are
 * values that guards and parse accept by design (unknown keys are allowed; parse tries the other members).
 */
const TYPE_DEFECT = "example does not fit the schema";
const openAiSpecs = corpusEntries((name) => /^openai-.*\.ya?ml$/.test(name));

/** JSON examples given as `x-oaiMeta.example` strings on component schemas, by schema name. */
function oaiExamples(spec: string): { schema: string; example: unknown }[] {
  const doc = parseYaml(readFileSync(spec, "utf8"), { maxAliasCount: -1 }) as {
    components?: { schemas?: Record<string, { "x-oaiMeta"?: { example?: unknown } }> };
  };
  const out: { schema: string; example: unknown }[] = [];
  for (const [schema, s] of Object.entries(doc.components?.schemas ?? {})) {
    const text = s?.["x-oaiMeta"]?.example;
    if (typeof text !== "string") continue;
    try {
      out.push({ schema, example: JSON.parse(text) });
    } catch {
      // not JSON (several examples are pseudo-code): nothing to check
    }
  }
  return out;
}

describe("corpus: x-oaiMeta examples", () => {
  reportSkipped(openAiSpecs, "x-oaiMeta examples through guards and parse");
  for (const { name: file, path: spec, present } of openAiSpecs) {
    it.skipIf(!present)(
      `${file}: every JSON example passes isXWire and parseX, or is a listed spec defect`,
      async () => {
        const defects = JSON.parse(readFileSync(DEFECTS_FILE, "utf8")) as Defect[];
        const { dir } = generateInto(spec, `examples-${basename(file, extname(file))}`);
        const guards = (await import(join(dir, "guards.ts"))) as Record<string, (v: unknown) => boolean>;
        const parse = (await import(join(dir, "parse.ts"))) as Record<string, (v: unknown) => SafeParseResult<unknown>>;
        const examples = oaiExamples(spec);
        expect(examples.length).toBeGreaterThan(0);
        const problems: string[] = [];
        for (const { schema, example } of examples) {
          const n = derivedNames(typeName([schema]));
          const guard = guards[n.isWire];
          const safeParse = parse[n.safeParse];
          if (guard === undefined || safeParse === undefined) {
            problems.push(`${schema}: no ${n.isWire}/${n.safeParse} in the output`);
            continue;
          }
          const result = safeParse(example);
          const accepted = guard(example) && result.ok;
          const listed = defects.some(
            (d) => d.spec === file && d.schema === schema && d.reason.startsWith(TYPE_DEFECT),
          );
          if (!accepted && !listed) {
            const why = result.ok
              ? "isXWire rejects it, parse accepts it"
              : result.issues
                  .slice(0, 4)
                  .map((i) => i.message)
                  .join("; ");
            problems.push(
              `${schema}: example rejected and not listed in test/data/example-defects.json ` +
                `(reason "${TYPE_DEFECT}: ..."): ${why}`,
            );
          }
          if (accepted && listed)
            problems.push(`${schema}: listed in test/data/example-defects.json but now accepted: remove it`);
        }
        expect(problems).toEqual([]);
      },
    );
  }
});
