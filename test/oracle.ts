/**
 * An independent oracle for the generated code (issue 13), for test/oracle.test.ts. It shares no code with
 * wirecase: it reads an OpenAPI document itself (JSON.parse, or the `yaml` package), normalises its component
 * schemas into one JSON Schema 2020-12 document (below), draws values with json-schema-faker from that raw
 * schema, and keeps a value only when ajv (2020 dialect) says it is valid. The laws it then checks against the
 * generated functions are in `checkSchema`; the test supplies the functions.
 *
 * Normalisation (`normaliseDocument`), written here from the OpenAPI and JSON Schema texts, not from wirecase:
 * - `#/components/schemas/X...` refs become `#/$defs/X...` of one document whose `$defs` are the components;
 * - OpenAPI 3.0: a `$ref` ignores the keywords beside it (3.0 says so); `nullable: true` adds `null` (to `type`, and
 *   to an `enum` that does not list it, or as `anyOf: [schema, {type: "null"}]` when there is no `type`); boolean
 *   `exclusiveMinimum`/`exclusiveMaximum` take the number of `minimum`/`maximum`;
 * - `allOf: [{$ref: X}, {nullable: true, description: ...}]` (an annotation-only member with `nullable: true`,
 *   OpenAI's 3.0 idiom) is `X | null`, as README documents (issue 13, class 13); read strictly, that member
 *   would add nothing;
 * - OpenAPI 3.1: the schema is JSON Schema 2020-12 as it stands (keywords beside a `$ref` hold), except the two
 *   3.0 idioms README documents as accepted in 3.1 with a warning (`nullable: true`, boolean exclusive bounds),
 *   normalised as in 3.0;
 * - `x-*` extensions are dropped (ajv ignores unknown keywords anyway: `strict: false`); formats are annotations
 *   (`validateFormats: false`), as in JSON Schema 2020-12 by default and in wirecase's parse.
 */
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import { generateSync, type JsonSchema } from "json-schema-faker";
import YAML from "yaml";

export type Json = { [key: string]: unknown };
export type Segment = string | number;

export const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Sets an own enumerable property, `__proto__` included. */
function setOwn(target: Json, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

// ---- reading and normalising ------------------------------------------------------------------------------

/** An OpenAPI document as JSON data (YAML anchors, aliases and merge keys resolved). */
export function readDocument(path: string): Json {
  const text = readFileSync(path, "utf8");
  const doc: unknown = path.endsWith(".json") ? JSON.parse(text) : YAML.parse(text, { merge: true, maxAliasCount: -1 });
  if (!isObject(doc)) throw new Error(`${path}: not an OpenAPI document`);
  return doc;
}

export type OpenApiVersion = "3.0" | "3.1";

/** Keywords whose value maps names to schemas. */
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);
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
]);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
/** Keywords that say something about a schema without constraining its values (and `nullable`, handled apart). */
const ANNOTATIONS = new Set([
  "description",
  "title",
  "default",
  "example",
  "examples",
  "deprecated",
  "readOnly",
  "writeOnly",
  "externalDocs",
  "$comment",
  "nullable",
]);

const COMPONENTS = "#/components/schemas/";
/** The `$id` of the normalised document in ajv. */
export const DOC_ID = "https://oracle.wirecase.invalid/doc.json";
const LENIENT_ID = "https://oracle.wirecase.invalid/lenient.json";

const rewriteRef = (ref: string): string =>
  ref.startsWith(COMPONENTS) ? `#/$defs/${ref.slice(COMPONENTS.length)}` : ref;

const annotationOnly = (s: Json): boolean => Object.keys(s).every((k) => ANNOTATIONS.has(k) || k.startsWith("x-"));

/** The OpenAPI version of a document: "3.0" or "3.1". */
export function openApiVersion(doc: Json): OpenApiVersion {
  const v = String(doc["openapi"] ?? "");
  if (v.startsWith("3.0")) return "3.0";
  if (v.startsWith("3.1")) return "3.1";
  throw new Error(`not an OpenAPI 3.0 or 3.1 document (openapi: ${JSON.stringify(doc["openapi"])})`);
}

