/**
 * The JSON-Schema-Test-Suite (../shared/json-schema-test-suite, see its README) as OpenAPI documents, for
 * test/conformance.test.ts: which groups are in scope, how a group's schema becomes a component schema, and the
 * run that generates parse for many groups at once and checks every case with `safeParseX(data).ok === valid`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { generateFromSpecs, readTemplate } from "../generator/generate.js";
import { parseSource, type SpecSet } from "../generator/load/read-spec.js";
import { derivedNames } from "../generator/naming/assign-names.js";
import { typeName } from "../generator/naming/casing.js";
import { writeFiles } from "../generator/write/write-files.js";
import { ROOT, SCRATCH } from "./helpers.js";

/** The suite beside the repo (WIRECASE_JSON_SCHEMA_SUITE points elsewhere, e.g. at a missing folder). */
export const SUITE = resolve(
  ROOT,
  process.env["WIRECASE_JSON_SCHEMA_SUITE"] ?? join("..", "shared", "json-schema-test-suite"),
);
/** Where the generated documents go (git-ignored, emptied at the start of a run). */
export const OUT = join(SCRATCH, "conformance");

export type DraftName = "draft2020-12" | "draft4";
/** Each draft and the OpenAPI version whose schema objects it stands for. */
export const DRAFTS: readonly { readonly name: DraftName; readonly openapi: string }[] = [
  { name: "draft2020-12", openapi: "3.1.0" },
  { name: "draft4", openapi: "3.0.3" },
];

/**
 * Files out of scope for a generator that reads one OpenAPI document (the suite README): remote documents,
 * `$dynamicRef`, `$anchor`, `$vocabulary`, and `defs` (which validates against the metaschema, a remote document).
 */
export const SKIPPED_FILES: readonly string[] = ["anchor", "defs", "dynamicRef", "refRemote", "vocabulary"];

/**
 * Keywords that, anywhere in a group's schema, put the group out of scope in every draft: a second base URI
 * (`$id`, draft4's `id`; even at the root, since inside an OpenAPI document a component's `$id` is an embedded
 * one, and the rewritten `#/components/...` refs would resolve against it), anchors and dynamic references.
 * So is a `$ref` that is not a JSON pointer into the same schema (`#` or `#/...`): another document, or an
 * anchor (`#foo`).
 */
export const BASE_URI_KEYWORDS: Readonly<Record<DraftName, readonly string[]>> = {
  "draft2020-12": ["$id", "$anchor", "$dynamicRef", "$dynamicAnchor"],
  draft4: ["id"],
};

/**
 * draft4 stands for the OpenAPI 3.0 schema object, which forbids what draft4 allows here (suite README): array-form
 * `items`, a `type` array, and `const` (not a draft4 keyword, listed so no group slips in). 3.0 does not list
 * `patternProperties`, `dependencies` or `additionalItems` either, but they stay in scope: issue 13 asks for them
 * to be enforced in 3.0 documents too (`additionalItems` has no effect without array-form `items`, which is skipped).
 */
export const DRAFT4_NOT_IN_OPENAPI_30: readonly string[] = ["items (array form)", "type (array form)", "const"];

/** Keywords whose value is a map of names to schemas (draft4 `dependencies` also has name lists: left alone). */
const SCHEMA_MAPS = new Set([
  "properties",
  "patternProperties",
  "$defs",
  "definitions",
  "dependentSchemas",
  "dependencies",
]);
/** Keywords whose value is one schema. */
const SCHEMA_ONE = new Set([
  "additionalProperties",
  "additionalItems",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "unevaluatedItems",
  "unevaluatedProperties",
  "items",
]);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf", "prefixItems", "items"]);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Rebuilds `schema` bottom-up through its subschemas only (never into `enum`, `const`, `default` or `examples`,
 * whose objects are data even when they have a `$ref` key), applying `f` to each schema object. Keys such as
 * `__proto__` stay own data properties (Object.fromEntries).
 */
