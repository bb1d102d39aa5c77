/**
 * Spec → IR. One ordered rule table classifies every schema; OpenAPI 3.0 (`nullable`, boolean
 * `exclusiveMinimum`) and 3.1 (`type` arrays, `anyOf` with null, `const`) are normalised here, so no later
 * stage knows which version it read. The parsed spec is only read, never written.
 *
 * Rule precedence (first match wins): boolean schema → `$ref` → `allOf` → `oneOf`/`anyOf` → `const` →
 * `enum` → `type` (explicit, or inferred from keywords) → unknown. Then 3.0 `nullable: true` adds null.
 */
import { basename, extname } from "node:path";
import type { Diagnostic, Severity } from "../diagnostics.js";
import { encodePointer } from "../diagnostics.js";
import type { CheckedSpec, OpenApiVersion } from "../load/check-spec.js";
import type { SpecSet } from "../load/read-spec.js";
import { isRemote, locationId, refLocation, valueAt, type Location } from "../load/resolve-ref.js";
import type { Constraints, Decl, Discriminator, Doc, Ir, Node, PrimitiveType, Property } from "./types.js";
import { directRefs } from "./walk.js";

type Schema = Readonly<Record<string, unknown>>;

interface Rule {
  readonly name: string;
  readonly match: (schema: Schema) => boolean;
  readonly build: (schema: Schema, at: Location) => Node;
}

const NULL: Node = { kind: "primitive", type: "null" };
const UNKNOWN: Node = { kind: "unknown" };
const STRUCTURAL = new Set([
  "components", "schemas", "properties", "items", "allOf", "anyOf", "oneOf", "not", "additionalProperties",
  "definitions", "$defs", "prefixItems", "paths", "responses", "requestBody", "content", "schema", "parameters",
]);

export interface BuildResult {
  readonly ir: Ir;
  readonly diagnostics: readonly Diagnostic[];
}

