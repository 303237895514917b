"use client";

import { AlertDialog as AlertPrimitive, Dialog as DialogPrimitive } from "radix-ui";
import { X } from "lucide-react";
import { createContext, useContext, useId, type ComponentProps, type ReactNode } from "react";
import { Button } from "./button";
import { cn } from "./cn";
import { ModalReturnFocusContext } from "./modal-return-focus";

const overlayClassName = "fixed inset-0 z-50 bg-black/45 backdrop-blur-[1px] dark:bg-black/60";

const SIZES = { sm: "max-w-md", md: "max-w-lg", lg: "max-w-2xl" } as const;

function contentClassName(size: keyof typeof SIZES, className?: string) {
  return cn(
    "fixed inset-x-4 top-[8vh] z-50 mx-auto flex max-h-[84vh] flex-col overflow-hidden rounded-xl border border-border",
    "bg-surface-raised text-foreground shadow-2xl shadow-black/10 outline-none data-[state=open]:animate-fade-in dark:shadow-black/50",
    SIZES[size],
    className,
  );
}

const titleClassName = "text-[15px] leading-6 font-semibold tracking-tight text-foreground";
const descriptionClassName = "mt-1 text-[13px] leading-5 text-muted-foreground";

/** Whether the surrounding modal is an alert dialog (its close button is AlertDialog.Cancel). */
const AlertContext = createContext(false);

export interface ModalProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /**
   * An alert dialog: for destructive confirmations (role `alertdialog`; a click outside does
   * not close it). Otherwise a plain dialog.
   */
  alert?: boolean;
  /** While a change runs: Escape, outside clicks and the close button do nothing. */
  busy?: boolean;
  size?: keyof typeof SIZES;
  title: ReactNode;
  description?: ReactNode;
  /** Icon shown beside the title. */
  icon?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  /** Focus this on open instead of the first focusable element. */
  initialFocus?: () => HTMLElement | null;
  className?: string;
}

/**
 * One modal frame for every dialog: radix Dialog or AlertDialog (focus trapped, Escape
 * closes), with a title, an optional description, a scrolling body and a footer.
 */
export function Modal({
  open,
  onOpenChange,
  alert = false,
  busy = false,
  size = "sm",
  title,
  description,
  icon,
  children,
  footer,
  initialFocus,
  className,
}: ModalProps) {
  const Primitive = alert ? AlertPrimitive : DialogPrimitive;
  const guard = (event: Event) => {
    if (busy) event.preventDefault();
  };
  const onOpenAutoFocus = (event: Event) => {
    const target = initialFocus?.();
    if (target) {
      event.preventDefault();
      target.focus();
    }
  };
  const returnFocus = useContext(ModalReturnFocusContext);
  const onCloseAutoFocus = (event: Event) => {
    const target = returnFocus?.();
    if (target?.isConnected) {
      event.preventDefault();
      target.focus();
    }
  };
  const Title = alert ? AlertPrimitive.Title : DialogPrimitive.Title;
  const Description = alert ? AlertPrimitive.Description : DialogPrimitive.Description;
  return (
    <Primitive.Root open={open} onOpenChange={(next: boolean) => (busy && !next ? undefined : onOpenChange(next))}>
      <Primitive.Portal>
        <Primitive.Overlay className={overlayClassName} />
        <Primitive.Content
          className={contentClassName(size, className)}
          onEscapeKeyDown={guard}
          onOpenAutoFocus={onOpenAutoFocus}
          onCloseAutoFocus={onCloseAutoFocus}
          {...(alert ? {} : { onInteractOutside: guard })}
          aria-busy={busy || undefined}
          // Without a description, say so, rather than point at one that does not exist.
          {...(description ? {} : { "aria-describedby": undefined })}
        >
          <AlertContext.Provider value={alert}>
            <div className="flex items-start gap-3 px-5 pt-5 pb-3">
              {icon ? <div className="mt-0.5 shrink-0 [&_svg]:size-5">{icon}</div> : null}
              <div className="min-w-0 flex-1">
                <Title className={titleClassName}>{title}</Title>
                {description ? (
                  <Description asChild>
                    <div className={descriptionClassName}>{description}</div>
                  </Description>
                ) : null}
              </div>
              {alert ? null : (
                <DialogPrimitive.Close asChild>
                  <Button variant="ghost" size="icon-sm" aria-label="Close" disabled={busy} className="-mt-1 -mr-2">
                    <X aria-hidden />
                  </Button>
                </DialogPrimitive.Close>
              )}
            </div>
            {children ? <div className="min-h-0 flex-1 space-y-3 overflow-y-auto px-5 pb-4 text-[13px]">{children}</div> : null}
            {footer ? (
              <div className="flex flex-wrap items-center justify-end gap-2 border-t border-border bg-subtle px-5 py-3">{footer}</div>
            ) : null}
          </AlertContext.Provider>
        </Primitive.Content>
      </Primitive.Portal>
    </Primitive.Root>
  );
}

/** A button that closes the surrounding modal ("Cancel", "Done"). */
export function ModalClose({ children = "Cancel", ...props }: ComponentProps<typeof Button>) {
  const alert = useContext(AlertContext);
  const Close = alert ? AlertPrimitive.Cancel : DialogPrimitive.Close;
  return (
    <Close asChild>
      <Button {...props}>{children}</Button>
    </Close>
  );
}

type ModalActionsProps = Omit<ComponentProps<typeof Button>, "children"> & {
  /** The change runs: both buttons are disabled and the action shows `busyLabel`. */
  busy: boolean;
  label: ReactNode;
  busyLabel: ReactNode;
  /** The close button's text. */
  cancelLabel?: ReactNode;
  /** Why the action is disabled, shown beside it (not only on hover). */
  reason?: string | null;
};

/** The footer of a dialog that runs one change: a close button, then the action. */
export function ModalActions({
  busy,
  label,
  busyLabel,
  cancelLabel = "Cancel",
  variant = "primary",
  disabled,
  reason,
  ...props
}: ModalActionsProps) {
  const reasonId = useId();
  const why = disabled && !busy && reason ? reason : null;
  return (
    <>
      {why ? <ActionReason id={reasonId}>{why}</ActionReason> : null}
      <ModalClose disabled={busy}>{cancelLabel}</ModalClose>
      <Button variant={variant} disabled={busy || disabled} aria-busy={busy} aria-describedby={why ? reasonId : undefined} {...props}>
        {busy ? busyLabel : label}
      </Button>
    </>
  );
}

/** Why a footer action cannot run yet, at the footer's start. */
export function ActionReason({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <p id={id} className="mr-auto min-w-0 text-xs break-words text-muted-foreground" data-testid="action-reason">
      {children}
    </p>
  );
}
