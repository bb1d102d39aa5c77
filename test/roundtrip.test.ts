/**
 * Property tests of the generated mappers, for every declaration of spec/fine-tuning.yaml and of each corpus
 * spec: for any valid wire value x (test/arbitrary.ts),
 * - `toWire(fromWire(x))` is x: same keys, same key order, null and absent kept apart, same prototypes;
 * - `fromWire(toWire(m))` is m, where m = fromWire(x);
 * - neither mapper mutates its input (inputs are deep-frozen: a write throws) and no prototype changes.
 *
 * Seeds are fixed per declaration so a run is reproducible; set WIRECASE_FC_SEED to explore other values.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { locationId } from "../generator/load/resolve-ref.js";
import { makePlan } from "../generator/plan/index.js";
import { fromWireValue } from "../generator/plan/interpret.js";
import { checkRoundTrip, containsFail, loadModel, problem, WireArbitraries, type Model } from "./arbitrary.js";
import { corpusEntries, generateInto, reportSkipped, ROOT } from "./helpers.js";

type Mapper = (value: unknown) => unknown;

/** Runs per declaration: more for the hand-written spec, fewer for the large real ones. */
const RUNS: Record<string, number> = {
  "fine-tuning.yaml": 300,
  "openai-2024-01.yaml": 60,
  "openai-2024-04.yaml": 50,
  "openai-2026-08.yaml": 25,
  "github-api.json": 10,
};
const SEED_OFFSET = Number(process.env["WIRECASE_FC_SEED"] ?? 0);

function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h + SEED_OFFSET) | 0;
}

const CORPUS = corpusEntries();
const SPECS = [{ name: "fine-tuning.yaml", path: join(ROOT, "spec", "fine-tuning.yaml"), present: true }, ...CORPUS];
reportSkipped(CORPUS, "mapper round trips");

