import { z } from 'zod';
import type { CorsRule } from './contract/bucket-config.js';

/** One rule as S3 writes it (aws s3api get-bucket-cors, put-bucket-cors). */
const AwsRule = z
  .object({
    ID: z.string().max(255).optional(),
    AllowedOrigins: z.array(z.string().min(1)).min(1),
    AllowedMethods: z.array(z.enum(['GET', 'PUT', 'POST', 'DELETE', 'HEAD'])).min(1),
    AllowedHeaders: z.array(z.string()).optional(),
    ExposeHeaders: z.array(z.string()).optional(),
    MaxAgeSeconds: z.number().int().min(0).optional(),
  })
  .strict();
const AwsList = z.array(AwsRule).max(100);
const AwsConfiguration = z.object({ CORSRules: AwsList }).strict();

/**
 * CORS rules from JSON in S3's own shape, `{"CORSRules": [...]}` or the bare list, for the CLI's FILE and
 * the interface's editor; `detail` says what is wrong in a few words.
 */
export function corsFromJson(
  text: string,
): { ok: true; rules: CorsRule[] } | { ok: false; detail: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : 'not JSON' };
  }
  const parsed = Array.isArray(value)
    ? AwsList.safeParse(value)
    : AwsConfiguration.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    return { ok: false, detail: `${where}${issue?.message ?? 'not CORS rules'}` };
  }
  const list = Array.isArray(parsed.data) ? parsed.data : parsed.data.CORSRules;
  return {
    ok: true,
    rules: list.map((r) => ({
      ...(r.ID ? { id: r.ID } : {}),
      allowedOrigins: r.AllowedOrigins,
      allowedMethods: r.AllowedMethods,
      allowedHeaders: r.AllowedHeaders ?? [],
      exposeHeaders: r.ExposeHeaders ?? [],
      maxAgeSeconds: r.MaxAgeSeconds ?? null,
    })),
  };
}

/** CORS rules as S3's JSON, indented, for the editor. */
export function corsToJson(rules: CorsRule[]): string {
  const CORSRules = rules.map((r) => ({
    ...(r.id ? { ID: r.id } : {}),
    AllowedOrigins: r.allowedOrigins,
    AllowedMethods: r.allowedMethods,
    ...(r.allowedHeaders.length ? { AllowedHeaders: r.allowedHeaders } : {}),
    ...(r.exposeHeaders.length ? { ExposeHeaders: r.exposeHeaders } : {}),
    ...(r.maxAgeSeconds !== null ? { MaxAgeSeconds: r.maxAgeSeconds } : {}),
  }));
  return JSON.stringify({ CORSRules }, null, 2);
}