export function mapSchema(schema: unknown, f: (s: Json, root: boolean) => Json, root = true): unknown {
  if (!isObject(schema)) return schema;
  const sub = (v: unknown): unknown => mapSchema(v, f, false);
  const entries = Object.entries(schema).map(([k, v]): [string, unknown] => {
    if (SCHEMA_MAPS.has(k) && isObject(v))
      return [k, Object.fromEntries(Object.entries(v).map(([n, s]) => [n, sub(s)]))];
    if (SCHEMA_LISTS.has(k) && Array.isArray(v)) return [k, v.map(sub)];
    if (SCHEMA_ONE.has(k)) return [k, sub(v)];
    return [k, v];
  });
  return f(Object.fromEntries(entries), root);
}

/** Why a group's schema is out of scope in `draft` (see the lists above), or undefined when it is in scope. */
export function outOfScope(schema: unknown, draft: DraftName): string | undefined {
  const reasons = new Set<string>();
  mapSchema(schema, (s) => {
    for (const k of BASE_URI_KEYWORDS[draft]) if (typeof s[k] === "string") reasons.add(k);
    const ref = s["$ref"];
    if (typeof ref === "string" && !isLocalPointer(ref))
      reasons.add(ref.startsWith("#") ? "$ref to an anchor" : "remote $ref");
    if (draft === "draft4") {
      if (Array.isArray(s["items"])) reasons.add("items (array form)");
      if (Array.isArray(s["type"])) reasons.add("type (array form)");
      if ("const" in s) reasons.add("const");
    }
    return s;
  });
  return reasons.size === 0 ? undefined : [...reasons].sort().join(", ");
}

const isLocalPointer = (ref: string): boolean => ref === "#" || ref.startsWith("#/");

/** `schema` with its local refs (`#`, `#/$defs/x`, `#/properties/a`, ...) pointing inside component `name`. */
export function rewriteRefs(schema: unknown, name: string): unknown {
  return mapSchema(schema, (s) => {
    const ref = s["$ref"];
    if (typeof ref !== "string" || !isLocalPointer(ref)) return s;
    return { ...s, $ref: `#/components/schemas/${name}${ref.slice(1)}` };
  });
}

/** One case of the suite, with its stable id `draft/file.json#<group index>/<test index>`. */
export interface SuiteCase {
  readonly id: string;
  readonly group: string;
  readonly test: string;
  readonly data: unknown;
  readonly valid: boolean;
}

export interface SuiteGroup {
  readonly draft: DraftName;
  /** The file name without `.json`. */
  readonly file: string;
  readonly index: number;
  readonly description: string;
  readonly schema: unknown;
  readonly cases: readonly SuiteCase[];
  /** Why the group is out of scope, when it is. */
  readonly outOfScope?: string;
}

/** Every group of every file of `draft` not in SKIPPED_FILES, in file and group order. */
export function readDraft(draft: DraftName): SuiteGroup[] {
  const dir = join(SUITE, draft);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".json") && !SKIPPED_FILES.includes(f.slice(0, -".json".length)))
    .sort();
  return files.flatMap((f) => {
    const file = f.slice(0, -".json".length);
    const groups = JSON.parse(readFileSync(join(dir, f), "utf8")) as {
      description: string;
      schema: unknown;
      tests: { description: string; data: unknown; valid: boolean }[];
    }[];
    return groups.map((g, index): SuiteGroup => {
      const reason = outOfScope(g.schema, draft);
      return {
        draft,
        file,
        index,
        description: g.description,
        schema: g.schema,
        cases: g.tests.map((t, i) => ({
          id: `${draft}/${f}#${index}/${i}`,
          group: g.description,
          test: t.description,
          data: t.data,
          valid: t.valid,
        })),
        ...(reason === undefined ? {} : { outOfScope: reason }),
      };
    });
  });
}

/** The component name of the `i`th group of a document: `S0x`, ... (no hoisted name `S1x...` can equal `S10x`). */
export const componentName = (i: number): string => `S${i}x`;

/** An OpenAPI document (JSON text) with one component schema per group, named by componentName. */
export function openApiDocument(openapi: string, groups: readonly SuiteGroup[]): string {
  const schemas = Object.fromEntries(groups.map((g, i) => [componentName(i), rewriteRefs(g.schema, componentName(i))]));
  return JSON.stringify({
    openapi,
    info: { title: "JSON-Schema-Test-Suite", version: "1" },
    paths: {},
    components: { schemas },
  });
}

