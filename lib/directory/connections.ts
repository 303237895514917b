import { isProviderError } from "../providers/errors";
import { emptyReadReport } from "../providers/read-report";
import { configuredProviders } from "../providers/registry";
import { getSnapshots } from "./snapshot";
import { readSyncLog } from "./sync-log";
import type { ConnectionInfo } from "./types";

/** Each provider's mode, who Roster is signed in as there, and its last sync and error. */
export async function listConnections(): Promise<ConnectionInfo[]> {
  const [views, log] = await Promise.all([getSnapshots(), readSyncLog()]);
  return Promise.all(
    configuredProviders().map(async (provider): Promise<ConnectionInfo> => {
      const { settings, adapter, label } = provider;
      const row = log.find((r) => r.provider === settings.id);
      const snapshot = views.find((v) => v.provider.settings.id === settings.id);
      let identity: ConnectionInfo["identity"] = null;
      let identityError: ConnectionInfo["identityError"];
      if (adapter) {
        try {
          identity = await adapter.whoami();
        } catch (error) {
          identityError = isProviderError(error)
            ? { status: error.status, message: error.message }
            : { status: null, message: String(error) };
        }
      }
      return {
        id: settings.id,
        label,
        mode: settings.mode,
        host: settings.connection ? new URL(settings.connection.baseUrl).host : null,
        ...(settings.missing ? { missing: settings.missing } : {}),
        identity,
        ...(identityError ? { identityError } : {}),
        lastSyncAt: row?.lastSyncAt?.toISOString() ?? null,
        lastErrorAt: row?.lastErrorAt?.toISOString() ?? null,
        lastError: row?.lastError ?? null,
        members: snapshot?.state.count ?? 0,
        state: snapshot?.state.state ?? "ok",
        report: snapshot?.state.report ?? emptyReadReport(),
        capabilities: adapter?.capabilities ?? {
          listInvites: false,
          revokeInvite: false,
          workspaceRoles: false,
          serviceAccounts: false,
        },
      };
    }),
  );
}
