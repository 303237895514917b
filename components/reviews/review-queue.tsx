"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Inbox } from "lucide-react";
import { useState } from "react";
import { apiFetch } from "@/lib/api/fetcher";
import type { RolesResponse } from "@/lib/changes/types";
import { PROVIDER_IDS, PROVIDER_LABELS } from "@/lib/providers/types";
import { DECISION_LABELS, outcomeText } from "@/lib/reviews/report";
import type { ReviewDetail, ReviewItem } from "@/lib/reviews/types";
import { QueryErrorState } from "@/components/common/query-error-state";
import { useOperator } from "@/components/shell/operator-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Skeleton } from "@/components/ui/skeleton";
import { decide, type DecisionInput, fetchItems, reviewKeys } from "./api";

/** The reviewer's queue (or every item): filters, keep / remove / change role per row, bulk keep. */
export function ReviewQueue({ review }: { review: ReviewDetail }) {
  const operator = useOperator();
  const client = useQueryClient();
  const [mine, setMine] = useState(review.mine.total > 0);
  const [state, setState] = useState(review.status === "open" ? "open" : "");
  const [provider, setProvider] = useState("");
  const [q, setQ] = useState("");
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [editing, setEditing] = useState<{ item: ReviewItem; decision: "remove" | "change_role" } | null>(null);
  const params = new URLSearchParams({
    limit: "100",
    ...(mine ? { reviewer: "me" } : {}),
    ...(state ? { state } : {}),
    ...(provider ? { provider } : {}),
    ...(q ? { q } : {}),
  }).toString();
  const items = useInfiniteQuery({
    queryKey: reviewKeys.items(review.id, params),
    queryFn: ({ pageParam }) => fetchItems(review.id, pageParam ? `${params}&after=${pageParam}` : params),
    initialPageParam: 0,
    getNextPageParam: (last) => last.next ?? undefined,
  });
  const send = useMutation({
    mutationFn: (decisions: DecisionInput[]) => decide(review.id, decisions),
    onSuccess: async () => {
      setSelected(new Set());
      setEditing(null);
      await client.invalidateQueries({ queryKey: reviewKeys.one(review.id) });
    },
  });
  const open = review.status === "open";
  const canDecide = (item: ReviewItem) => open && (item.reviewer === operator.email || operator.role === "owner");
  const rows = items.data?.pages.flatMap((p) => p.items) ?? [];
  const toggle = (id: number) => setSelected((now) => (now.has(id) ? new Set([...now].filter((x) => x !== id)) : new Set([...now, id])));

  return (
    <section aria-labelledby="queue-title" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="queue-title" className="text-sm font-semibold">
          {mine ? "Your queue" : "Items"}{" "}
          {mine && open ? <span className="font-normal text-muted-foreground">({review.mine.open} open)</span> : null}
        </h2>
        <div className="flex flex-wrap items-center gap-2">
          <label className="flex items-center gap-1.5 text-[13px]">
            <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} /> Mine only
          </label>
          <NativeSelect aria-label="Decision" value={state} onChange={(e) => setState(e.target.value)}>
            <option value="">Any decision</option>
            <option value="open">Not decided</option>
            <option value="decided">Decided</option>
            <option value="keep">Keep</option>
            <option value="remove">Remove</option>
            <option value="change_role">Change role</option>
          </NativeSelect>
          <NativeSelect aria-label="Provider" value={provider} onChange={(e) => setProvider(e.target.value)}>
            <option value="">Every provider</option>
            {PROVIDER_IDS.map((p) => (
              <option key={p} value={p}>
                {PROVIDER_LABELS[p]}
              </option>
            ))}
          </NativeSelect>
          <div className="w-full sm:w-56">
            <Input
              aria-label="Search items"
              placeholder="Search name, email, role"
              className="h-8"
              value={q}
              onChange={(e) => setQ(e.target.value)}
            />
          </div>
          {open ? (
            <Button
              variant="primary"
              disabled={selected.size === 0 || send.isPending}
              onClick={() => send.mutate([...selected].map((itemId) => ({ itemId, decision: "keep" })))}
            >
              Keep selected ({selected.size})
            </Button>
          ) : null}
        </div>
      </div>
      {send.isError ? (
        <Callout tone="danger" role="alert">
          {send.error.message}
        </Callout>
      ) : null}
      {items.isPending ? (
        <div className="space-y-2" aria-busy="true" aria-label="Loading items">
          <Skeleton className="h-10" />
          <Skeleton className="h-10" />
          <Skeleton className="h-10" />
        </div>
      ) : items.isError ? (
        <QueryErrorState
          title="Could not load the items"
          error={items.error}
          onRetry={() => void items.refetch()}
          retrying={items.isFetching}
        />
      ) : rows.length === 0 ? (
        <EmptyState
          icon={<Inbox />}
          title={state === "open" ? "Nothing left to decide" : "No items match"}
          description="Change the filters to see other items."
        />
      ) : (
        <div className="relative overflow-x-auto rounded-lg border border-border bg-surface">
          <table className="w-full min-w-[760px] text-[13px]">
            <thead className="text-left text-muted-foreground">
              <tr>
                <th className="w-8 px-3 py-2">
                  <span className="sr-only">Select</span>
                </th>
                <th className="px-3 py-2 font-medium">Member</th>
                <th className="px-3 py-2 font-medium">Access</th>
                <th className="px-3 py-2 font-medium">Decision</th>
                <th className="px-3 py-2 text-right font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((item) => (
                <tr key={item.id} className="border-t border-border align-top">
                  <td className="px-3 py-2">
                    {canDecide(item) ? (
                      <input
                        type="checkbox"
                        aria-label={`Select ${item.name}`}
                        checked={selected.has(item.id)}
                        onChange={() => toggle(item.id)}
                      />
                    ) : null}
                  </td>
                  <td className="px-3 py-2">
                    <div className="font-medium">{item.name}</div>
                    <div className="text-muted-foreground">{item.email ?? item.memberId}</div>
                  </td>
                  <td className="px-3 py-2">
                    <div className="flex flex-wrap items-center gap-1">
                      <span>{PROVIDER_LABELS[item.provider]}:</span> <span className="font-medium">{item.role}</span>
                      {item.adminLevel ? <Badge tone="warning">Admin-level</Badge> : null}
                      {item.managed ? <Badge tone="outline">SCIM</Badge> : null}
                    </div>
                    {item.scopedRoles.map((s, i) => (
                      <div key={i} className="text-muted-foreground">
                        {s.role} on {s.scopeName}
                        {s.via ? ` (via ${s.via})` : ""}
                      </div>
                    ))}
                    {item.addedAt ? <div className="text-muted-foreground">Added {item.addedAt.slice(0, 10)}</div> : null}
                  </td>
                  <td className="px-3 py-2">
                    {item.decision ? (
                      <div>
                        <span className="font-medium">{DECISION_LABELS[item.decision]}</span>
                        {item.newRole ? ` → ${item.newRole}` : ""}
                        {item.reason ? <div className="text-muted-foreground">“{item.reason}”</div> : null}
                        {review.status === "closed" ? <div className="text-muted-foreground">{outcomeText(item)}</div> : null}
                      </div>
                    ) : (
                      <span className="text-muted-foreground">Not decided</span>
                    )}
                    {editing?.item.id === item.id ? (
                      <DecisionForm
                        key={editing.decision}
                        item={item}
                        decision={editing.decision}
                        busy={send.isPending}
                        onCancel={() => setEditing(null)}
                        onSubmit={(d) => send.mutate([d])}
                      />
                    ) : null}
                  </td>
                  <td className="px-3 py-2 text-right whitespace-nowrap">
                    {canDecide(item) ? (
                      <div className="inline-flex gap-1">
                        <Button size="sm" onClick={() => send.mutate([{ itemId: item.id, decision: "keep" }])} disabled={send.isPending}>
                          Keep
                        </Button>
                        <Button size="sm" onClick={() => setEditing({ item, decision: "change_role" })}>
                          Change role
                        </Button>
                        <Button size="sm" variant="danger" onClick={() => setEditing({ item, decision: "remove" })}>
                          Remove
                        </Button>
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {items.hasNextPage ? (
            <div className="border-t border-border p-2 text-center">
              <Button onClick={() => void items.fetchNextPage()} disabled={items.isFetchingNextPage}>
                {items.isFetchingNextPage ? "Loading…" : "Load more"}
              </Button>
            </div>
          ) : null}
        </div>
      )}
    </section>
  );
}

function DecisionForm({
  item,
  decision,
  busy,
  onCancel,
  onSubmit,
}: {
  item: ReviewItem;
  decision: "remove" | "change_role";
  busy: boolean;
  onCancel: () => void;
  onSubmit: (d: DecisionInput) => void;
}) {
  const [reason, setReason] = useState("");
  const [role, setRole] = useState("");
  const roles = useQuery({
    queryKey: ["roles"],
    queryFn: () => apiFetch<RolesResponse>("/api/roles"),
    enabled: decision === "change_role",
  });
  const options =
    roles.data?.providers.find((p) => p.id === item.provider)?.roles.filter((r) => r.scope === "organization" && r.name !== item.role) ??
    [];
  return (
    <form
      className="mt-2 space-y-2"
      aria-label={decision === "remove" ? `Remove ${item.name}` : `Change the role of ${item.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({ itemId: item.id, decision, reason, ...(decision === "change_role" ? { role } : {}) });
      }}
    >
      {decision === "change_role" ? (
        <NativeSelect aria-label="New role" value={role} onChange={(e) => setRole(e.target.value)} required>
          <option value="">Choose a role</option>
          {options.map((r) => (
            <option key={r.id} value={r.name}>
              {r.name}
            </option>
          ))}
        </NativeSelect>
      ) : null}
      <Input
        aria-label="Reason"
        placeholder="Why (required)"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        required
        maxLength={1000}
        autoFocus
      />
      <div className="flex gap-2">
        <Button type="submit" size="sm" variant={decision === "remove" ? "danger" : "primary"} disabled={busy}>
          {decision === "remove" ? "Decide: remove" : "Decide: change role"}
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
