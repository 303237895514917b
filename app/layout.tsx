import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { THEME_SCRIPT } from "@/components/theme/theme-script";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Roster", template: "%s · Roster" },
  description: "One admin console for your organization's members on OpenAI, Astronomer and Arthur.",
  icons: { icon: { url: "/favicon.svg", type: "image/svg+xml" } },
  robots: { index: false, follow: false },
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fcfcfc" },
    { media: "(prefers-color-scheme: dark)", color: "#111113" },
  ],
};

/** What newNonce() makes: 16 bytes, base64. */
const NONCE_SHAPE = /^[A-Za-z0-9+/]{22}==$/;

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The nonce proxy.ts put in this page's Content-Security-Policy (it overwrites any a client
  // sends): without it the browser refuses the inline theme script. Only its shape is used.
  const sent = (await headers()).get("x-nonce");
  const nonce = sent && NONCE_SHAPE.test(sent) ? sent : undefined;
  return (
    // The theme script sets the `dark` class before hydration, hence the warning suppression.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-dvh bg-background text-foreground">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
