import { z } from "zod";
import type { ListOptions, MemberUsage } from "../types";
import type { OpenAIClient } from "./client";

/**
 * OpenAI's organization usage (`GET /organization/usage/completions`), grouped by `user_id`
 * in day buckets over a window: each user's requests and the end of the last day they made
 * any. Read liberally: a bucket or result that does not parse is skipped, not fatal; a
 * result without a user (keys of a service account, say) is left out.
 */

const resultSchema = z.looseObject({
  user_id: z.string().nullable().optional(),
  num_model_requests: z.number().int().nonnegative().optional(),
});
const bucketSchema = z.looseObject({ start_time: z.number(), end_time: z.number(), results: z.array(z.unknown()) });
export const usagePageSchema = z.looseObject({
  data: z.array(z.unknown()),
  has_more: z.boolean().optional(),
  next_page: z.string().nullable().optional(),
});

/** The spec's largest page of day buckets. */
const DAY_BUCKETS = 31;

export async function readUsage(client: OpenAIClient, since: Date, options?: ListOptions): Promise<MemberUsage[]> {
  const byUser = new Map<string, { requests: number; last: number }>();
  let page: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const answer = await client.listUsageCompletions(
      { start_time: Math.floor(since.getTime() / 1000), bucket_width: "1d", limit: DAY_BUCKETS, page },
      options?.signal,
    );
    for (const raw of answer.data) {
      const bucket = bucketSchema.safeParse(raw);
      if (!bucket.success) continue;
      for (const rawResult of bucket.data.results) {
        const result = resultSchema.safeParse(rawResult);
        const user = result.success ? result.data.user_id : null;
        const requests = result.success ? (result.data.num_model_requests ?? 0) : 0;
        if (!user || requests === 0) continue;
        const seen = byUser.get(user) ?? { requests: 0, last: 0 };
        byUser.set(user, { requests: seen.requests + requests, last: Math.max(seen.last, bucket.data.end_time) });
      }
    }
    if (!answer.has_more || !answer.next_page) break;
    page = answer.next_page;
  }
  return [...byUser].map(([memberId, u]) => ({ memberId, requests: u.requests, lastActiveAt: new Date(u.last * 1000).toISOString() }));
}
