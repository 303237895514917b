"use client";

import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { ModalClose } from "@/components/ui/dialog";
import type { BulkItem } from "./bulk-plan";
import { BulkProgress, BulkResultList } from "./bulk-results";
import type { BulkChangeState } from "./use-bulk-change";

interface BulkDialogFooterProps {
  bulk: BulkChangeState;
  /** The button that starts the run, e.g. "Remove". */
  startLabel: string;
  startVariant: "primary" | "danger";
  canStart: boolean;
  onStart: () => void;
}

/** Before a bulk run: Cancel and the start button; once it started: "Retry failed" (when some failed) and Done. */
export function BulkDialogFooter({ bulk, startLabel, startVariant, canStart, onStart }: BulkDialogFooterProps) {
  if (bulk.started) {
    return (
      <>
        {bulk.failed > 0 && !bulk.running ? <Button onClick={bulk.retryFailed}>Retry failed</Button> : null}
        <ModalClose variant="primary">{bulk.running ? "Close: it goes on" : "Done"}</ModalClose>
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

/**
 * A bulk run's progress and one result line per item; or the change request it opened when
 * it was past the mass-change threshold; or why it could not start.
 */
export function BulkRunResults({ bulk, describe }: { bulk: BulkChangeState; describe: (item: BulkItem) => string }) {
  if (bulk.held)
    return (
      <Callout tone="warning" role="status" title="Waiting for a second admin">
        {bulk.held.note} Nothing has changed yet: the {bulk.items.length} changes wait as one request on the Invites page, and run once
        another admin approves it.
      </Callout>
    );
  if (bulk.error && !bulk.runId)
    return (
      <Callout tone="danger" role="alert" title="The bulk change did not start">
        {bulk.error.message}
      </Callout>
    );
  return (
    <>
      <BulkProgress progress={bulk.progress} />
      {bulk.running ? (
        <p className="text-xs text-muted-foreground">
          Roster runs this on the server: closing this stops nothing, and owners see it on the Jobs page.
        </p>
      ) : null}
      <BulkResultList items={bulk.items} outcomes={bulk.outcomes} pending={bulk.pending} describe={describe} />
    </>
  );
}
