/** Import rules for generator/, run by `npm run lint` as `depcruise generator --config .dependency-cruiser.cjs`. */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "No import cycle in generator/, type-only imports included: each module loads and tests alone.",
      from: { path: "^generator/" },
      to: { circular: true },
    },
    {
      name: "no-emitter-imports-emitter",
      severity: "error",
      comment:
        "Emitters print from the plan and share helpers through generator/code/; only the assembler " +
        "(generator/emit/files.ts) imports them all. An emitter is a file (emit/types.ts) or a folder " +
        "(emit/parse/), whose modules may import each other.",
      // $1: the emitter's name (`types` for emit/types.ts, `parse` for emit/parse/*)
      from: { path: "^generator/emit/([^/.]+)", pathNot: "^generator/emit/files\\.ts$" },
      to: { path: "^generator/emit/", pathNot: "^generator/emit/$1/" },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "Every relative import resolves (a `.js` specifier must name an existing `.ts` file).",
      from: { path: "^generator/" },
      to: { couldNotResolve: true, dependencyTypesNot: ["core"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(dist|generated|node_modules)/" },
    // Count `import type` too: a type-only cycle is still a cycle in the module structure.
    tsPreCompilationDeps: true,
    // Resolves the NodeNext `./x.js` specifiers to `./x.ts`.
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".js", ".json"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
