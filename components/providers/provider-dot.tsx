import type { ProviderId } from "@/lib/providers/types";
import { cn } from "@/components/ui/cn";
import { providerMeta } from "./provider-meta";

export function ProviderDot({ provider, className }: { provider: ProviderId; className?: string }) {
  return <span aria-hidden className={cn("inline-block size-2 shrink-0 rounded-full", providerMeta(provider).dot, className)} />;
}