/** One schema, normalised as the header says (a new value; the input is not changed). */
export function normaliseSchema(
  schema: unknown,
  version: OpenApiVersion,
  component?: string,
  memo = new Map<object, unknown>(),
): unknown {
  if (!isObject(schema)) return schema;
  const known = memo.get(schema);
  if (known !== undefined) return known;
  const sub = (v: unknown): unknown => normaliseSchema(v, version, component, memo);
  let result: unknown;
  if (version === "3.0" && typeof schema["$ref"] === "string") {
    result = { $ref: rewriteRef(schema["$ref"]) };
  } else if (version === "3.1" && schema["$recursiveRef"] === "#" && component !== undefined) {
    // JSON Schema 2019-09, not 2020-12 (which ignores it): OpenAI's CompoundFilter marks itself with
    // `$recursiveAnchor: true` and refers to itself with `$recursiveRef: "#"`; read as that reference
    result = { $ref: `#/$defs/${escapePointer(component)}` };
  } else {
    const out: Json = {};
    // the allOf idiom: an annotation-only member with `nullable: true` makes the whole allOf nullable
    let idiom = false;
    for (const [k, v] of Object.entries(schema)) {
      if (k.startsWith("x-") || (version === "3.1" && k === "$recursiveAnchor")) continue;
      if (SCHEMA_MAPS.has(k) && isObject(v)) {
        const map: Json = {};
        for (const [n, s] of Object.entries(v)) setOwn(map, n, sub(s));
        setOwn(out, k, map);
      } else if (SCHEMA_ONE.has(k)) setOwn(out, k, sub(v));
      else if (k === "allOf" && Array.isArray(v)) {
        setOwn(
          out,
          k,
          v.map((m: unknown) => {
            if (isObject(m) && m["nullable"] === true && annotationOnly(m)) {
              idiom = true;
              const { nullable: _, ...rest } = m;
              return sub(rest);
            }
            return sub(m);
          }),
        );
      } else if (SCHEMA_LISTS.has(k) && Array.isArray(v)) setOwn(out, k, v.map(sub));
      else if (k === "items") setOwn(out, k, Array.isArray(v) ? v.map(sub) : sub(v));
      else if (k === "dependencies" && isObject(v)) {
        const map: Json = {};
        for (const [n, s] of Object.entries(v)) setOwn(map, n, Array.isArray(s) ? s : sub(s));
        setOwn(out, k, map);
      } else if (k === "$ref" && typeof v === "string") setOwn(out, k, rewriteRef(v));
      else setOwn(out, k, v);
    }
    for (const [bound, limit] of [
      ["exclusiveMinimum", "minimum"],
      ["exclusiveMaximum", "maximum"],
    ] as const) {
      if (out[bound] === true && typeof out[limit] === "number") {
        out[bound] = out[limit];
        delete out[limit];
      } else if (typeof out[bound] === "boolean") delete out[bound];
    }
    const nullable = out["nullable"] === true || idiom;
    delete out["nullable"];
    result = out;
    if (nullable) {
      const type = out["type"];
      if (!idiom && (typeof type === "string" || Array.isArray(type))) {
        const types: unknown[] = typeof type === "string" ? [type] : type;
        if (!types.includes("null")) out["type"] = [...types, "null"];
        const values = out["enum"];
        if (Array.isArray(values) && !values.includes(null)) out["enum"] = [...values, null];
      } else {
        result = { anyOf: [out, { type: "null" }] };
      }
    }
  }
  memo.set(schema, result);
  return result;
}

/**
 * Rebuilds `schema` through its subschemas (never into `enum`, `const`, `default` or `examples`, which are data),
 * applying `f` to each schema object, bottom-up; shared subschemas stay shared (`memo`).
 */
export function mapSchema(schema: unknown, f: (s: Json) => Json, memo = new Map<object, unknown>()): unknown {
  if (!isObject(schema)) return schema;
  if (memo.has(schema)) return memo.get(schema);
  const sub = (v: unknown): unknown => mapSchema(v, f, memo);
  const out: Json = {};
  for (const [k, v] of Object.entries(schema)) {
    if ((SCHEMA_MAPS.has(k) || k === "dependencies") && isObject(v)) {
      const map: Json = {};
      for (const [n, s] of Object.entries(v)) setOwn(map, n, Array.isArray(s) ? s : sub(s));
      setOwn(out, k, map);
    } else if (SCHEMA_ONE.has(k)) setOwn(out, k, sub(v));
    else if ((SCHEMA_LISTS.has(k) || k === "items") && Array.isArray(v)) setOwn(out, k, v.map(sub));
    else if (k === "items") setOwn(out, k, sub(v));
    else setOwn(out, k, v);
  }
  const result = f(out);
  memo.set(schema, result);
  return result;
}

/** Longest string json-schema-faker is asked for beyond `minLength` (it builds a string `maxLength` long). */
const FAKER_STRING_SLACK = 64;

/**
 * The schema faker draws from: `maxLength` lowered to at most `minLength` + FAKER_STRING_SLACK (OpenAI allows 70 MB
 * strings). Every value of this narrower schema is one of the real schema, which ajv still judges.
 */
export function fakerSchema(schema: unknown, memo?: Map<object, unknown>): unknown {
  return mapSchema(
    schema,
    (s) => {
      const min = typeof s["minLength"] === "number" ? s["minLength"] : 0;
      if (typeof s["maxLength"] === "number" && s["maxLength"] > min + FAKER_STRING_SLACK)
        s["maxLength"] = min + FAKER_STRING_SLACK;
      return s;
    },
    memo,
  );
}

/** The component schemas of `doc`, normalised, as the `$defs` of one JSON Schema document. */
export function normaliseDocument(doc: Json): { version: OpenApiVersion; defs: Json; names: string[] } {
  const version = openApiVersion(doc);
  const components = (doc["components"] as Json | undefined)?.["schemas"];
  const defs: Json = {};
  if (isObject(components))
    for (const [name, schema] of Object.entries(components)) setOwn(defs, name, normaliseSchema(schema, version, name));
  return { version, defs, names: Object.keys(defs) };
}

/**
 * The schema as wirecase's defaults document it (README: "what parse enforces today", the deviations kept for
 * forward compatibility): `oneOf` is `anyOf` (the first matching member is taken, exactly-one is not checked). A
 * mutation that this schema accepts is not one the default parse must reject. (`additionalProperties: false` is
 * enforced by default now: closed objects refuse undeclared keys under every unknown-keys policy.)
 */
