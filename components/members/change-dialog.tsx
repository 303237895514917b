"use client";

import type { UseMutationResult } from "@tanstack/react-query";
import { useState, type ComponentProps, type ReactNode } from "react";
import type { ChangeMutationOptions } from "@/lib/queries/change-mutation";
import { Modal, ModalActions, type ModalProps } from "@/components/ui/dialog";
import { ChangeErrorCallout } from "./change-dialog-parts";

/** What a change dialog shows of its change: whether it runs, and how it last failed. */
export interface DialogChangeState {
  busy: boolean;
  error: Error | null;
}

/**
 * One change run from a dialog: its failure is kept for the dialog to show (not toasted),
 * cleared at each new attempt; `done` runs once the changed queries were refetched.
 */
export function useDialogChange<TData, TVariables>(
  useChange: (options: ChangeMutationOptions<TData, TVariables>) => UseMutationResult<TData, Error, TVariables, unknown>,
  done: (data: TData, variables: TVariables) => void,
) {
  const [error, setError] = useState<Error | null>(null);
  const mutation = useChange({ onSuccess: done, onError: setError });
  return {
    busy: mutation.isPending,
    error,
    run(variables: TVariables) {
      setError(null);
      mutation.mutate(variables);
    },
  };
}

export type ChangeDialogProps = Omit<ModalProps, "open" | "onOpenChange" | "footer" | "busy"> & {
  /** Called when the dialog asks to close (Escape, Cancel, a click outside a plain dialog). */
  onClose: () => void;
  change: DialogChangeState;
  /** The footer's one action, after a close button. */
  action?: Omit<ComponentProps<typeof ModalActions>, "busy">;
  /** A footer of its own instead of `action` (a second step, say). */
  footer?: ReactNode;
  /** Where the failure shows: after the body (default), or nowhere when the body shows it itself. */
  errorShown?: "after" | "in-body";
};

/** A dialog, open while mounted, that runs one change and shows its failure in the server's words. */
export function ChangeDialog({ onClose, change, action, footer, errorShown = "after", children, ...props }: ChangeDialogProps) {
  return (
    <Modal
      {...props}
      open
      busy={change.busy}
      onOpenChange={(open) => (open ? undefined : onClose())}
      footer={footer ?? (action ? <ModalActions busy={change.busy} {...action} /> : undefined)}
    >
      {children}
      {errorShown === "after" ? <ChangeErrorCallout error={change.error} /> : null}
    </Modal>
  );
}
