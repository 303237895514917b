"use client";

import { useQuery } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { useCallback, useState } from "react";
import type { TokenSummary } from "@/lib/tokens/types";
import { QueryErrorState } from "@/components/common/query-error-state";
import { Button } from "@/components/ui/button";
import { type TokenDialog, TokenDialogs } from "./token-dialogs";
import { tokensQueryOptions } from "./tokens-queries";
import { TokensTable } from "./tokens-table";

/** Settings, for owners: API tokens for automation (made, listed, revoked). */
export function TokensSection() {
  const query = useQuery(tokensQueryOptions());
  const [dialog, setDialog] = useState<TokenDialog>(null);
  const revoke = useCallback((token: TokenSummary) => setDialog({ kind: "revoke", token }), []);
  return (
    <section aria-labelledby="tokens-heading" className="space-y-3">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h2 id="tokens-heading" className="text-[15px] font-semibold tracking-tight">
            API tokens
          </h2>
          <p className="text-[13px] text-muted-foreground">
            For programs that call Roster&apos;s API (<code className="font-mono text-xs">Authorization: Bearer roster_pat_…</code>),
            described at{" "}
            <a className="underline underline-offset-2" href="/api/openapi.json">
              /api/openapi.json
            </a>
            .
          </p>
        </div>
        <Button variant="primary" onClick={() => setDialog({ kind: "create" })} className="self-start sm:self-auto">
          <KeyRound aria-hidden />
          Create token
        </Button>
      </div>
      {query.isError && !query.data ? (
        <QueryErrorState
          title="Could not load API tokens"
          error={query.error}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      ) : (
        <TokensTable tokens={query.data?.tokens} loading={query.isPending} stale={query.isFetching && !query.isPending} revoke={revoke} />
      )}
      <TokenDialogs dialog={dialog} setDialog={setDialog} />
    </section>
  );
}
