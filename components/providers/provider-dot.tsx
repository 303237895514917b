import type { ProviderId } from "@/lib/providers/types";
import { cn } from "@/components/ui/cn";
import { PROVIDER_META } from "./provider-meta";

export function ProviderDot({ provider, className }: { provider: ProviderId; className?: string }) {
  return <span aria-hidden className={cn("inline-block size-2 shrink-0 rounded-full", PROVIDER_META[provider].dot, className)} />;
}