export function buildIr(specs: SpecSet, checked: CheckedSpec): BuildResult {
  const version: OpenApiVersion = checked.version;
  const diagnostics: Diagnostic[] = [];
  const decls = new Map<string, { nameParts: readonly string[]; source: Decl["source"]; origin: Location }>();
  const queue: string[] = [];

  const report = (severity: Severity, code: string, at: Location, message: string): void => {
    diagnostics.push({ severity, code, file: at.file, position: specs.files.get(at.file)?.locate(at.path), pointer: encodePointer(at.path), message });
  };
  const child = (at: Location, ...segs: (string | number)[]): Location => ({ file: at.file, path: [...at.path, ...segs.map(String)] });

  const register = (origin: Location, nameParts: readonly string[], source: Decl["source"]): string => {
    const id = locationId(origin);
    if (!decls.has(id)) {
      decls.set(id, { nameParts, source, origin });
      queue.push(id);
    }
    return id;
  };

  // ---- $ref ---------------------------------------------------------------------------------------------
  const resolveRef = (ref: unknown, at: Location): { id: string; schema: unknown; loc: Location } | undefined => {
    const refAt = child(at, "$ref");
    if (typeof ref !== "string") {
      report("error", "ref-invalid", refAt, `$ref must be a string, got ${JSON.stringify(ref)}`);
      return undefined;
    }
    if (isRemote(ref)) {
      report("error", "ref-remote", refAt, `remote $ref "${ref}" is not supported; download the document and refer to it by a relative path`);
      return undefined;
    }
    const loc = refLocation(ref, at.file);
    const found = valueAt(specs, loc);
    if (!found.found) {
      report("error", "ref-missing", refAt, `$ref "${ref}" points to nothing: ${loc.path.length === 0 ? "the file is empty" : `no ${encodePointer(loc.path)} in ${basename(loc.file)}`}; fix the pointer or add the schema`);
      return undefined;
    }
    const isComponent = loc.path.length === 3 && loc.path[0] === "components" && loc.path[1] === "schemas";
    const id = register(loc, isComponent ? [loc.path[2]!] : refNameParts(loc), isComponent && loc.file === specs.root ? "component" : "ref");
    return { id, schema: found.value, loc };
  };

  // ---- documentation --------------------------------------------------------------------------------------
  const docOf = (schema: unknown): Doc => {
    if (!isSchemaObject(schema)) return {};
    const doc: { -readonly [K in keyof Doc]: Doc[K] } = {};
    if (typeof schema["title"] === "string") doc.title = schema["title"];
    let description = typeof schema["description"] === "string" ? schema["description"] : undefined;
    if (description === undefined) {
      // descriptions written inside anyOf/oneOf/allOf branches (e.g. `anyOf: [{ description, ... }, { type: null }]`)
      for (const key of ["anyOf", "oneOf", "allOf"]) {
        const members = schema[key];
        if (!Array.isArray(members)) continue;
        for (const m of members) {
          if (isSchemaObject(m) && typeof m["description"] === "string" && m["type"] !== "null") {
            description = m["description"];
            break;
          }
        }
        if (description !== undefined) break;
      }
    }
    if (description !== undefined) doc.description = description;
    if (schema["deprecated"] === true) doc.deprecated = true;
    if (schema["readOnly"] === true) doc.readOnly = true;
    if (schema["writeOnly"] === true) doc.writeOnly = true;
    if ("default" in schema) doc.default = { value: schema["default"] };
    if (Array.isArray(schema["examples"])) doc.examples = schema["examples"];
    else if ("example" in schema) doc.examples = [schema["example"]];
    if (typeof schema["format"] === "string") doc.format = schema["format"];
    return doc;
  };

  // ---- the rule table --------------------------------------------------------------------------------------
  const build = (schema: unknown, at: Location): Node => {
    if (schema === true) return UNKNOWN;
    if (schema === false) return { kind: "never" };
    if (!isSchemaObject(schema)) {
      report("error", "schema-invalid", at, `a schema must be a mapping or a boolean, got ${describe(schema)}`);
      return UNKNOWN;
    }
    const rule = RULES.find((r) => r.match(schema))!;
    const node = rule.build(schema, at);
    if (schema["nullable"] === true && rule.name !== "ref") {
      if (version === "3.1") report("warning", "nullable-in-3.1", child(at, "nullable"), "`nullable: true` is an OpenAPI 3.0 keyword; read as `type: [..., \"null\"]`");
      return withNull(node);
    }
    return node;
  };

  const buildRef = (schema: Schema, at: Location): Node => {
    const target = resolveRef(schema["$ref"], at);
    const node: Node = target === undefined ? UNKNOWN : { kind: "ref", target: target.id };
    return schema["nullable"] === true ? withNull(node) : node;
  };

  const buildAllOf = (schema: Schema, at: Location): Node => {
    const members = schema["allOf"] as readonly unknown[];
    const own = ownObjectPart(schema);
    const ownUnion = schema["oneOf"] !== undefined || schema["anyOf"] !== undefined;
    if (members.length === 1 && own === undefined && !ownUnion) return build(members[0], child(at, "allOf", 0));
    // `allOf: [{ $ref: X }, { description: ... }]`: exactly X (a reference to its declaration), not a copy of it
    const sole = own === undefined && !ownUnion ? soleRef(members) : undefined;
    if (sole !== undefined) return build(members[sole], child(at, "allOf", sole));
    const merged = mergeObjects(schema, at, new Set());
    // a schema being built or merged already, further up (`A.p: allOf [A, {...}]`): a recursive type, kept as an
    // intersection with a reference to it (expanding it again would never end).
    // Inside properties copied from a merged schema, a merge with refs is not expanded either: one level of
    // copying, else schemas whose properties extend each other would be copied once per path through them.
    const recursive = merged !== undefined && (merged.refs.some((id) => expanding.has(id)) || (copying > 0 && merged.refs.length > 0));
    if (merged !== undefined && !ownUnion) {
      if (!recursive) return expandingWhile(merged.refs, () => objectFrom(merged.properties, merged.required, merged.additional));
      const nodes = members.flatMap((m, i) => (addsNoProperties(m) ? [] : [build(m, child(at, "allOf", i))]));
      if (own !== undefined) nodes.push(buildObject(own, at));
      return intersection(nodes);
    }
    // fragments such as `allOf: [{ type: string }, { minLength: 2 }]`: one schema with every keyword
    if (!ownUnion && members.every((m) => isSchemaObject(m) && !["$ref", "allOf", "oneOf", "anyOf", "properties"].some((k) => k in m))) {
      const { allOf: _, ...rest } = schema;
      const fragments = [...(members as Schema[]), rest];
      // several `items` (arrays of A and of B): every item is both, not only the last member's
      const items = fragments.flatMap((f) => (f["items"] === undefined ? [] : [f["items"]]));
      return build(Object.assign({}, ...fragments, items.length > 1 ? { items: { allOf: items } } : {}), at);
    }
    const nodes = members.map((m, i) => build(m, child(at, "allOf", i)));
    if (own !== undefined) nodes.push(buildObject(own, at));
    if (ownUnion) nodes.push(buildUnion(schema, at));
    return intersection(nodes);
  };

  const buildUnion = (schema: Schema, at: Location): Node => {
    const key = Array.isArray(schema["oneOf"]) ? "oneOf" : "anyOf";
    const raw = schema[key];
    if (!Array.isArray(raw)) {
      report("error", "schema-invalid", child(at, key), `${key} must be a list of schemas`);
      return UNKNOWN;
    }
    const members: Node[] = [];
    const origins: (string | undefined)[] = [];
    let hasNull = false;
    raw.forEach((m, i) => {
      const node = build(m, child(at, key, i));
      const flat = node.kind === "union" && node.discriminator === undefined ? node.members : [node];
      for (const n of flat) {
        if (n.kind === "primitive" && n.type === "null") hasNull = true;
        // `false` (or `enum: []`) as a member: no value is valid there, so it adds nothing to the union
        else if (n.kind === "never") continue;
        else {
          members.push(n);
          origins.push(n.kind === "ref" ? n.target : undefined);
        }
      }
    });
    const hasUnknown = members.some((m) => m.kind === "unknown");
    let node: Node;
    if (hasUnknown) node = UNKNOWN;
    else if (members.length === 0) node = hasNull ? NULL : { kind: "never" };
    else if (members.length === 1) node = hasNull ? { kind: "union", members: [members[0]!, NULL] } : members[0]!;
    else {
      const discriminator = buildDiscriminator(schema, at, members);
      const all = hasNull ? [...members, NULL] : members;
      node = discriminator === undefined ? { kind: "union", members: all } : { kind: "union", members: all, discriminator };
    }
    const own = ownObjectPart(schema);
    return own === undefined ? node : intersection([buildObject(own, at), node]);
  };

  const buildDiscriminator = (schema: Schema, at: Location, members: readonly Node[]): Discriminator | undefined => {
    const d = schema["discriminator"];
    if (!isSchemaObject(d)) return undefined;
    const property = d["propertyName"];
    if (typeof property !== "string") {
      report("warning", "discriminator-invalid", child(at, "discriminator"), "discriminator without a string `propertyName`; the union is matched by structure");
      return undefined;
    }
    const mapping = isSchemaObject(d["mapping"]) ? d["mapping"] : {};
    const byTarget = new Map<string, string[]>();
    for (const [value, ref] of Object.entries(mapping)) {
      if (typeof ref !== "string") continue;
      const target = ref.includes("/") || ref.includes("#") ? refLocation(ref, at.file) : { file: specs.root, path: ["components", "schemas", ref] };
      const id = locationId(target);
      byTarget.set(id, [...(byTarget.get(id) ?? []), value]);
    }
    // a member's values: its mapping entries; else the constant its schema gives the property; else its schema name
    const cases: { value: string; member: number }[] = [];
    members.forEach((m, member) => {
      if (m.kind !== "ref") return;
      const target = decls.get(m.target);
      const values = byTarget.get(m.target) ?? (target === undefined ? [] : constantsOf(target.origin, property, 0));
      if (values.length === 0 && target !== undefined) values.push(target.origin.path.at(-1) ?? "");
      for (const value of values) cases.push({ value, member });
    });
    if (cases.length === 0) return undefined;
    return { property, cases };
  };

  /**
   * The string constants (`const` or `enum`) a schema gives one of its properties, following `$ref` and
   * `allOf`; for a schema that is itself a union, the constants of all its members.
   */
  const constantsOf = (at: Location, property: string, depth: number): string[] => {
    const found = valueAt(specs, at);
    if (!found.found || !isSchemaObject(found.value) || depth > 8) return [];
    const schema = found.value;
    if (typeof schema["$ref"] === "string") return constantsOf(refLocation(schema["$ref"], at.file), property, depth + 1);
    const props = schema["properties"];
    const p = isSchemaObject(props) ? props[property] : undefined;
    if (isSchemaObject(p)) {
      if (typeof p["const"] === "string") return [p["const"]];
      if (Array.isArray(p["enum"])) return p["enum"].filter((v): v is string => typeof v === "string");
    }
    if (Array.isArray(schema["allOf"])) {
      for (let i = 0; i < schema["allOf"].length; i++) {
        const values = constantsOf(child(at, "allOf", i), property, depth + 1);
        if (values.length > 0) return values;
      }
    }
    for (const key of ["oneOf", "anyOf"]) {
      const members = schema[key];
      if (Array.isArray(members)) return members.flatMap((_, i) => constantsOf(child(at, key, i), property, depth + 1));
    }
    return [];
  };

  const buildConst = (schema: Schema, at: Location): Node => literal(schema["const"], at);

  const literal = (value: unknown, at: Location): Node => {
    if (value === null) return NULL;
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return { kind: "literal", value };
    if (typeof value === "object") return { kind: "literal", value: value as Record<string, unknown> };
    report("error", "schema-invalid", at, `unsupported const value ${String(value)}`);
    return UNKNOWN;
  };

  const buildEnum = (schema: Schema, at: Location): Node => {
    const raw = schema["enum"];
    if (!Array.isArray(raw)) {
      report("error", "schema-invalid", child(at, "enum"), "enum must be a list of values");
      return UNKNOWN;
    }
    const types = typeList(schema["type"]);
    const wantsString = types?.includes("string") === true && types.every((t) => t === "string" || t === "null");
    let hasNull = types?.includes("null") === true;
    const values: (string | number | boolean)[] = [];
    const other: Node[] = [];
    raw.forEach((v, i) => {
      if (v === null) hasNull = true;
      else if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") {
        let value = v;
        if (wantsString && typeof v !== "string") {
          report("warning", "enum-coerced", child(at, "enum", i), `enum value ${JSON.stringify(v)} is not a string but the type is string; read as ${JSON.stringify(String(v))}`);
          value = String(v);
        }
        if (!values.includes(value)) values.push(value);
      } else other.push(literal(v, child(at, "enum", i)));
    });
    const members: Node[] = [];
    if (values.length === 1) members.push({ kind: "literal", value: values[0]! });
    else if (values.length > 1) members.push({ kind: "enum", values });
    members.push(...other);
    if (hasNull) members.push(NULL);
    if (members.length === 0) return { kind: "never" };
    return members.length === 1 ? members[0]! : { kind: "union", members };
  };

  const buildTyped = (schema: Schema, at: Location): Node => {
    const types = typeList(schema["type"]) ?? [inferType(schema)];
    const nodes: Node[] = [];
    for (const t of types) {
      if (t === undefined) return UNKNOWN;
      const node = buildOfType(schema, t, at);
      if (!nodes.some((n) => n.kind === node.kind && JSON.stringify(n) === JSON.stringify(node))) nodes.push(node);
    }
    if (Array.isArray(schema["type"]) && version === "3.0") {
      report("warning", "type-array-in-3.0", child(at, "type"), "a list of types is OpenAPI 3.1 syntax; read as a union");
    }
    if (nodes.length === 1) return nodes[0]!;
    const nonNull = nodes.filter((n) => !(n.kind === "primitive" && n.type === "null"));
    return { kind: "union", members: nonNull.length < nodes.length ? [...nonNull, NULL] : nonNull };
  };

  const buildOfType = (schema: Schema, type: unknown, at: Location): Node => {
    switch (type) {
      case "object":
        return buildObject(schema, at);
      case "array":
        return buildArray(schema, at);
      case "string":
      case "number":
      case "integer":
      case "boolean":
      case "null": {
        const constraints = constraintsOf(schema, type, at);
        const format = typeof schema["format"] === "string" ? schema["format"] : undefined;
        return {
          kind: "primitive",
          type: type as PrimitiveType,
          ...(format === undefined ? {} : { format }),
          ...(constraints === undefined ? {} : { constraints }),
        };
      }
      default:
        report(
          "error",
          "type-unknown",
          child(at, "type"),
          `unknown type ${JSON.stringify(type)}; use one of string, number, integer, boolean, array, object, null`,
        );
        return UNKNOWN;
    }
  };

  const constraintsOf = (schema: Schema, type: string, at: Location): Constraints | undefined => {
    const c: { -readonly [K in keyof Constraints]: Constraints[K] } = {};
    const num = (key: string): number | undefined => (typeof schema[key] === "number" ? (schema[key] as number) : undefined);
    if (type === "number" || type === "integer") {
      const min = num("minimum");
      const max = num("maximum");
      const exMin = schema["exclusiveMinimum"];
      const exMax = schema["exclusiveMaximum"];
      if (typeof exMin === "boolean" || typeof exMax === "boolean") {
        if (version === "3.1") {
          report("warning", "exclusive-boolean-in-3.1", child(at, typeof exMin === "boolean" ? "exclusiveMinimum" : "exclusiveMaximum"), "boolean exclusiveMinimum/exclusiveMaximum is OpenAPI 3.0 syntax; read as the 3.0 meaning");
        }
      }
      if (exMin === true && min !== undefined) c.exclusiveMinimum = min;
      else if (min !== undefined) c.minimum = min;
      if (typeof exMin === "number") c.exclusiveMinimum = exMin;
      if (exMax === true && max !== undefined) c.exclusiveMaximum = max;
      else if (max !== undefined) c.maximum = max;
      if (typeof exMax === "number") c.exclusiveMaximum = exMax;
      const multipleOf = num("multipleOf");
      if (multipleOf !== undefined && multipleOf > 0) c.multipleOf = multipleOf;
    } else if (type === "string") {
      const minLength = num("minLength");
      const maxLength = num("maxLength");
      if (minLength !== undefined) c.minLength = minLength;
      if (maxLength !== undefined) c.maxLength = maxLength;
      if (typeof schema["pattern"] === "string") {
        try {
          new RegExp(schema["pattern"], "u");
          c.pattern = schema["pattern"];
        } catch {
          report("warning", "pattern-invalid", child(at, "pattern"), `pattern ${JSON.stringify(schema["pattern"])} is not a valid JavaScript regular expression; it is not checked`);
        }
      }
    }
    return Object.keys(c).length === 0 ? undefined : c;
  };

  const buildArray = (schema: Schema, at: Location): Node => {
    const prefix = schema["prefixItems"];
    const items = schema["items"];
    const constraints: { -readonly [K in keyof Constraints]: Constraints[K] } = {};
    if (typeof schema["minItems"] === "number") constraints.minItems = schema["minItems"];
    if (typeof schema["maxItems"] === "number") constraints.maxItems = schema["maxItems"];
    if (Array.isArray(prefix)) {
      const rest = items === undefined ? UNKNOWN : items === false ? undefined : build(items, child(at, "items"));
      return { kind: "tuple", items: prefix.map((p, i) => build(p, child(at, "prefixItems", i))), rest };
    }
    const itemNode = items === undefined ? UNKNOWN : build(items, child(at, "items"));
    return Object.keys(constraints).length === 0 ? { kind: "array", items: itemNode } : { kind: "array", items: itemNode, constraints };
  };

  const buildObject = (schema: Schema, at: Location): Node => {
    const props = schema["properties"];
    const required = new Set(Array.isArray(schema["required"]) ? schema["required"].filter((r): r is string => typeof r === "string") : []);
    const parts: PropertyPart[] = [];
    if (isSchemaObject(props)) {
      for (const [key, value] of Object.entries(props)) parts.push({ key, schema: value, at: child(at, "properties", key) });
    } else if (props !== undefined) {
      report("error", "schema-invalid", child(at, "properties"), "properties must be a mapping of property names to schemas");
    }
    if (parts.length === 0 && schema["additionalProperties"] === false) return { kind: "record", values: { kind: "never" } };
    return objectFrom(parts, required, additionalOf(schema, at));
  };

  const additionalOf = (schema: Schema, at: Location): PropertyPart | undefined => {
    const extra = schema["additionalProperties"];
    if (extra !== undefined && extra !== false) return { key: "", schema: extra, at: child(at, "additionalProperties") };
    const pattern = schema["patternProperties"];
    if (isSchemaObject(pattern)) {
      const values = Object.values(pattern);
      return { key: "", schema: values.length === 1 ? values[0] : true, at: child(at, "patternProperties") };
    }
    return undefined;
  };

  const objectFrom = (parts: readonly PropertyPart[], required: ReadonlySet<string>, additional: PropertyPart | undefined): Node => {
    if (parts.length === 0) {
      return { kind: "record", values: additional === undefined ? UNKNOWN : buildPart(additional) };
    }
    const properties: Property[] = [];
    const seen = new Map<string, number>();
    for (const part of parts) {
      const doc = docOf(part.schema);
      const node = buildPart(part);
      const prop: Property = { key: part.key, node, required: required.has(part.key), doc };
      const index = seen.get(part.key);
      if (index === undefined) {
        seen.set(part.key, properties.length);
        properties.push(prop);
      } else {
        const prev = properties[index]!;
        const same = JSON.stringify(prev.node) === JSON.stringify(node);
        if (!same && disjoint(prev.node, node)) {
          const where = `${part.at.file}#${encodePointer(part.at.path)}`;
          if (!conflicts.has(where)) {
            conflicts.add(where);
            report("warning", "allof-conflict", part.at, `allOf members disagree on ${JSON.stringify(part.key)}: ${describeKind(prev.node)} and ${describeKind(node)}; no value is both, so no object is valid (its type is never)`);
          }
        }
        properties[index] = {
          ...prev,
          node: same ? prev.node : intersection([prev.node, node]),
          doc: { ...prev.doc, ...doc },
        };
      }
    }
    return { kind: "object", properties, additional: additional === undefined ? undefined : buildPart(additional) };
  };

  /** Properties already reported as `allof-conflict` (a copied property is merged once per schema using it). */
  const conflicts = new Set<string>();

  /** How many property schemas copied from a merged `$ref` (PropertyPart.copied) are being built right now. */
  let copying = 0;

  const buildPart = (part: PropertyPart): Node => {
    if (part.copied !== true) return build(part.schema, part.at);
    copying++;
    try {
      return build(part.schema, part.at);
    } finally {
      copying--;
    }
  };

  /**
   * Declarations being expanded right now: the one being built (see the declaration loop) and the schemas whose
   * properties are being built into an allOf merge (see buildAllOf). An allOf that merges one of them again is
   * recursive.
   */
  const expanding = new Set<string>();

  /** `f()`, with `ids` counted as being expanded while it runs. */
  const expandingWhile = <T>(ids: readonly string[], f: () => T): T => {
    const added = [...new Set(ids)].filter((id) => !expanding.has(id));
    for (const id of added) expanding.add(id);
    try {
      return f();
    } finally {
      for (const id of added) expanding.delete(id);
    }
  };

  interface Merged {
    /** The schemas merged in through `$ref`. */
    readonly refs: string[];
    readonly properties: PropertyPart[];
    readonly required: Set<string>;
    additional: PropertyPart | undefined;
  }

  /** `allOf` as one object, when every member is an object (following refs); undefined otherwise. */
  const mergeObjects = (schema: Schema, at: Location, visiting: Set<string>): Merged | undefined => {
    const merged: Merged = { refs: [], properties: [], required: new Set(), additional: undefined };
    const add = (s: unknown, loc: Location, copied: boolean): boolean => {
      if (s === true || (isSchemaObject(s) && Object.keys(s).every((k) => !SCHEMA_SHAPE_KEYS.has(k)))) return true;
      if (!isSchemaObject(s)) return false;
      if (s["$ref"] !== undefined) {
        const target = resolveRef(s["$ref"], loc);
        if (target === undefined) return true;
        if (visiting.has(target.id)) {
          report("error", "allof-cycle", child(loc, "$ref"), `allOf refers back to itself through ${s["$ref"] as string}; break the cycle`);
          return true;
        }
        visiting.add(target.id);
        merged.refs.push(target.id);
        const ok = add(target.schema, target.loc, true);
        visiting.delete(target.id);
        return ok;
      }
      if (s["oneOf"] !== undefined || s["anyOf"] !== undefined || s["enum"] !== undefined || s["const"] !== undefined || s["items"] !== undefined || s["nullable"] === true) return false;
      const types = typeList(s["type"]);
      if (types !== undefined && !(types.length === 1 && types[0] === "object")) return false;
      if (Array.isArray(s["allOf"])) {
        for (let i = 0; i < s["allOf"].length; i++) if (!add(s["allOf"][i], child(loc, "allOf", i), copied)) return false;
      }
      const props = s["properties"];
      if (isSchemaObject(props)) for (const [key, value] of Object.entries(props)) merged.properties.push({ key, schema: value, at: child(loc, "properties", key), copied });
      if (Array.isArray(s["required"])) for (const r of s["required"]) if (typeof r === "string") merged.required.add(r);
      const extra = additionalOf(s, loc);
      if (extra !== undefined) merged.additional = { ...extra, copied };
      return true;
    };
    return add(schema, at, false) && (merged.properties.length > 0 || merged.additional !== undefined) ? merged : undefined;
  };

  const RULES: readonly Rule[] = [
    { name: "ref", match: (s) => s["$ref"] !== undefined, build: buildRef },
    { name: "allOf", match: (s) => Array.isArray(s["allOf"]), build: buildAllOf },
    { name: "union", match: (s) => s["oneOf"] !== undefined || s["anyOf"] !== undefined, build: buildUnion },
    { name: "const", match: (s) => "const" in s, build: buildConst },
    { name: "enum", match: (s) => s["enum"] !== undefined, build: buildEnum },
    { name: "typed", match: () => true, build: buildTyped },
  ];

  // ---- the declarations -------------------------------------------------------------------------------------
  const root = { file: specs.root, path: ["components", "schemas"] };
  for (const name of checked.schemaNames) register(child(root, name), [name], "component");
  const built = new Map<string, Decl>();
  while (queue.length > 0) {
    const id = queue.shift()!;
    const entry = decls.get(id)!;
    const found = valueAt(specs, entry.origin);
    const schema = found.found ? found.value : undefined;
    // a declaration counts as being expanded while it is built: an allOf inside it that extends it again is a
    // reference to it, not a copy (`Node.children: allOf [Node, {...}]` is `(Node & {...})[]`)
    const node = expandingWhile([id], () => build(schema, entry.origin));
    built.set(id, { id, nameParts: entry.nameParts, node, doc: docOf(schema), source: entry.source, origin: entry.origin });
  }
  const ir: Ir = { decls: [...decls.keys()].map((id) => built.get(id)!) };
  for (const cycle of directCycles(ir)) {
    // an allOf cycle is reported already, where its $ref is (mergeObjects)
    const origins = cycle.map((id) => decls.get(id)!.origin);
    if (diagnostics.some((d) => d.code === "allof-cycle" && origins.some((o) => d.file === o.file && (d.pointer ?? "").startsWith(`${encodePointer(o.path)}/`)))) continue;
    const names = [...cycle, cycle[0]!].map((id) => encodePointer(decls.get(id)!.origin.path));
    report(
      "error",
      "ref-cycle",
      decls.get(cycle[0]!)!.origin,
      `${names[0]} is defined as itself (${names.join(" → ")}) through $ref, allOf, oneOf or anyOf with no object or array in between; no type can be that, break the cycle`,
    );
  }
  return { ir, diagnostics };
}

