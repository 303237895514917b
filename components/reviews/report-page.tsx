"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Download, Printer } from "lucide-react";
import Link from "next/link";
import { PROVIDER_LABELS } from "@/lib/providers/types";
import { DECISION_LABELS, outcomeText } from "@/lib/reviews/report";
import { Button, buttonClassName } from "@/components/ui/button";
import { fetchItems, fetchReport, reviewKeys } from "./api";
import { ReviewHeader, ReviewLoadState, TableSection } from "./review-frame";

const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace("T", " ") + " UTC" : "");

/** The campaign's report, printable (no navigation, black on white) and as CSV: evidence for an auditor. */
export function ReportPage({ id }: { id: string }) {
  const report = useQuery({ queryKey: reviewKeys.report(id), queryFn: () => fetchReport(id) });
  const items = useInfiniteQuery({
    queryKey: reviewKeys.items(id, "report"),
    queryFn: ({ pageParam }) => fetchItems(id, pageParam ? `limit=500&after=${pageParam}` : "limit=500"),
    initialPageParam: 0,
    getNextPageParam: (last) => last.next ?? undefined,
  });
  if (!report.isSuccess) {
    return (
      <ReviewLoadState
        query={report}
        width="max-w-[1100px]"
        loadingLabel="Loading the report"
        errorTitle="Could not load the report"
        skeletons={["h-8 w-72", "h-40"]}
      />
    );
  }
  const { review, reviewers } = report.data;
  const rows = items.data?.pages.flatMap((p) => p.items) ?? [];
  const cell = "border border-border px-2 py-1 text-left align-top print:border-black";
  return (
    <article className="mx-auto w-full max-w-[1100px] space-y-6 px-4 py-6 sm:px-6 print:max-w-none print:p-0 print:text-black">
      <ReviewHeader
        title={`Access review report: ${review.name}`}
        metaClassName="print:text-black"
        meta={
          <>
            {review.status === "closed" ? `Closed ${when(review.closedAt)} by ${review.closedBy}` : "Still open"} · created{" "}
            {when(review.createdAt)} by {review.createdBy} · due {review.dueAt.slice(0, 10)} · {review.itemCount} items
            {review.remediationAuditId ? ` · changes under audit entry #${review.remediationAuditId}` : ""}
          </>
        }
        actions={
          <div className="flex gap-2 print:hidden">
            <Link href={`/reviews/${id}`} className={buttonClassName("ghost", "sm")}>
              Back to the review
            </Link>
            <a href={`/api/reviews/${id}/report/export`} className={buttonClassName("secondary", "sm")} download>
              <Download aria-hidden /> CSV
            </a>
            <Button onClick={() => window.print()}>
              <Printer aria-hidden /> Print
            </Button>
          </div>
        }
      />

      <TableSection id="by-reviewer" title="By reviewer">
        <table className="w-full border-collapse text-[13px]">
          <thead>
            <tr>
              {[
                "Reviewer",
                "Items",
                "Not decided",
                "Keep",
                "Remove",
                "Change role",
                "Done",
                "Waiting for approval",
                "Skipped",
                "Failed",
              ].map((h) => (
                <th key={h} className={cell}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {reviewers.map((t) => (
              <tr key={t.reviewer}>
                <td className={cell}>{t.reviewer}</td>
                {[
                  t.total,
                  t.open,
                  t.decisions.keep,
                  t.decisions.remove,
                  t.decisions.change_role,
                  t.outcomes.done,
                  t.outcomes.waiting,
                  t.outcomes.skipped,
                  t.outcomes.failed,
                ].map((n, i) => (
                  <td key={i} className={`${cell} tabular text-right`}>
                    {n}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableSection>

      <TableSection
        id="by-item"
        title="Every item"
        after={
          items.hasNextPage ? (
            <Button className="print:hidden" onClick={() => void items.fetchNextPage()} disabled={items.isFetchingNextPage}>
              {items.isFetchingNextPage ? "Loading…" : "Load more items"}
            </Button>
          ) : null
        }
      >
        <table className="w-full border-collapse text-[12px]">
          <thead>
            <tr>
              {["Member", "Provider and role", "Reviewer", "Decision", "Reason", "Decided", "Outcome", "Audit entry"].map((h) => (
                <th key={h} className={cell}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((item) => (
              <tr key={item.id} className="break-inside-avoid">
                <td className={cell}>
                  {item.name}
                  <div className="text-muted-foreground print:text-black">{item.email ?? item.memberId}</div>
                </td>
                <td className={cell}>
                  {PROVIDER_LABELS[item.provider]}: {item.role}
                  {item.managed ? " (SCIM)" : ""}
                </td>
                <td className={cell}>{item.reviewer}</td>
                <td className={cell}>
                  {item.decision ? DECISION_LABELS[item.decision] : "—"}
                  {item.newRole ? ` → ${item.newRole}` : ""}
                </td>
                <td className={cell}>{item.reason ?? ""}</td>
                <td className={cell}>
                  {when(item.decidedAt)}
                  {item.decidedBy ? <div>{item.decidedBy}</div> : null}
                </td>
                <td className={cell}>
                  {outcomeText(item)}
                  {item.outcomeDetail ? <div className="text-muted-foreground print:text-black">{item.outcomeDetail}</div> : null}
                  {item.remediatedAt ? <div>{when(item.remediatedAt)}</div> : null}
                </td>
                <td className={cell}>{item.auditId ? `#${item.auditId}` : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableSection>
    </article>
  );
}
