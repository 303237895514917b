import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { findOperatorForSignIn } from "../operators/repository";
import { authLogger } from "./auth-logger";
import { verifyPassword } from "./password";

const credentialsSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

export const SESSION_MAX_AGE_S = 8 * 60 * 60;

export const authOptions: NextAuthOptions = {
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
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const found = await findOperatorForSignIn(parsed.data.email);
        const ok = await verifyPassword(parsed.data.password, found?.passwordHash);
        if (!found || !ok) return null;
        return { id: found.operator.id, email: found.operator.email, name: found.operator.name };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) token.sub = user.id;
      return token;
    },
    async session({ session, token }) {
      // Only the operator id travels in the token; role and name are read fresh from the
      // database on every request (lib/auth/session.ts), so a role change or a disabled
      // operator takes effect at the next request.
      if (session.user) (session.user as { id?: string }).id = token.sub;
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
