"use client";

import { useQuery } from "@tanstack/react-query";
import { Info, UserPlus } from "lucide-react";
import { useCallback, useState } from "react";
import { hasRole } from "@/lib/auth/roles";
import { plural } from "@/components/common/format";
import { QueryErrorState } from "@/components/common/query-error-state";
import { useOperator } from "@/components/shell/operator-context";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { type OperatorDialog, OperatorDialogs } from "./operator-dialogs";
import { operatorsQueryOptions } from "./operators-queries";
import { OperatorsTable } from "./operators-table";
import { NotificationsSection } from "./notifications-section";
import { TokensSection } from "./tokens-section";

/** Settings: who may sign in to Roster, with which role (owners manage; admins read), and, for owners, API tokens. */
export function SettingsPage() {
  const me = useOperator();
  const canManage = hasRole(me.role, "owner");
  const query = useQuery(operatorsQueryOptions());
  const [dialog, setDialog] = useState<OperatorDialog>(null);
  const open = useCallback((next: OperatorDialog) => setDialog(next), []);
  const operators = query.data?.operators;
  const enabled = operators?.filter((o) => !o.disabled).length ?? 0;

  return (
    <div className="mx-auto w-full max-w-[1440px] space-y-4 px-4 py-6 sm:px-6">
      <section aria-labelledby="operators-heading" className="space-y-3">
        <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
          <div>
            <h2 id="operators-heading" className="text-[15px] font-semibold tracking-tight">
              Operators
            </h2>
            <p className="text-[13px] text-muted-foreground">
              Who may sign in to Roster, and their Roster role.{" "}
              <span aria-live="polite" className="tabular">
                {operators ? `${plural(enabled, "active operator")} of ${operators.length}.` : null}
              </span>
            </p>
          </div>
          {canManage ? (
            <Button variant="primary" onClick={() => setDialog({ kind: "add" })} className="self-start sm:self-auto">
              <UserPlus aria-hidden />
              Add operator
            </Button>
          ) : null}
        </div>
        {!canManage ? <Callout icon={<Info aria-hidden />}>Only owners add operators, change their roles or disable them.</Callout> : null}
        {query.isError && !operators ? (
          <QueryErrorState
            title="Could not load operators"
            error={query.error}
            onRetry={() => void query.refetch()}
            retrying={query.isFetching}
          />
        ) : (
          <OperatorsTable
            operators={operators}
            loading={query.isPending}
            stale={query.isFetching && !query.isPending}
            selfId={me.id}
            canManage={canManage}
            open={open}
          />
        )}
      </section>
      {canManage ? <OperatorDialogs dialog={dialog} onClose={() => setDialog(null)} /> : null}
      {canManage ? <TokensSection /> : null}
      <NotificationsSection />
    </div>
  );
}
