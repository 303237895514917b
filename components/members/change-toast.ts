import { toast } from "sonner";

/** A change went through: say what happened, and pass on the server's warnings (an IdP may undo it). */
export function toastChanged(summary: string, warnings: readonly string[] = []) {
  toast.success(summary, { description: warnings.length > 0 ? warnings.join(" ") : undefined });
}
