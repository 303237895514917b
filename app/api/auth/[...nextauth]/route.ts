import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { withSignInThrottle } from "@/lib/auth/signin-route";

const handler = NextAuth(authOptions);

export const GET = handler;
/** Password sign-ins go through the throttle first (lib/auth/throttle.ts). */
export const POST = withSignInThrottle(handler);
