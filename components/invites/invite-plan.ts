import { normaliseEmail } from "@/lib/email";
import { MAX_EMAILS, isEmailAddress } from "@/lib/invites/constants";
import type { SkipReason } from "@/lib/invites/types";
import type { ExistingLookup } from "@/lib/queries/invites";
import type { ProviderId } from "@/lib/providers/types";

/** What the invite dialog makes of what was typed or pasted, before anything is sent. */
export interface ParsedEmails {
  /** Valid addresses, trimmed and lower-cased, each once, in the order given. */
  valid: string[];
  /** Entries that are not email addresses, as typed. */
  invalid: string[];
  /** Addresses given more than once: kept once. */
  duplicates: string[];
  /** Addresses past the limit of one request. */
  overLimit: number;
}

/** Splits on commas, semicolons and white space (a pasted column or a mail header), like the API. */
export function parseEmails(text: string): ParsedEmails {
  const valid: string[] = [];
  const invalid: string[] = [];
  const duplicates = new Set<string>();
  const seen = new Set<string>();
  for (const raw of text.split(/[\s,;]+/).filter(Boolean)) {
    // "Ada Lovelace <ada@example.com>" pasted from a mail client.
    const entry = raw.replace(/^<|>$/g, "");
    const email = normaliseEmail(entry);
    if (!isEmailAddress(email)) {
      invalid.push(raw);
      continue;
    }
    if (seen.has(email)) duplicates.add(email);
    else {
      seen.add(email);
      valid.push(email);
    }
  }
  return { valid: valid.slice(0, MAX_EMAILS), invalid, duplicates: [...duplicates], overLimit: Math.max(0, valid.length - MAX_EMAILS) };
}

export type PlanOutcome = "invite" | SkipReason | "unchecked";

export interface PlanRow {
  email: string;
  outcomes: Array<{ provider: ProviderId; outcome: PlanOutcome }>;
}

export interface InvitePlan {
  rows: PlanRow[];
  invites: number;
  skips: number;
}

/** Per email and provider: invite, or skip (already a member, already invited), or not checked. */
export function planInvites(emails: readonly string[], providers: readonly ProviderId[], existing?: ExistingLookup): InvitePlan {
  let invites = 0;
  let skips = 0;
  const rows = emails.map((email) => ({
    email,
    outcomes: providers.map((provider) => {
      const found = existing?.byEmail[email]?.[provider];
      const outcome: PlanOutcome = found ?? (!existing || existing.unchecked.includes(email) ? "unchecked" : "invite");
      if (found) skips += 1;
      else invites += 1;
      return { provider, outcome };
    }),
  }));
  return { rows, invites, skips };
}

export const SKIP_LABEL: Record<SkipReason, string> = {
  already_member: "Already a member",
  already_invited: "Already invited",
};
