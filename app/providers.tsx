"use client";

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { Toaster } from "sonner";
import { isApiFailure } from "@/lib/api/fetcher";
import { TooltipProvider } from "@/components/ui/tooltip";
import { useTheme, useThemeSync } from "@/components/theme/use-theme";

/** A 401 from the API means the session ended: go back to sign-in and return here after. */
function onApiError(error: unknown) {
  if (!isApiFailure(error) || error.status !== 401 || typeof window === "undefined") return;
  if (window.location.pathname.startsWith("/signin")) return;
  const here = `${window.location.pathname}${window.location.search}`;
  window.location.assign(`/signin?callbackUrl=${encodeURIComponent(here)}`);
}

function makeQueryClient() {
  return new QueryClient({
    queryCache: new QueryCache({ onError: onApiError }),
    mutationCache: new MutationCache({ onError: onApiError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // Retry once, but never a 4xx: asking again will not change the answer.
        retry: (failureCount, error) => !(isApiFailure(error) && error.isClientError) && failureCount < 1,
      },
      mutations: { retry: false },
    },
  });
}

function ThemedToaster() {
  const { choice } = useTheme();
  return <Toaster theme={choice} position="bottom-right" closeButton richColors={false} />;
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  useThemeSync();
  return (
    <QueryClientProvider client={queryClient}>
      <TooltipProvider delayDuration={300}>{children}</TooltipProvider>
      <ThemedToaster />
    </QueryClientProvider>
  );
}
