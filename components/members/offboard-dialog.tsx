"use client";

import { normaliseEmail } from "@/lib/email";
import { UserX } from "lucide-react";
import { useId, useRef, useState } from "react";
import type { OffboardStep, PersonDetailResponse } from "@/lib/changes/types";
import type { ProviderId } from "@/lib/providers/types";
import { useOffboard, type OffboardInput } from "@/lib/queries/people";
import { formatNumber } from "@/components/common/format";
import { Button } from "@/components/ui/button";
import { Modal, ModalClose } from "@/components/ui/dialog";
import { Input, Label } from "@/components/ui/input";
import { ChangeErrorCallout, ManagedWarning, SelfConfirmFooter, SelfConfirmNotice } from "./change-dialog-parts";
import { toastChanged } from "./change-toast";
import { subjectName } from "./member-dialog-state";
import { mergeSteps, OffboardPreview, OffboardResults } from "./offboard-steps";
import { useChangeFlow } from "./use-change-flow";

/**
 * "Remove everywhere": previews each step, asks for the email typed out, runs the
 * offboarding, then lists each provider's result; only the failed ones can be retried,
 * and their results update in place.
 */
export function OffboardDialog({ person, onClose }: { person: PersonDetailResponse; onClose: () => void }) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const name = subjectName(person);
  const [typed, setTyped] = useState("");
  const [steps, setSteps] = useState<OffboardStep[] | null>(null);
  const [retrying, setRetrying] = useState<ReadonlySet<ProviderId>>(new Set());
  const [selfConfirmed, setSelfConfirmed] = useState(false);
  const flow = useChangeFlow();

  const mutation = useOffboard({
    onSuccess: (response, input) => {
      setRetrying(new Set());
      setSteps((previous) => (previous && input.providers ? mergeSteps(previous, response.steps) : response.steps));
      const failed = response.steps.filter((step) => !step.ok).length;
      if (failed === 0 && response.steps.length > 0) {
        toastChanged(
          `Removed ${name} everywhere`,
          response.steps.flatMap((step) => step.warnings),
        );
      }
    },
    onError: (error) => {
      setRetrying(new Set());
      flow.onError(error);
    },
  });
  const busy = mutation.isPending;
  const matches = normaliseEmail(typed) === normaliseEmail(person.email);
  const failedProviders = [...new Set((steps ?? []).filter((step) => !step.ok).map((step) => step.provider))];
  const done = (steps ?? []).filter((step) => step.ok).length;

  function run(input: Omit<OffboardInput, "email">) {
    flow.begin();
    if (input.confirmSelf) setSelfConfirmed(true);
    setRetrying(new Set(input.providers ?? []));
    mutation.mutate({ email: person.email, ...input, confirmSelf: input.confirmSelf || selfConfirmed || undefined });
  }

  const managed = person.memberships.some((membership) => membership.managed);

  return (
    <Modal
      alert
      size="md"
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      busy={busy}
      initialFocus={() => inputRef.current}
      icon={<UserX aria-hidden className="text-danger-text" />}
      title={steps ? `Remove ${name} everywhere: results` : `Remove ${name} everywhere?`}
      description={
        steps
          ? failedProviders.length > 0
            ? `${formatNumber(done)} of ${formatNumber(steps.length)} steps done. Retry the failed ones, or fix them on the provider.`
            : "Every step is done."
          : `${person.email} loses every membership and pending invite listed below. Each step is audited.`
      }
      footer={
        flow.askSelf ? (
          <SelfConfirmFooter onContinue={() => run({ providers: steps ? failedProviders : undefined, confirmSelf: true })} busy={busy} />
        ) : steps ? (
          <>
            {failedProviders.length > 0 ? (
              <Button onClick={() => run({ providers: failedProviders })} disabled={busy} aria-busy={busy}>
                {busy ? "Retrying…" : "Retry failed"}
              </Button>
            ) : null}
            <ModalClose variant="primary" disabled={busy}>
              Done
            </ModalClose>
          </>
        ) : (
          <>
            <ModalClose disabled={busy} />
            <Button variant="danger" onClick={() => run({})} disabled={busy || !matches} aria-busy={busy}>
              {busy ? "Removing…" : "Remove everywhere"}
            </Button>
          </>
        )
      }
    >
      {steps ? (
        <OffboardResults steps={steps} retrying={retrying} />
      ) : (
        <>
          <OffboardPreview person={person} />
          {managed ? <ManagedWarning /> : null}
          <div className="space-y-1.5">
            <Label htmlFor={`${id}-confirm`}>
              Type <span className="font-mono text-[12px]">{person.email}</span> to confirm
            </Label>
            <Input
              ref={inputRef}
              id={`${id}-confirm`}
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === "Enter" && matches && !busy) run({});
              }}
              autoComplete="off"
              spellCheck={false}
              disabled={busy}
              placeholder={person.email}
            />
          </div>
        </>
      )}
      {flow.askSelf ? <SelfConfirmNotice /> : null}
      <ChangeErrorCallout error={flow.error} />
    </Modal>
  );
}
