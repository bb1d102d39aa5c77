/**
 * The independent oracle (issue 13) over the real-world corpus, as a ratchet.
 *
 * For every component schema of each spec in ../shared/corpus/ (prints `SKIPPED: ...` and skips when a spec is
 * absent), test/oracle.ts draws values with json-schema-faker from the raw schema (normalised for ajv there, with
 * no wirecase code), keeps those ajv (2020 dialect) says are valid, and checks against the generated code:
 *
 *   guard                  isXWire(x) is true
 *   parse-ok               safeParseX(x).ok
 *   round-trip             xToWire(xFromWire(x)) equals x, except for keys no applicable schema declares
 *   parse-equals-fromWire  safeParseX(x).value deep-equals xFromWire(x), key for key
 *   mutation-rejected      a mutation of x that ajv rejects is rejected by safeParseX (mutations whose every
 *                          ajv error is a documented default deviation are exempt: additionalProperties: false
 *                          under `strip`, oneOf matched twice)
 *   mutation-path          ... with an issue whose wirePath is a location ajv reports
 *
 * and `oracle:*` entries when the oracle itself cannot judge a schema (ajv cannot compile it, faker throws, or
 * ajv refuses every faker value, also after `repair`: faker's values mended where ajv's errors point).
 *
 * CI (`npm test`) checks a deterministic sample of each spec's schemas (SAMPLE below), generated with `include`
 * (the sampled schemas and what they reference). The whole corpus: `npm run oracle` (WIRECASE_ORACLE=all). Each
 * schema gets the same values in both modes (seeded by its name), so one list serves both:
 * test/data/oracle-known-failures.json lists every (spec, schema, law) that fails today. The test fails on a
 * failure the list does not have and on a listed one, among the schemas checked, that passes now. Rewrite the
 * entries of the checked schemas with UPDATE_ORACLE=1 (with WIRECASE_ORACLE=all for all of them) and read the diff.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../generator/generate.js";
import { derivedNames } from "../generator/naming/assign-names.js";
import { typeName } from "../generator/naming/casing.js";
import { writeFiles } from "../generator/write/write-files.js";
import { corpusEntries, ROOT, reportSkipped, SCRATCH } from "./helpers.js";
import {
  applicable,
  checkSchema,
  fakerSchema,
  hash,
  lenientSchema,
  normaliseSchema,
  oracleDocument,
  readDocument,
  repair,
  roundTripDifference,
  wirePathSegments,
  type Generated,
  type SchemaReport,
} from "./oracle.js";

const KNOWN_FILE = join(ROOT, "test", "data", "oracle-known-failures.json");
const FULL = process.env["WIRECASE_ORACLE"] === "all";
const UPDATE = process.env["UPDATE_ORACLE"] === "1";
/** How many schemas of each spec CI checks (the ones with the smallest hash of their name). */
const SAMPLE = 40;
/** Valid values per schema, faker draws allowed to find them, mutations per value. */
const CHECK = { values: 4, draws: 8, mutations: 6 } as const;

interface KnownFailure {
  readonly spec: string;
  readonly schema: string;
  readonly law: string;
  readonly reason: string;
}

const key = (f: { spec: string; schema: string; law: string }): string => `${f.spec} ${f.schema} ${f.law}`;
const compare = (a: KnownFailure, b: KnownFailure): number =>
  a.spec < b.spec
    ? -1
    : a.spec > b.spec
      ? 1
      : a.schema < b.schema
        ? -1
        : a.schema > b.schema
          ? 1
          : a.law < b.law
            ? -1
            : 1;

function readKnown(): KnownFailure[] {
  if (!existsSync(KNOWN_FILE)) return [];
  return (JSON.parse(readFileSync(KNOWN_FILE, "utf8")) as { failures: KnownFailure[] }).failures;
}

const entries = corpusEntries();
reportSkipped(entries, "independent oracle (json-schema-faker + ajv)");

/** What each spec's run found, for the UPDATE rewrite. */
const found = new Map<string, { checked: Set<string>; failures: KnownFailure[] }>();

