/** The ordered list of IR → IR passes; options turn some on. */
import type { Ir } from "../ir/types.js";
import { hoistInline } from "./hoist-inline.js";
import { openEnums } from "./open-enums.js";
import { shareOperations } from "./share-operations.js";

export function transforms(options: { readonly openEnums?: boolean | undefined }): readonly ((ir: Ir) => Ir)[] {
  return [hoistInline, ...(options.openEnums === true ? [openEnums] : []), shareOperations];
}

export function applyTransforms(ir: Ir, options: { readonly openEnums?: boolean | undefined } = {}): Ir {
  return transforms(options).reduce((acc, pass) => pass(acc), ir);
}
