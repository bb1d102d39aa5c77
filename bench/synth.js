// Synthetic OpenAPI 3.1 specs for the scaling benchmark: `count` component schemas shaped like real API
// objects (about 10 snake_case properties each: ids, timestamps, an inline enum, nullable fields, an inline
// nested object, refs and arrays of refs to other schemas, a nullable ref, a string map), plus one list and
// one get operation per 8 schemas. Deterministic: the same count always gives the same document.
//
// Usage as a script: node bench/synth.js <count> <out.json>
import { writeFileSync } from "node:fs";

const NOUNS = [
  "account",
  "invoice",
  "order",
  "project",
  "member",
  "dataset",
  "model",
  "run",
  "file",
  "token",
  "webhook",
  "event",
  "team",
  "plan",
  "quota",
  "report",
  "job",
  "batch",
  "vector",
  "thread",
];
const QUALIFIERS = [
  "billing",
  "usage",
  "audit",
  "access",
  "export",
  "import",
  "training",
  "deployment",
  "storage",
  "network",
  "session",
  "payment",
  "review",
  "search",
  "cache",
  "alert",
];
const FIELDS = [
  "display_name",
  "description",
  "owner_id",
  "region",
  "external_ref",
  "source_url",
  "retry_count",
  "max_tokens",
  "priority_level",
  "last_error",
  "parent_id",
  "checksum_sha256",
  "size_bytes",
  "expires_at",
  "updated_at",
];
const STATES = ["pending", "queued", "in_progress", "succeeded", "failed", "cancelled", "expired", "archived"];

/** A small seeded PRNG (mulberry32), so every run builds the same spec. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pascal = (snake) => snake.replace(/(^|_)([a-z0-9])/g, (_, __, c) => c.toUpperCase());

export function synthSpec(count) {
  const rand = prng(count * 7919 + 17);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const names = [];
  const seen = new Set();
  for (let i = 0; i < count; i++) {
    const base = `${pick(QUALIFIERS)}_${pick(NOUNS)}_${pick(NOUNS)}`;
    let name = pascal(base);
    for (let k = 2; seen.has(name); k++) name = pascal(`${base}_v${k}`);
    seen.add(name);
    names.push(name);
  }
  const ref = (j) => ({ $ref: `#/components/schemas/${names[j]}` });
  const other = (i) => {
    const j = Math.floor(rand() * count);
    return j === i ? (i + 1) % count : j;
  };

  const schemas = {};
  for (let i = 0; i < count; i++) {
    const noun = names[i];
    const extra = [...FIELDS].sort(() => rand() - 0.5).slice(0, 3);
    const states = STATES.slice(0, 3 + Math.floor(rand() * 5));
    const properties = {
      id: { type: "string", description: `The identifier of the ${noun}.` },
      created_at: { type: "integer", description: "Unix timestamp (seconds) of creation." },
      status: { type: "string", enum: states, description: "Lifecycle state." },
      [extra[0]]: { type: ["string", "null"], description: "A nullable string." },
      [extra[1]]: { type: "integer", minimum: 0 },
      settings: {
        type: "object",
        description: "Inline nested settings object.",
        properties: {
          max_retries: { type: "integer", default: 3 },
          notify_email: { type: ["string", "null"], format: "email" },
          time_window: {
            type: "object",
            properties: { start_at: { type: "integer" }, end_at: { type: ["integer", "null"] } },
            required: ["start_at"],
          },
        },
        required: ["max_retries"],
      },
      owner: ref(other(i)),
      related_items: { type: "array", items: ref(other(i)), maxItems: 20 },
      latest_revision: { anyOf: [ref(other(i)), { type: "null" }] },
      tag_list: { type: "array", items: { type: "string" } },
      metadata: { type: "object", additionalProperties: { type: "string" } },
      [extra[2]]: { type: ["number", "null"] },
    };
    schemas[noun] = {
      type: "object",
      title: noun,
      description: `A synthetic ${noun} object (${i + 1} of ${count}).`,
      properties,
      required: ["id", "created_at", "status", extra[0], "settings", "owner"],
    };
  }

  const paths = {};
  for (let i = 0; i < count; i += 8) {
    const slug = names[i].replace(/[A-Z]/g, (c, at) => `${at === 0 ? "" : "_"}${c.toLowerCase()}`);
    paths[`/${slug}s`] = {
      get: {
        operationId: `list${names[i]}s`,
        parameters: [{ name: "after", in: "query", schema: { type: "string" } }],
        responses: {
          200: {
            description: "A page.",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: { data: { type: "array", items: ref(i) }, has_more: { type: "boolean" } },
                  required: ["data", "has_more"],
                },
              },
            },
          },
        },
      },
    };
    paths[`/${slug}s/{id}`] = {
      get: {
        operationId: `get${names[i]}`,
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: { 200: { description: "One object.", content: { "application/json": { schema: ref(i) } } } },
      },
    };
  }

  return {
    openapi: "3.1.0",
    info: { title: `Synthetic API with ${count} schemas`, version: "1.0.0" },
    paths,
    components: { schemas },
  };
}

/** Writes the synthetic spec for `count` schemas as pretty JSON to `file`; returns its size in bytes. */
export function writeSynthSpec(count, file) {
  const text = `${JSON.stringify(synthSpec(count), null, 2)}\n`;
  writeFileSync(file, text);
  return Buffer.byteLength(text);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [count, out] = process.argv.slice(2);
  process.stdout.write(`${writeSynthSpec(Number(count), out)} bytes\n`);
}
