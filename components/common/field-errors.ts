import { isApiFailure } from "@/lib/api/fetcher";

/**
 * The server's validation answer (`details: [{ field, message }]`) split into messages for
 * the form's own fields and whatever is left to show above them (null when every detail
 * found its field).
 */
export function fieldErrors<F extends string>(
  error: Error | null,
  fields: readonly F[],
): { byField: Partial<Record<F, string>>; rest: Error | null } {
  if (!error || !isApiFailure(error) || !Array.isArray(error.details)) return { byField: {}, rest: error };
  const byField: Partial<Record<F, string>> = {};
  let unplaced = false;
  for (const detail of error.details as Array<{ field?: unknown; message?: unknown }>) {
    const field = typeof detail?.field === "string" ? (detail.field.split(".")[0] as F) : null;
    if (field && fields.includes(field) && typeof detail.message === "string") byField[field] ??= detail.message;
    else unplaced = true;
  }
  return { byField, rest: unplaced || Object.keys(byField).length === 0 ? error : null };
}