/**
 * The cycles of declarations defined as themselves through refs, unions and intersections only (`A: { $ref: A }`,
 * `A: { allOf: [{ $ref: A }, { description }] }`, `A: { oneOf: [B, string] }` with `B: { $ref: A }`): at least one
 * per group of such declarations, each as its ids in order from the first declared.
 */
function directCycles(ir: Ir): string[][] {
  const nodes = new Map(ir.decls.map((d) => [d.id, d.node]));
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const cycles: string[][] = [];
  const visit = (id: string): void => {
    state.set(id, "open");
    path.push(id);
    const node = nodes.get(id);
    for (const next of node === undefined ? [] : directRefs(node)) {
      const s = state.get(next);
      if (s === "open") cycles.push(path.slice(path.indexOf(next)));
      else if (s === undefined) visit(next);
    }
    path.pop();
    state.set(id, "done");
  };
  for (const d of ir.decls) if (!state.has(d.id)) visit(d.id);
  return cycles;
}

interface PropertyPart {
  readonly key: string;
  readonly schema: unknown;
  readonly at: Location;
  /** Merged in from another schema through a `$ref` (see mergeObjects), not written where it is used. */
  readonly copied?: boolean;
}

/** Keywords that give a schema a shape (anything else is annotation: description, example, ...). */
const SCHEMA_SHAPE_KEYS = new Set([
  "$ref", "type", "properties", "additionalProperties", "patternProperties", "items", "prefixItems", "allOf", "anyOf",
  "oneOf", "enum", "const", "nullable", "required",
]);

