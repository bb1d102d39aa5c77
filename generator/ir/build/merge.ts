/** How allOf members combine: merged into one object when they all are objects, and which members add nothing. */
import type { Location } from "../../load/resolve-ref.js";
import { child, report, resolveRef, type BuildContext } from "./context.js";
import { ASSERTION_KEYS } from "./assertions.js";
import { additionalOf, type PropertyPart } from "./structural.js";
import { isSchemaObject, typeList, type Schema } from "./schema.js";

export interface Merged {
  /** The schemas merged in through `$ref`. */
  readonly refs: string[];
  readonly properties: PropertyPart[];
  readonly required: Set<string>;
  additional: PropertyPart | undefined;
  /** The members (not the allOf itself) that make assertions (`not`, `minProperties`, ...), where they are written. */
  readonly asserting: { readonly schema: Schema; readonly at: Location }[];
}

/**
 * `allOf` as one object, when every member is an object (following refs, and allOf inside members): the
 * properties of every member in order (those reached through a `$ref` marked copied), required from any member,
 * the last member's extra keys, the members that make assertions. Undefined when a member is not an object (a
 * union, enum, const, array, nullable or another type) or when the members give no property and no extra keys.
 * A `$ref` back to a schema being merged is an `allof-cycle` error.
 */
export function mergeObjects(schema: Schema, at: Location, ctx: BuildContext): Merged | undefined {
  const merged: Merged = { refs: [], properties: [], required: new Set(), additional: undefined, asserting: [] };
  const visiting = new Set<string>();
  const add = (s: unknown, loc: Location, copied: boolean): boolean => {
    if (s !== schema && isSchemaObject(s) && makesAssertions(s)) merged.asserting.push({ schema: s, at: loc });
    if (s === true || (isSchemaObject(s) && Object.keys(s).every((k) => !SCHEMA_SHAPE_KEYS.has(k)))) return true;
    if (!isSchemaObject(s)) return false;
    if (s["$ref"] !== undefined) {
      const target = resolveRef(ctx, s["$ref"], loc);
      if (target === undefined) return true;
      if (visiting.has(target.id)) {
        const message = `allOf refers back to itself through ${s["$ref"] as string}; break the cycle`;
        report(ctx, "error", "allof-cycle", child(loc, "$ref"), message);
        return true;
      }
      visiting.add(target.id);
      merged.refs.push(target.id);
      const ok = add(target.schema, target.loc, true);
      visiting.delete(target.id);
      return ok;
    }
    if (NOT_OBJECT_KEYS.some((k) => s[k] !== undefined) || s["nullable"] === true) return false;
    const types = typeList(s["type"]);
    if (types !== undefined && !(types.length === 1 && types[0] === "object")) return false;
    if (Array.isArray(s["allOf"])) {
      for (let i = 0; i < s["allOf"].length; i++) if (!add(s["allOf"][i], child(loc, "allOf", i), copied)) return false;
    }
    const props = s["properties"];
    if (isSchemaObject(props)) {
      for (const [key, value] of Object.entries(props)) {
        merged.properties.push({ key, schema: value, at: child(loc, "properties", key), copied });
      }
    }
    if (Array.isArray(s["required"])) for (const r of s["required"]) if (typeof r === "string") merged.required.add(r);
    const extra = additionalOf(s, loc);
    if (extra !== undefined) merged.additional = { ...extra, copied };
    return true;
  };
  const ok = add(schema, at, false);
  return ok && (merged.properties.length > 0 || merged.additional !== undefined) ? merged : undefined;
}

/** Keywords that make an allOf member something other than an object (so the allOf is not merged). */
const NOT_OBJECT_KEYS = ["oneOf", "anyOf", "enum", "const", "items"];

/** Keywords that give a schema a shape (anything else is annotation: description, example, ...). */
const SCHEMA_SHAPE_KEYS = new Set([
  "$ref",
  "type",
  "properties",
  "additionalProperties",
  "patternProperties",
  "items",
  "prefixItems",
  "allOf",
  "anyOf",
  "oneOf",
  "enum",
  "const",
  "nullable",
  "required",
]);

/**
 * Keywords that only annotate a schema: they never change which values are valid (besides these, `x-*`
 * extensions and `nullable: false`).
 */
/** Keys that describe a schema and constrain nothing. */
export const ANNOTATION_KEYS: ReadonlySet<string> = new Set([
  "title",
  "description",
  "default",
  "example",
  "examples",
  "deprecated",
  "readOnly",
  "writeOnly",
  "externalDocs",
  "xml",
  "$comment",
]);

/** A schema of annotations only (`{ description: ... }`): as an allOf member it adds nothing but documentation. */
export function isAnnotation(schema: unknown): boolean {
  if (schema === true) return true;
  if (!isSchemaObject(schema)) return false;
  return Object.entries(schema).every(
    ([k, v]) => ANNOTATION_KEYS.has(k) || k.startsWith("x-") || (k === "nullable" && v === false),
  );
}

/**
 * The index of the one `$ref` member of an allOf whose other members are annotation-only (`nullable: true`
 * included: OpenAI's 3.0 idiom for a nullable reference, `[{ $ref: X }, { nullable: true }]`); undefined otherwise.
 */
export function soleRef(allOf: readonly unknown[]): number | undefined {
  const refs = allOf.flatMap((m, i) => (isSchemaObject(m) && m["$ref"] !== undefined ? [i] : []));
  if (refs.length !== 1) return undefined;
  return allOf.every((m, i) => i === refs[0] || isAnnotation(m) || isAnnotation(withoutNullable(m)))
    ? refs[0]
    : undefined;
}

/** The index of an allOf member that says `nullable: true` (beside a sole `$ref`: the reference or null). */
export function nullableMember(allOf: readonly unknown[]): number {
  return allOf.findIndex((m) => isSchemaObject(m) && m["$ref"] === undefined && m["nullable"] === true);
}

function withoutNullable(schema: unknown): unknown {
  if (!isSchemaObject(schema) || schema["nullable"] !== true) return schema;
  const { nullable: _, ...rest } = schema;
  return rest;
}

/**
 * An allOf member (of a merge, so an object) that gives no properties: annotations, `{ type: object }`,
 * `{ required: [...] }`. Beside a recursive reference it adds nothing to the type.
 */
export function addsNoProperties(member: unknown): boolean {
  if (member === true) return true;
  return isSchemaObject(member) && !PROPERTY_KEYS.some((k) => k in member) && !makesAssertions(member);
}

/** Whether a schema object has a keyword only validation enforces (assertions.ts). */
export function makesAssertions(schema: Schema): boolean {
  return Object.keys(schema).some((k) => ASSERTION_KEYS.has(k) || k === "patternProperties");
}

const PROPERTY_KEYS = ["$ref", "properties", "additionalProperties", "patternProperties", "allOf"];

/** allOf members that are keyword fragments of one schema: no `$ref`, composition or properties of their own. */
export function areFragments(members: readonly unknown[]): members is readonly Schema[] {
  return members.every((m) => isSchemaObject(m) && !FRAGMENT_EXCLUDED.some((k) => k in m));
}

const FRAGMENT_EXCLUDED = ["$ref", "allOf", "oneOf", "anyOf", "properties"];
