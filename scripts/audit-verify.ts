/**
 * `npm run audit:verify`: checks the audit log's hash chain and names the first row that
 * was edited or deleted. Exit 0 when intact, 1 when not. Reads DATABASE_URL, or the PGlite
 * data directory ROSTER_DATA_DIR (PGlite is single-process: stop Roster first).
 */
import { verifyChain } from "../lib/audit/chain";
import { openDatabase } from "../lib/db";

async function main() {
  const handle = await openDatabase();
  try {
    const report = await verifyChain(handle.db);
    if (report.ok) {
      console.log(`audit log intact: ${report.checked} rows verified`);
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
