/**
 * CSV (RFC 4180) for Roster's exports, streamed: rows are produced a batch at a time as the
 * client reads, never built into one string in memory.
 */

/** One cell: quoted when needed; a cell a spreadsheet would run as a formula is prefixed with `'` so it stays text. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: readonly unknown[]) => `${cells.map(csvCell).join(",")}\r\n`;

/**
 * A streamed CSV download: the header, then each batch of rows `batches` yields, read one
 * batch per pull (so a slow client holds the next query back). The first batch is read
 * before answering, so a failure there is an ordinary error answer, not a cut-off file.
 */
export async function csvResponse(
  filenameStem: string,
  header: readonly string[],
  batches: AsyncGenerator<unknown[][]>,
): Promise<Response> {
  const encoder = new TextEncoder();
  const first = await batches.next();
  let pending: IteratorResult<unknown[][]> | null = first;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvLine(header)));
    },
    async pull(controller) {
      const next = pending ?? (await batches.next());
      pending = null;
      if (next.done) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(next.value.map(csvLine).join("")));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filenameStem}-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
}