/**
 * Keywords that only annotate a schema: they never change which values are valid (besides these, `x-*`
 * extensions and `nullable: false`).
 */
const ANNOTATION_KEYS = new Set([
  "title", "description", "default", "example", "examples", "deprecated", "readOnly", "writeOnly", "externalDocs", "xml",
  "$comment",
]);

/** A schema of annotations only (`{ description: ... }`): as an allOf member it adds nothing but documentation. */
function isAnnotation(schema: unknown): boolean {
  return (
    schema === true ||
    (isSchemaObject(schema) && Object.entries(schema).every(([k, v]) => ANNOTATION_KEYS.has(k) || k.startsWith("x-") || (k === "nullable" && v === false)))
  );
}

/** The index of the one `$ref` member of an allOf whose other members are annotation-only; undefined otherwise. */
function soleRef(allOf: readonly unknown[]): number | undefined {
  const refs = allOf.flatMap((m, i) => (isSchemaObject(m) && m["$ref"] !== undefined ? [i] : []));
  if (refs.length !== 1) return undefined;
  return allOf.every((m, i) => i === refs[0] || isAnnotation(m)) ? refs[0] : undefined;
}

/**
 * An allOf member (of a merge, so an object) that gives no properties: annotations, `{ type: object }`,
 * `{ required: [...] }`. Beside a recursive reference it adds nothing to the type.
 */
