/**
 * The plan's interpreters (generator/plan/interpret.ts, check-value.ts), which the doc pages' Example sections run
 * at generation time, against the generated code itself as the oracle (it shares no code with them: it is printed
 * by emit/mappers.ts and emit/parse/ and run here):
 *
 *   from-wire   fromWireValue(plan, X, v) deep-equals the generated xFromWire(v) (both throw, or neither)
 *   verdict     wireIssues(plan, X, v) is empty exactly when the generated safeParseX(v).ok
 *
 * for every example of every declaration in the corpus specs (`examples`, `example`, `x-oaiMeta.example`; a spec
 * that is absent is skipped, saying so), for json-schema-faker values of a sample of each spec's components that
 * ajv finds valid (test/oracle.ts), and for mutations of those (so the verdict is tested on invalid values too).
 * Generated with `include` (the components with examples and the sample), the plan built with the same options.
 */
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { generate } from "../generator/generate.js";
import { buildIr } from "../generator/ir/build/index.js";
import type { Decl } from "../generator/ir/types.js";
import { checkSpec } from "../generator/load/check-spec.js";
import { readSpec } from "../generator/load/read-spec.js";
import { assignNames } from "../generator/naming/assign-names.js";
import { wireIssues } from "../generator/plan/check-value.js";
import { makePlan, type Plan } from "../generator/plan/index.js";
import { fromWireValue } from "../generator/plan/interpret.js";
import { applyTransforms } from "../generator/transform/index.js";
import { selectDecls } from "../generator/transform/select.js";
import { writeFiles } from "../generator/write/write-files.js";
import { corpusEntries, reportSkipped, SCRATCH } from "./helpers.js";
import { hash, mutate, oracleDocument, random, readDocument } from "./oracle.js";

/** Components of each spec whose faker values are checked, values kept per component, mutations per value. */
const SAMPLE = 25;
const VALUES = 3;
const MUTATIONS = 4;

const entries = corpusEntries();
reportSkipped(entries, "interpreters vs generated code");

type Module = Record<string, unknown>;
type Outcome = { value: unknown } | { threw: true };

function run(f: () => unknown): Outcome {
  try {
    return { value: f() };
  } catch {
    return { threw: true };
  }
}

/** The plan of a spec with `include`, built the way `generate` builds it (same defaults, the same transforms). */
function planOf(
  path: string,
  include?: readonly string[],
  options: Options = {},
): { plan: Plan; decls: readonly Decl[] } {
  const specs = readSpec(path);
  const built = buildIr(specs, checkSpec(specs));
  const selected = selectDecls(built.ir, include === undefined ? {} : { include: [...include] }, specs.root);
  const ir = applyTransforms(selected.ir, options);
  return { plan: makePlan(ir, assignNames(ir).names, { unknownKeys: "strip" }), decls: ir.decls };
}

/**
 * A value with each `Date` as the text of its time (`NaN` for an invalid one: both sides map a mutation's wrong value
 * to an invalid `Date`, and `isDeepStrictEqual` finds two of those different, as NaN is not NaN).
 */
function instants(value: unknown): unknown {
  if (value instanceof Date) return { date: String(value.getTime()) };
  if (Array.isArray(value)) return value.map(instants);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) {
    Object.defineProperty(out, k, { value: instants((value as Record<string, unknown>)[k]), enumerable: true });
  }
  return Object.setPrototypeOf(out, Object.getPrototypeOf(value));
}

/** The component a declaration is written in (`#/components/schemas/X/...` → X). */
function componentOf(d: Decl): string | undefined {
  const p = d.origin.path;
  return p[0] === "components" && p[1] === "schemas" ? p[2] : undefined;
}

/** The options both sides are built with: the defaults, or `dates: "Date"` (instants as `Date`s). */
type Options = { readonly dates?: "Date" };

