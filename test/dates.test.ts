/**
 * The `dates: "Date"` option (issue 15): spec/cases/dates.yaml rendered with it (reviewed snapshots, strict tsc with
 * both compilers), the behaviour of parse, mappers and guards on instants, the runtime's RFC 3339 reader against two
 * readers that share no code with it (ajv-formats' `date-time` for which texts are valid, V8's `Date.parse` for the
 * instant they name), and the corpus flagship, OpenAI 2026-08's `FineTuningJob`, with the option on.
 * The round trip with dates on is "equal instant": `toWire` writes `toISOString()` (UTC, milliseconds), so
 * `+02:00` becomes `Z` and digits past the millisecond are dropped; Unix seconds come back exactly.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import formats from "ajv-formats";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { SafeParseResult } from "../templates/runtime.js";
import { readDateTime } from "../templates/runtime.js";
import { corpusEntries, generateInto, reportSkipped, ROOT, TS7, typecheck } from "./helpers.js";

type Fn = (value: unknown) => unknown;
type Mod = Record<string, Fn>;
let parse: Mod;
let mappers: Mod;
let guards: Mod;
let dir: string;

const SPEC = join(ROOT, "spec", "cases", "dates.yaml");
const SNAPSHOTS = join("__snapshots__", "dates");

const wireJob = (): Record<string, unknown> => ({
  id: "job-1",
  created_at: 1721764800,
  finished_at: null,
  updated: "2024-07-23T22:00:00+02:00",
  deleted_at: "2024-07-24T01:02:03.456789Z",
  stamps: ["2024-01-01T00:00:00Z", "2024-01-01t00:00:00.5z"],
  by_region: { eu: "2024-07-23T20:00:00Z", __proto__x: "1999-12-31T23:59:59.999-00:30" },
  due: "2024-08-01",
  when: "soon",
  score_at: 1721764800.25,
  merged_at: null,
  short_at: "2024-07-23T20:00:00Z",
});

function issuesOf(name: string, value: unknown): [string, string][] {
  const r = parse[`safeParse${name}`]!(value) as SafeParseResult<unknown>;
  if (r.ok) throw new Error(`expected ${name} to be rejected`);
  return r.issues.map((i) => [i.wirePath, i.expected]);
}

beforeAll(async () => {
  ({ dir } = generateInto(SPEC, "dates", { dates: "Date" }));
  const load = async (file: string): Promise<Mod> => (await import(join(dir, file))) as Mod;
  [parse, mappers, guards] = [await load("parse.ts"), await load("mappers.ts"), await load("guards.ts")];
});

describe('dates: "Date" on spec/cases/dates.yaml', () => {
  it("types, mappers, guards and parse match the reviewed snapshots", async () => {
    for (const file of ["types.ts", "mappers.ts", "guards.ts", "parse.ts", "docs/Job.md"]) {
      await expect(readFileSync(join(dir, file), "utf8")).toMatchFileSnapshot(join(SNAPSHOTS, file));
    }
  });

  it("type-checks strictly with both compilers", () => {
    expect(typecheck(dir)).toBe("");
  });

  it("parse builds Dates where the schema says instant, and only there", () => {
    const job = parse["parseJob"]!(wireJob()) as Record<string, unknown>;
    expect(job["createdAt"]).toBeInstanceOf(Date);
    expect((job["createdAt"] as Date).getTime()).toBe(1721764800 * 1000);
    expect(job["finishedAt"]).toBeNull();
    expect((job["updated"] as Date).toISOString()).toBe("2024-07-23T20:00:00.000Z");
    expect((job["deletedAt"] as Date).toISOString()).toBe("2024-07-24T01:02:03.456Z");
    expect((job["stamps"] as Date[]).map((d) => d.getTime())).toEqual([
      Date.parse("2024-01-01T00:00:00Z"),
      Date.parse("2024-01-01T00:00:00.5Z"),
    ]);
    const regions = job["byRegion"] as Record<string, Date>;
    expect(Object.keys(regions)).toEqual(["eu", "__proto__x"]);
    expect(regions["__proto__x"]!.toISOString()).toBe("2000-01-01T00:29:59.999Z");
    // a calendar date stays text; a union member that is not an instant stays as it is
    expect(job["due"]).toBe("2024-08-01");
    expect(job["when"]).toBe("soon");
    expect((job["scoreAt"] as Date).getTime()).toBe(1721764800250);
    expect(job["mergedAt"]).toBeNull();
    const instantWhen = parse["parseJob"]!({ ...wireJob(), when: "2024-07-23T20:00:00Z" }) as Record<string, unknown>;
    expect(instantWhen["when"]).toBeInstanceOf(Date);
    // a declaration that is itself an instant
    expect(parse["parseTimestamp"]!("2024-07-23T20:00:00Z")).toEqual(new Date(Date.UTC(2024, 6, 23, 20)));
  });

  it("parse and fromWire agree value for value, and the guards accept what they build", () => {
    for (const wire of [wireJob(), { ...wireJob(), when: "2024-07-23T20:00:00Z", merged_at: "2024-07-23T20:00:00Z" }]) {
      const parsed = parse["parseJob"]!(wire);
      expect(parsed).toStrictEqual(mappers["jobFromWire"]!(wire));
      expect(guards["isJob"]!(parsed)).toBe(true);
      expect(guards["isJobWire"]!(wire)).toBe(true);
      expect(guards["isJobWire"]!(parsed)).toBe(false);
    }
    const model = parse["parseJob"]!(wireJob()) as Record<string, unknown>;
    expect(guards["isJob"]!({ ...model, createdAt: new Date(Number.NaN) })).toBe(false);
    expect(guards["isJob"]!({ ...model, createdAt: 1721764800 })).toBe(false);
    expect(guards["isJob"]!({ ...model, stamps: [new Date(0), "2024-01-01T00:00:00Z"] })).toBe(false);
  });

  it("the round trip gives the same instants: Unix seconds exactly, RFC 3339 as toISOString writes it", () => {
    const wire = wireJob();
    const back = mappers["jobToWire"]!(mappers["jobFromWire"]!(wire)) as Record<string, unknown>;
    expect(back["created_at"]).toBe(1721764800);
    expect(back["score_at"]).toBe(1721764800.25);
    expect(back["updated"]).toBe("2024-07-23T20:00:00.000Z");
    expect(back["deleted_at"]).toBe("2024-07-24T01:02:03.456Z");
    expect(back["stamps"]).toEqual(["2024-01-01T00:00:00.000Z", "2024-01-01T00:00:00.500Z"]);
    expect(back["due"]).toBe("2024-08-01");
    expect(back["when"]).toBe("soon");
    // every instant is equal by an independent reader (V8's Date.parse), the rest is equal as JSON
    for (const key of ["updated", "deleted_at", "short_at"]) {
      expect(Date.parse(back[key] as string)).toBe(Math.trunc(Date.parse(wire[key] as string)));
    }
    // whole seconds on the wire: the milliseconds of a Date are dropped, rounding down (also before 1970)
    const later = { ...(mappers["jobFromWire"]!(wire) as object), createdAt: new Date(-1500) };
    expect((mappers["jobToWire"]!(later) as Record<string, unknown>)["created_at"]).toBe(-2);
  });

  it("parse reports a bad instant with its path and what was expected", () => {
    expect(issuesOf("Job", { ...wireJob(), updated: "2024-02-30T00:00:00Z" })).toEqual([
      ["$.updated", "RFC 3339 date-time"],
    ]);
    expect(issuesOf("Job", { ...wireJob(), stamps: ["2024-01-01T00:00:00Z", "yesterday"] })).toEqual([
      ["$.stamps[1]", "RFC 3339 date-time"],
    ]);
    expect(issuesOf("Job", { ...wireJob(), deleted_at: 5 })).toEqual([["$.deleted_at", "RFC 3339 date-time | null"]]);
    expect(issuesOf("Job", { ...wireJob(), created_at: 1.5 })).toEqual([["$.created_at", "integer"]]);
    expect(issuesOf("Job", { ...wireJob(), created_at: 9e12 })).toEqual([
      ["$.created_at", "Unix time within ±8.64e12 seconds (what a Date holds)"],
    ]);
    // the wire string's own constraints still hold
    expect(issuesOf("Job", { ...wireJob(), short_at: "2024-07-23T20:00:00.000000Z" })).toEqual([
      ["$.short_at", "string of at most 20 characters"],
    ]);
    expect(issuesOf("Timestamp", "2024-07-23")).toEqual([["$", "RFC 3339 date-time"]]);
  });

  it("leaves the default output without a Date", () => {
    const { result } = generateInto(SPEC, "dates-default");
    const types = result.files.find((f) => f.path === "types.ts")!.text;
    expect(types).not.toMatch(/\bDate\b/);
    expect(types).toContain("createdAt: number;");
  });
});

describe("the RFC 3339 reader (runtime readDateTime)", () => {
  const ajv = new Ajv();
  // (a CommonJS module: its plugin is `default` of the module object, which is also the plugin itself)
  formats.default(ajv);
  const isDateTime = ajv.compile({ type: "string", format: "date-time" });
  const two = (min: number, max: number): fc.Arbitrary<string> =>
    fc.integer({ min, max }).map((n) => String(n).padStart(2, "0"));
  // texts near RFC 3339: each field a little out of range now and then, optional parts present or not
  const text = fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, "0")),
      two(0, 13),
      two(0, 32),
      fc.constantFrom("T", "t", " ", "x"),
      two(0, 24),
      two(0, 60),
      two(0, 61),
      fc.option(fc.stringMatching(/^\.\d{1,9}$/), { nil: "" }),
      fc.oneof(fc.constantFrom("Z", "z", ""), fc.tuple(fc.constantFrom("+", "-"), two(0, 24), two(0, 60))),
    )
    .map(([y, mo, d, sep, h, mi, s, frac, zone]) => {
      const z = typeof zone === "string" ? zone : `${zone[0]}${zone[1]}:${zone[2]}`;
      return `${y}-${mo}-${d}${sep}${h}:${mi}:${s}${frac}${z}`;
    });

  it("accepts exactly the texts ajv-formats' date-time accepts (but an hour past 23 or a minute past 59)", () => {
    // ajv-formats 3.0.1 reads `24:42:00+00:43` and `23:60:00+00:01` as leap seconds (its check looks at the UTC
    // hour and minute only); RFC 3339 allows hours 00-23 and minutes 00-59 (section 5.6), so those are rejected
    const outOfRange = (s: string): boolean => Number(s.slice(11, 13)) > 23 || Number(s.slice(14, 16)) > 59;
    fc.assert(
      fc.property(text, (s) => {
        expect(readDateTime(s) !== undefined, s).toBe(outOfRange(s) ? false : isDateTime(s));
      }),
      { numRuns: 20_000, seed: 15 },
    );
    for (const s of ["2024-01-01T00:00:00", "2024-01-01", "24-01-01T00:00:00Z", "2024-01-01T00:00:00+02:0", ""]) {
      expect(readDateTime(s), s).toBeUndefined();
      expect(isDateTime(s), s).toBe(false);
    }
    // RFC 3339 writes the offset as hours, a colon and minutes (ajv-formats also takes `+0200` and `+02`)
    expect(readDateTime("2024-01-01T00:00:00+0200")).toBeUndefined();
    expect(readDateTime("2024-01-01T00:00:00+02")).toBeUndefined();
  });

  it("names the instant V8's Date.parse names (leap seconds: the next instant, which Date.parse cannot read)", () => {
    fc.assert(
      fc.property(text, (s) => {
        const d = readDateTime(s);
        if (d === undefined) return;
        if (/:60(\.|[zZ+-])/.test(s)) {
          expect(d.getTime(), s).toBe(readDateTime(s.replace(/:60(?=\.|[zZ+-])/, ":59"))!.getTime() + 1000);
        } else expect(d.getTime(), s).toBe(Date.parse(s.replace(" ", "T")));
      }),
      { numRuns: 20_000, seed: 16 },
    );
    expect(readDateTime("0050-06-01T00:00:00Z")!.toISOString()).toBe("0050-06-01T00:00:00.000Z");
  });
});

describe('the corpus flagship with dates: "Date"', () => {
  const entries = corpusEntries((n) => n === "openai-2026-08.yaml");
  reportSkipped(entries, 'OpenAI 2026-08 with dates: "Date"');
  for (const entry of entries) {
    it.skipIf(!entry.present)(
      `${entry.name}: parseFineTuningJob(json).createdAt is a Date; strict tsc (TS 7)`,
      async () => {
        const { dir: out } = generateInto(entry.path, "dates-openai", { dates: "Date" });
        const p = (await import(join(out, "parse.ts"))) as Mod;
        const m = (await import(join(out, "mappers.ts"))) as Mod;
        // the spec's own example of the job (x-oaiMeta.example), as the API sends it
        const spec = parseYaml(readFileSync(entry.path, "utf8")) as {
          components: { schemas: Record<string, { "x-oaiMeta"?: { example?: string } }> };
        };
        // (it leaves out `error`, which the schema requires and is null for a job that did not fail)
        const example: Record<string, unknown> = {
          error: null,
          ...(JSON.parse(spec.components.schemas["FineTuningJob"]!["x-oaiMeta"]!.example!) as Record<string, unknown>),
        };
        const job = p["parseFineTuningJob"]!(example) as Record<string, unknown>;
        expect(job["createdAt"]).toBeInstanceOf(Date);
        expect((job["createdAt"] as Date).getTime()).toBe((example["created_at"] as number) * 1000);
        expect(job).toStrictEqual(m["fineTuningJobFromWire"]!(example));
        expect(m["fineTuningJobToWire"]!(job)).toEqual(example);
        // TypeScript 7 in CI (TypeScript 5.9 takes a minute on this output; both run in `npm run corpus`)
        expect(typecheck(out, [TS7])).toBe("");
      },
    );
  }
});
