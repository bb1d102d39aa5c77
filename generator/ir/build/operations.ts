/**
 * `paths` → operations: each operation's parameters, JSON request body and JSON responses become declarations
 * of the same IR as component schemas (so mappers, guards, parse and docs follow), and an `Operation` ties them
 * to the method, path and status. A body that is only a `$ref` reuses the declaration it names.
 *
 * - Parameters: path-level ones first, in order, an operation-level one with the same name and `in` replacing
 *   one in place, then the other operation-level ones; `$ref`s (`components.parameters`) resolved. They are one
 *   declaration (`<Operation>Params`) whose object has a property per parameter keyed by its wire name; which
 *   location each travels in is the operation's `params.locations`.
 * - Bodies: the first JSON media type (`application/json`, `application/*+json`, parameters allowed) with a
 *   schema; other media types keep only their content type. `components.requestBodies` / `components.responses`
 *   refs are followed; an inline schema under one of those is named after that component.
 */
import { refLocation, valueAt, type Location } from "../../load/resolve-ref.js";
import type {
  Doc,
  FormEncodings,
  HttpMethod,
  Node,
  Operation,
  OperationBody,
  ParameterLocation,
  Property,
} from "../types.js";
import { child, register, report, resolveRef, type BuildContext } from "./context.js";
import { docOf } from "./doc.js";
import { ANNOTATION_KEYS } from "./merge.js";
import { isSchemaObject, UNKNOWN, type Schema } from "./schema.js";

const METHODS: readonly HttpMethod[] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const LOCATIONS: readonly ParameterLocation[] = ["path", "query", "header", "cookie"];

/** A declaration built here rather than from a schema of the spec: an operation's parameters. */
export interface BuiltDecl {
  readonly id: string;
  readonly node: Node;
  readonly doc: Doc;
}

export interface CollectedOperations {
  readonly operations: readonly Operation[];
  /** The parameter declarations, registered (not queued): their nodes are built here. */
  readonly built: readonly BuiltDecl[];
}

/** Every operation of the root document's `paths`, in spec order. */
export function collectOperations(ctx: BuildContext): CollectedOperations {
  const root = ctx.specs.root;
  const operations: Operation[] = [];
  const built: BuiltDecl[] = [];
  const paths = valueAt(ctx.specs, { file: root, path: ["paths"] });
  if (!paths.found || !isSchemaObject(paths.value)) return { operations, built };
  for (const [path, rawItem] of Object.entries(paths.value)) {
    const item = follow(ctx, rawItem, { file: root, path: ["paths", path] });
    if (item === undefined || !isSchemaObject(item.value)) continue;
    // in the path item's order, as the spec writes them
    for (const method of Object.keys(item.value).filter(isMethod)) {
      const op = item.value[method];
      if (!isSchemaObject(op)) continue;
      const at = child(item.at, method);
      operations.push(operation(ctx, { method, path, op, at, item: item.value, itemAt: item.at }, built));
    }
  }
  return { operations, built };
}

function isMethod(key: string): key is HttpMethod {
  return (METHODS as readonly string[]).includes(key);
}

interface Found {
  readonly value: unknown;
  readonly at: Location;
}

/** The object at `at`, through `$ref`s (components.parameters, requestBodies, responses, path items). */
function follow(ctx: BuildContext, value: unknown, at: Location): Found | undefined {
  let current: Found = { value, at };
  for (let hops = 0; isSchemaObject(current.value) && typeof current.value["$ref"] === "string"; hops++) {
    const loc = refLocation(current.value["$ref"], current.at.file);
    const found = valueAt(ctx.specs, loc);
    // a dangling ref in the root document is reported by checkSpec; one in another file is not
    if (!found.found) {
      if (current.at.file !== ctx.specs.root) resolveRef(ctx, current.value["$ref"], current.at);
      return undefined;
    }
    if (hops > 32) {
      report(ctx, "warning", "ref-cycle", current.at, "this $ref leads back to itself; it is left out");
      return undefined;
    }
    current = { value: found.value, at: loc };
  }
  return current;
}

interface OperationInput {
  readonly method: HttpMethod;
  readonly path: string;
  readonly op: Schema;
  readonly at: Location;
  /** The path item, for its parameters. */
  readonly item: Schema;
  readonly itemAt: Location;
}

