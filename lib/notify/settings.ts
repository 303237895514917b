import type { Operator } from "../auth/roles";
import { notifyChannels } from "./config";
import { preferencesOf, savePreferences } from "./preferences";
import type { NotificationPreferencesPatch, NotificationSettingsResponse } from "./types";

/** The signed-in operator's own notification choices (GET/PATCH /api/me/notifications). */

function channels(): NotificationSettingsResponse["channels"] {
  const c = notifyChannels();
  return { email: Boolean(c.smtpUrl && c.from), webhook: Boolean(c.webhookUrl) };
}

export async function notificationSettings(operator: Operator): Promise<NotificationSettingsResponse> {
  return { ...(await preferencesOf(operator.id)), channels: channels() };
}

export async function changeNotificationSettings(
  operator: Operator,
  patch: NotificationPreferencesPatch,
): Promise<NotificationSettingsResponse> {
  return { ...(await savePreferences(operator.id, patch)), channels: channels() };
}
