"use client";

import { useQuery } from "@tanstack/react-query";
import { MailPlus } from "lucide-react";
import { useId, useMemo, useState } from "react";
import { toast } from "sonner";
import type { InvitePolicy } from "@/lib/invites/types";
import type { ProviderId } from "@/lib/providers/types";
import { useCreateInviteRequest } from "@/lib/queries/invite-changes";
import { existingQueryOptions } from "@/lib/queries/invites";
import { rolesQueryOptions } from "@/lib/queries/roles";
import { plural } from "@/components/common/format";
import { ChangeErrorCallout } from "@/components/members/change-dialog-parts";
import { GatedButton } from "@/components/members/gated-button";
import { Checkbox } from "@/components/ui/checkbox";
import { cn } from "@/components/ui/cn";
import { ActionReason, Modal, ModalClose } from "@/components/ui/dialog";
import { inputClassName, Label } from "@/components/ui/input";
import { LengthLimit } from "@/components/ui/text-field";
import { parseEmails, planInvites } from "./invite-plan";
import { InvitePreview } from "./invite-preview";
import { InviteProjectsPicker, type ProjectChoice } from "./invite-projects-picker";
import { ProviderRolePicker, type ProviderChoice } from "./provider-role-picker";
import { useDebounced } from "./use-debounced";
import { INPUT_LIMITS } from "@/lib/limits";

interface InviteDialogProps {
  onClose: () => void;
  /** Admins may skip approval when the policy allows it. */
  policy?: InvitePolicy;
  isAdmin: boolean;
}

const textareaClassName = cn(inputClassName, "h-auto min-h-20 resize-y py-2 leading-5");

/** Invite people: several emails, the providers with a role on each, a reason, and a preview of what is skipped. */
export function InviteDialog({ onClose, policy, isAdmin }: InviteDialogProps) {
  const id = useId();
  const [text, setText] = useState("");
  const [choice, setChoice] = useState<ProviderChoice>({});
  const [projects, setProjects] = useState<ProjectChoice>({});
  const [reason, setReason] = useState("");
  const [direct, setDirect] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const roles = useQuery(rolesQueryOptions());

  const parsed = useMemo(() => parseEmails(text), [text]);
  const providers = (Object.keys(choice) as ProviderId[]).filter((p) => choice[p]);
  const lookupEmails = useDebounced(parsed.valid);
  const existing = useQuery({ ...existingQueryOptions(lookupEmails), enabled: lookupEmails.length > 0 });
  const settled = lookupEmails.join() === parsed.valid.join() && !existing.isFetching;
  const plan = planInvites(parsed.valid, providers, settled ? existing.data : undefined);
  const checking = parsed.valid.length > 0 && !settled;

  const mutation = useCreateInviteRequest({
    onSuccess: (body) => {
      const sent = body.request.status === "approved";
      toast.success(sent ? "Invites sent" : "Invite request sent for approval", {
        description: `${plural(body.request.emails.length, "email")} on ${plural(body.request.providers.length, "provider")}.`,
      });
      onClose();
    },
    onError: setError,
  });
  const busy = mutation.isPending;

  const blocker =
    parsed.valid.length === 0
      ? "Enter at least one email address"
      : parsed.invalid.length > 0
        ? "Fix or remove the entries that are not email addresses"
        : parsed.overLimit > 0
          ? "At most 100 emails per request"
          : providers.length === 0
            ? "Choose at least one provider"
            : !reason.trim()
              ? "Say why these people need access"
              : !checking && plan.invites === 0
                ? "Everything would be skipped: nothing to invite"
                : null;

  function submit() {
    setError(null);
    mutation.mutate({
      emails: parsed.valid,
      providers: providers.map((provider) => ({
        provider,
        role: choice[provider]!,
        // OpenAI: always said, so that no project chosen means none (the provider's default is the Default project).
        ...(provider === "openai" ? { projects: Object.entries(projects).map(([id, role]) => ({ id, role })) } : {}),
      })),
      reason: reason.trim(),
      ...(direct ? { direct: true } : {}),
    });
  }

  const canDirect = isAdmin && policy?.directInvites;
  return (
    <Modal
      open
      size="lg"
      onOpenChange={(open) => (open ? undefined : onClose())}
      busy={busy}
      icon={<MailPlus aria-hidden className="text-muted-foreground" />}
      title="Invite people"
      description="Invites go to an admin for approval before anything is sent to a provider."
      footer={
        <>
          {blocker && !busy ? <ActionReason id={`${id}-blocker`}>{blocker}</ActionReason> : null}
          <ModalClose disabled={busy} />
          <GatedButton
            aria-describedby={blocker && !busy ? `${id}-blocker` : undefined}
            variant="primary"
            state={{ enabled: !blocker && !busy, reason: blocker ?? "Sending…" }}
            onClick={submit}
            aria-busy={busy}
          >
            {busy ? "Sending…" : direct ? "Send invites" : "Request invites"}
          </GatedButton>
        </>
      }
    >
      <div className="space-y-1.5">
        <Label htmlFor={`${id}-emails`}>Emails</Label>
        <textarea
          id={`${id}-emails`}
          className={textareaClassName}
          rows={3}
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder="ada@example.com, grace@example.com"
          aria-invalid={parsed.invalid.length > 0 || undefined}
          aria-describedby={`${id}-emails-help`}
          disabled={busy}
        />
        <div id={`${id}-emails-help`} className="space-y-0.5 text-xs text-muted-foreground">
          <p>Separate with commas, spaces or new lines; paste a whole list if you like.</p>
          {parsed.valid.length > 0 ? <p>{plural(parsed.valid.length, "email address", "email addresses")}</p> : null}
          {parsed.invalid.length > 0 ? (
            <p className="text-danger-text" role="alert">
              Not email addresses: {parsed.invalid.join(", ")}
            </p>
          ) : null}
          {parsed.duplicates.length > 0 ? <p>Given more than once, kept once: {parsed.duplicates.join(", ")}</p> : null}
          {parsed.overLimit > 0 ? <p className="text-danger-text">{parsed.overLimit} over the limit of 100 per request</p> : null}
        </div>
      </div>

      <fieldset className="space-y-1.5">
        <legend className="mb-1.5 text-[13px] font-medium">Providers and roles</legend>
        <ProviderRolePicker
          providers={roles.data?.providers}
          loading={roles.isPending}
          value={choice}
          onChange={setChoice}
          disabled={busy}
          extra={(entry) =>
            entry.id === "openai" ? <InviteProjectsPicker entry={entry} value={projects} onChange={setProjects} disabled={busy} /> : null
          }
        />
        {roles.isError ? <p className="text-xs text-danger-text">Roles could not be loaded: {roles.error.message}</p> : null}
      </fieldset>

      <div className="space-y-1.5">
        <Label htmlFor={`${id}-reason`}>Reason</Label>
        <textarea
          id={`${id}-reason`}
          className={textareaClassName}
          rows={2}
          maxLength={INPUT_LIMITS.reason}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          placeholder="Joins the data team in March"
          disabled={busy}
        />
        <LengthLimit value={reason} max={INPUT_LIMITS.reason} />
      </div>

      {canDirect ? (
        <label className="flex items-center gap-2 text-[13px]">
          <Checkbox checked={direct} onCheckedChange={(next) => setDirect(next === true)} disabled={busy} />
          Send now, without approval
        </label>
      ) : null}

      <InvitePreview plan={plan} checking={checking} />
      <ChangeErrorCallout error={error} />
    </Modal>
  );
}
