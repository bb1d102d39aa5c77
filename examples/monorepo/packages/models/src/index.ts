// The package's public surface: everything wirecase generated (types, mappers, guards, parse).
// `src/generated/` is written by `wirecase generate` (the `build` script) and is not committed.
export * from "./generated/index.js";
