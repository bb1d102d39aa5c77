/** wirecase's programmatic API. */
export { generate, generateFromSpecs, type GenerateOptions, type GenerateResult, type Timings } from "./generate.js";
export type { UnknownKeys } from "./options.js";
export { defineConfig, loadConfig, type JobConfig, type WirecaseConfig } from "./config.js";
export { writeFiles, checkFiles, type WriteReport, type Drift } from "./write/write-files.js";
export { formatDiagnostic, InputError, type Diagnostic, type Position, type Severity } from "./diagnostics.js";
export type { TextFile } from "./emit/docs.js";