type Module = Record<string, unknown>;
const fn = <T>(m: Module, name: string): T | undefined => (typeof m[name] === "function" ? (m[name] as T) : undefined);

describe("independent oracle", () => {
  for (const entry of entries) {
    it.skipIf(!entry.present)(`${entry.name}: the laws hold for every schema not listed as failing`, async () => {
      const started = performance.now();
      const doc = oracleDocument(readDocument(entry.path));
      // names the generator must find literally (`include` reads `*` as a wildcard), in hash order
      const byHash = doc.names
        .filter((n) => !n.includes("*"))
        .sort((a, b) => hash(`oracle ${a}`) - hash(`oracle ${b}`) || (a < b ? -1 : 1));
      const checked = FULL ? doc.names : byHash.slice(0, SAMPLE);
      const result = generate({ input: entry.path, ...(FULL ? {} : { include: checked }) });
      const errors = result.diagnostics.filter((d) => d.severity === "error");
      expect(errors.map((e) => e.message)).toEqual([]);
      const dir = join(SCRATCH, `oracle-${entry.name}`);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      writeFiles(dir, result.files);
      const generatedAt = performance.now();
      const [mappers, guards, parse] = (await Promise.all(
        ["mappers.ts", "guards.ts", "parse.ts"].map((f) => import(join(dir, f))),
      )) as Module[];
      const loadedAt = performance.now();
      // two components with one type name: the functions found would be another schema's (naming class 14)
      const typeNames = new Map<string, number>();
      for (const n of doc.names) typeNames.set(typeName([n]), (typeNames.get(typeName([n])) ?? 0) + 1);
      const failures: KnownFailure[] = [];
      const totals = { drawn: 0, kept: 0, mutations: 0, invalid: 0, exempt: 0, rejected: 0, values: 0 };
      const refusals = new Map<string, number>();
      for (const schema of checked) {
        const model = typeName([schema]);
        let report: SchemaReport;
        if (typeNames.get(model)! > 1) {
          failures.push({ spec: entry.name, schema, law: "oracle:name", reason: `another schema is also ${model}` });
          continue;
        }
        const names = derivedNames(model);
        const isWire = fn<Generated["isWire"]>(guards!, names.isWire);
        const safeParse = fn<Generated["safeParse"]>(parse!, names.safeParse);
        const fromWire = fn<Generated["fromWire"]>(mappers!, names.fromWire);
        const toWire = fn<Generated["toWire"]>(mappers!, names.toWire);
        const g: Generated = {
          ...(isWire === undefined ? {} : { isWire }),
          ...(safeParse === undefined ? {} : { safeParse }),
          ...(fromWire === undefined ? {} : { fromWire }),
          ...(toWire === undefined ? {} : { toWire }),
        };
        try {
          report = checkSchema(doc, schema, g, CHECK);
        } catch (error) {
          // the oracle's own failure (its walk, ajv, faker outside checkSchema's guards): listed, not hidden
          const reason = `the oracle threw ${String(error instanceof Error ? error.message : error).slice(0, 160)}`;
          failures.push({ spec: entry.name, schema, law: "oracle:error", reason });
          continue;
        }
        for (const [law, reason] of report.failures) failures.push({ spec: entry.name, schema, law, reason });
        totals.drawn += report.drawn;
        totals.kept += report.kept;
        totals.values += report.kept > 0 ? 1 : 0;
        totals.mutations += report.mutations;
        totals.invalid += report.invalid;
        totals.exempt += report.exempt;
        totals.rejected += report.rejected;
        for (const [k, n] of report.refusals) refusals.set(k, (refusals.get(k) ?? 0) + n);
      }
      found.set(entry.name, { checked: new Set(checked), failures });
      const failing = new Set(failures.filter((f) => !f.law.startsWith("oracle:")).map((f) => f.schema));
      const byLaw = new Map<string, number>();
      for (const f of failures) byLaw.set(f.law, (byLaw.get(f.law) ?? 0) + 1);
      const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
      console.log(
        `oracle ${entry.name}: ${checked.length} of ${doc.names.length} schemas (${FULL ? "all" : "sample"}), ` +
          `${totals.values} with values; faker ${totals.drawn} drawn, ${totals.kept} ajv-valid ` +
          `(refused by ${[...refusals].map(([k, n]) => `${k}×${n}`).join(", ") || "-"}); mutations ` +
          `${totals.mutations}, ${totals.invalid} ajv-invalid (+${totals.exempt} exempt: documented deviations), ` +
          `${totals.rejected} rejected by parse; ${failing.size} schemas fail a law; failures by law: ` +
          `${[...byLaw].map(([k, n]) => `${k} ${n}`).join(", ") || "none"}; ` +
          `generate ${seconds(generatedAt - started)}, load ${seconds(loadedAt - generatedAt)}, ` +
          `laws ${seconds(performance.now() - loadedAt)}`,
      );
      if (UPDATE) return;
      const known = readKnown().filter((k) => k.spec === entry.name && new Set(checked).has(k.schema));
      const listed = new Set(known.map(key));
      const now = new Set(failures.map(key));
      const fresh = failures.filter((f) => !listed.has(key(f)));
      const fixed = known.filter((k) => !now.has(key(k)));
      const show = (f: KnownFailure): string => `  ${f.schema} [${f.law}]: ${f.reason}`;
      expect(
        fresh.length === 0
          ? ""
          : `${fresh.length} failures that test/data/oracle-known-failures.json does not list:\n` +
              fresh.map(show).join("\n"),
      ).toBe("");
      expect(
        fixed.length === 0
          ? ""
          : `${fixed.length} listed failures pass now (rewrite the list: UPDATE_ORACLE=1 npx vitest run ` +
              `test/oracle.test.ts, with WIRECASE_ORACLE=all for the whole corpus):\n${fixed.map(show).join("\n")}`,
      ).toBe("");
    });
  }
});

