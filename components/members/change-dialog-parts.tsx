"use client";

import { AlertTriangle, ShieldAlert, UserRound } from "lucide-react";
import type { ReactNode } from "react";
import { isApiFailure } from "@/lib/api/fetcher";
import type { Membership } from "@/lib/directory/types";
import { PROVIDER_IDS, type ProviderId } from "@/lib/providers/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { ModalClose } from "@/components/ui/dialog";
import { ProviderDot } from "@/components/providers/provider-dot";
import { providerLabel } from "@/components/providers/provider-meta";
import { httpStatusSuffix } from "@/components/common/format";
import { roleLabel } from "@/lib/providers/role-label";

export const MANAGED_WARNING = "Managed by your identity provider: it may undo this change.";

export function ManagedWarning({ children = MANAGED_WARNING }: { children?: ReactNode }) {
  return (
    <Callout tone="warning" icon={<ShieldAlert aria-hidden />}>
      {children}
    </Callout>
  );
}

function providerOfDetails(details: unknown): ProviderId | null {
  if (!details || typeof details !== "object" || !("provider" in details)) return null;
  const provider = (details as { provider: unknown }).provider;
  return (PROVIDER_IDS as readonly unknown[]).includes(provider) ? (provider as ProviderId) : null;
}

function statusOfDetails(details: unknown): number | null {
  if (!details || typeof details !== "object" || !("status" in details)) return null;
  const status = (details as { status: unknown }).status;
  return typeof status === "number" ? status : null;
}

/** Title for a refusal or failure, from its code. */
export function errorTitle(error: Error): string {
  if (!isApiFailure(error)) return "Something went wrong";
  if (error.code === "last_owner") return "Last owner";
  if (error.code === "provider_error") {
    const provider = providerOfDetails(error.details);
    return provider ? `${providerLabel(provider)} refused the change` : "The provider refused the change";
  }
  if (error.status === 403) return "Not allowed";
  if (error.status === 404) return "Not found";
  if (error.status === 422) return "Check the input";
  return "The change did not go through";
}

/** A refusal or failure, inline in the dialog, in the server's (or provider's) own words. */
export function ChangeErrorCallout({ error }: { error: Error | null }) {
  if (!error) return null;
  const api = isApiFailure(error) ? error : null;
  const status = api?.code === "provider_error" ? statusOfDetails(api.details) : null;
  return (
    <Callout tone="danger" role="alert" icon={<AlertTriangle aria-hidden />} title={errorTitle(error)}>
      <p>
        {error.message}
        {httpStatusSuffix(status)}
      </p>
      {api?.requestId ? (
        <p className="mt-1 text-xs opacity-80">
          Request ID <code className="font-mono select-all">{api.requestId}</code>
        </p>
      ) : null}
    </Callout>
  );
}

/** Shown after the server answered `confirm_self`: the change is about the operator's own membership. */
export function SelfConfirmNotice({ provider }: { provider?: ProviderId }) {
  return (
    <Callout tone="warning" role="alert" icon={<UserRound aria-hidden />} title="This is you. Continue?">
      You are changing your own membership{provider ? ` on ${providerLabel(provider)}` : ""}. You may lose access that you need to undo it.
    </Callout>
  );
}

/** Footer while asking "This is you. Continue?". */
export function SelfConfirmFooter({ onContinue, busy }: { onContinue: () => void; busy: boolean }) {
  return (
    <>
      <ModalClose disabled={busy}>Cancel</ModalClose>
      <Button variant="danger" onClick={onContinue} disabled={busy} aria-busy={busy}>
        Continue
      </Button>
    </>
  );
}

/** Provider, role and markers of one membership, as a compact line. */
export function MembershipLine({ membership, extra }: { membership: Membership; extra?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-center gap-x-2 gap-y-1 rounded-lg border border-border bg-subtle px-3 py-2">
      <ProviderDot provider={membership.provider} />
      <span className="font-medium">{providerLabel(membership.provider)}</span>
      <span className="text-muted-foreground">{roleLabel(membership.role)}</span>
      {membership.status === "invited" ? <Badge tone="warning">Invite pending</Badge> : null}
      {membership.kind === "service_account" ? <Badge tone="outline">Service account</Badge> : null}
      {membership.managed ? (
        <Badge tone="info" title={MANAGED_WARNING}>
          <ShieldAlert aria-hidden />
          Managed
        </Badge>
      ) : null}
      {extra}
    </div>
  );
}

/** One line for a failed step: the server's (or provider's) message, with the provider's HTTP status. */
export function failureText(reason: unknown): string {
  if (!(reason instanceof Error)) return String(reason);
  const api = isApiFailure(reason) ? reason : null;
  const status = api?.code === "provider_error" ? statusOfDetails(api.details) : null;
  return `${reason.message}${httpStatusSuffix(status)}`;
}
