import { z } from "zod";
import { NOTIFY_EVENTS } from "./constants";

export * from "./constants";

/** A change to some events' email choice; the others stay as they are. */
export const notificationPreferencesPatchSchema = z.strictObject({
  email: z.partialRecord(z.enum(NOTIFY_EVENTS), z.boolean()),
});
export type NotificationPreferencesPatch = z.infer<typeof notificationPreferencesPatchSchema>;
