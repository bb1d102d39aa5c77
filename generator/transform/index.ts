/** The ordered list of IR → IR passes; options turn some on. */
import type { Ir } from "../ir/types.js";
import { OPTIONS, type ReadWrite } from "../options.js";
import { dates } from "./dates.js";
import { hoistInline } from "./hoist-inline.js";
import { openEnums } from "./open-enums.js";
import { readWrite } from "./read-write.js";
import { shareOperations } from "./share-operations.js";

export interface TransformOptions {
  readonly openEnums?: boolean | undefined;
  readonly readWrite?: ReadWrite | undefined;
  readonly dates?: "string" | "Date" | undefined;
}

/**
 * Hoisting first (what the others rewrite are declarations), then operations' identical declarations shared (the
 * repeated enums exist once hoisted), read/write variants, and the options' rewrites of nodes.
 */
export function transforms(options: TransformOptions): readonly ((ir: Ir) => Ir)[] {
  return [
    hoistInline,
    shareOperations,
    ...((options.readWrite ?? OPTIONS.readWrite.default) === "split" ? [readWrite] : []),
    ...(options.openEnums === true ? [openEnums] : []),
    ...(options.dates === "Date" ? [dates] : []),
  ];
}

export function applyTransforms(ir: Ir, options: TransformOptions = {}): Ir {
  return transforms(options).reduce((acc, pass) => pass(acc), ir);
}
