import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { withAuthPaths, withSignInThrottle } from "@/lib/auth/signin-route";

const handler = NextAuth(authOptions);

/** Canonical auth paths only; password sign-ins go through the throttle first (lib/auth/signin-route.ts). */
export const GET = withAuthPaths(handler);
export const POST = withSignInThrottle(handler);
