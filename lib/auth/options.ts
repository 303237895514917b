import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { currentSessionVersion, endSessions, findOperatorForSignIn } from "../operators/repository";
import { auditSignIn } from "../audit/access";
import { authLogger } from "./auth-logger";
import { clientAddress } from "./client-address";
import { OIDC_PROVIDER_ID, oidcConfigOrNull, oidcProvider, resolveSsoRole } from "./oidc";
import { verifyPassword } from "./password";

const credentialsSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

/** A session lasts 8 hours from sign-in, however active (the token carries its sign-in time). */
export const SESSION_MAX_AGE_S = 8 * 60 * 60;

/** True while a token is within its session's lifetime (from its sign-in, not its last refresh). */
export function sessionIsCurrent(token: Record<string, unknown>, nowS = Math.floor(Date.now() / 1000)): boolean {
  return typeof token.authTime === "number" && token.authTime <= nowS + 60 && nowS - token.authTime < SESSION_MAX_AGE_S;
}

const sso = oidcConfigOrNull();

/** The client's address from the headers next-auth hands `authorize` (a plain object). */
function addressOf(headers: unknown): string | null {
  if (!headers || typeof headers !== "object") return null;
  try {
    const plain = Object.entries(headers as Record<string, unknown>).filter(([, v]) => typeof v === "string") as Array<[string, string]>;
    return clientAddress(new Headers(plain));
  } catch {
    return null;
  }
}

export const authOptions: NextAuthOptions = {
  // Cookies: next-auth's defaults are HttpOnly and SameSite=Lax; with an https
  // NEXTAUTH_URL they are also Secure and named `__Secure-…` (checked by e2e tests).
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/signin", error: "/signin" },
  logger: authLogger,
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(raw, req) {
        const address = addressOf(req?.headers);
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) {
          await auditSignIn({
            email: typeof raw?.email === "string" ? raw.email : null,
            method: "credentials",
            address,
            outcome: "failure",
            message: "email or password missing",
          });
          return null;
        }
        const found = await findOperatorForSignIn(parsed.data.email);
        const ok = await verifyPassword(parsed.data.password, found?.passwordHash);
        if (!found || !ok) {
          await auditSignIn({
            email: parsed.data.email,
            method: "credentials",
            address,
            outcome: "failure",
            message: "wrong email or password",
          });
          return null;
        }
        await auditSignIn({ email: found.operator.email, method: "credentials", address, outcome: "success", operator: found.operator });
        return { id: found.operator.id, email: found.operator.email, name: found.operator.name };
      },
    }),
    ...(sso ? [oidcProvider(sso)] : []),
  ],
  events: {
    // Signing out ends the session on the server too: the old cookie is refused from now on.
    async signOut({ token }) {
      if (typeof token?.sub === "string") await endSessions(token.sub);
    },
  },
  callbacks: {
    async signIn({ account, profile, user }) {
      if (account?.provider !== OIDC_PROVIDER_ID) return true;
      if (!sso) return "/signin?error=SsoNoRole";
      const resolved = resolveSsoRole(sso, (profile ?? {}) as Record<string, unknown>);
      const ssoEmail = typeof profile?.email === "string" ? profile.email : (user.email ?? null);
      if ("refused" in resolved) {
        await auditSignIn({ email: ssoEmail, method: OIDC_PROVIDER_ID, outcome: "failure", message: resolved.refused });
        return `/signin?error=${resolved.refused}`;
      }
      const { syncSsoOperator } = await import("../operators/sso");
      const name = user.name?.trim() || resolved.email.split("@")[0];
      const synced = await syncSsoOperator({ email: resolved.email, name, role: resolved.role });
      if (!synced.ok) {
        await auditSignIn({ email: resolved.email, method: OIDC_PROVIDER_ID, outcome: "failure", message: "SsoDisabled" });
        return "/signin?error=SsoDisabled";
      }
      await auditSignIn({ email: resolved.email, method: OIDC_PROVIDER_ID, outcome: "success", operator: synced.operator });
      // The session carries Roster's operator id, not the identity provider's subject.
      user.id = synced.operator.id;
      return true;
    },
    async jwt({ token, user, account }) {
      if (user) {
        token.sub = user.id;
        token.authTime = Math.floor(Date.now() / 1000);
        // The operator's session version now: a later sign-out, disable, role or password
        // change bumps it and this token stops working (lib/operators/repository.ts).
        token.sv = await currentSessionVersion(user.id);
        if (account?.provider) token.via = account.provider;
      }
      return token;
    },
    async session({ session, token }) {
      // Only the operator id and session version travel in the token; role and name are
      // read fresh from the database on every request (lib/auth/session.ts), with the
      // version, so an ended session stops at its next request. A session past its
      // lifetime has no id. `until` (when it ends, Unix seconds) lets lib/auth/session-cache.ts
      // keep the decoded session no longer than it lives.
      if (session.user && sessionIsCurrent(token)) {
        Object.assign(session.user, { id: token.sub, sv: token.sv, until: (token.authTime as number) + SESSION_MAX_AGE_S });
      }
      return session;
    },
    async redirect({ url, baseUrl }) {
      if (url.startsWith("/") && !url.startsWith("//")) return `${baseUrl}${url}`;
      try {
        if (new URL(url).origin === baseUrl) return url;
      } catch {
        /* not a URL: fall through */
      }
      return baseUrl;
    },
  },
};