export function lenientSchema(schema: unknown, memo?: Map<object, unknown>): unknown {
  return mapSchema(
    schema,
    (s) => {
      if (Array.isArray(s["oneOf"])) {
        const members = s["oneOf"];
        delete s["oneOf"];
        if (s["anyOf"] === undefined) s["anyOf"] = members;
        else s["allOf"] = [...(Array.isArray(s["allOf"]) ? s["allOf"] : []), { anyOf: members }];
      }
      return s;
    },
    memo,
  );
}

// ---- pointers and paths -------------------------------------------------------------------------------------

export const escapePointer = (s: string): string => s.replace(/~/g, "~0").replace(/\//g, "~1");
const unescapePointer = (s: string): string => s.replace(/~1/g, "/").replace(/~0/g, "~");

/** The segments of a JSON pointer (`/a/0/b~1c` → ["a", "0", "b/c"]); indices stay strings. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer.slice(1).split("/").map(unescapePointer);
}

/** The segments of a `$ref` to the normalised document (`#/$defs/a%20b/properties/x`), or undefined. */
function refSegments(ref: string): string[] | undefined {
  if (!ref.startsWith("#")) return undefined;
  try {
    return pointerSegments(decodeURIComponent(ref.slice(1)));
  } catch {
    return undefined;
  }
}

/**
 * The segments of a parse issue's `wirePath` (`$.data[3]["weird key"].id` → ["data", "3", "weird key", "id"]),
 * with indices as strings, as in a JSON pointer; undefined when it is not in that form.
 */
export function wirePathSegments(path: string): string[] | undefined {
  if (!path.startsWith("$")) return undefined;
  const out: string[] = [];
  let i = 1;
  while (i < path.length) {
    if (path[i] === ".") {
      const m = /^[^.[]+/u.exec(path.slice(i + 1));
      if (m === null) return undefined;
      out.push(m[0]);
      i += 1 + m[0].length;
    } else if (path[i] === "[") {
      if (path[i + 1] === '"') {
        // a JSON string literal up to its closing quote (escapes allowed)
        let j = i + 2;
        while (j < path.length && path[j] !== '"') j += path[j] === "\\" ? 2 : 1;
        if (path[j + 1] !== "]") return undefined;
        out.push(JSON.parse(path.slice(i + 1, j + 1)) as string);
        i = j + 2;
      } else {
        const m = /^\[(\d+)\]/.exec(path.slice(i));
        if (m === null) return undefined;
        out.push(m[1]!);
        i += m[0].length;
      }
    } else return undefined;
  }
  return out;
}

/** `$` + `.key` / `[3]` / `["weird key"]`, for messages. */
export function showPath(segments: readonly Segment[]): string {
  let out = "$";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(s)) out += `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

// ---- ajv and json-schema-faker over one normalised document -------------------------------------------------

/**
 * The instance locations ajv reports for `errors` (a missing or extra key's own location included), each as the
 * JSON text of its segments (indices as strings).
 */
export function ajvPaths(errors: readonly ErrorObject[]): Set<string> {
  const out = new Set<string>();
  for (const e of errors) {
    const base = pointerSegments(e.instancePath);
    out.add(JSON.stringify(base));
    const p = e.params as Record<string, unknown>;
    for (const key of ["missingProperty", "additionalProperty", "unevaluatedProperty", "propertyName"]) {
      if (typeof p[key] === "string") out.add(JSON.stringify([...base, p[key] as string]));
    }
  }
  return out;
}

export interface OracleDocument {
  readonly version: OpenApiVersion;
  readonly names: readonly string[];
  /** The ajv validator of the schema at a pointer of the normalised document (`/$defs/X/anyOf/0`). */
  validator(pointer: string): ValidateFunction;
  /** The same for the lenient reading of the document (`lenientSchema`). */
  lenientValidator(pointer: string): ValidateFunction;
  /** The schema at `pointer`, or undefined. */
  at(pointer: string): unknown;
  /** A value drawn by json-schema-faker from component `name` (throws what faker throws). */
  fake(name: string, seed: number, variant: number): unknown;
  /**
   * A value drawn by json-schema-faker from `schema`, a subschema of the normalised document (as ajv's
   * `parentSchema` gives it: its refs point into `$defs`), with every component it reaches.
   */
  fakeSchema(schema: unknown, seed: number): unknown;
}

/** Validators of one JSON Schema document by pointer, compiled when first asked for. */
function validators(defs: Json, id: string): (pointer: string) => ValidateFunction {
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    validateFormats: false,
    allowUnionTypes: true,
    inlineRefs: false,
    // OpenAI 2026-08 has a boolean `$recursiveAnchor` and a `required` list with a name twice: not metaschema-valid
    validateSchema: false,
    verbose: true,
    code: { optimize: false },
  });
  ajv.addSchema({ $id: id, $defs: defs });
  const cache = new Map<string, ValidateFunction>();
  return (pointer) => {
    let v = cache.get(pointer);
    if (v === undefined) {
      const ref = `${id}#${pointerSegments(pointer)
        .map((s) => `/${encodeURIComponent(escapePointer(s))}`)
        .join("")}`;
      v = ajv.getSchema(ref);
      if (v === undefined) throw new Error(`ajv: no schema at ${ref}`);
      cache.set(pointer, v);
    }
    return v;
  };
}

export function oracleDocument(doc: Json): OracleDocument {
  const { version, defs, names } = normaliseDocument(doc);
  const root = { $defs: defs };
  const lenientMemo = new Map<object, unknown>();
  const lenientDefs: Json = {};
  for (const n of names) setOwn(lenientDefs, n, lenientSchema(defs[n], lenientMemo));
  const validator = validators(defs, DOC_ID);
  const lenientValidator = validators(lenientDefs, LENIENT_ID);
  const fakerMemo = new Map<object, unknown>();
  const fakerDefs: Json = {};
  for (const n of names) setOwn(fakerDefs, n, fakerSchema(defs[n], fakerMemo));
  const closures = new Map<string, Json>();
  const at = (pointer: string): unknown => {
    let node: unknown = root;
    for (const s of pointerSegments(pointer)) {
      if (Array.isArray(node)) node = node[Number(s)];
      else if (isObject(node) && Object.hasOwn(node, s)) node = node[s];
      else return undefined;
    }
    return node;
  };
  /** The components `name` reaches through refs, itself included (what faker needs to see). */
  const closure = (name: string): Json => {
    const cached = closures.get(name);
    if (cached !== undefined) return cached;
    const out: Json = {};
    const queue = [name];
    while (queue.length > 0) {
      const n = queue.pop()!;
      if (Object.hasOwn(out, n) || !Object.hasOwn(defs, n)) continue;
      setOwn(out, n, fakerDefs[n]);
      queue.push(...refNames(fakerDefs[n]));
    }
    closures.set(name, out);
    return out;
  };
  return {
    version,
    names,
    at,
    validator,
    lenientValidator,
    fakeSchema(schema, seed) {
      const defsOf: Json = {};
      for (const n of refNames(schema)) Object.assign(defsOf, closure(n));
      const sub = fakerSchema(schema, fakerMemo);
      const root = isObject(sub) ? { ...sub, $defs: defsOf } : sub;
      return generateSync(root as JsonSchema, { seed, maxDepth: 8, refDepthMax: 8, maxDefaultItems: 2, maxItems: 3 });
    },
    fake(name, seed, variant) {
      const schema: JsonSchema = {
        $defs: closure(name) as Record<string, JsonSchema>,
        $ref: `#/$defs/${escapePointer(name)}`,
      };
      return generateSync(schema, {
        seed,
        maxDepth: 12,
        refDepthMax: 12,
        maxDefaultItems: 2,
        maxItems: 3,
        // alternate sparse and full objects, so both optional keys and their absence are drawn
        ...(variant % 2 === 1 ? { alwaysFakeOptionals: true } : { optionalsProbability: 0.5 }),
      });
    },
  };
}

