/**
 * JSON-Schema-Test-Suite conformance of the generated parse (issue 13), as a ratchet.
 *
 * Reads ../shared/json-schema-test-suite/ (prints `SKIPPED: ...` and skips when it is absent). Each in-scope group's
 * schema becomes a component schema of an OpenAPI document, 3.1.0 for draft2020-12 and 3.0.3 for draft4, with its
 * local refs pointing inside the component; every test's `data` must give `safeParseX(data).ok === valid`. What is
 * in scope is decided in test/conformance.ts (SKIPPED_FILES, BASE_URI_KEYWORDS, DRAFT4_NOT_IN_OPENAPI_30). A
 * schema wirecase refuses to generate fails all of its group's cases.
 *
 * test/data/conformance-known-failures.json lists today's failing cases (ids `draft/file.json#<group>/<test>`, with
 * the descriptions and the reason, sorted by id). The test fails when an in-scope case fails that is not listed (a
 * regression) and when a listed case passes or is no longer in scope (the list must shrink: the ids to remove are
 * printed). After fixing a class of failures, or when the generator changed on purpose, rewrite the list with
 *
 *   UPDATE_CONFORMANCE=1 npx vitest run test/conformance.test.ts
 *
 * and review its diff. The per-file pass rates and the totals are printed on every run.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  compareIds,
  DRAFTS,
  OUT,
  readDraft,
  runFile,
  SUITE,
  suitePresent,
  type Failures,
  type SuiteCase,
  type SuiteGroup,
} from "./conformance.js";
import { ROOT } from "./helpers.js";

const KNOWN_FILE = join(ROOT, "test", "data", "conformance-known-failures.json");
const UPDATE = process.env["UPDATE_CONFORMANCE"] === "1";

interface KnownFailure {
  readonly id: string;
  readonly group: string;
  readonly test: string;
  readonly reason: string;
}

const present = suitePresent();
if (!present) {
  console.log(
    `SKIPPED: JSON-Schema-Test-Suite conformance: ${SUITE} not found ` +
      "(../shared/json-schema-test-suite is read when it is there)",
  );
}

let inScope: SuiteCase[] = [];
let failures: Failures = new Map();
let known: readonly KnownFailure[] = [];

function readKnown(): KnownFailure[] {
  if (!existsSync(KNOWN_FILE)) return [];
  return (JSON.parse(readFileSync(KNOWN_FILE, "utf8")) as { failures: KnownFailure[] }).failures;
}

const percent = (n: number, of: number): string => (of === 0 ? "-" : `${((100 * n) / of).toFixed(1)} %`);

/** The pass-rate table: one row per file, a total per draft, the grand total. */
function table(groups: readonly SuiteGroup[]): string {
  const rows: string[][] = [["file", "passing", "in scope", "rate", "out-of-scope cases"]];
  const total = { pass: 0, all: 0, out: 0 };
  for (const { name } of DRAFTS) {
    const sub = { pass: 0, all: 0, out: 0 };
    const files = [...new Set(groups.filter((g) => g.draft === name).map((g) => g.file))];
    for (const file of files) {
      const fileGroups = groups.filter((g) => g.draft === name && g.file === file);
      const cases = fileGroups.filter((g) => g.outOfScope === undefined).flatMap((g) => g.cases);
      const pass = cases.filter((c) => !failures.has(c.id)).length;
      const out = fileGroups.filter((g) => g.outOfScope !== undefined).reduce((n, g) => n + g.cases.length, 0);
      rows.push([`${name}/${file}.json`, String(pass), String(cases.length), percent(pass, cases.length), String(out)]);
      sub.pass += pass;
      sub.all += cases.length;
      sub.out += out;
    }
    rows.push([`${name} total`, String(sub.pass), String(sub.all), percent(sub.pass, sub.all), String(sub.out)]);
    total.pass += sub.pass;
    total.all += sub.all;
    total.out += sub.out;
  }
  rows.push(["TOTAL", String(total.pass), String(total.all), percent(total.pass, total.all), String(total.out)]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  "))
    .join("\n");
}

beforeAll(async () => {
  if (!present) return;
  const started = performance.now();
  rmSync(OUT, { recursive: true, force: true });
  const groups = DRAFTS.flatMap((d) => readDraft(d.name));
  const found: Failures = new Map();
  for (const { name, openapi } of DRAFTS) {
    const ofDraft = groups.filter((g) => g.draft === name && g.outOfScope === undefined);
    for (const file of new Set(ofDraft.map((g) => g.file))) {
      await runFile(
        openapi,
        ofDraft.filter((g) => g.file === file),
        found,
      );
    }
  }
  failures = found;
  inScope = groups.filter((g) => g.outOfScope === undefined).flatMap((g) => g.cases);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`JSON-Schema-Test-Suite conformance of safeParse (${SUITE}), ${seconds} s:\n${table(groups)}`);
  if (UPDATE) {
    const list = inScope
      .filter((c) => failures.has(c.id))
      .map((c): KnownFailure => ({ id: c.id, group: c.group, test: c.test, reason: failures.get(c.id)! }))
      .sort((a, b) => compareIds(a.id, b.id));
    const header =
      "Failing JSON-Schema-Test-Suite cases (see test/conformance.test.ts); rewrite with " +
      "UPDATE_CONFORMANCE=1 npx vitest run test/conformance.test.ts";
    writeFileSync(KNOWN_FILE, `${JSON.stringify({ comment: header, failures: list }, null, 2)}\n`);
    console.log(`UPDATE_CONFORMANCE: wrote ${list.length} known failures to ${KNOWN_FILE}`);
  }
  known = readKnown();
});

const describeCase = (c: { id: string; group: string; test: string }, reason: string): string =>
  `  ${c.id}  ${c.group} / ${c.test}: ${reason}`;

describe("JSON-Schema-Test-Suite conformance", () => {
  it.skipIf(!present)("no in-scope case fails that is not a known failure", () => {
    const listed = new Set(known.map((k) => k.id));
    const regressions = inScope.filter((c) => failures.has(c.id) && !listed.has(c.id));
    const message =
      `${regressions.length} in-scope cases fail that test/data/conformance-known-failures.json does not list:\n` +
      regressions.map((c) => describeCase(c, failures.get(c.id)!)).join("\n");
    expect(regressions.length === 0 ? "" : message).toBe("");
  });

  it.skipIf(!present)("every known failure still fails (fixed cases leave the list)", () => {
    const scope = new Set(inScope.map((c) => c.id));
    const passing = known.filter((k) => scope.has(k.id) && !failures.has(k.id));
    const gone = known.filter((k) => !scope.has(k.id));
    const message =
      `${passing.length + gone.length} ids to remove from test/data/conformance-known-failures.json ` +
      "(or rewrite it: UPDATE_CONFORMANCE=1 npx vitest run test/conformance.test.ts):\n" +
      [
        ...passing.map((k) => describeCase(k, "now passes")),
        ...gone.map((k) => describeCase(k, "no longer an in-scope case")),
      ].join("\n");
    expect(passing.length + gone.length === 0 ? "" : message).toBe("");
  });
});
