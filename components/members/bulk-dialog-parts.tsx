"use client";

import type { ChangeResult } from "@/lib/changes/types";
import { Button } from "@/components/ui/button";
import { ModalClose } from "@/components/ui/dialog";
import type { BulkItem } from "./bulk-plan";
import { BulkProgress, BulkResultList } from "./bulk-results";
import type { useBulkChange } from "./use-bulk-change";

type BulkChange = ReturnType<typeof useBulkChange<ChangeResult>>;

interface BulkDialogFooterProps {
  bulk: BulkChange;
  /** The items of the run (fixed when it started). */
  items: readonly BulkItem[];
  /** Runs one item: for "Retry failed". */
  run: (item: BulkItem) => Promise<ChangeResult>;
  /** The button that starts the run, e.g. "Remove". */
  startLabel: string;
  startVariant: "primary" | "danger";
  canStart: boolean;
  onStart: () => void;
}

/** Before a bulk run: Cancel and the start button; once it started: "Retry failed" (when some failed) and Done. */
export function BulkDialogFooter({ bulk, items, run, startLabel, startVariant, canStart, onStart }: BulkDialogFooterProps) {
  if (bulk.started) {
    const failed = bulk.failedOf(items);
    return (
      <>
        {failed.length > 0 && !bulk.running ? <Button onClick={() => void bulk.runItems(failed, run)}>Retry failed</Button> : null}
        <ModalClose variant="primary" disabled={bulk.running}>
          Done
        </ModalClose>
      </>
    );
  }
  return (
    <>
      <ModalClose />
      <Button variant={startVariant} onClick={onStart} disabled={!canStart}>
        {startLabel}
      </Button>
    </>
  );
}

/** A bulk run's progress and one result line per item. */
export function BulkRunResults({
  bulk,
  items,
  describe,
}: {
  bulk: BulkChange;
  items: readonly BulkItem[];
  describe: (item: BulkItem, result: ChangeResult) => string;
}) {
  return (
    <>
      <BulkProgress progress={bulk.progress} />
      <BulkResultList items={items} outcomes={bulk.outcomes} pending={bulk.pending} describe={describe} />
    </>
  );
}