/** How many schemas with an instant of their own each spec checks with `dates: "Date"` (in CI and whole runs). */
const DATES_SAMPLE = 12;

describe('independent oracle with dates: "Date"', () => {
  // the same laws, the round trip read as "equal instant" (CheckOptions.instants), on schemas that write an instant
  // themselves (`format: date-time`, `unixtime`, `unix-time`) and fail no law by default
  for (const entry of entries) {
    it.skipIf(!entry.present)(`${entry.name}: the laws hold for schemas with instants`, async () => {
      const doc = oracleDocument(readDocument(entry.path));
      const failing = new Set(readKnown().flatMap((k) => (k.spec === entry.name ? [k.schema] : [])));
      const instant = /"format":"(date-time|unixtime|unix-time)"/;
      const checked = doc.names
        .filter((n) => !n.includes("*") && !failing.has(n) && instant.test(JSON.stringify(doc.at(`/$defs/${n}`))))
        .sort((a, b) => hash(`dates ${a}`) - hash(`dates ${b}`) || (a < b ? -1 : 1))
        .slice(0, DATES_SAMPLE);
      if (checked.length === 0) {
        console.log(`oracle with dates ${entry.name}: no component schema writes an instant`);
        return;
      }
      const result = generate({ input: entry.path, include: checked, dates: "Date" });
      expect(result.diagnostics.filter((d) => d.severity === "error").map((e) => e.message)).toEqual([]);
      const dir = join(SCRATCH, `oracle-dates-${entry.name}`);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      writeFiles(dir, result.files);
      const [mappers, guards, parse] = (await Promise.all(
        ["mappers.ts", "guards.ts", "parse.ts"].map((f) => import(join(dir, f))),
      )) as Module[];
      const failures: string[] = [];
      let kept = 0;
      for (const schema of checked) {
        const names = derivedNames(typeName([schema]));
        const g: Generated = {
          ...optional("isWire", fn<Generated["isWire"]>(guards!, names.isWire)),
          ...optional("safeParse", fn<Generated["safeParse"]>(parse!, names.safeParse)),
          ...optional("fromWire", fn<Generated["fromWire"]>(mappers!, names.fromWire)),
          ...optional("toWire", fn<Generated["toWire"]>(mappers!, names.toWire)),
        };
        const report = checkSchema(doc, schema, g, { ...CHECK, instants: true });
        kept += report.kept;
        for (const [law, reason] of report.failures)
          if (!law.startsWith("oracle:")) failures.push(`${schema} [${law}]: ${reason}`);
      }
      console.log(`oracle with dates ${entry.name}: ${checked.length} schemas with instants, ${kept} ajv-valid values`);
      expect(kept).toBeGreaterThan(0);
      expect(failures).toEqual([]);
    });
  }
});