describe("interpreters = generated code", () => {
  // the defaults on every spec; dates on for OpenAI 2026-08 (144 Unix timestamps) and GitHub (1,101 date-times)
  const runs = entries.flatMap((entry) => [
    { entry, options: {} as Options },
    ...(entry.name === "openai-2026-08.yaml" || entry.name === "github-api.json"
      ? [{ entry, options: { dates: "Date" } as Options }]
      : []),
  ]);
  for (const { entry, options } of runs) {
    it.skipIf(!entry.present)(
      `${entry.name}${options.dates === undefined ? "" : ' with dates: "Date"'}: examples, faker values and mutations`,
      async () => {
        const full = planOf(entry.path, undefined, options);
        const withExamples = full.decls.filter((d) => (d.doc.examples ?? []).length > 0);
        const doc = oracleDocument(readDocument(entry.path));
        const sample = doc.names
          .filter((n) => !n.includes("*"))
          .sort((a, b) => hash(`interpret ${a}`) - hash(`interpret ${b}`) || (a < b ? -1 : 1))
          .slice(0, SAMPLE);
        const include = [
          ...new Set([...withExamples.map(componentOf).filter((n) => n !== undefined), ...sample]),
        ].filter((n) => !n.includes("*"));
        const { plan, decls } = planOf(entry.path, include, options);
        const result = generate({ input: entry.path, include, ...options });
        expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        const dir = join(SCRATCH, `interpret-${entry.name}${options.dates === undefined ? "" : "-dates"}`);
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        writeFiles(dir, result.files);
        const [mappers, parse] = (await Promise.all(["mappers.ts", "parse.ts"].map((f) => import(join(dir, f))))) as [
          Module,
          Module,
        ];
        const failures: string[] = [];
        const counts = { examples: 0, invalidExamples: 0, faker: 0, mutations: 0, invalidMutations: 0 };
        const check = (d: Decl, value: unknown, what: string): boolean => {
          const n = plan.names.decl(d.id);
          const fromWire = mappers[n.fromWire] as (v: unknown) => unknown;
          const safeParse = parse[n.safeParse] as (v: unknown) => { ok: boolean };
          const ok = safeParse(value).ok;
          const issues = wireIssues(plan, d.id, value);
          if (ok !== (issues.length === 0)) {
            failures.push(
              `${what} ${n.model}: verdict ${issues.length === 0} but safeParse ok ${ok}: ` +
                JSON.stringify(issues.slice(0, 3)),
            );
          }
          const mine = run(() => fromWireValue(plan, d.id, value));
          const theirs = run(() => fromWire(value));
          if (!isDeepStrictEqual(instants(mine), instants(theirs)))
            failures.push(`${what} ${n.model}: fromWire differs`);
          return ok;
        };
        const byId = new Map(decls.map((d) => [d.id, d]));
        for (const d0 of withExamples) {
          const d = byId.get(d0.id);
          if (d === undefined) continue;
          for (const example of d.doc.examples ?? []) {
            counts.examples++;
            if (!check(d, example, "example")) counts.invalidExamples++;
          }
        }
        const components = new Map(decls.filter((d) => d.source === "component").map((d) => [componentOf(d), d]));
        for (const name of sample) {
          const d = components.get(name);
          if (d === undefined) continue;
          const validate = run(() => doc.validator(`/$defs/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`));
          if (!("value" in validate)) continue;
          const ajv = validate.value as (v: unknown) => boolean;
          let kept = 0;
          for (let seed = 1; seed <= VALUES * 2 && kept < VALUES; seed++) {
            const drawn = run(() => doc.fake(name, hash(`${name} ${seed}`), seed));
            if (!("value" in drawn) || !ajv(drawn.value)) continue;
            kept++;
            counts.faker++;
            check(d, drawn.value, "faker");
            for (const m of mutate(drawn.value, random(hash(`${name} m${seed}`)), MUTATIONS)) {
              counts.mutations++;
              if (!check(d, m.value, `mutation (${m.mutation.kind})`)) counts.invalidMutations++;
            }
          }
        }
        console.log(`${entry.name}${options.dates === undefined ? "" : " (dates)"}: ${JSON.stringify(counts)}`);
        expect(counts.examples + counts.faker).toBeGreaterThan(0);
        expect(failures).toEqual([]);
      },
      600_000,
    );
  }
});