// ---- which schemas apply to a value, and which keys they declare ----------------------------------------

/**
 * The pointers of the schemas that apply to `value` at schema `pointer`: the schema itself, and, through `$ref`,
 * `allOf`, the `anyOf`/`oneOf` members that `value` is valid against, `if`/`then`/`else` and `dependentSchemas`,
 * theirs. `not` contributes nothing.
 */
export function applicable(doc: OracleDocument, pointer: string, value: unknown, out = new Set<string>()): Set<string> {
  if (out.has(pointer)) return out;
  const s = doc.at(pointer);
  if (!isObject(s)) return out;
  out.add(pointer);
  const ref = s["$ref"];
  if (typeof ref === "string") {
    const segs = refSegments(ref);
    if (segs !== undefined) applicable(doc, segs.map((x) => `/${escapePointer(x)}`).join(""), value, out);
  }
  const list = (k: string): unknown[] => (Array.isArray(s[k]) ? (s[k] as unknown[]) : []);
  list("allOf").forEach((_, i) => applicable(doc, `${pointer}/allOf/${i}`, value, out));
  for (const k of ["anyOf", "oneOf"]) {
    list(k).forEach((_, i) => {
      const p = `${pointer}/${k}/${i}`;
      if (doc.validator(p)(value) === true) applicable(doc, p, value, out);
    });
  }
  if (s["if"] !== undefined) {
    const branch = doc.validator(`${pointer}/if`)(value) === true ? "then" : "else";
    if (s[branch] !== undefined) applicable(doc, `${pointer}/${branch}`, value, out);
  }
  if (isObject(s["dependentSchemas"]) && isObject(value)) {
    for (const k of Object.keys(s["dependentSchemas"]))
      if (Object.hasOwn(value, k)) applicable(doc, `${pointer}/dependentSchemas/${escapePointer(k)}`, value, out);
  }
  return out;
}

/** True for `true`, `{}` or an annotation-only schema: one that allows any value (a key it admits is not declared). */
const anyValue = (s: unknown): boolean => s === true || (isObject(s) && annotationOnly(s));

const patternCache = new Map<string, RegExp | null>();
function matches(pattern: string, key: string): boolean {
  let re = patternCache.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern, "u");
    } catch {
      re = null;
    }
    patternCache.set(pattern, re);
  }
  return re?.test(key) === true;
}

/**
 * Whether key `key` of an object is declared by the schemas `schemas` that apply to it (by `properties`, `required`,
 * `patternProperties`, or an `additionalProperties` that constrains values), and the schemas of its value.
 */