describe("mapper round trips over generated wire values", () => {
  for (const { name, path: spec, present } of SPECS) {
    it.skipIf(!present)(`every declaration of ${name}`, async () => {
      const started = performance.now();
      const { dir } = generateInto(spec, `roundtrip-${name.replace(/\W/g, "-")}`);
      const mappers = (await import(join(dir, "mappers.ts"))) as Record<string, Mapper>;
      const model = loadModel(spec);
      const arbitraries = new WireArbitraries(model);
      const numRuns = RUNS[name] ?? 20;
      const failures: string[] = [];
      const noValue: string[] = [];
      let checked = 0;
      const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();
      // a parameter set is only sent (plan/directions.ts): its toWire is checked against the plan's interpreter
      // of fromWire (plan/interpret.ts), and it has no fromWire of its own
      const plan = makePlan(model.ir, model.names, { unknownKeys: "strip" });
      for (const decl of model.ir.decls) {
        const names = model.names.decl(decl.id);
        const read = plan.directions.read(decl.id);
        if (!read && mappers[names.fromWire] !== undefined) failures.push(`${names.model}: sent only, has fromWire`);
        const fromWire = read ? mappers[names.fromWire] : (x: unknown) => fromWireValue(plan, decl.id, x);
        const toWire = mappers[names.toWire];
        if (fromWire === undefined || toWire === undefined) {
          failures.push(`${names.model}: no ${names.fromWire}/${names.toWire} in mappers.ts`);
          continue;
        }
        const arb = arbitraries.forDecl(decl.id);
        if (arb === null) {
          noValue.push(names.model);
          continue;
        }
        const result = fc.check(
          fc.property(arb, (x) => {
            fc.pre(!containsFail(x));
            checkRoundTrip(fromWire, toWire, x);
          }),
          { numRuns, seed: seedOf(decl.id), maxSkipsPerRun: 20 },
        );
        checked++;
        if (result.failed) {
          const reason =
            result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
          failures.push(
            `${names.model} (${decl.id.slice(decl.id.indexOf("#"))}), seed ${result.seed}: ${reason.slice(0, 1500)}\n` +
              `  counterexample: ${fc.stringify(result.counterexample).slice(0, 1500)}`,
          );
        }
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(
        `${name}: ${checked} of ${model.ir.decls.length} declarations checked, ${numRuns} runs each, ` +
          `${failures.length} failing, ${noValue.length} without any finite value` +
          `${noValue.length > 0 ? ` (${noValue.join(", ")})` : ""}, ${seconds} s`,
      );
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
      expect(failures).toEqual([]);
      // a run that checks (almost) nothing proves nothing
      expect(checked).toBeGreaterThanOrEqual(model.ir.decls.length * 0.98);
    });
  }
});

// ---- x-oaiMeta examples ----------------------------------------------------------------------------------

interface ExampleDefect {
  readonly spec: string;
  readonly schema: string;
  readonly reason: string;
}

const DEFECTS_FILE = join(ROOT, "test", "data", "example-defects.json");

/** The JSON examples (`x-oaiMeta.example`, a string) of a spec's component schemas that parse. */
function oaiExamples(model: Model): { schema: string; id: string; example: unknown }[] {
  const doc = model.specs.files.get(model.specs.root)!.value as { components?: { schemas?: Record<string, unknown> } };
  const out: { schema: string; id: string; example: unknown }[] = [];
  for (const [schema, value] of Object.entries(doc.components?.schemas ?? {})) {
    const meta = (value as { "x-oaiMeta"?: { example?: unknown } } | null)?.["x-oaiMeta"];
    if (typeof meta?.example !== "string") continue;
    let example: unknown;
    try {
      example = JSON.parse(meta.example);
    } catch {
      continue;
    }
    out.push({ schema, id: locationId({ file: model.specs.root, path: ["components", "schemas", schema] }), example });
  }
  return out;
}

describe("x-oaiMeta examples of the OpenAI corpus specs round-trip", () => {
  const specs = corpusEntries((name) => name.startsWith("openai-"));
  reportSkipped(specs, "x-oaiMeta example round trips");
  for (const { name, path: spec, present } of specs) {
    it.skipIf(!present)(name, async () => {
      const defects = existsSync(DEFECTS_FILE)
        ? (JSON.parse(readFileSync(DEFECTS_FILE, "utf8")) as ExampleDefect[])
        : [];
      const listed = new Set(defects.filter((d) => d.spec === name).map((d) => d.schema));
      const { dir } = generateInto(spec, `examples-${name.replace(/\W/g, "-")}`);
      const mappers = (await import(join(dir, "mappers.ts"))) as Record<string, Mapper>;
      const model = loadModel(spec);
      const examples = oaiExamples(model);
      const unlisted: string[] = [];
      const hidden: string[] = [];
      let exact = 0;
      for (const { schema, id, example } of examples) {
        const decl = model.decls.get(id)!;
        const names = model.names.decl(id);
        let error: string | undefined;
        try {
          checkRoundTrip(mappers[names.fromWire]!, mappers[names.toWire]!, example, false);
        } catch (e) {
          error = e instanceof Error ? e.message.split("\n")[0]! : String(e);
        }
        if (error === undefined) {
          exact++;
          continue;
        }
        const why = problem(decl.node, example, model.decls, [], true);
        if (!listed.has(schema))
          unlisted.push(
            `${schema}: ${error}; ` +
              `${why === undefined ? "the example fits its schema: a mapper bug" : `defect: ${why}`}`,
          );
        // a listed example that fits its schema but does not round-trip is a mapper bug, not a spec defect
        else if (why === undefined) hidden.push(`${schema}: ${error}, though the example fits its schema`);
      }
      console.log(
        `${name}: ${examples.length} parsed examples, ${exact} round-trip exactly, ` +
          `${examples.length - exact} do not (listed as spec defects)`,
      );
      expect(unlisted).toEqual([]);
      expect(hidden).toEqual([]);
      expect(examples.length).toBeGreaterThan(0);
    });
  }
});
