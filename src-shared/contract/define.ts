import { z } from 'zod';
import { errorCodes } from '../errors.js';

/** A command: a request schema and a response schema. */
export interface CommandSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req;
  response: Res;
}

/** Declares a command; the schemas validate at runtime and give the types at compile time. */
export function command<Req extends z.ZodType, Res extends z.ZodType>(
  request: Req,
  response: Res,
): CommandSpec<Req, Res> {
  return { request, response };
}

/** Declares an event pushed from main to the renderer. */
export function event<Payload extends z.ZodType>(payload: Payload): Payload {
  return payload;
}

/** The wire form of a FerryError. */
export const FerryErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  hint: z.string(),
  key: z.string().max(100).optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

/** No arguments. `strict` so stray fields are refused rather than silently ignored. */
export const Empty = z.object({}).strict();

type WithoutDefaults<Shape extends z.ZodRawShape> = {
  [K in keyof Shape]: Shape[K] extends z.ZodDefault<infer Inner> ? Inner : Shape[K];
};

/**
 * A change to an object whose fields have defaults: only the fields given, each optional, none filled in.
 * `schema.partial()` is not that: zod applies a field's default even inside `.optional()`, so a change of
 * one field would come back holding every other field at its default.
 */
export function changeOf<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([name, field]) => [
      name,
      field instanceof z.ZodDefault ? field.unwrap() : field,
    ]),
  ) as WithoutDefaults<Shape>;
  return z.object(shape).partial().strict();
}
