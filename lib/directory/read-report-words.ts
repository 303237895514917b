import type { Deviation } from "../providers/read-report";
const formatNumber = (n: number) => n.toLocaleString("en-US");

/**
 * A deviation kind (`<item>.<field> <what>`, see lib/providers/tolerant.ts) in plain
 * words: "12 invites had no `projects`", "3 users had a role Roster doesn't know: `member`".
 * Parts are returned separately so the page can set names and values in code type.
 */
export interface DeviationWords {
  /** "12 invites" */
  subject: string;
  /** "had no", "had a role Roster doesn't know:" */
  verb: string;
  /** The field or value to show as code, if any. */
  code: string | null;
  /** Trailing words, if any ("(read anyway)"). */
  tail: string;
}

const ITEM_PLURALS: Record<string, string> = { role_binding: "role bindings", admin_api_key: "admin API keys" };

function items(item: string, count: number): string {
  const one = item.replace(/_/g, " ");
  return `${formatNumber(count)} ${count === 1 ? one : (ITEM_PLURALS[item] ?? `${one}s`)}`;
}

export function deviationWords({ kind, count, example }: Deviation): DeviationWords {
  const space = kind.indexOf(" ");
  const where = space < 0 ? kind : kind.slice(0, space);
  const what = space < 0 ? "" : kind.slice(space + 1);
  const dot = where.indexOf(".");
  const item = dot < 0 ? where : where.slice(0, dot);
  const field = dot < 0 ? null : where.slice(dot + 1);
  const subject = items(item, count);
  if (what === "dropped (no id)")
    return { subject, verb: count === 1 ? "had no id and was left out" : "had no id and were left out", code: null, tail: "" };
  if (what === "duplicate")
    return {
      subject,
      verb: count === 1 ? "was listed twice (kept once), e.g." : "were listed twice (kept once), e.g.",
      code: example,
      tail: "",
    };
  if (what === "unreadable") return { subject, verb: "could not be read, e.g.", code: example, tail: "" };
  if (!field) return { subject, verb: what, code: null, tail: "" };
  const name = field.split(".").at(-1)!;
  switch (what) {
    case "missing":
      return { subject, verb: "had no", code: field, tail: "" };
    case "null":
      return { subject, verb: "had an empty (null)", code: field, tail: "" };
    case "unknown":
      return {
        subject,
        verb: name === "role" ? "had a role Roster doesn't know:" : `had a ${name.replace(/_/g, " ")} Roster doesn't know:`,
        code: example,
        tail: "",
      };
    case "other format":
      return { subject, verb: "had", code: field, tail: `in another format (e.g. ${example}), read anyway` };
    case "item unreadable":
      return { subject, verb: "had an unreadable entry in", code: field, tail: "" };
    default:
      return { subject, verb: "had an unreadable", code: field, tail: "" };
  }
}

/** The same as one line of text (logs, titles, tests). */
export function deviationText(deviation: Deviation): string {
  const w = deviationWords(deviation);
  return [w.subject, w.verb, w.code === null ? null : `\`${w.code}\``, w.tail || null].filter(Boolean).join(" ");
}
