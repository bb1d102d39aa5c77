/**
 * Swagger 2.0 → OpenAPI 3.0, in memory, with swagger2openapi. Its API is promise-based (the conversion runs in a
 * `.then`, so no option makes it synchronous) while reading is synchronous, so the conversion runs in a worker
 * thread and this thread waits for it (`Atomics.wait`): `readSpec` and `generate` stay synchronous, and the
 * converter (40 packages) is loaded only for a Swagger 2.0 document. External `$ref`s are not resolved by the
 * converter (it would fetch URLs): they are followed afterwards like any other, relative to the original file.
 *
 * The converted document names things differently (`#/definitions/Pet` is `#/components/schemas/Pet`, and a
 * name that is not a valid 3.0 component name is sanitised): `originalPath` maps a pointer into the converted
 * document back to the original, so diagnostics point into the file the user wrote.
 */
import { createRequire } from "node:module";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";

/** How long a conversion may take before it is reported as stuck. */
const TIMEOUT_MS = 120_000;

const require = createRequire(import.meta.url);

/** The worker: converts `workerData.spec`, posts the result on `workerData.port`, then wakes the waiting thread. */
const WORKER = `
const { workerData } = require("node:worker_threads");
const { port, signal, spec, text, module } = workerData;
const done = (message) => {
  port.postMessage(message);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
};
try {
  require(module)
    .convertObj(spec, { patch: true, warnOnly: false, resolve: false, direct: true, text })
    .then(
      (openapi) => done({ ok: true, openapi }),
      (error) => done({ ok: false, message: String((error && error.message) || error) }),
    );
} catch (error) {
  done({ ok: false, message: String((error && error.message) || error) });
}
`;

export type Conversion =
  | { readonly ok: true; readonly openapi: unknown }
  | { readonly ok: false; readonly message: string };

/** The converter's name and version, for messages: `swagger2openapi 7.0.8`. */
export function converterName(): string {
  const pkg = require("swagger2openapi/package.json") as { version: string };
  return `swagger2openapi ${pkg.version}`;
}

/** Converts a Swagger 2.0 document (its parsed value and text) to OpenAPI 3.0; synchronous. */
export function convertSwagger2(spec: unknown, text: string): Conversion {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const module = require.resolve("swagger2openapi");
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { port: port2, signal, spec, text, module },
    transferList: [port2],
  });
  worker.unref();
  try {
    const waited = Atomics.wait(signal, 0, 0, TIMEOUT_MS);
    const reply = receiveMessageOnPort(port1)?.message as Conversion | undefined;
    if (reply !== undefined) return reply;
    return { ok: false, message: waited === "timed-out" ? "the conversion did not finish in 120 s" : "no result" };
  } finally {
    port1.close();
    void worker.terminate();
  }
}

/**
 * The new name of each `definitions` entry, as swagger2openapi 7 renames them: `/` becomes `_`, the first `[]`
 * `Array`, any other run of characters outside `[A-Za-z0-9_.-]` `_`, and a name taken by then gets `2`, `3`, ...
 */
export function schemaNames(definitions: unknown): Map<string, string> {
  const names = new Map<string, string>();
  if (definitions === null || typeof definitions !== "object") return names;
  const present = new Set(Object.keys(definitions));
  for (const name of Object.keys(definitions)) {
    const clean = name
      .split("/")
      .join("_")
      .replace("[]", "Array")
      .replace(/[^A-Za-z0-9_\-.]+|\s+/g, "_");
    let suffix = "";
    if (clean !== name) {
      while (present.has(clean + suffix)) suffix = String(suffix === "" ? 2 : Number(suffix) + 1);
      present.delete(name);
      present.add(clean + suffix);
    }
    names.set(name, clean + suffix);
  }
  return names;
}

/** Where the converted document's sections came from in a Swagger 2.0 document. */
const SECTIONS: Readonly<Record<string, string>> = {
  parameters: "parameters",
  responses: "responses",
  securitySchemes: "securityDefinitions",
};

/**
 * A path into the converted document → the same place in the original, as far as it has one:
 * `components/schemas/X/...` → `definitions/<original name of X>/...`, `components/parameters/...` →
 * `parameters/...`, `openapi` → `swagger`; anything else (paths) unchanged, and a part that the conversion
 * made up (a `requestBody`) is located at the nearest place the original has, by the caller's `locate`.
 */
export function originalPath(path: readonly string[], renamed: ReadonlyMap<string, string>): string[] {
  const [first, second, third, ...rest] = path;
  if (first === "openapi" && path.length === 1) return ["swagger"];
  if (first !== "components") return [...path];
  if (second === undefined) return ["definitions"];
  if (second === "schemas") {
    if (third === undefined) return ["definitions"];
    const original = [...renamed].find(([, now]) => now === third)?.[0] ?? third;
    return ["definitions", original, ...rest];
  }
  const section = SECTIONS[second];
  return section === undefined ? [...path] : [section, ...path.slice(2)];
}
