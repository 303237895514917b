import { route } from "@/lib/api/handler";
import { changeNotificationSettings, notificationSettings } from "@/lib/notify/settings";
import { notificationPreferencesPatchSchema } from "@/lib/notify/types";
import { NOTIFICATIONS_SESSION_ONLY } from "@/lib/tokens/constants";

export const dynamic = "force-dynamic";

/** The signed-in operator's notification choices: per event, email on or off. */
export const GET = route({ role: "viewer", sessionOnly: NOTIFICATIONS_SESSION_ONLY }, ({ operator }) => notificationSettings(operator));

export const PATCH = route(
  { role: "viewer", body: notificationPreferencesPatchSchema, sessionOnly: NOTIFICATIONS_SESSION_ONLY },
  ({ operator, body }) => changeNotificationSettings(operator, body),
);
