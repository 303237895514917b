import { queryMix } from "./api-load";
import { BENCH } from "./config";
import { waitSynced } from "./changes";
import { rssBytes, sleep } from "./procs";
import { type Roster, type Session, api } from "./servers";
import { type Row, fmt, log, median, verdict } from "./stats";

/** Figure 8: resident memory of the `next start` process once every provider is synced and served. */
export async function measureServerMemory(roster: Roster, session: Session, usersPerProvider: number): Promise<Row[]> {
  const synced = Date.now();
  await waitSynced(session);
  const first = await api<{ total: number; people: Array<{ email: string | null; name: string }> }>(
    session,
    "GET",
    "/api/users?pageSize=200",
  );
  log(`memory: ${fmt.int(first.total)} people synced in ${fmt.ms(Date.now() - synced)} (after the first answer)`);
  for (const path of queryMix(first, 30)) await api(session, "GET", path);
  const pid = roster.serverPid();
  const samples: number[] = [];
  for (let i = 0; i < Math.max(3, BENCH.repeats); i++) {
    await sleep(1_000);
    samples.push(rssBytes(pid));
  }
  const rss = median(samples);
  log(`memory: server pid ${pid}, VmRSS ${samples.map(fmt.mb).join(", ")}`);
  return [
    {
      figure: `server RSS (${fmt.int(usersPerProvider)} members per provider, ${fmt.int(first.total)} people, after sync + requests)`,
      measured: fmt.mb(rss),
      target: "≤ 350 MB",
      ratio: `${fmt.ratio(rss / 350_000_000)} target`,
      verdict: verdict(rss <= 350_000_000),
    },
  ];
}
