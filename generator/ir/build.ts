/** Spec → IR; the build context and its rule modules live in ./build/ (the rule table: ./build/rules.ts). */
export { buildIr, type BuildResult } from "./build/index.js";