function addsNoProperties(member: unknown): boolean {
  return member === true || (isSchemaObject(member) && !["$ref", "properties", "additionalProperties", "patternProperties", "allOf"].some((k) => k in member));
}

/**
 * `A & B`, simplified: `unknown` members drop out, a primitive beside a literal or enum of its type gives way
 * to it (`string & "dog"` is `"dog"`), duplicates are removed; one member left is that member.
 */
function intersection(nodes: readonly Node[]): Node {
  const flat = nodes.flatMap((n) => (n.kind === "intersection" ? n.members : [n])).filter((n) => n.kind !== "unknown");
  const narrowed = flat.filter(
    (n) =>
      !(n.kind === "primitive" && n.constraints === undefined && flat.some((m) => (m.kind === "literal" || m.kind === "enum") && jsonTypeOf(m) === (n.type === "integer" ? "number" : n.type))),
  );
  const unique = narrowed.filter((n, i) => narrowed.findIndex((m) => JSON.stringify(m) === JSON.stringify(n)) === i);
  if (unique.length === 0) return UNKNOWN;
  return unique.length === 1 ? unique[0]! : { kind: "intersection", members: unique };
}

/** Whether no value fits both (two primitives or constants of different JSON types, or two different constants; `a` and `b` differ). */
function disjoint(a: Node, b: Node): boolean {
  const [ka, kb] = [jsonKind(a), jsonKind(b)];
  return ka !== undefined && kb !== undefined && (ka !== kb || (a.kind === "literal" && b.kind === "literal"));
}