export function keyInfo(
  doc: OracleDocument,
  schemas: Iterable<string>,
  key: string,
): { declared: boolean; children: string[] } {
  let declared = false;
  const children: string[] = [];
  const k = escapePointer(key);
  for (const p of schemas) {
    const s = doc.at(p) as Json;
    let named = false;
    if (isObject(s["properties"]) && Object.hasOwn(s["properties"], key)) {
      declared = named = true;
      children.push(`${p}/properties/${k}`);
    }
    if (Array.isArray(s["required"]) && s["required"].includes(key)) declared = true;
    if (isObject(s["patternProperties"])) {
      for (const pattern of Object.keys(s["patternProperties"])) {
        if (!matches(pattern, key)) continue;
        declared = named = true;
        children.push(`${p}/patternProperties/${escapePointer(pattern)}`);
      }
    }
    if (!named && s["additionalProperties"] !== undefined && s["additionalProperties"] !== false) {
      children.push(`${p}/additionalProperties`);
      if (!anyValue(s["additionalProperties"])) declared = true;
    }
  }
  return { declared, children };
}

/** The schemas of item `index` of an array, from the schemas that apply to the array. */
function itemSchemas(doc: OracleDocument, schemas: Iterable<string>, index: number): string[] {
  const out: string[] = [];
  for (const p of schemas) {
    const s = doc.at(p) as Json;
    const prefix = s["prefixItems"];
    if (Array.isArray(prefix) && index < prefix.length) out.push(`${p}/prefixItems/${index}`);
    else if (Array.isArray(s["items"])) {
      if (index < s["items"].length) out.push(`${p}/items/${index}`);
    } else if (s["items"] !== undefined) out.push(`${p}/items`);
  }
  return out;
}

const kindOf = (v: unknown): string => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

/**
 * Compares `back` = toWire(fromWire(x)) with `x`: equal, except that keys no applicable schema declares may be
 * missing (the default `strip`). Returns the first difference, or undefined. Keys whose value is `undefined`
 * count as absent (JSON has no undefined).
 */