function operation(ctx: BuildContext, input: OperationInput, built: BuiltDecl[]): Operation {
  const { method, path, op, at } = input;
  const operationId = typeof op["operationId"] === "string" && op["operationId"] !== "" ? op["operationId"] : undefined;
  const nameParts =
    operationId === undefined
      ? [
          method,
          ...path
            .split("/")
            .map((s) => s.replace(/[{}]/g, ""))
            .filter((s) => s !== ""),
        ]
      : [operationId];
  const params = parameters(ctx, input, nameParts, built);
  const requestBody = body(
    ctx,
    op["requestBody"],
    child(at, "requestBody"),
    (component) => (component === undefined ? [...nameParts, "Body"] : withSuffix(component, "Body")),
    built,
  );
  return {
    method,
    path,
    ...(operationId === undefined ? {} : { operationId }),
    nameParts,
    ...(params === undefined ? {} : { params }),
    ...(requestBody === undefined ? {} : { requestBody }),
    responses: responses(ctx, op["responses"], child(at, "responses"), nameParts),
    ...(typeof op["summary"] === "string" ? { summary: op["summary"] } : {}),
    ...(op["deprecated"] === true ? { deprecated: true } : {}),
    ...(Array.isArray(op["tags"]) ? { tags: op["tags"].filter((t): t is string => typeof t === "string") } : {}),
    origin: at,
  };
}

/** `["not_found"]` + `Response` → `["not_found", "Response"]`; a name already ending in the suffix keeps it. */
function withSuffix(component: string, suffix: string): string[] {
  return component.replace(/[^A-Za-z0-9]/g, "").endsWith(suffix) ? [component] : [component, suffix];
}

interface Parameter {
  readonly name: string;
  readonly in: ParameterLocation;
  readonly value: Schema;
  readonly at: Location;
}

function parameters(
  ctx: BuildContext,
  input: OperationInput,
  nameParts: readonly string[],
  built: BuiltDecl[],
): Operation["params"] {
  const list: Parameter[] = [];
  const add = (raw: unknown, at: Location, override: boolean): void => {
    const found = follow(ctx, raw, at);
    if (found === undefined || !isSchemaObject(found.value)) return;
    const p = found.value;
    const where = LOCATIONS.find((l) => l === p["in"]);
    if (typeof p["name"] !== "string" || where === undefined) {
      const message = "a parameter needs a string `name` and `in` one of path, query, header, cookie; it is left out";
      report(ctx, "warning", "parameter-invalid", found.at, message);
      return;
    }
    const param: Parameter = { name: p["name"], in: where, value: p, at: found.at };
    const same = list.findIndex((q) => q.name === param.name && q.in === param.in);
    if (same !== -1 && override) list[same] = param;
    else if (same === -1) list.push(param);
  };
  const pathLevel = input.item["parameters"];
  if (Array.isArray(pathLevel)) pathLevel.forEach((p, i) => add(p, child(input.itemAt, "parameters", i), false));
  const own = input.op["parameters"];
  if (Array.isArray(own)) own.forEach((p, i) => add(p, child(input.at, "parameters", i), true));
  if (list.length === 0) return undefined;
  const properties: Property[] = [];
  const locations: { key: string; in: ParameterLocation }[] = [];
  for (const p of list) {
    // the flat model has one key per wire name: a second parameter of that name in another location is left out
    if (properties.some((q) => q.key === p.name)) {
      const message =
        `parameter ${JSON.stringify(p.name)} (in ${p.in}) has the name of another parameter of this operation; ` +
        "wirecase's parameter model has one key per name, so it is left out: rename one of them";
      report(ctx, "warning", "parameter-duplicate", p.at, message);
      continue;
    }
    const schema = parameterSchema(p);
    const node = schema === undefined ? UNKNOWN : ctx.build(schema.value, schema.at);
    const doc = schema === undefined ? {} : docOf(schema.value);
    const description = typeof p.value["description"] === "string" ? p.value["description"] : doc.description;
    const deprecated = p.value["deprecated"] === true || doc.deprecated === true;
    properties.push({
      key: p.name,
      node,
      required: p.in === "path" || p.value["required"] === true,
      doc: {
        ...doc,
        ...(description === undefined ? {} : { description }),
        ...(deprecated ? { deprecated: true } : {}),
      },
    });
    locations.push({ key: p.name, in: p.in });
  }
  const origin = child(input.at, "parameters");
  const id = register(ctx.registry, origin, [...nameParts, "Params"], "operation", { queue: false });
  built.push({ id, node: { kind: "object", properties, additional: undefined }, doc: {} });
  return { decl: id, locations };
}

/** A parameter's schema: `schema`, or the schema of its one `content` media type. */
function parameterSchema(p: Parameter): Found | undefined {
  if (p.value["schema"] !== undefined) return { value: p.value["schema"], at: child(p.at, "schema") };
  const content = p.value["content"];
  if (!isSchemaObject(content)) return undefined;
  const [media] = Object.keys(content);
  const entry = media === undefined ? undefined : content[media];
  if (!isSchemaObject(entry) || entry["schema"] === undefined) return undefined;
  return { value: entry["schema"], at: child(p.at, "content", media!, "schema") };
}

