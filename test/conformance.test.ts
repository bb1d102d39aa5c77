/**
 * JSON-Schema-Test-Suite conformance of the generated parse (issue 13), as a ratchet.
 *
 * Reads ../shared/json-schema-test-suite/ (prints `SKIPPED: ...` and skips when it is absent). Each in-scope group's
 * schema becomes a component schema of an OpenAPI document, 3.1.0 for draft2020-12 and 3.0.3 for draft4, with its
 * local refs pointing inside the component; every test's `data` must give `safeParseX(data).ok === valid`. What is
 * in scope is decided in test/conformance.ts (SKIPPED_FILES, BASE_URI_KEYWORDS, DRAFT4_NOT_IN_OPENAPI_30). A
 * schema wirecase refuses to generate fails all of its group's cases.
 *
 * Every case runs in two modes (test/conformance.ts MODES): with the default options, and under `strict` (a `oneOf`
 * value must be valid against exactly one member). test/data/conformance-known-failures.json (default) and
 * test/data/conformance-known-failures-strict.json (strict) list each mode's failing cases (ids
 * `draft/file.json#<group>/<test>`, with the descriptions and the reason, sorted by id). The test fails when an
 * in-scope case fails that is not listed (a regression) and when a listed case passes or is no longer in scope (the
 * list must shrink: the ids to remove are printed). After fixing a class of failures, or when the generator
 * changed on purpose, rewrite the lists with
 *
 *   UPDATE_CONFORMANCE=1 npx vitest run test/conformance.test.ts
 *
 * and review their diff. The per-file pass rates of each mode and the totals are printed on every run.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  compareIds,
  DRAFTS,
  MODES,
  OUT,
  readDraft,
  runFile,
  SUITE,
  suitePresent,
  type Failures,
  type Mode,
  type SuiteCase,
  type SuiteGroup,
} from "./conformance.js";
import { ROOT } from "./helpers.js";

const KNOWN_FILES: Readonly<Record<Mode, string>> = {
  default: join(ROOT, "test", "data", "conformance-known-failures.json"),
  strict: join(ROOT, "test", "data", "conformance-known-failures-strict.json"),
};
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
const failures = new Map<Mode, Failures>(MODES.map((m) => [m.mode, new Map()]));
const known = new Map<Mode, readonly KnownFailure[]>(MODES.map((m) => [m.mode, []]));

function readKnown(mode: Mode): KnownFailure[] {
  const file = KNOWN_FILES[mode];
  if (!existsSync(file)) return [];
  return (JSON.parse(readFileSync(file, "utf8")) as { failures: KnownFailure[] }).failures;
}

const percent = (n: number, of: number): string => (of === 0 ? "-" : `${((100 * n) / of).toFixed(1)} %`);

/** The pass-rate table: one row per file, a total per draft, the grand total; passing cases and rate per mode. */
function table(groups: readonly SuiteGroup[]): string {
  const modes = MODES.map((m) => m.mode);
  const rows: string[][] = [["file", ...modes.flatMap((m) => [m, "rate"]), "in scope", "out-of-scope cases"]];
  const zero = (): { pass: number[]; all: number; out: number } => ({ pass: modes.map(() => 0), all: 0, out: 0 });
  const row = (name: string, t: ReturnType<typeof zero>): string[] => [
    name,
    ...t.pass.flatMap((p) => [String(p), percent(p, t.all)]),
    String(t.all),
    String(t.out),
  ];
  const total = zero();
  for (const { name } of DRAFTS) {
    const sub = zero();
    const files = [...new Set(groups.filter((g) => g.draft === name).map((g) => g.file))];
    for (const file of files) {
      const fileGroups = groups.filter((g) => g.draft === name && g.file === file);
      const cases = fileGroups.filter((g) => g.outOfScope === undefined).flatMap((g) => g.cases);
      const pass = modes.map((m) => cases.filter((c) => !failures.get(m)!.has(c.id)).length);
      const out = fileGroups.filter((g) => g.outOfScope !== undefined).reduce((n, g) => n + g.cases.length, 0);
      rows.push(row(`${name}/${file}.json`, { pass, all: cases.length, out }));
      for (const t of [sub, total]) {
        pass.forEach((p, i) => (t.pass[i]! += p));
        t.all += cases.length;
        t.out += out;
      }
    }
    rows.push(row(`${name} total`, sub));
  }
  rows.push(row("TOTAL", total));
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
  for (const mode of MODES) {
    const found = failures.get(mode.mode)!;
    for (const { name, openapi } of DRAFTS) {
      const ofDraft = groups.filter((g) => g.draft === name && g.outOfScope === undefined);
      for (const file of new Set(ofDraft.map((g) => g.file))) {
        await runFile(
          openapi,
          ofDraft.filter((g) => g.file === file),
          found,
          mode,
        );
      }
    }
  }
  inScope = groups.filter((g) => g.outOfScope === undefined).flatMap((g) => g.cases);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`JSON-Schema-Test-Suite conformance of safeParse (${SUITE}), ${seconds} s:\n${table(groups)}`);
  for (const { mode } of MODES) {
    const found = failures.get(mode)!;
    if (UPDATE) {
      const list = inScope
        .filter((c) => found.has(c.id))
        .map((c): KnownFailure => ({ id: c.id, group: c.group, test: c.test, reason: found.get(c.id)! }))
        .sort((a, b) => compareIds(a.id, b.id));
      const header =
        `Failing JSON-Schema-Test-Suite cases, ${mode} options (see test/conformance.test.ts); rewrite with ` +
        "UPDATE_CONFORMANCE=1 npx vitest run test/conformance.test.ts";
      writeFileSync(KNOWN_FILES[mode], `${JSON.stringify({ comment: header, failures: list }, null, 2)}\n`);
      console.log(`UPDATE_CONFORMANCE: wrote ${list.length} known failures to ${KNOWN_FILES[mode]}`);
    }
    known.set(mode, readKnown(mode));
  }
});

const describeCase = (c: { id: string; group: string; test: string }, reason: string): string =>
  `  ${c.id}  ${c.group} / ${c.test}: ${reason}`;

describe.each(MODES.map((m) => m.mode))("JSON-Schema-Test-Suite conformance, %s options", (mode) => {
  const file = `test/data/${KNOWN_FILES[mode].split("/").at(-1)}`;

  it.skipIf(!present)("no in-scope case fails that is not a known failure", () => {
    const found = failures.get(mode)!;
    const listed = new Set(known.get(mode)!.map((k) => k.id));
    const regressions = inScope.filter((c) => found.has(c.id) && !listed.has(c.id));
    const message =
      `${regressions.length} in-scope cases fail that ${file} does not list:\n` +
      regressions.map((c) => describeCase(c, found.get(c.id)!)).join("\n");
    expect(regressions.length === 0 ? "" : message).toBe("");
  });

  it.skipIf(!present)("every known failure still fails (fixed cases leave the list)", () => {
    const found = failures.get(mode)!;
    const scope = new Set(inScope.map((c) => c.id));
    const passing = known.get(mode)!.filter((k) => scope.has(k.id) && !found.has(k.id));
    const gone = known.get(mode)!.filter((k) => !scope.has(k.id));
    const message =
      `${passing.length + gone.length} ids to remove from ${file} ` +
      "(or rewrite it: UPDATE_CONFORMANCE=1 npx vitest run test/conformance.test.ts):\n" +
      [
        ...passing.map((k) => describeCase(k, "now passes")),
        ...gone.map((k) => describeCase(k, "no longer an in-scope case")),
      ].join("\n");
    expect(passing.length + gone.length === 0 ? "" : message).toBe("");
  });
});
