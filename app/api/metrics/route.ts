import { bearerMatches, metrics } from "@/lib/ops/metrics";

export const dynamic = "force-dynamic";

const plain = (status: number, text: string) =>
  new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

/**
 * Prometheus metrics, only with `Authorization: Bearer $ROSTER_METRICS_TOKEN`: without the
 * variable the route does not exist (404); a missing or wrong token is a 401.
 */
export async function GET(request: Request) {
  const token = process.env.ROSTER_METRICS_TOKEN?.trim();
  if (!token) return plain(404, "Not found\n");
  if (!bearerMatches(request.headers.get("authorization"), token)) {
    return new Response("Unauthorized: send Authorization: Bearer <ROSTER_METRICS_TOKEN>\n", {
      status: 401,
      headers: {
        "content-type": "text/plain; charset=utf-8",
        "www-authenticate": 'Bearer realm="roster-metrics"',
        "cache-control": "no-store",
      },
    });
  }
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
}