/** `application/json`, `application/vnd.github+json`, `application/json; charset=utf-8`. */
export function isJsonMediaType(media: string): boolean {
  const essence = media.split(";", 1)[0]!.trim().toLowerCase();
  return essence === "application/json" || /^application\/[^/]*\+json$/.test(essence);
}

/** `application/x-www-form-urlencoded` and `multipart/form-data`: bodies of fields, encoded per `encoding`. */
export function isFormMediaType(media: string): boolean {
  const essence = media.split(";", 1)[0]!.trim().toLowerCase();
  return essence === "application/x-www-form-urlencoded" || essence === "multipart/form-data";
}

/**
 * A request body or response: its first JSON media type with a schema (declared, or the declaration its `$ref`
 * names), else its first form media type with a schema (declared the same way, with its `encoding`; for a
 * multipart body with file fields, a declaration of its other fields, at the media type's pointer, and the file
 * fields' names), else its first media type alone; undefined without content. `names` gives the name parts of
 * an inline schema, from the component it is written under (`components.responses.<name>`) when there is one.
 */
function body(
  ctx: BuildContext,
  raw: unknown,
  at: Location,
  names: (component: string | undefined) => readonly string[],
  built?: BuiltDecl[],
): OperationBody | undefined {
  const found = follow(ctx, raw, at);
  if (found === undefined || !isSchemaObject(found.value)) return undefined;
  const content = found.value["content"];
  if (!isSchemaObject(content)) return undefined;
  const media = Object.keys(content);
  const hasSchema = (m: string): boolean => isSchemaObject(content[m]) && content[m]["schema"] !== undefined;
  const json = media.find((m) => isJsonMediaType(m) && hasSchema(m));
  const form = json === undefined ? media.find((m) => isFormMediaType(m) && hasSchema(m)) : undefined;
  const chosen = json ?? form;
  if (chosen === undefined) return media.length === 0 ? undefined : { contentType: media[0]! };
  const entry = content[chosen] as Schema;
  const schema = entry["schema"];
  const schemaAt = child(found.at, "content", chosen, "schema");
  const p = found.at.path;
  const component = p.length === 3 && p[0] === "components" ? p[2] : undefined;
  const encoding = form === undefined ? undefined : formEncodings(entry["encoding"]);
  const withEncoding = encoding === undefined ? {} : { encoding };
  const fields = form === undefined ? undefined : fileFields(ctx, schema, schemaAt);
  if (form !== undefined && fields !== undefined && fields.files.length > 0) {
    // a multipart body with files: its other fields are a declaration of their own, at the media type's place
    if (built === undefined) return { contentType: form };
    // only files: nothing to declare
    const props = fields.object.value["properties"] as Schema;
    if (Object.keys(props).every((k) => fields.files.includes(k)))
      return { contentType: form, files: fields.files, ...withEncoding };
    const at = child(found.at, "content", form);
    const id = register(ctx.registry, at, names(component), "operation", { queue: false });
    built.push({ id, node: fieldsNode(ctx, fields), doc: docOf(fields.object.value) });
    return { contentType: form, decl: id, files: fields.files, ...withEncoding };
  }
  const decl = schemaDecl(ctx, schema, schemaAt, names(component));
  return { contentType: chosen, ...(decl === undefined ? {} : { decl }), ...withEncoding };
}

interface FormFields {
  /** The form's object schema, through `$ref`s. */
  readonly object: { readonly value: Schema; readonly at: Location };
  /** The wire names of its file fields, in order. */
  readonly files: readonly string[];
}

/** A form schema's object (through `$ref`s) and its file fields: binary, `contentMediaType`, or arrays of those. */
function fileFields(ctx: BuildContext, schema: unknown, at: Location): FormFields | undefined {
  const found = follow(ctx, schema, at);
  if (found === undefined || !isSchemaObject(found.value)) return undefined;
  const properties = found.value["properties"];
  if (!isSchemaObject(properties)) return undefined;
  const isFile = (s: unknown): boolean =>
    isSchemaObject(s) &&
    (s["format"] === "binary" ||
      s["contentMediaType"] !== undefined ||
      (s["type"] === "array" && isFile(follow(ctx, s["items"], at)?.value)));
  const files = Object.keys(properties).filter((k) => isFile(follow(ctx, properties[k], found.at)?.value));
  return { object: { value: found.value, at: found.at }, files };
}

/** The object of a multipart form's fields that are not files, each built as any property schema. */
function fieldsNode(ctx: BuildContext, fields: FormFields): Node {
  const { value, at } = fields.object;
  const properties = value["properties"] as Schema;
  const required = Array.isArray(value["required"]) ? value["required"] : [];
  const kept: Property[] = Object.keys(properties)
    .filter((key) => !fields.files.includes(key))
    .map((key) => ({
      key,
      node: ctx.build(properties[key], child(at, "properties", key)),
      required: required.includes(key),
      doc: docOf(properties[key]),
    }));
  return { kind: "object", properties: kept, additional: undefined };
}

