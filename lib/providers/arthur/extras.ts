import type { ListOptions, Member, ProviderConnection } from "../types";
import { createArthurClient } from "./client";
import { arthurLists } from "./lists";
import { type ArthurAccount, toAccount } from "./mapping";
import type { WireSensitiveUser } from "./schemas";
import { Secret } from "./secret";
import { arthurEmail } from "./email";

/**
 * Arthur operations outside the common adapter interface: service accounts, user
 * details, and accepting invitations. Credentials come back wrapped in `Secret`, so
 * they print as "[redacted]" anywhere but the one place that calls `reveal()`.
 */

export type ArthurCredentials = { kind: "service_account"; clientId: string; clientSecret: Secret } | { kind: "user"; password: Secret };

export interface NewCredentials {
  account: ArthurAccount;
  credentials: ArthurCredentials;
}

export interface UserDetails {
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  picture?: string | null;
}

export interface NewUser {
  firstName: string;
  lastName?: string | null;
  email: string;
  /** One-time password the user changes at first sign-in. */
  password: string;
}

function toCredentials(credentials: WireSensitiveUser["credentials"]): ArthurCredentials {
  return "client_id" in credentials
    ? { kind: "service_account", clientId: credentials.client_id, clientSecret: new Secret(credentials.client_secret) }
    : { kind: "user", password: new Secret(credentials.password) };
}

function withCredentials(user: WireSensitiveUser): NewCredentials {
  return { account: toAccount(user), credentials: toCredentials(user.credentials) };
}

export function arthurExtras(connection: ProviderConnection) {
  const client = createArthurClient(connection);
  const lists = arthurLists(client);

  return {
    /** Service accounts with their organization role. */
    listServiceAccounts: (options?: ListOptions): Promise<Member[]> => lists.members(options, ["service_account"]),

    /** The client secret is in the answer once and never again. */
    createServiceAccount: async (name: string): Promise<NewCredentials> => withCredentials(await client.createServiceAccount({ name })),

    /** New credentials for a service account (client secret) or a user (password); the old ones stop working. */
    regenerateCredentials: async (userId: string): Promise<NewCredentials> => withCredentials(await client.regenerateCredentials(userId)),

    renameServiceAccount: async (userId: string, name: string): Promise<ArthurAccount> =>
      toAccount(await client.renameServiceAccount(userId, { name })),

    /** Only the fields given are sent. */
    updateUser: async (userId: string, details: UserDetails): Promise<ArthurAccount> =>
      toAccount(
        await client.patchUser(userId, {
          first_name: details.firstName,
          last_name: details.lastName,
          email: details.email ? arthurEmail(details.email) : details.email,
          picture: details.picture,
        }),
      ),

    /** Arthur answers 409 when the email is taken. */
    createUser: async (user: NewUser): Promise<ArthurAccount> =>
      toAccount(
        await client.createUser({
          first_name: user.firstName,
          last_name: user.lastName,
          email: arthurEmail(user.email),
          password: user.password,
        }),
      ),

    /** Accepts every pending invitation of the signed-in user. */
    acceptInvites: async (): Promise<void> => {
      await client.acceptInvites();
    },
  };
}

export type ArthurExtras = ReturnType<typeof arthurExtras>;