/** The one JSON type every value of a primitive or constant has (integer is a number), else undefined. */
function jsonKind(node: Node): string | undefined {
  if (node.kind === "primitive") return node.type === "integer" ? "number" : node.type;
  if (node.kind === "literal") return node.value === null ? "null" : Array.isArray(node.value) ? "array" : typeof node.value;
  return undefined;
}

function describeKind(node: Node): string {
  return node.kind === "literal" ? JSON.stringify(node.value) : node.kind === "primitive" ? node.type : node.kind;
}

function jsonTypeOf(node: Node): string | undefined {
  if (node.kind === "literal") return typeof node.value;
  if (node.kind === "enum") return node.values.every((v) => typeof v === typeof node.values[0]) ? typeof node.values[0] : undefined;
  return undefined;
}

function withNull(node: Node): Node {
  if (node.kind === "unknown") return node;
  if (node.kind === "primitive" && node.type === "null") return node;
  if (node.kind === "union") {
    return node.members.some((m) => m.kind === "primitive" && m.type === "null") ? node : { ...node, members: [...node.members, NULL] };
  }
  return { kind: "union", members: [node, NULL] };
}

function ownObjectPart(schema: Schema): Schema | undefined {
  return schema["properties"] !== undefined ? schema : undefined;
}

function typeList(type: unknown): readonly unknown[] | undefined {
  if (type === undefined) return undefined;
  return Array.isArray(type) ? type : [type];
}

function inferType(schema: Schema): string | undefined {
  // `required` alone is a constraint (as in `anyOf: [{ required: [a] }, { required: [b] }]`), not a shape
  if (schema["properties"] !== undefined || schema["additionalProperties"] !== undefined || schema["patternProperties"] !== undefined) return "object";
  if (schema["items"] !== undefined || schema["prefixItems"] !== undefined) return "array";
  return undefined;
}

function isSchemaObject(value: unknown): value is Schema {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** Name parts for a ref target that is not a component schema: the last meaningful pointer segments or the file name. */
function refNameParts(loc: Location): readonly string[] {
  const meaningful = loc.path.filter((s) => !STRUCTURAL.has(s) && !/^\d+$/.test(s) && !s.includes("/"));
  if (meaningful.length > 0) return meaningful.slice(-2);
  return [basename(loc.file, extname(loc.file))];
}
