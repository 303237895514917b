"use client";

import { Dialog } from "radix-ui";
import { X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { SidebarNav } from "./sidebar-nav";

interface NavDrawerProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Where focus goes when the drawer closes (the button that opened it). */
  returnFocus: () => HTMLElement | null;
}

/** The sidebar as a drawer below the `lg` breakpoint; loaded when first opened. */
export default function NavDrawer({ open, onOpenChange, returnFocus }: NavDrawerProps) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40 backdrop-blur-[1px] lg:hidden" />
        <Dialog.Content
          onCloseAutoFocus={(event) => {
            const opener = returnFocus();
            if (opener?.isConnected) {
              event.preventDefault();
              opener.focus();
            }
          }}
          className="fixed inset-y-0 left-0 z-50 w-64 max-w-[85vw] border-r border-border bg-subtle shadow-xl outline-none lg:hidden"
        >
          <Dialog.Title className="sr-only">Navigation</Dialog.Title>
          <Dialog.Description className="sr-only">Roster pages</Dialog.Description>
          <Dialog.Close asChild>
            <Button variant="ghost" size="icon" className="absolute top-3 right-3" aria-label="Close navigation">
              <X aria-hidden />
            </Button>
          </Dialog.Close>
          <SidebarNav onNavigate={() => onOpenChange(false)} />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