/** Why a case failed, by case id (a passing case is absent). */
export type Failures = Map<string, string>;

type SafeParse = (value: unknown) => { ok: boolean; issues?: readonly { message: string }[] };
const RUNTIME = readTemplate("runtime.ts");

/**
 * The modes every in-scope case runs in: the default options, and `strict` (a `oneOf` value must be valid against
 * exactly one member). Each has its own list of known failures.
 */
export type Mode = "default" | "strict";
export const MODES: readonly { readonly mode: Mode; readonly options: { readonly strict?: boolean } }[] = [
  { mode: "default", options: {} },
  { mode: "strict", options: { strict: true } },
];

/** Generates parse for `groups` as one document in OUT/`folder` and imports it; a string says why it could not. */
async function generateParse(
  openapi: string,
  groups: readonly SuiteGroup[],
  folder: string,
  options: { readonly strict?: boolean },
): Promise<Record<string, unknown> | string> {
  const path = `/conformance/${folder}.json`;
  let files;
  try {
    const specs: SpecSet = {
      root: path,
      files: new Map([[path, parseSource(path, openApiDocument(openapi, groups))]]),
    };
    const result = generateFromSpecs(specs, RUNTIME, options);
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    if (errors.length > 0) return `generation error: ${errors.map((e) => `${e.message} [${e.code}]`).join("; ")}`;
    files = result.files;
  } catch (error) {
    return `generator threw: ${String(error)}`;
  }
  const dir = join(OUT, folder);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFiles(dir, files);
  try {
    return (await import(join(dir, "parse.ts"))) as Record<string, unknown>;
  } catch (error) {
    return `generated parse.ts does not load: ${String(error)}`;
  }
}

/** Checks every case of `groups[i]` against `module`'s safeParse of componentName(i). */
function check(module: Record<string, unknown>, groups: readonly SuiteGroup[], failures: Failures): void {
  groups.forEach((g, i) => {
    const name = derivedNames(typeName([componentName(i)])).safeParse;
    const safeParse = module[name] as SafeParse | undefined;
    for (const c of g.cases) {
      if (safeParse === undefined) {
        failures.set(c.id, `no ${name} in the generated parse.ts`);
        continue;
      }
      let result;
      try {
        result = safeParse(c.data);
      } catch (error) {
        failures.set(c.id, `safeParse threw: ${String(error)}`);
        continue;
      }
      if (result.ok === c.valid) continue;
      const first = result.issues?.[0]?.message;
      failures.set(c.id, c.valid ? `rejected a valid value (${first ?? "no issue"})` : "accepted an invalid value");
    }
  });
}

/**
 * Runs the in-scope `groups` of one file of one draft: one document for all of them, or, when that one does not
 * generate or load, one document per group, so that one refused schema fails only its own group's cases (with
 * the generator's reason).
 */
export async function runFile(
  openapi: string,
  groups: readonly SuiteGroup[],
  failures: Failures,
  mode: (typeof MODES)[number] = MODES[0]!,
): Promise<void> {
  if (groups.length === 0) return;
  const { draft, file } = groups[0]!;
  const batch = await generateParse(openapi, groups, `${mode.mode}/${draft}/${file}`, mode.options);
  if (typeof batch !== "string") return check(batch, groups, failures);
  for (const g of groups) {
    const single = await generateParse(openapi, [g], `${mode.mode}/${draft}/${file}-${g.index}`, mode.options);
    if (typeof single === "string") for (const c of g.cases) failures.set(c.id, single.slice(0, 300));
    else check(single, [g], failures);
  }
}

/** Orders case ids by draft, file, group index, test index (numerically). */
export function compareIds(a: string, b: string): number {
  const key = (id: string): [string, number, number] => {
    const m = /^(.*)#(\d+)\/(\d+)$/.exec(id)!;
    return [m[1]!, Number(m[2]), Number(m[3])];
  };
  const [fa, ga, ta] = key(a);
  const [fb, gb, tb] = key(b);
  return fa < fb ? -1 : fa > fb ? 1 : ga - gb || ta - tb;
}

export const suitePresent = (): boolean => existsSync(SUITE);
