// ajv 8 candidates for the guard/parse benchmark: FineTuningJob from spec/fine-tuning.yaml as a JSON Schema
// 2020-12 document (OpenAPI 3.1 schemas are 2020-12; only the `$ref`s are re-pointed at `$defs`), compiled once
// at import. `validate` checks the schema, constraints included; `parse` validates, then maps with the
// hand-written mapper (what a project without wirecase would write).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import { parse as parseYaml } from "yaml";
import { fineTuningJobFromWire } from "./hand-mapper.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const spec = parseYaml(readFileSync(join(root, "spec", "fine-tuning.yaml"), "utf8"));
const defs = JSON.parse(JSON.stringify(spec.components.schemas).replaceAll('"#/components/schemas/', '"#/$defs/'));
const schema = { $schema: "https://json-schema.org/draft/2020-12/schema", $defs: defs, $ref: "#/$defs/FineTuningJob" };
const ajv = new Ajv2020({ strict: false });
const check = ajv.compile(schema);

export function validate(value) {
  return check(value);
}

export function parse(value) {
  if (!check(value)) throw new Error(ajv.errorsText(check.errors));
  return fineTuningJobFromWire(value);
}