/** The serialisation fields of a form media type's `encoding`, by property; undefined when it gives none. */
function formEncodings(raw: unknown): FormEncodings | undefined {
  if (!isSchemaObject(raw)) return undefined;
  const out: [string, FormEncodings[string]][] = [];
  for (const [key, e] of Object.entries(raw)) {
    if (!isSchemaObject(e)) continue;
    const style = typeof e["style"] === "string" ? { style: e["style"] } : {};
    const explode = typeof e["explode"] === "boolean" ? { explode: e["explode"] } : {};
    const reserved = typeof e["allowReserved"] === "boolean" ? { allowReserved: e["allowReserved"] } : {};
    const fields = { ...style, ...explode, ...reserved };
    if (Object.keys(fields).length > 0) out.push([key, fields]);
  }
  // own properties, whatever the keys (`__proto__` included)
  return out.length === 0 ? undefined : Object.fromEntries(out);
}

/**
 * The declaration of a body's schema: the one a `$ref` (with annotations only beside it, or any siblings in 3.0)
 * names, else the schema's own, registered for operations at its real pointer.
 */
function schemaDecl(
  ctx: BuildContext,
  schema: unknown,
  at: Location,
  nameParts: readonly string[],
): string | undefined {
  if (isSchemaObject(schema) && typeof schema["$ref"] === "string") {
    const siblings = Object.keys(schema).filter(
      (k) => k !== "$ref" && !k.startsWith("x-") && !ANNOTATION_KEYS.has(k) && k !== "summary",
    );
    if (ctx.version === "3.0" || siblings.length === 0) {
      const loc = refLocation(schema["$ref"], at.file);
      if (!valueAt(ctx.specs, loc).found && at.file === ctx.specs.root) return undefined;
      return resolveRef(ctx, schema["$ref"], at)?.id;
    }
  }
  return register(ctx.registry, at, nameParts, "operation");
}

/**
 * Every status of an operation. Inline schemas written in the operation (not under `components.responses`) are
 * named `<Operation>Response` when there is one, or when exactly one of them is for a 2xx status (that one; the
 * others `<Operation><status>Response`); else each `<Operation><status>Response`. Statuses whose inline schemas
 * are the same JSON share one declaration.
 */
function responses(
  ctx: BuildContext,
  raw: unknown,
  at: Location,
  nameParts: readonly string[],
): Operation["responses"] {
  if (!isSchemaObject(raw)) return [];
  const statuses = Object.keys(raw);
  // which statuses have an inline JSON schema of their own, and which of those are the same JSON
  const inline = new Map<string, string>();
  for (const status of statuses) {
    const schema = inlineSchema(raw[status]);
    if (schema !== undefined) inline.set(status, schema);
  }
  const distinct = [...new Set(inline.values())];
  const successes = distinct.filter((s) => [...inline].some(([status, t]) => t === s && /^2/.test(status)));
  const plain = distinct.length === 1 ? distinct[0] : successes.length === 1 ? successes[0] : undefined;
  const firstStatus = new Map<string, string>();
  for (const [status, s] of inline) if (!firstStatus.has(s)) firstStatus.set(s, status);
  const declOf = new Map<string, string>();
  return statuses.map((status) => {
    const s = inline.get(status);
    const shared = s === undefined ? undefined : declOf.get(s);
    if (shared !== undefined) {
      const media = inlineMedia(raw[status])!;
      return { status, contentType: media, decl: shared };
    }
    const found = body(ctx, raw[status], child(at, status), (component) => {
      if (component !== undefined) return withSuffix(component, "Response");
      return s === plain ? [...nameParts, "Response"] : [...nameParts, firstStatus.get(s!) ?? status, "Response"];
    });
    if (s !== undefined && found?.decl !== undefined) declOf.set(s, found.decl);
    return found === undefined ? { status } : { status, ...found };
  });
}

/** A response written inline (no `$ref`) whose JSON schema is inline too: that schema as JSON text. */
function inlineSchema(response: unknown): string | undefined {
  const media = inlineMedia(response);
  if (media === undefined) return undefined;
  const schema = ((response as Schema)["content"] as Schema)[media] as Schema;
  const value = schema["schema"];
  if (isSchemaObject(value) && typeof value["$ref"] === "string") return undefined;
  return JSON.stringify(value);
}

/** The JSON media type (with a schema) of a response written inline. */
function inlineMedia(response: unknown): string | undefined {
  if (!isSchemaObject(response) || response["$ref"] !== undefined) return undefined;
  const content = response["content"];
  if (!isSchemaObject(content)) return undefined;
  return Object.keys(content).find(
    (m) => isJsonMediaType(m) && isSchemaObject(content[m]) && content[m]["schema"] !== undefined,
  );
}
