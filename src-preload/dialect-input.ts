/** The zod schema of a file's dialect as a caller gives it (pipeline.run, sources.preview). */
import { z } from 'zod'
import { DECIMAL_MARKS, DELIMITERS, ENCODINGS } from './values.ts'

/** How one source file is written, where the caller knows (the rest is detected). */
export const FileDialectInput = z
  .object({
    delimiter: z.enum(DELIMITERS).optional(),
    encoding: z.enum(ENCODINGS).optional(),
    decimal: z.enum(DECIMAL_MARKS).optional(),
    /** strftime of the date: the day, month and year with one separator (%d/%m/%Y, %Y-%m-%d…). */
    dateFormat: z
      .string()
      .max(40)
      .regex(
        /^%[dmY][/.-]%[dmY][/.-]%[dmY]( .*)?$/,
        'the day (%d), month (%m) and year (%Y) with one separator',
      )
      .optional(),
  })
  .strict()
