import { Loader2, SearchX, Users } from "lucide-react";
import Link from "next/link";
import type { ProviderState } from "@/lib/directory/types";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

interface UsersEmptyStateProps {
  filtered: boolean;
  providers: ProviderState[];
  onClearFilters: () => void;
}

/** "No people match" (search or filters) is not the same as an empty directory. */
export function UsersEmptyState({ filtered, providers, onClearFilters }: UsersEmptyStateProps) {
  if (filtered) {
    return (
      <EmptyState
        icon={<SearchX aria-hidden />}
        title="No people match"
        description="Nobody matches this search and these filters. Try fewer filters or a different spelling."
        action={<Button onClick={onClearFilters}>Clear filters</Button>}
      />
    );
  }
  const configured = providers.filter((state) => state.mode !== "unconfigured");
  const reading = configured.filter((state) => state.syncing && state.ok && state.count === 0);
  if (reading.length > 0) {
    return (
      <EmptyState
        icon={<Loader2 aria-hidden className="animate-spin" />}
        title="Reading members…"
        description={`Roster is reading ${reading.map((s) => s.label).join(", ")} for the first time; people appear here as each provider is read. The bars above show how far it has got.`}
      />
    );
  }
  const allFailed = configured.length > 0 && configured.every((state) => !state.ok);
  return (
    <EmptyState
      icon={<Users aria-hidden />}
      title={allFailed ? "No members could be read" : "No members yet"}
      description={
        allFailed
          ? "Every provider failed to answer; see the messages above and retry."
          : configured.length === 0
            ? "No provider is configured yet. Connect OpenAI, Astronomer or Arthur to see their members here."
            : "The connected providers have no members or pending invites yet."
      }
      action={
        <Button asChild>
          <Link href="/connections">View connections</Link>
        </Button>
      }
    />
  );
}
