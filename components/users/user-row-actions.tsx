"use client";

import { MailX, MoreHorizontal, SquareArrowOutUpRight, UserMinus } from "lucide-react";
import Link from "next/link";
import { Fragment } from "react";
import type { Person } from "@/lib/directory/types";
import { PROVIDER_IDS } from "@/lib/providers/types";
import { personHref } from "@/lib/queries/people";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuItemHint,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { ProviderDot } from "@/components/providers/provider-dot";
import { providerLabel } from "@/components/providers/provider-meta";
import { MenuActionItem } from "@/components/members/menu-action-item";
import { subjectOf } from "@/components/members/member-dialog-state";
import { useMemberDialogs } from "@/components/members/member-dialogs-provider";
import { useMembershipActions } from "@/components/members/membership-actions";
import { RoleSubmenu } from "@/components/members/role-submenu";
import { roleLabel } from "@/lib/providers/role-label";

export function personLabel(person: Person): string {
  return person.name || person.email || person.key;
}

/** The menu's items, rendered only while it is open. */
function UserRowMenu({ person }: { person: Person }) {
  const dialogs = useMemberDialogs();
  const actionsOf = useMembershipActions();
  const subject = subjectOf(person);
  const memberships = [...person.memberships].sort((a, b) => PROVIDER_IDS.indexOf(a.provider) - PROVIDER_IDS.indexOf(b.provider));

  return (
    <>
      {person.email ? (
        <DropdownMenuItem asChild>
          <Link href={personHref(person.email)} prefetch={false}>
            <SquareArrowOutUpRight aria-hidden />
            Open person
          </Link>
        </DropdownMenuItem>
      ) : (
        <DropdownMenuItem disabled className="h-auto items-start py-1.5 [&>svg]:mt-0.5">
          <SquareArrowOutUpRight aria-hidden />
          <span>
            Open person
            <DropdownMenuItemHint>No email to look this account up by</DropdownMenuItemHint>
          </span>
        </DropdownMenuItem>
      )}
      {memberships.map((membership) => {
        const actions = actionsOf(membership);
        const provider = providerLabel(membership.provider);
        const target = { person: subject, membership };
        return (
          <Fragment key={`${membership.provider}:${membership.id}`}>
            <DropdownMenuSeparator />
            <DropdownMenuLabel className="flex items-center gap-1.5">
              <ProviderDot provider={membership.provider} className="size-1.5" />
              {provider}
              <span className="truncate font-normal">· {membership.status === "invited" ? "invited" : roleLabel(membership.role)}</span>
            </DropdownMenuLabel>
            {actions.changeRole ? (
              <RoleSubmenu
                membership={membership}
                state={actions.changeRole}
                onPick={(role, workspaceId) => dialogs.open({ kind: "change-role", target, role, workspaceId })}
              />
            ) : null}
            {actions.remove ? (
              <MenuActionItem
                state={actions.remove}
                label={`Remove from ${provider}`}
                icon={<UserMinus aria-hidden />}
                onSelect={() => dialogs.open({ kind: "remove", target })}
                destructive
              />
            ) : null}
            {actions.revokeInvite ? (
              <MenuActionItem
                state={actions.revokeInvite}
                label={`Revoke invite on ${provider}`}
                icon={<MailX aria-hidden />}
                onSelect={() => dialogs.open({ kind: "revoke-invite", target })}
                destructive
              />
            ) : null}
          </Fragment>
        );
      })}
    </>
  );
}

/** The "⋯" button at the end of a users-table row. */
export function UserRowActions({ person }: { person: Person }) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon-sm" aria-label={`Actions for ${personLabel(person)}`}>
          <MoreHorizontal aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent className="max-h-[70vh] w-72 overflow-y-auto">
        <UserRowMenu person={person} />
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
