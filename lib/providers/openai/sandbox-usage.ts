import type { SandboxResponse } from "../../sandbox/server";
import { hashHex } from "../../sandbox/seed";
import { fail } from "./sandbox-errors";
import type { WireUser } from "./schemas";

/**
 * The OpenAI sandbox's completions usage (`GET /organization/usage/completions`, spec
 * `UsageResponse` of `UsageCompletionsResult`): time buckets from `start_time` (required) to
 * `end_time`, `bucket_width` 1m, 1h or 1d (default), `limit` buckets a page (default and
 * maximum as the spec says), `page` the cursor, and `group_by` (`user_id` splits each bucket
 * per user). A person used the API on the day their API key was last used and, by a fixed
 * roll per person and day, on some days before it; never-active people never.
 */

const WIDTHS = { "1m": 60, "1h": 3600, "1d": 86_400 } as const;
const LIMITS = { "1m": [60, 1440], "1h": [24, 168], "1d": [7, 31] } as const;
const GROUPS = new Set(["project_id", "user_id", "api_key_id", "model", "batch", "service_tier"]);

function whole(query: URLSearchParams, name: string): number | undefined | null {
  const raw = query.get(name);
  if (raw === null) return undefined;
  return /^\d+$/.test(raw) ? Number(raw) : null;
}

/** Requests one user made in [start, end): none outside their active days. */
function requestsOf(user: WireUser, start: number, end: number): number {
  const last = user.api_key_last_used_at;
  if (last === null || last === undefined || start > last) return 0;
  if (last < end) return 1 + (parseInt(hashHex(`usage:${user.id}:last`, 4), 16) % 40);
  const roll = parseInt(hashHex(`usage:${user.id}:${start}`, 4), 16) / 0x10000;
  return roll < 0.3 ? 1 + Math.floor(roll * 100) : 0;
}

function result(userId: string | null, requests: number) {
  const input = requests * 420;
  return {
    object: "organization.usage.completions.result",
    input_tokens: input,
    input_cached_tokens: Math.floor(input / 4),
    output_tokens: requests * 180,
    input_audio_tokens: 0,
    output_audio_tokens: 0,
    num_model_requests: requests,
    project_id: null,
    user_id: userId,
    api_key_id: null,
    model: null,
    batch: null,
    service_tier: null,
  };
}

export function usageCompletions(users: Iterable<WireUser>, query: URLSearchParams, now = Math.floor(Date.now() / 1000)): SandboxResponse {
  const start = whole(query, "start_time");
  if (start === undefined || start === null) return fail(400, "start_time is required: Unix seconds", "start_time");
  const end = whole(query, "end_time");
  if (end === null) return fail(400, "end_time must be Unix seconds", "end_time");
  const width = (query.get("bucket_width") ?? "1d") as keyof typeof WIDTHS;
  if (!(width in WIDTHS)) return fail(400, "bucket_width must be one of 1m, 1h, 1d", "bucket_width");
  const [defaultLimit, maxLimit] = LIMITS[width];
  const limit = whole(query, "limit");
  if (limit === null || (limit !== undefined && (limit < 1 || limit > maxLimit)))
    return fail(400, `limit must be from 1 to ${maxLimit} for bucket_width=${width}`, "limit");
  const groups = [...query.getAll("group_by"), ...query.getAll("group_by[]")];
  const unknown = groups.find((g) => !GROUPS.has(g));
  if (unknown) return fail(400, `group_by: unknown field ${unknown}`, "group_by");
  const page = query.get("page");
  const from = page === null ? start : Number(page);
  if (!Number.isInteger(from) || from < start) return fail(400, "page: not a cursor this list gave", "page");

  const stop = Math.min(end ?? now, now);
  const step = WIDTHS[width];
  const wanted = new Set([...query.getAll("user_ids"), ...query.getAll("user_ids[]")]);
  const people = [...users].filter((u) => wanted.size === 0 || wanted.has(u.id));
  const data = [];
  let at = from;
  for (; at < stop && data.length < (limit ?? defaultLimit); at += step) {
    const bucketEnd = Math.min(at + step, stop);
    const perUser = people.map((u) => [u.id, requestsOf(u, at, bucketEnd)] as const).filter(([, n]) => n > 0);
    const results = groups.includes("user_id")
      ? perUser.map(([id, n]) => result(id, n))
      : perUser.length
        ? [
            result(
              null,
              perUser.reduce((sum, [, n]) => sum + n, 0),
            ),
          ]
        : [];
    data.push({ object: "bucket", start_time: at, end_time: bucketEnd, results });
  }
  const more = at < stop;
  return { status: 200, body: { object: "page", data, has_more: more, next_page: more ? String(at) : null } };
}