export function roundTripDifference(
  doc: OracleDocument,
  x: unknown,
  back: unknown,
  schemas: readonly string[],
  path: Segment[] = [],
): string | undefined {
  if (Array.isArray(x)) {
    if (!Array.isArray(back)) return `${showPath(path)}: array became ${kindOf(back)}`;
    if (back.length !== x.length) return `${showPath(path)}: ${x.length} items became ${back.length}`;
    for (let i = 0; i < x.length; i++) {
      const childSchemas = new Set<string>();
      for (const p of itemSchemas(doc, schemas, i)) applicable(doc, p, x[i], childSchemas);
      const d = roundTripDifference(doc, x[i], back[i], [...childSchemas], [...path, i]);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  if (isObject(x)) {
    if (!isObject(back)) return `${showPath(path)}: object became ${kindOf(back)}`;
    for (const k of Object.keys(back)) {
      if (back[k] !== undefined && !Object.hasOwn(x, k)) return `${showPath([...path, k])}: key added`;
    }
    for (const k of Object.keys(x)) {
      const info = keyInfo(doc, schemas, k);
      const present = Object.hasOwn(back, k) && back[k] !== undefined;
      if (!present) {
        if (info.declared) return `${showPath([...path, k])}: declared key dropped`;
        continue;
      }
      const childSchemas = new Set<string>();
      for (const p of info.children) applicable(doc, p, x[k], childSchemas);
      const d = roundTripDifference(doc, x[k], back[k], [...childSchemas], [...path, k]);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  if (x === back) return undefined;
  return `${showPath(path)}: ${JSON.stringify(x)} became ${back === undefined ? "undefined" : JSON.stringify(back)}`;
}

/**
 * `back` with each string that names the same instant as the string at its place in `x` (by `Date.parse`, which
 * shares no code with wirecase) replaced by `x`'s: what the round trip with dates on may change, and nothing else.
 */
export function sameInstants(x: unknown, back: unknown): unknown {
  if (typeof x === "string" && typeof back === "string" && x !== back) {
    const t = Date.parse(x);
    return !Number.isNaN(t) && Date.parse(back) === t ? x : back;
  }
  if (Array.isArray(x) && Array.isArray(back)) return back.map((b, i) => sameInstants(x[i], b));
  if (isObject(x) && isObject(back)) {
    const out: Json = {};
    for (const k of Object.keys(back)) setOwn(out, k, Object.hasOwn(x, k) ? sameInstants(x[k], back[k]) : back[k]);
    return out;
  }
  return back;
}

/** The first path where `a` and `b` differ (own keys, key for key), for messages. */
export function firstDifference(a: unknown, b: unknown, path: Segment[] = []): string {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${showPath(path)}: ${a.length} items vs ${b.length}`;
    for (let i = 0; i < a.length; i++)
      if (!isDeepStrictEqual(a[i], b[i])) return firstDifference(a[i], b[i], [...path, i]);
  } else if (isObject(a) && isObject(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!Object.hasOwn(a, k)) return `${showPath([...path, k])}: only in fromWire`;
      if (!Object.hasOwn(b, k)) return `${showPath([...path, k])}: only in parse`;
      if (!isDeepStrictEqual(a[k], b[k])) return firstDifference(a[k], b[k], [...path, k]);
    }
    return `${showPath(path)}: same keys, different key order or prototype`;
  }
  const show = (v: unknown): string => (v === undefined ? "undefined" : (JSON.stringify(v)?.slice(0, 60) ?? String(v)));
  return `${showPath(path)}: parse ${show(a)} vs fromWire ${show(b)}`;
}

// ---- mutations ----------------------------------------------------------------------------------------------

/** A deterministic PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a string, as a seed. */
export function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

export interface Mutation {
  /** `wrong-type`, `missing-key`, `constraint`, `extra-key`. */
  readonly kind: string;
  readonly path: readonly Segment[];
  readonly value: unknown;
}

/** Every node of `x` with its path (at most `limit`, breadth first). */
function nodes(x: unknown, limit = 2000): { path: Segment[]; value: unknown }[] {
  const out: { path: Segment[]; value: unknown }[] = [{ path: [], value: x }];
  for (let i = 0; i < out.length && out.length < limit; i++) {
    const { path, value } = out[i]!;
    if (Array.isArray(value)) value.forEach((v, j) => out.push({ path: [...path, j], value: v }));
    else if (isObject(value)) for (const [k, v] of Object.entries(value)) out.push({ path: [...path, k], value: v });
  }
  return out;
}

function replaceAt(x: unknown, path: readonly Segment[], f: (parent: Json | unknown[], key: Segment) => void): unknown {
  if (path.length === 0) throw new Error("replaceAt: empty path");
  const copy = structuredClone(x);
  let node: unknown = copy;
  for (const s of path.slice(0, -1)) node = (node as Record<Segment, unknown>)[s];
  f(node as Json | unknown[], path[path.length - 1]!);
  return copy;
}

/**
 * `count` mutations of `x`, each at a node drawn with `next`: a value of another JSON type, a key removed, a
 * value that breaks a typical constraint (empty or long string, a fraction, a huge or negative number, an empty
 * or longer array), or an extra key with an array value. Which of them are invalid is ajv's to say.
 */
export function mutate(x: unknown, next: () => number, count: number): { mutation: Mutation; value: unknown }[] {
  const all = nodes(x);
  const out: { mutation: Mutation; value: unknown }[] = [];
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  for (let n = 0; n < count * 4 && out.length < count; n++) {
    const { path, value } = pick(all);
    const set = (kind: string, v: unknown): void => {
      const mutation = { kind, path, value: v };
      out.push({
        mutation,
        value:
          path.length === 0
            ? v
            : replaceAt(x, path, (parent, key) => {
                (parent as Record<Segment, unknown>)[key] = v;
              }),
      });
    };
    const choice = next();
    if (typeof value === "string") {
      if (choice < 0.4) set("wrong-type", pick([12345, true, null, {}]));
      else set("constraint", pick(["", `${value}${"\u00e9".repeat(300)}`, "\u00a7not-a-listed-value\u00a7", " "]));
    } else if (typeof value === "number") {
      if (choice < 0.4) set("wrong-type", pick([String(value), null, false]));
      else set("constraint", pick([value + 0.5, -1e15, 1e15, -1]));
    } else if (typeof value === "boolean") set("wrong-type", pick([String(value), 0, null]));
    else if (value === null) set("wrong-type", pick([0, "null", false, {}]));
    else if (Array.isArray(value)) {
      if (choice < 0.3) set("wrong-type", pick([{}, "[]", 0]));
      else if (choice < 0.6 || value.length === 0) set("constraint", []);
      else
        set(
          "constraint",
          Array.from({ length: value.length + 20 }, (_, i) => value[i % value.length]),
        );
    } else if (isObject(value)) {
      const keys = Object.keys(value);
      if (choice < 0.25) set("wrong-type", pick(["{}", [], 0, null]));
      else if (choice < 0.75 && keys.length > 0) {
        const key = pick(keys);
        const mutation = { kind: "missing-key", path: [...path, key], value: undefined };
        const copy = structuredClone(x);
        let node: unknown = copy;
        for (const s of path) node = (node as Record<Segment, unknown>)[s];
        delete (node as Json)[key];
        out.push({ mutation, value: copy });
      } else {
        const extra = { ...value };
        setOwn(extra, "zz_oracle_extra", [true]);
        set("extra-key", extra);
      }
    }
  }
  return out;
}

// ---- the laws ---------------------------------------------------------------------------------------------

/** The generated functions of one component schema (any may be missing from the output). */
export interface Generated {
  readonly isWire?: (value: unknown) => boolean;
  readonly safeParse?: (
    value: unknown,
  ) => { ok: true; value: unknown } | { ok: false; issues: readonly { wirePath: string; message: string }[] };
  readonly fromWire?: (value: unknown) => unknown;
  readonly toWire?: (value: unknown) => unknown;
}

export const LAWS = [
  "guard",
  "parse-ok",
  "round-trip",
  "parse-equals-fromWire",
  "mutation-rejected",
  "mutation-path",
] as const;
export type Law = (typeof LAWS)[number];
/** Outcomes that are about the oracle, not about wirecase. */
export type Gap = "oracle:ajv" | "oracle:faker" | "oracle:no-valid-value";

export interface SchemaReport {
  /** The first failure of each law (its reason). */
  readonly failures: Map<Law | Gap | "exports", string>;
  /** Faker values drawn, and kept (ajv-valid); of those kept, how many were repaired (see `repair`). */
  drawn: number;
  kept: number;
  repaired: number;
  /** Mutations tried, ajv-invalid ones checked, exempt ones (documented deviations), and rejected by parse. */
  mutations: number;
  invalid: number;
  exempt: number;
  rejected: number;
  /** Why faker's values were refused by ajv (the first ajv error of each, by keyword). */
  readonly refusals: Map<string, number>;
}

export interface CheckOptions {
  /** Valid values wanted per schema, faker draws allowed to get them, mutations per value. */
  readonly values: number;
  readonly draws: number;
  readonly mutations: number;
  /**
   * The `dates: "Date"` option is on: the round trip is "equal instant" (a date-time string may come back as
   * `toISOString()` writes it; V8's `Date.parse` says whether both name one instant).
   */
  readonly instants?: boolean;
}

const short = (e: unknown): string =>
  String(e instanceof Error ? e.message : e)
    .split("\n")[0]!
    .slice(0, 160);

function ajvSummary(errors: readonly ErrorObject[]): string {
  return errors
    .slice(0, 3)
    .map((e) => `${e.keyword} at ${e.instancePath || "/"}`)
    .join(", ");
}

/** The component names a schema refers to (`#/$defs/X`), at any depth, data (`enum`, `const`, ...) aside. */
function refNames(schema: unknown): Set<string> {
  const out = new Set<string>();
  const seen = new Set<unknown>();
  const stack: unknown[] = [schema];
  while (stack.length > 0) {
    const s = stack.pop();
    if (typeof s !== "object" || s === null || seen.has(s)) continue;
    seen.add(s);
    if (Array.isArray(s)) stack.push(...s);
    else
      for (const [k, v] of Object.entries(s)) {
        if (k === "$ref" && typeof v === "string") {
          const segs = refSegments(v);
          if (segs?.[0] === "$defs" && segs[1] !== undefined) out.add(segs[1]);
        } else if (k !== "enum" && k !== "const" && k !== "default" && k !== "example" && k !== "examples")
          stack.push(v);
      }
  }
  return out;
}

/** How many rounds `repair` gives a value: each round fixes what ajv's first error points at. */
const REPAIR_ROUNDS = 16;

/**
 * A faker value ajv refuses, repaired where ajv's first error points (its `instancePath`, `params` and the
 * `parentSchema` that refused it), round after round, until ajv accepts it or the rounds run out: a missing
 * required key is drawn from its schema, a wrong enum or const value replaced by an allowed one, a key
 * `additionalProperties: false` forbids removed, anything else redrawn from the schema that refused it. Faker
 * draws each `allOf` member's keys on their own, so a schema whose members narrow the same key (GitHub's
 * `webhook-workflow-job-completed`: `conclusion` is any string in one member and an enum in another) rarely gets
 * a valid value whole. Only ajv, faker and the raw schema decide: no wirecase code.
 */
export function repair(doc: OracleDocument, validate: ValidateFunction, x: unknown, seed: number): unknown {
  let value = structuredClone(x);
  for (let round = 0; round < REPAIR_ROUNDS; round++) {
    if (validate(value) === true) return value;
    const e = validate.errors?.[0];
    if (e === undefined) return undefined;
    const path = pointerSegments(e.instancePath);
    const step = (o: unknown, k: string): unknown => (isObject(o) || Array.isArray(o) ? (o as Json)[k] : undefined);
    const at = (v: unknown): unknown => path.reduce(step, v);
    const put = (replacement: unknown): void => {
      if (path.length === 0) value = replacement;
      else {
        const host = path.slice(0, -1).reduce(step, value);
        if (isObject(host) || Array.isArray(host)) setOwn(host as Json, path[path.length - 1]!, replacement);
      }
    };
    const params = e.params as Json;
    const parent = e.parentSchema;
    const draw = (schema: unknown): unknown => doc.fakeSchema(schema, (seed + round * 7919) | 0);
    try {
      if (e.keyword === "required" && typeof params["missingProperty"] === "string") {
        const key = params["missingProperty"];
        const props = isObject(parent) && isObject(parent["properties"]) ? parent["properties"] : {};
        const target = at(value);
        if (isObject(target)) setOwn(target, key, Object.hasOwn(props, key) ? draw(props[key]) : null);
      } else if (e.keyword === "enum" && Array.isArray(params["allowedValues"])) {
        const allowed = params["allowedValues"] as unknown[];
        put(structuredClone(allowed[round % allowed.length]));
      } else if (e.keyword === "const") put(structuredClone(params["allowedValue"]));
      else if (e.keyword === "additionalProperties" && typeof params["additionalProperty"] === "string") {
        const target = at(value);
        if (isObject(target)) delete target[params["additionalProperty"]];
      } else put(draw(parent));
    } catch {
      return undefined;
    }
  }
  return validate(value) === true ? value : undefined;
}

/** Runs every law of the header against component `name` of `doc` with the generated functions `g`. */
export function checkSchema(doc: OracleDocument, name: string, g: Generated, options: CheckOptions): SchemaReport {
  const report: SchemaReport = {
    failures: new Map(),
    drawn: 0,
    kept: 0,
    repaired: 0,
    mutations: 0,
    invalid: 0,
    exempt: 0,
    rejected: 0,
    refusals: new Map(),
  };
  const fail = (law: Law | Gap | "exports", reason: string): void => {
    if (!report.failures.has(law)) report.failures.set(law, reason);
  };
  const missing = (["isWire", "safeParse", "fromWire", "toWire"] as const).filter((k) => g[k] === undefined);
  if (missing.length > 0) fail("exports", `not generated: ${missing.join(", ")}`);
  const pointer = `/$defs/${escapePointer(name)}`;
  let validate: ValidateFunction;
  let lenient: ValidateFunction;
  try {
    validate = doc.validator(pointer);
    lenient = doc.lenientValidator(pointer);
  } catch (error) {
    fail("oracle:ajv", short(error));
    return report;
  }
  const seed = hash(name);
  const values: unknown[] = [];
  // when no draw is valid, up to four times as many more (faker rarely satisfies `anyOf: [{required}, ...]`)
  const more = (i: number): boolean => i < options.draws || (values.length === 0 && i < 4 * options.draws);
  for (let i = 0; values.length < options.values && more(i); i++) {
    let x: unknown;
    try {
      x = doc.fake(name, (seed + i) | 0, i);
    } catch (error) {
      fail("oracle:faker", short(error));
      continue;
    }
    report.drawn++;
    if (validate(x) === true) values.push(x);
    else {
      const e = validate.errors?.[0];
      const key = e === undefined ? "?" : e.keyword;
      report.refusals.set(key, (report.refusals.get(key) ?? 0) + 1);
    }
  }
  // no draw valid: the drawn values repaired where ajv points (see `repair`)
  const repairing = values.length === 0;
  for (let i = 0; repairing && values.length < options.values && i < options.draws; i++) {
    let x: unknown;
    try {
      x = doc.fake(name, (seed + i) | 0, i);
    } catch {
      continue;
    }
    const fixed = repair(doc, validate, x, (seed + i) | 0);
    if (fixed !== undefined) {
      values.push(fixed);
      report.repaired++;
    }
  }
  report.kept = values.length;
  if (values.length === 0) {
    if (report.drawn > 0) {
      const why = [...report.refusals].map(([k, n]) => `${k}×${n}`).join(", ");
      fail("oracle:no-valid-value", `ajv refused all ${report.drawn} faker values (first error: ${why})`);
    }
    return report;
  }
  const next = random(seed);
  for (const [i, x] of values.entries()) {
    const at = `value ${i}`;
    if (g.isWire !== undefined) {
      let ok: unknown;
      try {
        ok = g.isWire(x);
      } catch (error) {
        ok = `threw ${short(error)}`;
      }
      if (ok !== true) fail("guard", `${at}: isWire returned ${String(ok)}`);
    }
    let parsed: ReturnType<NonNullable<Generated["safeParse"]>> | undefined;
    if (g.safeParse !== undefined) {
      try {
        parsed = g.safeParse(structuredClone(x));
        if (!parsed.ok) fail("parse-ok", `${at}: ${parsed.issues[0]?.message ?? "no issue"}`);
      } catch (error) {
        fail("parse-ok", `${at}: safeParse threw ${short(error)}`);
      }
    }
    if (g.fromWire !== undefined && g.toWire !== undefined) {
      const before = JSON.stringify(x);
      const call = (f: (v: unknown) => unknown, v: unknown, what: string): { value: unknown } | undefined => {
        try {
          return { value: f(v) };
        } catch (error) {
          fail("round-trip", `${at}: ${what} threw ${short(error)}`);
          return undefined;
        }
      };
      const model = call(g.fromWire, x, "fromWire");
      const back = model === undefined ? undefined : call(g.toWire, model.value, "toWire");
      if (JSON.stringify(x) !== before) fail("round-trip", `${at}: a mapper changed its input`);
      // the oracle's own walk, outside the try: an error there is the oracle's, not the mappers'
      if (back !== undefined) {
        const returned = options.instants === true ? sameInstants(x, back.value) : back.value;
        const d = roundTripDifference(doc, x, returned, [...applicable(doc, pointer, x)]);
        if (d !== undefined) fail("round-trip", `${at}: ${d}`);
      }
      if (parsed?.ok === true && model !== undefined && !isDeepStrictEqual(parsed.value, model.value))
        fail("parse-equals-fromWire", `${at}: ${firstDifference(parsed.value, model.value)}`);
    }
    if (g.safeParse === undefined) continue;
    for (const { mutation, value } of mutate(x, next, options.mutations)) {
      report.mutations++;
      if (validate(value) === true) continue;
      const errors = [...(validate.errors ?? [])];
      if (lenient(value) === true) {
        report.exempt++;
        continue;
      }
      errors.push(...(lenient.errors ?? []));
      report.invalid++;
      const where = `${mutation.kind} at ${showPath(mutation.path)}`;
      let result;
      try {
        result = g.safeParse(value);
      } catch (error) {
        fail("mutation-rejected", `${at}, ${where}: safeParse threw ${short(error)}`);
        continue;
      }
      if (result.ok) {
        fail("mutation-rejected", `${at}, ${where}: accepted (ajv: ${ajvSummary(errors)})`);
        continue;
      }
      report.rejected++;
      const expected = ajvPaths(errors);
      const got = result.issues.map((i) => {
        const segments = wirePathSegments(i.wirePath);
        return segments === undefined ? undefined : JSON.stringify(segments);
      });
      if (!got.some((p) => p !== undefined && expected.has(p))) {
        const shown = [...expected]
          .slice(0, 3)
          .map((p) => showPath((JSON.parse(p) as string[]).map((x) => (/^\d+$/.test(x) ? Number(x) : x))))
          .join(", ");
        fail(
          "mutation-path",
          `${at}, ${where}: parse reports ${result.issues
            .slice(0, 2)
            .map((i) => i.wirePath)
            .join(", ")}, ajv ${shown}`,
        );
      }
    }
  }
  return report;
}
