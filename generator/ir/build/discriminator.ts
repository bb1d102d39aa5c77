/** The discriminator of a oneOf/anyOf: which value of which property selects which member. */
import { locationId, refLocation, valueAt, type Location } from "../../load/resolve-ref.js";
import type { Discriminator, Node } from "../types.js";
import { child, report, type BuildContext } from "./context.js";
import { isSchemaObject, type Schema } from "./schema.js";

/**
 * `discriminator: { propertyName, mapping }` over the built members. A `$ref` member's values are its mapping
 * entries (a mapping value is a `$ref` or a bare schema name); else the constants its schema gives the property;
 * else its schema name. Undefined without a discriminator, without a string propertyName (a warning), or when
 * no member is a `$ref`.
 */
export function buildDiscriminator(
  schema: Schema,
  at: Location,
  members: readonly Node[],
  ctx: BuildContext,
): Discriminator | undefined {
  const d = schema["discriminator"];
  if (!isSchemaObject(d)) return undefined;
  const property = d["propertyName"];
  if (typeof property !== "string") {
    const message = "discriminator without a string `propertyName`; the union is matched by structure";
    report(ctx, "warning", "discriminator-invalid", child(at, "discriminator"), message);
    return undefined;
  }
  const mapping = isSchemaObject(d["mapping"]) ? d["mapping"] : {};
  const byTarget = new Map<string, string[]>();
  for (const [value, ref] of Object.entries(mapping)) {
    if (typeof ref !== "string") continue;
    const bare = !ref.includes("/") && !ref.includes("#");
    const target = bare ? { file: ctx.specs.root, path: ["components", "schemas", ref] } : refLocation(ref, at.file);
    const id = locationId(target);
    byTarget.set(id, [...(byTarget.get(id) ?? []), value]);
  }
  const cases: { value: string; member: number }[] = [];
  members.forEach((m, member) => {
    if (m.kind !== "ref") return;
    const target = ctx.registry.decls.get(m.target);
    const values =
      byTarget.get(m.target) ??
      (target === undefined ? [] : constantsOf(ctx, target.origin, property, new Set([m.target])));
    if (values.length === 0 && target !== undefined) values.push(target.origin.path.at(-1) ?? "");
    for (const value of values) cases.push({ value, member });
  });
  if (cases.length === 0) return undefined;
  return { property, cases };
}

/**
 * The string constants (`const` or `enum`) a schema gives one of its properties, following `$ref` and
 * `allOf`; for a schema that is itself a union, the constants of all its members.
 */
function constantsOf(ctx: BuildContext, at: Location, property: string, seen: ReadonlySet<string>): string[] {
  const found = valueAt(ctx.specs, at);
  if (!found.found || !isSchemaObject(found.value)) return [];
  const schema = found.value;
  if (typeof schema["$ref"] === "string") {
    // only a `$ref` can lead back to a schema on the path: each target is followed once
    const target = refLocation(schema["$ref"], at.file);
    const id = locationId(target);
    return seen.has(id) ? [] : constantsOf(ctx, target, property, new Set([...seen, id]));
  }
  const props = schema["properties"];
  const p = isSchemaObject(props) ? props[property] : undefined;
  if (isSchemaObject(p)) {
    if (typeof p["const"] === "string") return [p["const"]];
    if (Array.isArray(p["enum"])) return p["enum"].filter((v): v is string => typeof v === "string");
  }
  if (Array.isArray(schema["allOf"])) {
    for (let i = 0; i < schema["allOf"].length; i++) {
      const values = constantsOf(ctx, child(at, "allOf", i), property, seen);
      if (values.length > 0) return values;
    }
  }
  for (const key of ["oneOf", "anyOf"]) {
    const members = schema[key];
    if (!Array.isArray(members)) continue;
    return members.flatMap((_, i) => constantsOf(ctx, child(at, key, i), property, seen));
  }
  return [];
}
