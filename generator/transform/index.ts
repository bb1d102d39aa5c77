/** The ordered list of IR → IR passes. */
import type { Ir } from "../ir/types.js";
import { hoistInline } from "./hoist-inline.js";

export const transforms: readonly ((ir: Ir) => Ir)[] = [hoistInline];

export function applyTransforms(ir: Ir): Ir {
  return transforms.reduce((acc, pass) => pass(acc), ir);
}
