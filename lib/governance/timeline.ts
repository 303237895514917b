import { ApiError } from "../api/errors";
import { auditEventsAbout } from "../audit/log";
import { personMembers } from "../changes/person";
import { normaliseEmail } from "../email";
import { outsideChangesOf } from "./outside-store";
import { usageOf } from "./usage-store";
import type { PersonTimelineResponse, TimelineEntry } from "./outside-types";

/**
 * A person's one timeline: Roster's audit entries about them and the changes their
 * providers logged that Roster did not make, newest first. Matched by email and by every
 * member id the directory knows for them (a provider's entry may name only the id). Someone
 * removed everywhere still has one; a key found nowhere answers 404.
 */
export async function personTimeline(email: string, limit = 200): Promise<PersonTimelineResponse> {
  const key = normaliseEmail(email);
  const members = await personMembers(key);
  const [events, changes, activity] = await Promise.all([
    auditEventsAbout(
      key,
      members.map((m) => m.id),
      limit,
    ),
    outsideChangesOf(key, members, limit),
    usageOf(members),
  ]);
  // Someone a provider lists, or whom Roster's or a provider's log names, has a timeline (if empty);
  // a key nobody ever held is not a person.
  if (members.length === 0 && events.length === 0 && changes.length === 0) {
    throw new ApiError("not_found", `Nobody with the email ${key} on any provider or in the audit log`);
  }
  // A step shows once, as its parent (offboarding), when the parent is about them too.
  const ids = new Set(events.map((e) => e.id));
  const entries: TimelineEntry[] = [
    ...events
      .filter((e) => e.parentId === null || !ids.has(e.parentId))
      .map((event) => ({ source: "roster" as const, at: event.at, event })),
    ...changes.map((change) => ({ source: "provider" as const, at: change.at, change })),
  ];
  entries.sort((a, b) => b.at.localeCompare(a.at));
  return { entries: entries.slice(0, limit), activity };
}