const optional = <K extends string, V>(k: K, v: V | undefined): Partial<Record<K, V>> =>
  v === undefined ? {} : ({ [k]: v } as Record<K, V>);

describe("the oracle itself", () => {
  it("repairs a faker value where ajv points: an allOf member that narrows its base's keys", () => {
    // the shape of GitHub's webhook-workflow-job-*: faker's values for this allOf are all refused by ajv
    const base = {
      type: "object",
      properties: { status: { type: ["string", "null"] }, n: { type: ["number", "null"] } },
    };
    const run = {
      allOf: [
        { $ref: "#/components/schemas/Base" },
        {
          type: "object",
          required: ["status"],
          properties: { status: { type: "string", enum: ["queued", "done"] }, n: { type: "integer" } },
        },
      ],
    };
    const doc = oracleDocument({ openapi: "3.1.0", components: { schemas: { Run: run, Base: base } } });
    const validate = doc.validator("/$defs/Run");
    const drawn = [0, 1, 2, 3].map((i) => doc.fake("Run", i, i));
    expect(drawn.filter((x) => validate(x) === true)).toEqual([]);
    for (const [i, x] of drawn.entries()) {
      const fixed = repair(doc, validate, x, i) as { status: string };
      expect(validate(fixed), JSON.stringify(fixed)).toBe(true);
      expect(["queued", "done"]).toContain(fixed.status);
    }
  });

  it("normalises 3.0 schemas for ajv: nullable, boolean exclusive bounds, $ref siblings, component refs", () => {
    expect(normaliseSchema({ type: "string", nullable: true, enum: ["a"] }, "3.0")).toEqual({
      type: ["string", "null"],
      enum: ["a", null],
    });
    expect(normaliseSchema({ nullable: true, oneOf: [{ type: "string" }] }, "3.0")).toEqual({
      anyOf: [{ oneOf: [{ type: "string" }] }, { type: "null" }],
    });
    expect(normaliseSchema({ type: "string", nullable: false }, "3.0")).toEqual({ type: "string" });
    expect(normaliseSchema({ minimum: 1, exclusiveMinimum: true, maximum: 3, exclusiveMaximum: false }, "3.0")).toEqual(
      {
        exclusiveMinimum: 1,
        maximum: 3,
      },
    );
    const ref = { $ref: "#/components/schemas/A", maxItems: 2, nullable: true };
    expect(normaliseSchema(ref, "3.0")).toEqual({ $ref: "#/$defs/A" });
    expect(normaliseSchema(ref, "3.1")).toEqual({ anyOf: [{ $ref: "#/$defs/A", maxItems: 2 }, { type: "null" }] });
    expect(
      normaliseSchema({ allOf: [{ $ref: "#/components/schemas/A" }, { nullable: true, description: "d" }] }, "3.0"),
    ).toEqual({ anyOf: [{ allOf: [{ $ref: "#/$defs/A" }, { description: "d" }] }, { type: "null" }] });
    // data is not a schema: an enum value or a default with schema-like keys stays as it is
    expect(normaliseSchema({ enum: [{ nullable: true, $ref: "x" }], default: { "x-a": 1 }, "x-b": 2 }, "3.0")).toEqual({
      enum: [{ nullable: true, $ref: "x" }],
      default: { "x-a": 1 },
    });
    const proto = normaliseSchema(JSON.parse('{"properties": {"__proto__": {"type": "string"}}}'), "3.1") as {
      properties: object;
    };
    expect(Object.keys(proto.properties)).toEqual(["__proto__"]);
  });

  it("reads 2019-09's self-reference in a 3.1 component, and the defaults' documented leniency", () => {
    const filter = { $recursiveAnchor: true, items: { oneOf: [{ type: "string" }, { $recursiveRef: "#" }] } };
    expect(normaliseSchema(filter, "3.1", "F")).toEqual({
      items: { oneOf: [{ type: "string" }, { $ref: "#/$defs/F" }] },
    });
    expect(lenientSchema({ oneOf: [{ type: "object", additionalProperties: false }], anyOf: [{}] })).toEqual({
      anyOf: [{}],
      // additionalProperties: false is kept: the defaults enforce it (closed objects)
      allOf: [{ anyOf: [{ type: "object", additionalProperties: false }] }],
    });
  });

  it("asks faker for short strings only (a narrower schema), never into data", () => {
    expect(fakerSchema({ maxLength: 70_000_000, minLength: 1, enum: [{ maxLength: 5 }] })).toEqual({
      maxLength: 65,
      minLength: 1,
      enum: [{ maxLength: 5 }],
    });
  });

  it("reads parse issue paths as JSON-pointer segments", () => {
    expect(wirePathSegments("$")).toEqual([]);
    expect(wirePathSegments('$.data[3]["weird key"].id["a\\"b"]')).toEqual(["data", "3", "weird key", "id", 'a"b']);
    expect(wirePathSegments("data.x")).toBeUndefined();
  });

  it("allows only undeclared keys to be dropped by the round trip", () => {
    const doc = oracleDocument({
      openapi: "3.0.3",
      components: {
        schemas: {
          A: {
            type: "object",
            required: ["r"],
            properties: { p: { type: "object", properties: { q: { type: "integer" } } } },
            additionalProperties: true,
          },
          U: { oneOf: [{ $ref: "#/components/schemas/A" }, { type: "object", properties: { u: {} } }] },
        },
      },
    });
    const a = ["/$defs/A"];
    expect(roundTripDifference(doc, { r: 1, p: { q: 1, z: 2 }, extra: 3 }, { r: 1, p: { q: 1 } }, a)).toBeUndefined();
    expect(roundTripDifference(doc, { r: 1, p: { q: 1 } }, { p: { q: 1 } }, a)).toBe("$.r: declared key dropped");
    expect(roundTripDifference(doc, { r: 1, p: { q: 1 } }, { r: 1, p: { q: "1" } }, a)).toBe('$.p.q: 1 became "1"');
    expect(roundTripDifference(doc, { r: 1 }, { r: 1, s: 2 }, a)).toBe("$.s: key added");
    // a key declared by a member that the value matches (oneOf here matches both) is declared
    const u = { r: 1, u: 2 };
    expect([...applicable(doc, "/$defs/U", u)]).toEqual([
      "/$defs/U",
      "/$defs/U/oneOf/0",
      "/$defs/A",
      "/$defs/U/oneOf/1",
    ]);
    expect(roundTripDifference(doc, u, { r: 1 }, [...applicable(doc, "/$defs/U", u)])).toBe(
      "$.u: declared key dropped",
    );
  });
});

afterAll(() => {
  if (!UPDATE || found.size === 0) return;
  const kept = readKnown().filter((k) => !found.get(k.spec)?.checked.has(k.schema));
  const list = [...kept, ...[...found.values()].flatMap((f) => f.failures)].sort(compare);
  const header =
    "Failing (spec, schema, law) of test/oracle.test.ts; rewrite with UPDATE_ORACLE=1 npx vitest run " +
    "test/oracle.test.ts (WIRECASE_ORACLE=all: every schema)";
  writeFileSync(KNOWN_FILE, `${JSON.stringify({ comment: header, failures: list }, null, 2)}\n`);
  console.log(`UPDATE_ORACLE: wrote ${list.length} known failures to ${KNOWN_FILE}`);
});
