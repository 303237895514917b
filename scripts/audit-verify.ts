/**
 * `npm run audit:verify [-- --head <hash>]`: checks the audit log's hash chain and names
 * the first row that was edited or deleted. Keyed rows (`k1:`) need the key Roster writes
 * with: ROSTER_AUDIT_KEY, or the NEXTAUTH_SECRET it is derived from. With `--head`, the
 * chain must contain that head (a copy from the log stream or the Audit page), so deleting
 * the newest rows is caught too. Exit 0 when intact, 1 when not, 2 on a usage or database
 * error. Reads DATABASE_URL, or the PGlite data directory ROSTER_DATA_DIR (PGlite is
 * single-process: stop Roster first).
 */
import { verifyChain } from "../lib/audit/chain";
import { openDatabase } from "../lib/db";

function expectedHead(args: string[]): string | undefined {
  const at = args.findIndex((a) => a === "--head" || a.startsWith("--head="));
  if (at === -1) return undefined;
  const value = args[at].includes("=") ? args[at].slice("--head=".length) : args[at + 1];
  if (!value || !/^(k1:)?[0-9a-f]{64}$/.test(value.trim())) {
    throw new Error("--head takes a head hash as Roster logs it (64 hex digits, `k1:` first when keyed)");
  }
  return value.trim();
}

async function main() {
  const head = expectedHead(process.argv.slice(2));
  const handle = await openDatabase();
  try {
    const report = await verifyChain(handle.db, { expectedHead: head });
    const legacy = report.unkeyed ? ` (${report.unkeyed} of them from before the chain was keyed)` : "";
    if (report.ok) {
      console.log(`audit log intact: ${report.checked} rows verified${legacy}`);
      if (report.head) console.log(`head: row ${report.head.id} ${report.head.hash}`);
      if (head)
        console.log(
          `expected head found at row ${report.expectedHeadAt}${report.head && report.head.id !== report.expectedHeadAt ? ` (${report.head.id - report.expectedHeadAt!} newer rows after it)` : ""}`,
        );
      return 0;
    }
    console.error(`audit log TAMPERED: ${report.broken!.reason} (${report.checked} rows before it verified)`);
    return 1;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
