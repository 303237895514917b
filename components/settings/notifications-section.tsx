"use client";

import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Info } from "lucide-react";
import { toast } from "sonner";
import { apiFetch } from "@/lib/api/fetcher";
import { NOTIFY_EVENT_TEXT, NOTIFY_EVENTS, type NotificationSettingsResponse, type NotifyEventName } from "@/lib/notify/constants";
import { QueryErrorState } from "@/components/common/query-error-state";
import { Callout } from "@/components/ui/callout";
import { Checkbox } from "@/components/ui/checkbox";
import { Skeleton } from "@/components/ui/skeleton";

/** Settings, for every operator: which events they get by email (the webhook is the server's). */

const notificationsKey = ["me", "notifications"] as const;

function notificationsQueryOptions() {
  return queryOptions({
    queryKey: notificationsKey,
    queryFn: ({ signal }) => apiFetch<NotificationSettingsResponse>("/api/me/notifications", { signal }),
  });
}

function useSaveChoice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ event, on }: { event: NotifyEventName; on: boolean }) =>
      apiFetch<NotificationSettingsResponse>("/api/me/notifications", { method: "PATCH", json: { email: { [event]: on } } }),
    onSuccess: (data, { event, on }) => {
      queryClient.setQueryData(notificationsKey, data);
      toast.success(`Email ${on ? "on" : "off"}: ${NOTIFY_EVENT_TEXT[event].label.toLowerCase()}`);
    },
    onError: (error) => toast.error("Could not save your choice", { description: error.message }),
  });
}

export function NotificationsSection() {
  const query = useQuery(notificationsQueryOptions());
  const save = useSaveChoice();
  const data = query.data;
  return (
    <section aria-labelledby="notifications-heading" className="space-y-3" data-testid="notifications-section">
      <div>
        <h2 id="notifications-heading" className="text-[15px] font-semibold tracking-tight">
          Notifications
        </h2>
        <p className="text-[13px] text-muted-foreground">
          Which events Roster emails you about. Your choices are your own; they change nothing for other operators.
        </p>
      </div>
      {data && !data.channels.email ? (
        <Callout icon={<Info aria-hidden />}>
          This server sends no email yet (ROSTER_SMTP_URL is not set): your choices are kept and apply once it does.
        </Callout>
      ) : null}
      {query.isError && !data ? (
        <QueryErrorState
          title="Could not load your notification choices"
          error={query.error}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      ) : (
        <ul className="divide-y divide-border rounded-lg border border-border bg-surface">
          {NOTIFY_EVENTS.map((event) => {
            const id = `notify-email-${event}`;
            const pending = save.isPending && save.variables?.event === event;
            return (
              <li key={event} className="flex items-start gap-3 px-4 py-3">
                {data ? (
                  <Checkbox
                    id={id}
                    className="mt-0.5"
                    checked={pending ? save.variables!.on : data.email[event]}
                    disabled={pending}
                    onCheckedChange={(checked) => save.mutate({ event, on: checked === true })}
                    aria-describedby={`${id}-description`}
                  />
                ) : (
                  <Skeleton className="mt-0.5 size-4" />
                )}
                <div className="min-w-0">
                  <label htmlFor={id} className="text-[13px] font-medium">
                    Email: {NOTIFY_EVENT_TEXT[event].label}
                  </label>
                  <p id={`${id}-description`} className="text-xs text-muted-foreground">
                    {NOTIFY_EVENT_TEXT[event].description}
                  </p>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {data?.channels.webhook ? (
        <p className="text-xs text-muted-foreground">
          Every event also goes to the organization&apos;s webhook, set by whoever runs this server.
        </p>
      ) : null}
    </section>
  );
}
