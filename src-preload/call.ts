/** The building block of the contract: a call is its input schema plus, as a phantom, its output type. */
import { z } from 'zod'

/** Declares a call: its input schema, and (as a phantom) its output type. */
export function call<I extends z.ZodType, O>(input: I): { input: I; output: O } {
  return { input, output: undefined as O }
}

/** The input of a call that takes nothing. */
export const EmptyInput = z.object({}).strict().default({})
