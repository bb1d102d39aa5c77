/**
 * Type-level checks of `defineConfig`, compiled by tsc (by `npm run typecheck`, and alone by test/config.test.ts):
 * each `@ts-expect-error` must meet a type error on the line below it, or tsc reports the directive as unused.
 */
import { defineConfig } from "../generator/config.js";

defineConfig({ input: "a.yaml", output: "out", include: ["A"], unknownKeys: "keep" });
defineConfig([
  { input: "a.yaml", output: "out" },
  { input: "b.yaml", output: "b", openEnums: true },
]);

// @ts-expect-error `includes` is not an option (`include` is)
defineConfig({ input: "a.yaml", output: "out", includes: ["A"] });
// @ts-expect-error an unknown key
defineConfig({ input: "a.yaml", output: "out", unknownKey: true });
// biome-ignore format: one line, as TypeScript 5.9 reports this error at the key and TypeScript 7 at the call
// @ts-expect-error a misspelt key in the second job of a list
defineConfig([{ input: "a.yaml", output: "out" }, { input: "b.yaml", output: "b", exlude: ["B"] }]);
// @ts-expect-error a value no option takes
defineConfig({ input: "a.yaml", output: "out", unknownKeys: "drop" });
// @ts-expect-error `output` is required
defineConfig({ input: "a.yaml" });
