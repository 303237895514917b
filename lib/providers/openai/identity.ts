import { isProviderError } from "../errors";
import type { Identity } from "../types";
import { type OpenAIClient, PAGE_LIMIT } from "./client";
import { readItems, readOne } from "../tolerant";
import { ADMIN_KEY_ITEM, collectPages, type ReadAdminKey, USER_ITEM } from "./mapping";

/**
 * whoami for an admin key. The Administration API has no "me" endpoint, but
 * `GET /organization/admin_api_keys` lists every admin key with its `redacted_value`
 * (e.g. `sk-admin...def`) and its `owner`. The key whose redaction fits our own token
 * is ours, and its owner is who Roster acts as. When no single key fits, the key
 * itself (redacted) is the identity.
 */

const ELLIPSIS = /\.\.\.|…/;

/** A redaction that never shows more than half of a token. */
export function redactKey(token: string): string {
  const head = Math.min(8, Math.floor(token.length / 4));
  const tail = Math.min(4, Math.floor(token.length / 4));
  return `${token.slice(0, head)}...${tail ? token.slice(-tail) : ""}`;
}

export function redactionFits(redacted: string, token: string): boolean {
  const parts = redacted.split(ELLIPSIS);
  if (parts.length !== 2) return false;
  const [head, tail] = parts;
  return head.length > 0 && tail.length > 0 && token.length >= head.length + tail.length && token.startsWith(head) && token.endsWith(tail);
}

function keyIdentity(token: string): Identity {
  return { id: "admin-api-key", name: `Admin API key ${redactKey(token)}`, email: null, organization: null };
}

async function ownerEmail(client: OpenAIClient, key: ReadAdminKey, signal?: AbortSignal): Promise<string | null> {
  const owner = key.owner;
  const ownerIsUser = owner?.type === "user" || owner?.object === "organization.user";
  if (!ownerIsUser || !owner?.id) return null;
  try {
    const user = readOne("openai", USER_ITEM, await client.getUser(owner.id, signal));
    return user.email ?? null;
  } catch (error) {
    if (isProviderError(error) && error.status === 404) return null;
    throw error;
  }
}

export async function resolveIdentity(client: OpenAIClient, token: string, signal?: AbortSignal): Promise<Identity> {
  const keys = await collectPages(async (after) => {
    const envelope = await client.listAdminApiKeys({ limit: PAGE_LIMIT, after }, signal);
    return { envelope, items: readItems(ADMIN_KEY_ITEM, envelope.data) };
  });
  const ours = keys.filter((key) => key.redacted_value && redactionFits(key.redacted_value, token));
  if (ours.length !== 1) return keyIdentity(token);
  const key = ours[0];
  return {
    id: key.owner?.id ?? key.id,
    name: key.owner?.name ?? key.name ?? redactKey(token),
    email: await ownerEmail(client, key, signal),
    organization: null,
  };
}
