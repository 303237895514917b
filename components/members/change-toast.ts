import { toast } from "sonner";

/** A change went through: say what happened, and pass on the server's warnings (an IdP may undo it). */
export function toastChanged(summary: string, warnings: readonly string[] = []) {
  toast.success(summary, { description: warnings.length > 0 ? warnings.join(" ") : undefined });
}

/** A change now waits for a second admin (the two-person rule): say so, and where to follow it. */
export function toastRequested(summary: string) {
  toast.success(summary, { description: "Another admin approves or rejects it on the Invites page; nothing has changed yet." });
}
