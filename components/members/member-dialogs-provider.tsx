"use client";

import dynamic from "next/dynamic";
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";
import { ModalReturnFocusContext } from "@/components/ui/modal-return-focus";
import type { MemberDialog, MemberTarget } from "./member-dialog-state";

// Each dialog's script loads the first time it opens: none of them is needed to show the rows.
const ChangeRoleDialog = dynamic(() => import("./change-role-dialog").then((m) => m.ChangeRoleDialog), { ssr: false });
const RemoveMemberDialog = dynamic(() => import("./remove-member-dialog").then((m) => m.RemoveMemberDialog), { ssr: false });
const RevokeInviteDialog = dynamic(() => import("./revoke-invite-dialog").then((m) => m.RevokeInviteDialog), { ssr: false });
const BulkChangeRoleDialog = dynamic(() => import("./bulk-change-role-dialog").then((m) => m.BulkChangeRoleDialog), { ssr: false });
const BulkRemoveDialog = dynamic(() => import("./bulk-remove-dialog").then((m) => m.BulkRemoveDialog), { ssr: false });
const OffboardDialog = dynamic(() => import("./offboard-dialog").then((m) => m.OffboardDialog), { ssr: false });

interface MemberDialogsContextValue {
  open: (dialog: MemberDialog) => void;
  close: () => void;
}

/**
 * What had focus when a dialog was asked for: the button itself, or, when it came from a
 * menu item (about to unmount), the trigger of that menu.
 */
function focusOrigin(): HTMLElement | null {
  const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  if (!active?.closest("[role=menu]")) return active;
  const triggers = document.querySelectorAll<HTMLElement>('[aria-haspopup="menu"][aria-expanded="true"]');
  return [...triggers].find((trigger) => !trigger.closest("[role=menu]")) ?? null;
}

function targetKey(target: MemberTarget): string {
  return `${target.membership.provider}:${target.membership.id}`;
}

const MemberDialogsContext = createContext<MemberDialogsContextValue | null>(null);

export function useMemberDialogs(): MemberDialogsContextValue {
  const value = useContext(MemberDialogsContext);
  if (!value) throw new Error("useMemberDialogs must be used inside MemberDialogsProvider");
  return value;
}

interface MemberDialogsProviderProps {
  children: ReactNode;
  /** A bulk run finished and its dialog closed (the users page clears its selection). */
  onBulkFinished?: () => void;
}

/**
 * The one dialog host of the users and person pages: which dialog is open, for which
 * row, lives here; rows and buttons only call `open(...)`.
 */
export function MemberDialogsProvider({ children, onBulkFinished }: MemberDialogsProviderProps) {
  const [dialog, setDialog] = useState<MemberDialog | null>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const close = useCallback(() => setDialog(null), []);
  const open = useCallback((next: MemberDialog) => {
    returnTo.current = focusOrigin();
    setDialog(next);
  }, []);
  const value = useMemo(() => ({ open, close }), [open, close]);
  const returnFocus = useCallback(() => returnTo.current, []);
  const closeBulk = (finished: boolean) => {
    setDialog(null);
    if (finished) onBulkFinished?.();
  };

  return (
    <MemberDialogsContext.Provider value={value}>
      {children}
      <ModalReturnFocusContext.Provider value={returnFocus}>
        {dialog?.kind === "change-role" ? (
          <ChangeRoleDialog
            key={targetKey(dialog.target)}
            target={dialog.target}
            initialRole={dialog.role}
            initialWorkspaceId={dialog.workspaceId}
            onClose={close}
          />
        ) : null}
        {dialog?.kind === "remove" ? <RemoveMemberDialog key={targetKey(dialog.target)} target={dialog.target} onClose={close} /> : null}
        {dialog?.kind === "revoke-invite" ? (
          <RevokeInviteDialog key={targetKey(dialog.target)} target={dialog.target} onClose={close} />
        ) : null}
        {dialog?.kind === "bulk-change-role" ? <BulkChangeRoleDialog people={dialog.people} onClose={closeBulk} /> : null}
        {dialog?.kind === "bulk-remove" ? <BulkRemoveDialog people={dialog.people} onClose={closeBulk} /> : null}
        {dialog?.kind === "offboard" ? <OffboardDialog person={dialog.person} onClose={close} /> : null}
      </ModalReturnFocusContext.Provider>
    </MemberDialogsContext.Provider>
  );
}
