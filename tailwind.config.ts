import colors from "tailwindcss/colors";
import type { Config } from "tailwindcss";
import { PROVIDER_DESCRIPTORS } from "./lib/providers/catalog";

/**
 * Roster's theme, loaded by `@config` in app/globals.css (Tailwind 4). The semantic colours
 * point at CSS variables whose light and dark values are set in app/globals.css (`:root`,
 * `.dark`), so components use `bg-background`, `text-muted-foreground`, … and never branch on
 * the theme. Each provider's accent is a Tailwind palette named after the provider
 * (`bg-openai-500`), taken from its descriptor (lib/providers/<id>/descriptor.ts).
 */

const SEMANTIC = [
  "background",
  "foreground",
  "surface",
  "surface-raised",
  "muted",
  "muted-foreground",
  "subtle",
  "border",
  "border-strong",
  "input",
  "ring",
  "primary",
  "primary-foreground",
  "accent",
  "accent-foreground",
  "danger",
  "danger-foreground",
  "danger-subtle",
  "danger-border",
  "danger-text",
  "selected",
] as const;

export default {
  theme: {
    extend: {
      colors: {
        ...Object.fromEntries(SEMANTIC.map((name) => [name, `var(--${name})`])),
        ...Object.fromEntries(PROVIDER_DESCRIPTORS.map((d) => [d.id, colors[d.accent]])),
      },
      borderRadius: { sm: "0.25rem", md: "0.375rem", lg: "0.5rem", xl: "0.75rem" },
      fontFamily: {
        sans: [
          '"Inter"',
          '"Inter Variable"',
          "ui-sans-serif",
          "system-ui",
          "-apple-system",
          '"Segoe UI"',
          "Roboto",
          '"Helvetica Neue"',
          "Arial",
          "sans-serif",
        ],
        mono: ['"JetBrains Mono"', "ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"],
      },
      keyframes: {
        "table-progress": { from: { transform: "translateX(-100%)" }, to: { transform: "translateX(300%)" } },
        "fade-in": { from: { opacity: "0", transform: "scale(0.97)" }, to: { opacity: "1", transform: "scale(1)" } },
      },
      animation: {
        "fade-in": "fade-in 120ms ease-out",
        "table-progress": "table-progress 1.1s ease-in-out infinite",
      },
    },
  },
} satisfies Config;
