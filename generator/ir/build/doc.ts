/** Documentation of a schema: the annotations docs and JSDoc print. They never change what a value may be. */
import type { Doc } from "../types.js";
import { isSchemaObject } from "./schema.js";

/**
 * title, description, deprecated, readOnly, writeOnly, default, examples (3.1 `examples` or 3.0 `example`, else
 * OpenAI's `x-oaiMeta.example`, a JSON text: parsed, or kept as `unreadExample` when it is not JSON) and format.
 * A schema without a description of its own takes the first one written in an anyOf, oneOf or allOf
 * branch that is not the null branch (`anyOf: [{ description, ... }, { type: null }]`).
 */
export function docOf(schema: unknown): Doc {
  if (!isSchemaObject(schema)) return {};
  const doc: { -readonly [K in keyof Doc]: Doc[K] } = {};
  if (typeof schema["title"] === "string") doc.title = schema["title"];
  let description = typeof schema["description"] === "string" ? schema["description"] : undefined;
  if (description === undefined) {
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
  if (Array.isArray(schema["examples"])) {
    doc.examples = schema["examples"];
    doc.exampleFrom = "examples";
  } else if ("example" in schema) {
    doc.examples = [schema["example"]];
    doc.exampleFrom = "example";
  } else {
    const meta = schema["x-oaiMeta"];
    const text = isSchemaObject(meta) ? meta["example"] : undefined;
    if (typeof text === "string") {
      try {
        doc.examples = [JSON.parse(text)];
        doc.exampleFrom = "x-oaiMeta";
      } catch {
        doc.unreadExample = text;
      }
    }
  }
  if (typeof schema["format"] === "string") doc.format = schema["format"];
  return doc;
}
